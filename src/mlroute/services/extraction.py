"""Extraction use cases: extract, profile from a resume, match a posting, market demand. Shared by CLI and web.

Each returns a typed result (``extraction_models``); JSON is ``model_dump(mode="json")``. Each takes the
``Settings`` of the run (default: read from the environment): the knowledge base, the embedding model and the
limits. The semantic stage uses the model named by ``semantic`` (a spec, ``default`` for the linker shipped with
mlroute, or ``none``), else the ``MLROUTE_EMBEDDINGS`` setting, else the shipped linker when it is installed; the
result names the model it used. Every input is bounded (``extract.limits``, set by ``MLROUTE_MAX_*``): a file over
a limit is refused with a message naming the limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from mlroute.errors import UserError
from mlroute.extract import demand, readiness, resume, spans
from mlroute.extract.kind import DocumentKind, kind_of, language
from mlroute.extract.lexical import LexicalMatcher
from mlroute.extract.linker import LabelSet, Linker
from mlroute.extract.models import Mention, Posting
from mlroute.extract.readers import iter_posting_files, read_all, read_document
from mlroute.extract.semantic import load_encoder, resolve_spec
from mlroute.kb import KBIndex
from mlroute.kb.models import LEVEL_NAMES
from mlroute.profile import Profile
from mlroute.services.closing_items import closing_items
from mlroute.services.extraction_models import (
    AskedSkill,
    Evidence,
    ExtractResult,
    MarketResult,
    MatchItem,
    MatchResult,
    MissingSkill,
    OtherSkill,
    Proposal,
    ResumeResult,
    SkillGroup,
    Snippet,
)
from mlroute.services.kb import index as kb_index
from mlroute.settings import Settings

Progress = Callable[[int, int], None]
BATCH = 64


@lru_cache(maxsize=4)
def _linker(root: Path, spec: str | None, window: int) -> Linker:
    encoder = load_encoder(spec) if spec else None
    return Linker(LabelSet.from_kb(kb_index(root).kb), encoder, window=window)


def linker(semantic: str | None = None, settings: Settings | None = None) -> Linker:
    """The linker over the knowledge base the settings name, built once per (knowledge base, model, window)."""
    settings = settings or Settings()
    spec = resolve_spec(semantic, settings.embeddings)
    return _linker(settings.kb_dir(), spec, settings.max_sentence_chars)


def _skill_ref(idx: KBIndex, skill_id: str) -> dict[str, Any]:
    skill = idx.skills.get(skill_id)
    if skill is None:
        return {"skill_id": skill_id, "name": skill_id, "name_zh": None, "pillar": None}
    return {"skill_id": skill_id, "name": skill.name.en, "name_zh": skill.name.zh, "pillar": skill.pillar}


def _evidence(m: Mention, kind: DocumentKind) -> Evidence:
    data = m.to_json()
    if kind == "resume":
        data["requirement"] = "unknown"  # a resume states what someone has, never what is required
    return Evidence.model_validate(data)


def group_mentions(idx: KBIndex, mentions: Sequence[Mention], kind: DocumentKind = "posting") -> list[SkillGroup]:
    """Mentions grouped by skill, with evidence; strongest requirement first, then most mentioned."""
    grouped: dict[str, list[Mention]] = {}
    for m in mentions:
        grouped.setdefault(m.skill_id, []).append(m)
    out = []
    for skill_id, ms in grouped.items():
        asked = demand.asked_skills(ms)
        held = [m for m in ms if not (m.negated or m.hedged)]
        levels = [m.level for m in held if m.level is not None]
        out.append(
            SkillGroup(
                **_skill_ref(idx, skill_id),
                requirement=asked.get(skill_id, "unknown") if kind == "posting" else "unknown",
                negated=all(m.negated for m in ms),
                hedged=bool(ms) and all(m.hedged or m.negated for m in ms) and any(m.hedged for m in ms),
                level=max(levels) if levels else None,
                one_of=list(next((m.one_of for m in held if m.one_of), ())),
                confidence=max(m.confidence for m in ms),
                count=len(ms),
                evidence=[_evidence(m, kind) for m in ms],
            )
        )
    rank = {"required": 0, "unknown": 1, "preferred": 2}
    return sorted(out, key=lambda g: (g.negated or g.hedged, rank[g.requirement], -g.count, g.skill_id))


@lru_cache(maxsize=4)
def _known_names(root: Path) -> frozenset[str]:
    return frozenset(" ".join(alias.lower().split()) for _, alias in LabelSet.from_kb(kb_index(root).kb).aliases)


@lru_cache(maxsize=2)
def _tagger(root: Path) -> spans.SpanTagger | None:
    return spans.shipped(LexicalMatcher(LabelSet.from_kb(kb_index(root).kb).aliases))


def _other_spans(text: str, mentions: Sequence[Mention], settings: Settings) -> list[spans.Span]:
    """Tagger spans that name no skill of the knowledge base (empty when the tagger is not installed)."""
    tagger = _tagger(settings.kb_dir())
    if tagger is None:
        return []
    named = [(m.start, m.end) for m in mentions if m.method == "lexical"]
    linked = [(m.start, m.end) for m in mentions if m.method == "semantic"]
    found = spans.other_skills(tagger.spans(text, settings.max_sentence_chars), named, _known_names(settings.kb_dir()))
    # a span that is most of a clause the linker already linked to a skill is that skill, not another one
    return [
        sp
        for sp in found
        if not any(s <= sp.start and sp.end <= e and 2 * (sp.end - sp.start) >= e - s for s, e in linked)
    ]


def other_skills(text: str, mentions: Sequence[Mention], settings: Settings | None = None) -> list[OtherSkill]:
    """Skills outside the knowledge base, grouped by their words, most mentioned first."""
    found = _other_spans(text, mentions, settings or Settings())
    return [OtherSkill.model_validate(g) for g in spans.grouped(text, found)]


def _semantic_name(lk: Linker) -> str | None:
    return lk.encoder.name if lk.encoder is not None else None


def extract(
    path: Path,
    *,
    semantic: str | None = None,
    kind: str = "auto",
    spans_too: bool = True,
    settings: Settings | None = None,
) -> ExtractResult:
    """Skill mentions in one file, grouped by skill, and (``spans_too``) the skills it names that the knowledge
    base does not know. ``kind``: posting, resume or auto (guessed from headings)."""
    settings = settings or Settings()
    doc = read_document(Path(path), settings.limits())
    lk = linker(semantic, settings)
    mentions = lk.extract(doc.text)
    idx = kb_index(settings.kb_dir())
    doc_kind = kind_of(kind, doc.text)
    return ExtractResult(
        source=doc.source,
        format=doc.format,
        encoding=doc.encoding,
        language=language(doc.text),
        kind=doc_kind,
        characters=len(doc.text),
        semantic=_semantic_name(lk),
        mentions=len(mentions),
        skills=group_mentions(idx, mentions, doc_kind),
        other_skills=other_skills(doc.text, mentions, settings) if spans_too else [],
    )


def profile_from_resume(
    path: Path,
    *,
    profile: Profile | None = None,
    today: dt.date | None = None,
    semantic: str | None = None,
    settings: Settings | None = None,
) -> ResumeResult:
    """Proposed skill levels with their evidence, for the person to confirm; writes nothing."""
    today = today or dt.date.today()
    settings = settings or Settings()
    doc = read_document(Path(path), settings.limits())
    lk = linker(semantic, settings)
    mentions = lk.extract(doc.text)
    evidence = resume.collect(doc.text, mentions, today, settings.max_sentence_chars)
    idx = kb_index(settings.kb_dir())
    proposals = []
    for skill_id, ev in evidence.items():
        level, reasons = resume.propose_level(ev, today)
        current = profile.level(skill_id) if profile is not None else None
        proposals.append(
            Proposal(
                **_skill_ref(idx, skill_id),
                proposed_level=level,
                level_name=LEVEL_NAMES[level],
                current_level=current,
                change=None if current is None else level - current,
                years=ev.years or None,
                last_used=ev.last_used,
                contexts=sorted(ev.contexts),
                reasons=reasons,
                evidence=[Snippet.model_validate(s) for s in ev.snippets],
            )
        )
    proposals.sort(key=lambda p: (-p.proposed_level, p.skill_id))
    return ResumeResult(
        source=doc.source,
        language=language(doc.text),
        semantic=_semantic_name(lk),
        as_of=today,
        skills=proposals,
        profile_skills={p.skill_id: p.proposed_level for p in proposals},
        note="A proposal: confirm or edit each level, then put them under `skills:` in your profile.",
    )


def match(
    posting_path: Path, profile: Profile | None = None, *, semantic: str | None = None, settings: Settings | None = None
) -> MatchResult:
    """Readiness for one posting, the missing skills ranked, the items that close them, and hours until ready."""
    settings = settings or Settings()
    doc = read_document(Path(posting_path), settings.limits())
    lk = linker(semantic, settings)
    mentions = lk.extract(doc.text)
    idx = kb_index(settings.kb_dir())
    person = profile or Profile()
    role = idx.roles.get(person.target_role)
    role_levels = {r.skill: r.level for r in role.requirements} if role else {}
    asks = readiness.asks(mentions, person.skills, role_levels)
    missing = readiness.missing(asks)
    weights = {a.skill_id: a.weight for a in asks}
    items = closing_items(person, idx, {a.skill_id: a.weight for a in missing}, {a.skill_id: a.needed for a in missing})
    closable = {s for item in items for s in item["closes"]}
    hours = round(sum(float(item["hours"]) for item in items), 1)
    weekly = person.hours_per_week
    return MatchResult(
        source=doc.source,
        language=language(doc.text),
        semantic=_semantic_name(lk),
        profile=person.name or (None if profile is None else "(unnamed)"),
        readiness=readiness.readiness(asks),
        asked=[
            AskedSkill(
                **_skill_ref(idx, a.skill_id),
                requirement=a.requirement,
                weight=a.weight,
                needed_level=a.needed,
                your_level=a.level,
                coverage=round(a.coverage, 4),
                one_of=list(a.one_of),
            )
            for a in sorted(asks, key=lambda a: (-weights[a.skill_id], a.skill_id))
        ],
        missing=[
            MissingSkill(
                **_skill_ref(idx, a.skill_id),
                requirement=a.requirement,
                needed_level=a.needed,
                your_level=a.level,
                priority=round(a.weight * a.shortfall / a.needed, 4),
                closable=a.skill_id in closable,
                one_of=list(a.one_of),
            )
            for a in missing
        ],
        items=[MatchItem.model_validate(item) for item in items],
        hours_until_ready=hours,
        weeks_until_ready=round(hours / weekly, 1) if weekly > 0 else None,
        hours_per_week=weekly,
        note=None if profile is not None else "No profile given: every skill counts as level 0.",
    )


def _role_matcher(idx: KBIndex) -> LexicalMatcher:
    pairs = [(r.id, name) for r in idx.kb.roles for name in (r.name.en, r.name.zh, *r.aliases.all()) if name]
    return LexicalMatcher(pairs)


def market(
    path: Path,
    *,
    semantic: str | None = None,
    progress: Progress | None = None,
    spans_too: bool = False,
    settings: Settings | None = None,
) -> MarketResult:
    """Demand over many postings (a CSV/JSON/JSONL file, or a directory of files); with ``spans_too``, also the
    skills outside the knowledge base they ask for most (the span tagger: about 30 ms a posting)."""
    settings = settings or Settings()
    files = iter_posting_files(Path(path), settings.limits())
    postings, skipped = read_all(Path(path), files, settings.limits())
    if not postings:
        raise UserError(f"No readable postings under {str(path)!r}.", hint="See `skipped` for each file's problem.")
    lk = linker(semantic, settings)
    mentions: list[list[Mention]] = []
    for start in range(0, len(postings), BATCH):
        mentions.extend(lk.extract_many([p.text for p in postings[start : start + BATCH]]))
        if progress:
            progress(len(mentions), len(postings))
    idx = kb_index(settings.kb_dir())
    roles = _role_matcher(idx)

    def role_of(p: Posting) -> str:
        hits = roles.find(p.title) if p.title else []
        return hits[0].ids[0] if hits else "other"

    result = demand.aggregate(postings, mentions, role_of)
    for row in result["skills"]:
        row.update({k: v for k, v in _skill_ref(idx, row["skill_id"]).items() if k != "skill_id"})
    others = _other_demand(postings, mentions, settings) if spans_too else []
    return MarketResult.model_validate(
        {
            "source": str(path),
            "files": len(files),
            "skipped": skipped,
            "semantic": _semantic_name(lk),
            **result,
            "other_skills": others,
        }
    )


def _other_demand(
    postings: Sequence[Posting], mentions: Sequence[Sequence[Mention]], settings: Settings
) -> list[dict[str, Any]]:
    found = [_other_spans(p.text, ms, settings) for p, ms in zip(postings, mentions, strict=True)]
    return spans.demand(found, len(postings))


def demand_weights(market_result: MarketResult | Mapping[str, Any]) -> dict[str, float]:
    """Skill → weight in [0, 1] for ``plan --market``: requirement-weighted frequency relative to the top skill."""
    data = market_result.model_dump(mode="json") if isinstance(market_result, MarketResult) else market_result
    return demand.weights(dict(data))
