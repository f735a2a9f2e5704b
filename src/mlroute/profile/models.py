"""Where a person stands and what they can give: the input of every plan.

Every field has a default so a short profile works; unknown keys are errors so a typo is reported instead of
silently ignored. Ids are checked against the knowledge base separately (``profile.ids``), because the model
itself must not depend on which knowledge base is in use.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from mlroute.kb.models import BACKGROUNDS, Background, ResourceKind


def _no_bool(value: object) -> object:
    """YAML reads ``yes``/``true`` as a boolean, which pydantic would take as 1; a number field wants a number."""
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is a yes/no value, not a number; write a number")
    return value


Number = BeforeValidator(_no_bool)
Level = Annotated[int, Field(ge=0, le=4), Number]
Hours = Annotated[float, Field(ge=0, le=100), Number]

# ISO 639 codes (two or three letters) with an optional region or script: en, zh, zh-hans, pt-br.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})*")
# What people write instead of the code.
LANGUAGE_NAMES = {
    "english": "en",
    "英语": "en",
    "英文": "en",
    "chinese": "zh",
    "mandarin": "zh",
    "中文": "zh",
    "汉语": "zh",
    "简体中文": "zh",
    "繁體中文": "zh-hant",
}

# Backgrounds that usually come with an employer, which makes internal moves and secondments possible.
EMPLOYED_BACKGROUNDS = frozenset(
    {"software_engineer", "devops_engineer", "data_scientist", "data_analyst", "researcher"}
)


def _strip_prefix(value: str, prefixes: tuple[str, ...]) -> str:
    head, sep, rest = value.partition(":")
    return rest if sep and head in prefixes else value


class Preferences(BaseModel):
    """What the person wants more or less of; honoured by the selection."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    include: list[str] = Field(default_factory=list, description="item ids to keep in the plan (res:, proj:, act:)")
    exclude: list[str] = Field(default_factory=list, description="item ids never to plan (res:, proj:, act:)")
    formats: list[str] = Field(
        default_factory=list, description="words of formats to prefer, e.g. 'video', 'book', 'interactive'"
    )
    kinds: list[ResourceKind] = Field(default_factory=list, description="resource kinds to prefer")

    @field_validator("include", "exclude")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        out = []
        for ref in v:
            ref = ref.strip()
            head, sep, rest = ref.partition(":")
            if sep and head in ("resource", "project", "action", "res", "proj", "act"):
                head = {"resource": "res", "project": "proj", "action": "act"}.get(head, head)
                ref = f"{head}:{rest}"
            elif not sep:
                ref = f"res:{ref}"  # a bare id names a resource, the common case
            else:
                raise ValueError(f"{ref!r} should start with res:, proj: or act:")
            out.append(ref)
        return out

    @field_validator("formats")
    @classmethod
    def _lower(cls, v: list[str]) -> list[str]:
        return [f.strip().lower() for f in v if f.strip()]


class Profile(BaseModel):
    """A person's starting point, time, target and preferences."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    background: Background = "other"
    years_experience: Annotated[float, Field(ge=0, le=60), Number] = 0
    hours_per_week: Hours = 10
    hours_at_work: Hours = Field(
        default=0, description="of your weekly hours, how many your employer gives during work time"
    )
    start_date: dt.date | None = Field(default=None, description="first day of week 1; default: next Monday")
    target_role: str = "ml-engineer"
    interests: list[str] = Field(default_factory=list, description="skill ids of domains the person cares about")
    budget_usd: Annotated[float, Field(ge=0), Number] = 0
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    skills: dict[str, Level] = Field(default_factory=dict, description="skill id → self-assessed level 0–4")
    employed: bool | None = Field(default=None, description="has an employer (internal moves); default by background")
    availability: dict[dt.date, Hours] = Field(
        default_factory=dict, description="hours for the week containing a date, overriding hours_per_week"
    )
    preferences: Preferences = Field(default_factory=Preferences)

    @field_validator("target_role")
    @classmethod
    def _role(cls, v: str) -> str:
        return _strip_prefix(v.strip(), ("role",))

    @field_validator("interests")
    @classmethod
    def _interests(cls, v: list[str]) -> list[str]:
        out: list[str] = []
        for s in v:
            s = _strip_prefix(s.strip(), ("skill",))
            if s and s not in out:
                out.append(s)
        return out

    @field_validator("skills", mode="before")
    @classmethod
    def _skill_keys(cls, v: object) -> object:
        if isinstance(v, dict):
            return {_strip_prefix(str(k).strip(), ("skill",)): lvl for k, lvl in v.items()}
        return v

    @field_validator("languages", mode="before")
    @classmethod
    def _langs_text(cls, v: object) -> object:
        """``languages: zh`` or ``languages: "en, zh"`` is a list written as text."""
        if isinstance(v, str):
            return [part for part in re.split(r"[,;\s、，]+", v) if part]
        return v

    @field_validator("languages")
    @classmethod
    def _langs(cls, v: list[str]) -> list[str]:
        out: list[str] = []
        for given in v:
            code = given.strip().lower().replace("_", "-")
            code = LANGUAGE_NAMES.get(code, code)
            if not LANGUAGE_CODE.fullmatch(code):
                raise ValueError(
                    f"{given!r} is not a language code; use ISO codes such as en (English) or zh (Chinese)"
                )
            if code not in out:
                out.append(code)
        return out

    @model_validator(mode="after")
    def _availability_after_start(self) -> Profile:
        if self.start_date is not None:
            early = [d for d in self.availability if d < self.start_date]
            if early:
                raise ValueError(
                    f"availability has {early[0].isoformat()}, before start_date {self.start_date.isoformat()}"
                )
        return self

    @model_validator(mode="after")
    def _work_hours_within_weekly_hours(self) -> Profile:
        if self.hours_at_work > self.hours_per_week:
            raise ValueError(
                f"hours_at_work ({self.hours_at_work:g}) is more than hours_per_week ({self.hours_per_week:g}); "
                "it counts the part of your weekly hours your employer gives during work time"
            )
        if self.hours_at_work > 0 and not self.has_employer:
            raise ValueError(
                "hours_at_work is time an employer gives, and this profile has none; "
                "set employed: true if you have one, or hours_at_work: 0"
            )
        return self

    @property
    def has_employer(self) -> bool:
        return self.employed if self.employed is not None else self.background in EMPLOYED_BACKGROUNDS

    def level(self, skill: str) -> int:
        return self.skills.get(skill, 0)


__all__ = ["BACKGROUNDS", "EMPLOYED_BACKGROUNDS", "Preferences", "Profile"]
