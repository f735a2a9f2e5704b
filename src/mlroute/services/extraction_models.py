"""Typed results of the extraction services: ``extract``, ``profile from-resume``, ``match`` and ``market``.

The CLI prints ``model_dump(mode="json")`` and the web API declares these as ``response_model``; the JSON keys are
the ones these commands have always printed, plus the cues added since (``kind``, ``hedged``, ``level``,
``one_of``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from mlroute.extract.kind import DocumentKind

Requirement = Literal["required", "preferred", "unknown"]


class ExtractionResult(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


class SkillRef(ExtractionResult):
    skill_id: str
    name: str
    name_zh: str | None = None
    pillar: str | None = None


class Evidence(ExtractionResult):
    """One place in the text that names or describes the skill."""

    skill_id: str
    text: str
    start: int
    end: int
    sentence: str
    confidence: float
    requirement: Requirement = "unknown"
    negated: bool = False
    method: Literal["lexical", "semantic"] = "lexical"
    hedged: bool = False
    level: int | None = None
    one_of: list[str] = []


class SkillGroup(SkillRef):
    """A skill found in a document, with every piece of evidence for it."""

    requirement: Requirement
    negated: bool
    hedged: bool = False
    level: int | None = None
    one_of: list[str] = []
    confidence: float
    count: int
    evidence: list[Evidence]


class OtherSkill(ExtractionResult):
    """A skill or knowledge span the tagger found that names no skill of the knowledge base."""

    text: str
    kind: Literal["skill", "knowledge"]
    count: int
    sentence: str


class ExtractResult(ExtractionResult):
    source: str
    format: str
    encoding: str | None
    language: str
    kind: DocumentKind
    characters: int
    semantic: str | None
    mentions: int
    skills: list[SkillGroup]
    other_skills: list[OtherSkill] = []


class Snippet(ExtractionResult):
    text: str
    sentence: str
    section: str


class Proposal(SkillRef):
    proposed_level: int
    level_name: str
    current_level: int | None
    change: int | None
    years: float | None
    last_used: int | None
    contexts: list[str]
    reasons: list[str]
    evidence: list[Snippet]


class ResumeResult(ExtractionResult):
    source: str
    language: str
    semantic: str | None
    as_of: dt.date
    skills: list[Proposal]
    profile_skills: dict[str, int]
    note: str
    written: str | None = None


class AskedSkill(SkillRef):
    requirement: Requirement
    weight: float
    needed_level: int
    your_level: int
    coverage: float
    one_of: list[str] = []


class MissingSkill(SkillRef):
    requirement: Requirement
    needed_level: int
    your_level: int
    priority: float
    closable: bool
    one_of: list[str] = []


class MatchItem(ExtractionResult):
    id: str
    kind: str
    title: str
    hours: float
    closes: list[str]
    source: str
    hours_basis: str | None = None


class MatchResult(ExtractionResult):
    source: str
    language: str
    semantic: str | None
    profile: str | None
    readiness: float
    asked: list[AskedSkill]
    missing: list[MissingSkill]
    items: list[MatchItem]
    hours_until_ready: float
    weeks_until_ready: float | None
    hours_per_week: float
    note: str | None


class MarketSkill(SkillRef):
    postings: int
    share: float
    required: int
    preferred: int
    weighted: float


class TopSkill(ExtractionResult):
    skill_id: str
    postings: int
    share: float


class Split(ExtractionResult):
    postings: int
    top_skills: list[TopSkill]


class Pair(ExtractionResult):
    a: str
    b: str
    postings: int
    lift: float


class Skipped(ExtractionResult):
    file: str
    reason: str


class OtherDemand(ExtractionResult):
    text: str
    kind: Literal["skill", "knowledge"]
    postings: int
    share: float


class MarketResult(ExtractionResult):
    source: str
    files: int
    skipped: list[Skipped]
    semantic: str | None
    postings: int
    skills: list[MarketSkill]
    cooccurrence: list[Pair]
    by_role: dict[str, Split]
    by_seniority: dict[str, Split]
    other_skills: list[OtherDemand] = []
