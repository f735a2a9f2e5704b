"""What extraction produces: documents, postings and skill mentions.

Plain frozen dataclasses so the extractor stays a pure function of text (and so runs unchanged inside a batch
engine); ``to_json`` gives the dicts that services return.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Requirement = Literal["required", "preferred", "unknown"]


@dataclass(frozen=True)
class Mention:
    """One place in a text where a skill is named (lexical) or described (semantic)."""

    skill_id: str
    text: str
    start: int
    end: int
    sentence: str
    confidence: float
    requirement: Requirement = "unknown"
    negated: bool = False
    method: Literal["lexical", "semantic"] = "lexical"
    hedged: bool = False  # hoped for or to be learnt ("looking to move into ML", "希望学习"), not held or asked
    level: int | None = None  # the level a proficiency word states (了解 1 … 精通 4), if any
    one_of: tuple[str, ...] = ()  # the skills of an alternative this mention belongs to ("PyTorch 或 TensorFlow")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["one_of"] = list(self.one_of)
        return data


@dataclass(frozen=True)
class Document:
    """Text read from a file, with what we know about where it came from."""

    text: str
    source: str
    format: str
    encoding: str | None = "utf-8"


@dataclass(frozen=True)
class Posting:
    """One job posting; only ``description`` is required, the rest is used for splits when present."""

    description: str
    title: str = ""
    company: str = ""
    location: str = ""
    seniority: str = ""
    date: str = ""
    source: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}" if self.title else self.description
