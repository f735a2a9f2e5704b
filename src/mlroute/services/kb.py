"""Knowledge-base use cases: check, stats, show, search, export. Shared by the CLI and the web app.

Each takes the index to use; without one it loads the knowledge base ``Settings`` names (``MLROUTE_KB``, else
the embedded one), built once per directory.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import RootModel

from mlroute.errors import UnknownIdError
from mlroute.extract.script import mainland_words, to_simplified
from mlroute.kb import KBIndex, KnowledgeBase, get_index, load_problems
from mlroute.kb.index import PREFIX_OF, Hit, display_name
from mlroute.kb.models import PILLARS
from mlroute.kb.questions import bank_stats, quiz_stats
from mlroute.services.results import Document, Result


class Problem(Result):
    file: str
    record: str
    field: str
    message: str


class Check(Result):
    valid: bool
    version: str | None
    problems: list[Problem]


class InterviewBankStats(Result):
    """The interview bank by pillar, kind, level and language, and where its questions come from."""

    questions: int
    by_pillar: dict[str, int]
    by_kind: dict[str, int]
    by_level: dict[str, int]
    by_language: dict[str, int]
    by_pillar_and_kind: dict[str, dict[str, int]]
    skills_covered: int
    with_worked_answer: int
    with_answer_link: int
    from_public_collections: int
    licences: dict[str, int]


class QuizStats(Result):
    """Quiz items by type, and per skill and level."""

    items: int
    skills: int
    by_type: dict[str, int]
    per_skill: dict[str, dict[str, int]]


class Stats(Result):
    version: str
    counts: dict[str, int]
    interview_bank: InterviewBankStats
    quizzes: QuizStats
    skills_per_pillar: dict[str, int]
    skills_with_chinese_name: float
    skills_with_chinese_alias: float
    skills_with_esco_or_onet: float
    prerequisite_edges: int
    resources_with_provider_effort: float
    resources_effort_basis: dict[str, int]
    resources_free: float
    resources_free_or_audit: float
    resources_with_chinese: float
    resources_per_kind: dict[str, int]


class SearchHit(Result):
    kind: str
    id: str
    ref: str
    name: str
    matched: str
    score: float


class SearchHits(RootModel[list[SearchHit]]):
    pass


def kb_dir() -> Path:
    """The knowledge base in use: ``MLROUTE_KB`` if set, else the embedded one."""
    from mlroute.settings import Settings

    return Settings().kb_dir()


def index(root: Path | None = None) -> KBIndex:
    """The validated knowledge base at ``root`` (default: ``kb_dir()``), loaded once per directory; the embedded
    one is kept parsed in the user cache directory across commands (``Settings.kb_cache_dir``)."""
    from mlroute.kb.loader import default_data_dir
    from mlroute.settings import Settings

    settings = Settings()
    where = root or settings.kb_dir()
    embedded = where.resolve() == default_data_dir().resolve()
    return get_index(where, settings.kb_cache_dir() if embedded else None)


def check(root: Path | None = None) -> Check:
    kb, problems = load_problems(root or kb_dir())
    return Check(
        valid=not problems,
        version=kb.meta.version if kb else None,
        problems=[Problem(file=p.file, record=p.record, field=p.field, message=p.message) for p in problems],
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def stats(idx: KBIndex | None = None) -> Stats:
    idx = idx or index()
    kb = idx.kb
    resources, skills = kb.resources, kb.skills
    basis = Counter(r.effort.basis for r in resources)
    cost = Counter(r.cost.kind for r in resources)
    return Stats(
        version=kb.meta.version,
        counts={
            "skills": len(skills),
            "roles": len(kb.roles),
            "resources": len(resources),
            "projects": len(kb.projects),
            "career_actions": len(kb.career_actions),
            "routes": len(kb.routes),
            "interview_questions": len(kb.interview_questions),
            "quiz_items": len(kb.quiz_items),
        },
        interview_bank=InterviewBankStats.model_validate(bank_stats(kb.interview_questions, idx.skills)),
        quizzes=QuizStats.model_validate(quiz_stats(kb.quiz_items)),
        skills_per_pillar={p: sum(1 for s in skills if s.pillar == p) for p in PILLARS},
        skills_with_chinese_name=_share(sum(1 for s in skills if s.name.zh.strip()), len(skills)),
        skills_with_chinese_alias=_share(sum(1 for s in skills if s.aliases.zh), len(skills)),
        skills_with_esco_or_onet=_share(sum(1 for s in skills if s.esco_uri or s.onet), len(skills)),
        prerequisite_edges=sum(len(s.prerequisites) for s in skills),
        resources_with_provider_effort=_share(basis["provider"], len(resources)),
        resources_effort_basis={b: basis[b] for b in ("provider", "third-party", "derived", "unknown")},
        resources_free=_share(cost["free"], len(resources)),
        resources_free_or_audit=_share(cost["free"] + cost["free-to-audit"], len(resources)),
        resources_with_chinese=_share(sum(1 for r in resources if r.has_chinese), len(resources)),
        resources_per_kind=dict(sorted(Counter(r.kind for r in resources).items())),
    )


def show(ref: str, idx: KBIndex | None = None) -> Document:
    """One record as JSON, with its ``kind``, its prefixed ``ref``, and for a skill what requires and teaches it."""
    idx = idx or index()
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
    return Document(data)


def spellings(text: str) -> list[str]:
    """The query as typed and, for Chinese, in Simplified characters and in mainland words: the knowledge base is
    written in Simplified, and 機器學習 or 資料科學 should find 机器学习 and 数据科学. The query as typed is kept
    because the character map is not one-to-one (乾 is also a Simplified character)."""
    if text.isascii():
        return [text]
    return list(dict.fromkeys([text, to_simplified(text), mainland_words(text)]))


def search(text: str, limit: int = 20, lang: str = "en", idx: KBIndex | None = None) -> SearchHits:
    """Records matching ``text`` in any of its spellings, each at its best score, best first."""
    idx = idx or index()
    best: dict[tuple[str, str], Hit] = {}
    for spelling in spellings(text):
        for h in idx.search(spelling, limit=limit):
            if (h.kind, h.id) not in best or best[(h.kind, h.id)].score < h.score:
                best[(h.kind, h.id)] = h
    return SearchHits(
        [
            SearchHit(
                kind=h.kind,
                id=h.id,
                ref=f"{PREFIX_OF[h.kind]}:{h.id}",
                name=display_name(idx.find(f"{PREFIX_OF[h.kind]}:{h.id}")[0][1], lang),
                matched=h.matched,
                score=h.score,
            )
            for h in sorted(best.values(), key=lambda h: (-h.score, h.kind, h.id))[:limit]
        ]
    )


def export(idx: KBIndex | None = None) -> KnowledgeBase:
    return (idx or index()).kb
