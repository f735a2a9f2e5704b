"""Knowledge-base use cases: check, stats, show, search, export. Shared by the CLI and the web app."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

from mlroute.errors import UnknownIdError
from mlroute.kb import KBIndex, default_data_dir, get_index, load_problems
from mlroute.kb.index import PREFIX_OF, display_name
from mlroute.kb.models import PILLARS


def kb_dir() -> Path:
    """The knowledge base in use: ``MLROUTE_KB`` if set, else the embedded one."""
    env = os.environ.get("MLROUTE_KB")
    return Path(env) if env else default_data_dir()


def index() -> KBIndex:
    return get_index(kb_dir())


def check(root: Path | None = None) -> dict[str, Any]:
    kb, problems = load_problems(root or kb_dir())
    return {
        "valid": not problems,
        "version": kb.meta.version if kb else None,
        "problems": [{"file": p.file, "record": p.record, "field": p.field, "message": p.message} for p in problems],
    }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def stats() -> dict[str, Any]:
    from mlroute.kb.questions import bank_stats, quiz_stats

    idx = index()
    kb = idx.kb
    resources = kb.resources
    basis = Counter(r.effort.basis for r in resources)
    cost = Counter(r.cost.kind for r in resources)
    return {
        "version": kb.meta.version,
        "counts": {
            "skills": len(kb.skills),
            "roles": len(kb.roles),
            "resources": len(resources),
            "projects": len(kb.projects),
            "career_actions": len(kb.career_actions),
            "routes": len(kb.routes),
            "interview_questions": len(kb.interview_questions),
            "quiz_items": len(kb.quiz_items),
        },
        "interview_bank": bank_stats(kb.interview_questions, idx.skills),
        "quizzes": quiz_stats(kb.quiz_items),
        "skills_per_pillar": {p: sum(1 for s in kb.skills if s.pillar == p) for p in PILLARS},
        "skills_with_chinese_name": _share(sum(1 for s in kb.skills if s.name.zh.strip()), len(kb.skills)),
        "skills_with_chinese_alias": _share(sum(1 for s in kb.skills if s.aliases.zh), len(kb.skills)),
        "skills_with_esco_or_onet": _share(sum(1 for s in kb.skills if s.esco_uri or s.onet), len(kb.skills)),
        "prerequisite_edges": sum(len(s.prerequisites) for s in kb.skills),
        "resources_with_provider_effort": _share(basis["provider"], len(resources)),
        "resources_effort_basis": {b: basis[b] for b in ("provider", "third-party", "derived", "unknown")},
        "resources_free": _share(cost["free"], len(resources)),
        "resources_free_or_audit": _share(cost["free"] + cost["free-to-audit"], len(resources)),
        "resources_with_chinese": _share(sum(1 for r in resources if r.has_chinese), len(resources)),
        "resources_per_kind": dict(sorted(Counter(r.kind for r in resources).items())),
    }


def show(ref: str) -> dict[str, Any]:
    idx = index()
    found = idx.find(ref)
    if not found:
        raise UnknownIdError("knowledge-base", ref, idx.suggest(ref))
    kind, rec = found[0]
    data = rec.model_dump(mode="json")
    data["kind"] = kind
    data["ref"] = f"{PREFIX_OF[kind]}:{rec.id}"
    if len(found) > 1:
        data["also"] = [f"{PREFIX_OF[k]}:{r.id}" for k, r in found[1:]]
    if kind == "skill":
        data["required_by"] = sorted(s.id for s in idx.kb.skills if any(p.skill == rec.id for p in s.prerequisites))
        data["taught_by"] = sorted(r.id for r in idx.kb.resources if any(t.skill == rec.id for t in r.teaches))
    return data


def search(text: str, limit: int = 20, lang: str = "en") -> list[dict[str, Any]]:
    idx = index()
    hits = idx.search(text, limit=limit)
    return [
        {
            "kind": h.kind,
            "id": h.id,
            "ref": f"{PREFIX_OF[h.kind]}:{h.id}",
            "name": display_name(idx.find(f"{PREFIX_OF[h.kind]}:{h.id}")[0][1], lang),
            "matched": h.matched,
            "score": h.score,
        }
        for h in hits
    ]


def export() -> dict[str, Any]:
    kb = index().kb
    return kb.model_dump(mode="json")
