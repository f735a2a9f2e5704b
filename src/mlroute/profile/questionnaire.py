"""Sensible starting answers for ``mlroute init``, per background.

The defaults come from ``profile.priors``, the same typical levels the planner assumes for skills a profile
leaves out, so what the questionnaire offers and what the planner assumes never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mlroute.kb.index import KBIndex
from mlroute.kb.models import BACKGROUNDS
from mlroute.profile.priors import DEFAULT_HOURS, DEFAULT_SKILLS

BACKGROUND_LABELS = {
    "none": "new to programming",
    "student": "student (CS, maths, science…)",
    "software_engineer": "software engineer / developer",
    "devops_engineer": "DevOps / platform / SRE engineer",
    "data_scientist": "data scientist",
    "data_analyst": "data / BI analyst",
    "researcher": "researcher (academic or industry)",
    "other": "something else",
}


def next_monday(today: dt.date) -> dt.date:
    """The default start: the coming Monday (today, if today is a Monday)."""
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def defaults_for(background: str, today: dt.date, index: KBIndex | None = None) -> dict[str, Any]:
    """Default answers for a background, as profile fields; skills the knowledge base lacks are left out."""
    if background not in BACKGROUNDS:
        raise ValueError(f"unknown background {background!r}")
    skills = dict(DEFAULT_SKILLS[background])
    if index is not None:
        skills = {s: lvl for s, lvl in skills.items() if s in index.skills}
        role = "ml-engineer" if "ml-engineer" in index.roles else next(iter(index.roles), "ml-engineer")
    else:
        role = "ml-engineer"
    return {
        "background": background,
        "years_experience": 0.0 if background in ("none", "student") else 3.0,
        "hours_per_week": DEFAULT_HOURS[background],
        "start_date": next_monday(today),
        "target_role": role,
        "interests": [],
        "budget_usd": 0.0,
        "languages": ["en"],
        "skills": skills,
    }
