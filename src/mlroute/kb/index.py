"""Lookups over a loaded knowledge base: by id, by text (English or Chinese), and close-match suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz, process

from mlroute.errors import UnknownIdError
from mlroute.kb.models import (
    CareerAction,
    KnowledgeBase,
    Project,
    Resource,
    Role,
    Route,
    Skill,
)

KINDS = ("skill", "role", "resource", "project", "career_action", "route")
KIND_FIELDS = {
    "skill": "skills",
    "role": "roles",
    "resource": "resources",
    "project": "projects",
    "career_action": "career_actions",
    "route": "routes",
}
# Short prefixes accepted in front of an id, e.g. ``res:fastai-course``.
PREFIXES = {
    "skill": "skill",
    "role": "role",
    "res": "resource",
    "resource": "resource",
    "proj": "project",
    "project": "project",
    "act": "career_action",
    "action": "career_action",
    "route": "route",
}

Record = Skill | Role | Resource | Project | CareerAction | Route


def record_names(rec: Any) -> list[str]:
    """Every human name a record goes by: titles and aliases in both languages."""
    names: list[str] = []
    if isinstance(rec, Resource):
        names.append(rec.title)
        if rec.title_zh:
            names.append(rec.title_zh)
    else:
        named = getattr(rec, "name", None) or getattr(rec, "title", None)
        if named is not None:
            names += [named.en, named.zh]
    aliases = getattr(rec, "aliases", None)
    if aliases is not None:
        names += aliases.all()
    return [n for n in names if n]


def display_name(rec: Any, lang: str = "en") -> str:
    if isinstance(rec, Resource):
        return rec.title_zh if lang.startswith("zh") and rec.title_zh else rec.title
    named = getattr(rec, "name", None) or getattr(rec, "title", None)
    return named.get(lang) if named is not None else str(rec.id)


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    name: str
    score: float
    matched: str


@dataclass
class KBIndex:
    kb: KnowledgeBase
    _by_kind: dict[str, dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self._by_kind = {kind: {r.id: r for r in getattr(self.kb, f)} for kind, f in KIND_FIELDS.items()}

    # -- by id -----------------------------------------------------------------------------------------
    @property
    def skills(self) -> dict[str, Skill]:
        return self._by_kind["skill"]

    @property
    def roles(self) -> dict[str, Role]:
        return self._by_kind["role"]

    @property
    def resources(self) -> dict[str, Resource]:
        return self._by_kind["resource"]

    @property
    def projects(self) -> dict[str, Project]:
        return self._by_kind["project"]

    @property
    def career_actions(self) -> dict[str, CareerAction]:
        return self._by_kind["career_action"]

    @property
    def routes(self) -> dict[str, Route]:
        return self._by_kind["route"]

    def split_ref(self, ref: str) -> tuple[str | None, str]:
        prefix, sep, rest = ref.partition(":")
        if sep and prefix in PREFIXES:
            return PREFIXES[prefix], rest
        return None, ref

    def find(self, ref: str) -> list[tuple[str, Any]]:
        """All records an id (optionally prefixed) names, as (kind, record)."""
        kind, rid = self.split_ref(ref.strip())
        kinds = [kind] if kind else list(KINDS)
        return [(k, self._by_kind[k][rid]) for k in kinds if rid in self._by_kind[k]]

    def get(self, kind: str, rid: str) -> Any:
        try:
            return self._by_kind[kind][rid]
        except KeyError:
            raise UnknownIdError(kind.replace("_", " "), rid, self.suggest(rid, kind)) from None

    def skill(self, rid: str) -> Skill:
        found: Skill = self.get("skill", rid)
        return found

    def role(self, rid: str) -> Role:
        found: Role = self.get("role", rid)
        return found

    # -- suggestions and search --------------------------------------------------------------------------
    @cached_property
    def _choices(self) -> list[tuple[str, str, str]]:
        """(kind, id, text) for every id and name; the search space for suggestions and search."""
        out: list[tuple[str, str, str]] = []
        for kind in KINDS:
            for rid, rec in self._by_kind[kind].items():
                out.append((kind, rid, rid))
                out.extend((kind, rid, name) for name in record_names(rec))
        return out

    def suggest(self, text: str, kind: str | None = None, limit: int = 3) -> list[str]:
        """The closest ids to a mistyped id or name."""
        pool = [(k, rid, t) for k, rid, t in self._choices if kind is None or k == kind]
        matches = process.extract(
            text.lower(),
            [t.lower() for _, _, t in pool],
            scorer=fuzz.WRatio,
            limit=limit * 6,
            score_cutoff=60,
        )
        out: list[str] = []
        for _, _, i in matches:
            k, rid, _ = pool[i]
            label = rid if kind else f"{PREFIX_OF[k]}:{rid}"
            if label not in out:
                out.append(label)
            if len(out) == limit:
                break
        return out

    def search(self, text: str, limit: int = 20, kinds: tuple[str, ...] = KINDS) -> list[Hit]:
        """Records whose id, name or alias matches ``text`` (substring first, then fuzzy), best first."""
        query = text.strip().lower()
        if not query:
            return []
        best: dict[tuple[str, str], Hit] = {}
        for kind, rid, name in self._choices:
            if kind not in kinds:
                continue
            low = name.lower()
            if low == query:
                score = 100.0
            elif query in low:
                score = 90.0 - min(len(low) - len(query), 30) / 3
            else:
                score = float(fuzz.WRatio(query, low))
                if score < 75:
                    continue
                score *= 0.85
            key = (kind, rid)
            if key not in best or best[key].score < score:
                best[key] = Hit(kind, rid, display_name(self._by_kind[kind][rid]), round(score, 1), name)
        # Descriptions are searched last, so a word that only appears there still finds the record.
        for kind in kinds:
            for rid, rec in self._by_kind[kind].items():
                desc = getattr(rec, "description", None) or getattr(rec, "summary", None)
                blob = f"{desc.en} {desc.zh or ''}".lower() if desc is not None else ""
                if (kind, rid) not in best and query in blob:
                    best[(kind, rid)] = Hit(kind, rid, display_name(rec), 50.0, "description")
        return sorted(best.values(), key=lambda h: (-h.score, h.kind, h.id))[:limit]


PREFIX_OF = {
    "skill": "skill",
    "role": "role",
    "resource": "res",
    "project": "proj",
    "career_action": "act",
    "route": "route",
}
