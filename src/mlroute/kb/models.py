"""Knowledge-base records.

The YAML files under ``mlroute/data`` are parsed into these models; every field that a later stage relies on
(levels, references, effort provenance) is validated here so that planners and extractors can trust the data.
Cross-record checks (references resolve, the prerequisite graph is acyclic) live in ``kb.validate``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from mlroute.kb.fields import Names, Slug, Strict
from mlroute.kb.practice import InterviewQuestion, QuizItem

Level = Annotated[int, Field(ge=0, le=4)]

LEVEL_NAMES = {0: "none", 1: "aware", 2: "working", 3: "proficient", 4: "expert"}

Pillar = Literal[
    "programming",
    "cs-fundamentals",
    "software-engineering",
    "data",
    "math-stats",
    "classic-ml",
    "deep-learning",
    "mlops",
    "domains",
    "career",
]
PILLARS: tuple[str, ...] = (
    "programming",
    "cs-fundamentals",
    "software-engineering",
    "data",
    "math-stats",
    "classic-ml",
    "deep-learning",
    "mlops",
    "domains",
    "career",
)

Background = Literal[
    "none",
    "student",
    "software_engineer",
    "devops_engineer",
    "data_scientist",
    "data_analyst",
    "researcher",
    "other",
]
BACKGROUNDS: tuple[str, ...] = (
    "none",
    "student",
    "software_engineer",
    "devops_engineer",
    "data_scientist",
    "data_analyst",
    "researcher",
    "other",
)

RouteId = Literal["software", "platform", "data-science", "from-zero"]
ResourceKind = Literal["course", "book", "tutorial", "docs", "video-series", "practice-platform"]
CostKind = Literal["free", "free-to-audit", "paid"]
EffortBasis = Literal["provider", "third-party", "derived", "unknown"]
Phase = Literal["start", "foundations", "core", "specialise", "before-applying", "job-search", "throughout"]
ProjectSize = Literal["small", "medium", "large"]


class Text(Strict):
    """A string in English and, where written, Chinese."""

    en: str = Field(min_length=1)
    zh: str | None = None

    def get(self, lang: str) -> str:
        if lang.startswith("zh") and self.zh:
            return self.zh
        return self.en


class Aliases(Strict):
    """Other ways people write the same thing; the extractor matches these."""

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.en, *self.zh]


class SkillLevel(Strict):
    """A reference to a skill at a minimum level (prerequisites, what a resource teaches)."""

    skill: Slug
    level: Level


class Skill(Strict):
    id: Slug
    name: Names
    pillar: Pillar
    description: Text
    aliases: Aliases = Field(default_factory=Aliases)
    prerequisites: list[SkillLevel] = Field(default_factory=list)
    esco_uri: str | None = Field(default=None, pattern=r"^http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}$")
    onet: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _no_self_prerequisite(self) -> Skill:
        if any(p.skill == self.id for p in self.prerequisites):
            raise ValueError(f"skill {self.id!r} lists itself as a prerequisite")
        return self


class Salary(Strict):
    """A salary figure, only ever with where and when it was published."""

    amount: float = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    period: Literal["year", "month", "hour"]
    region: str
    kind: str = "average base salary"
    source: HttpUrl
    as_of: str = Field(description="publication or retrieval date as the source gives it")


class Requirement(Strict):
    """A skill the role needs: ``level`` for the full role, ``entry`` to be hired into an entry-level position.

    Everything between ``entry`` and ``level`` is learnt after the switch ("keep growing"); the headline ETA only
    counts what gets a person to ``entry``.
    """

    skill: Slug
    level: Level
    entry: Level | None = Field(default=None, description="level an entry-level hire needs; default: level")
    weight: Annotated[float, Field(gt=0, le=1)]

    @model_validator(mode="after")
    def _entry_not_above_level(self) -> Requirement:
        if self.entry is not None and self.entry > self.level:
            raise ValueError(f"entry level {self.entry} is above the full level {self.level}")
        return self

    @property
    def entry_level(self) -> int:
        return self.level if self.entry is None else self.entry


class Role(Strict):
    id: Slug
    name: Names
    aliases: Aliases = Field(default_factory=Aliases)
    description: Text
    rationale: Text
    requirements: list[Requirement] = Field(min_length=1)
    entry_rationale: Text | None = Field(
        default=None, description="why the entry levels are what an entry-level hire needs, with sources"
    )
    salaries: list[Salary] = Field(default_factory=list)
    onet_code: str | None = None
    source: str | None = None

    @field_validator("requirements")
    @classmethod
    def _unique_skills(cls, v: list[Requirement]) -> list[Requirement]:
        seen: set[str] = set()
        for r in v:
            if r.skill in seen:
                raise ValueError(f"skill {r.skill!r} is listed twice")
            seen.add(r.skill)
        return v


class Cost(Strict):
    kind: CostKind
    price_usd: float | None = Field(default=None, ge=0)
    per: Literal["total", "month"] = Field(
        default="total", description="month: a subscription, so the price depends on how long the person takes"
    )
    note: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _free_costs_nothing(self) -> Cost:
        if self.kind == "free" and self.price_usd not in (None, 0):
            raise ValueError("a free resource cannot have a price")
        return self


class Effort(Strict):
    """How long a resource takes, and how we know.

    ``stated`` is the provider's own words, verbatim; ``hours`` is what we plan with and ``conversion``
    says how the words became hours. When no figure is known, ``basis`` is ``unknown``, ``hours`` is null
    and the planner falls back to a documented default for the resource's kind (see ``plan.effort``).
    """

    basis: EffortBasis
    stated: str | None = None
    source: str | None = None
    hours: float | None = Field(default=None, gt=0)
    conversion: str | None = None
    needs_check: bool = False
    scope: Literal["complete", "video"] = Field(
        default="complete",
        description="what the figure counts: the whole course (complete) or only its recorded lectures (video)",
    )

    @model_validator(mode="after")
    def _provenance(self) -> Effort:
        if self.basis == "unknown":
            if self.hours is not None:
                raise ValueError("basis 'unknown' must not carry hours")
            return self
        if self.hours is None:
            raise ValueError(f"basis {self.basis!r} needs 'hours'")
        if not self.source:
            raise ValueError(f"basis {self.basis!r} needs a 'source' for the figure")
        if self.basis == "provider" and not self.stated:
            raise ValueError("basis 'provider' needs the provider's words in 'stated'")
        if not self.conversion:
            raise ValueError("say in 'conversion' how the figure became hours")
        return self


class Endorsement(Strict):
    """Who recommends a resource, in their words (paraphrased), and where: the articles or a known curriculum."""

    by: str = Field(min_length=1, description="e.g. 'article 001' or 'Stanford CS229 syllabus'")
    text: Text
    source: str = Field(min_length=1)


class Resource(Strict):
    id: Slug
    title: str = Field(min_length=1)
    title_zh: str | None = None
    aliases: Aliases = Field(default_factory=Aliases)
    provider: str
    url: HttpUrl
    kind: ResourceKind
    format: str
    cost: Cost
    languages: list[str] = Field(min_length=1)
    chinese: str | None = Field(default=None, description="what Chinese material exists, and how official it is")
    teaches: list[SkillLevel] = Field(min_length=1)
    prerequisites: list[SkillLevel] = Field(default_factory=list)
    effort: Effort
    certificate: bool | None = None
    endorsements: list[Endorsement] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)

    @field_validator("languages")
    @classmethod
    def _lang_codes(cls, v: list[str]) -> list[str]:
        for code in v:
            if not code or len(code) > 8 or not code.replace("-", "").isalpha():
                raise ValueError(f"{code!r} is not a language code such as 'en' or 'zh'")
        return v

    @property
    def has_chinese(self) -> bool:
        return any(code.startswith("zh") for code in self.languages)


class RubricItem(Strict):
    id: Literal["deployed", "front-end", "readme", "tests", "write-up", "metric"]
    text: Text


class Project(Strict):
    id: Slug
    title: Names
    aliases: Aliases = Field(default_factory=Aliases)
    domain: Slug
    summary: Text
    skills: list[SkillLevel] = Field(min_length=1)
    prerequisites: list[SkillLevel] = Field(default_factory=list)
    size: ProjectSize
    hours: float = Field(gt=0)
    hours_basis: str = Field(min_length=1, description="how the estimate was made")
    rubric: list[RubricItem] = Field(min_length=6)
    deliverables: list[str] = Field(default_factory=list)

    @field_validator("rubric")
    @classmethod
    def _full_rubric(cls, v: list[RubricItem]) -> list[RubricItem]:
        missing = {"deployed", "front-end", "readme", "tests", "write-up", "metric"} - {r.id for r in v}
        if missing:
            raise ValueError(f"rubric lacks {sorted(missing)}")
        return v


class CareerAction(Strict):
    id: Slug
    title: Names
    aliases: Aliases = Field(default_factory=Aliases)
    description: Text
    phase: Phase
    routes: list[RouteId] = Field(min_length=1)
    backgrounds: list[Background] = Field(default_factory=list, description="empty: applies to everyone")
    requires_employer: bool = False
    at_work_if_employed: bool = Field(
        default=False, description="done in work time by people with an employer (an internal hackathon)"
    )
    evidence: Text
    hours: float = Field(gt=0)
    hours_basis: str
    weeks: int | None = Field(
        default=None, ge=1, le=52, description="for steps done at work: how many calendar weeks they run"
    )
    weeks_basis: str | None = None
    after: list[Slug] = Field(default_factory=list, description="career actions that must come first")
    skills: list[SkillLevel] = Field(default_factory=list, description="skills this action builds")
    source: str


class Pick(Strict):
    """A resource the route's source recommends for a phase: the plan takes one of ``one_of`` whenever one of them
    teaches something the person still needs to be ready, unless none fits their languages and budget."""

    one_of: list[Slug] = Field(min_length=1)
    why: Text
    source: str


class RoutePhase(Strict):
    id: Slug
    name: Names
    description: Text
    pillars: list[Pillar] = Field(min_length=1)
    entry: list[SkillLevel] = Field(default_factory=list, description="levels expected before the phase starts")
    picks: list[Pick] = Field(default_factory=list)


class Route(Strict):
    id: RouteId
    name: Names
    aliases: Aliases = Field(default_factory=Aliases)
    description: Text
    backgrounds: list[Background] = Field(min_length=1)
    phases: list[RoutePhase] = Field(min_length=2)
    source: str


class Meta(Strict):
    version: str
    updated: str
    description: str


class KnowledgeBase(Strict):
    meta: Meta
    skills: list[Skill]
    roles: list[Role]
    resources: list[Resource]
    projects: list[Project]
    career_actions: list[CareerAction]
    routes: list[Route]
    interview_questions: list[InterviewQuestion] = Field(default_factory=list)
    quiz_items: list[QuizItem] = Field(default_factory=list)
