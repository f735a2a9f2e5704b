"""Sensible starting answers for ``mlroute init``, per background.

These are only the defaults a person sees in the questionnaire (and gets with ``--yes``); they confirm or change
them. The planner never reads this module: a plan depends on the profile's answers, not on the background label.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mlroute.kb.index import KBIndex
from mlroute.kb.models import BACKGROUNDS

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

# Hours a week people of each background can usually give: evenings and weekends next to a job, more as a
# student, full time when starting from zero (the articles' from-zero route assumes full time).
DEFAULT_HOURS = {
    "none": 40.0,
    "student": 15.0,
    "software_engineer": 10.0,
    "devops_engineer": 10.0,
    "data_scientist": 10.0,
    "data_analyst": 10.0,
    "researcher": 10.0,
    "other": 10.0,
}

# Typical self-assessment after a few years in the background (0 none · 1 aware · 2 working · 3 proficient ·
# 4 expert). A starting point for the questions, nothing more.
DEFAULT_SKILLS: dict[str, dict[str, int]] = {
    "none": {},
    "other": {},
    "student": {
        "programming-basics": 2,
        "python": 2,
        "data-structures": 2,
        "algorithms": 2,
        "discrete-math": 2,
        "calculus": 2,
        "linear-algebra": 2,
        "probability": 2,
        "statistics": 1,
        "git": 1,
    },
    "software_engineer": {
        "programming-basics": 4,
        "python": 3,
        "object-oriented-programming": 3,
        "data-structures": 3,
        "algorithms": 2,
        "computational-complexity": 2,
        "operating-systems": 2,
        "computer-networking": 2,
        "concurrency": 2,
        "computer-architecture": 1,
        "distributed-systems": 1,
        "git": 3,
        "testing": 3,
        "debugging": 3,
        "code-review": 3,
        "clean-code": 3,
        "design-patterns": 2,
        "rest-apis": 3,
        "web-development": 2,
        "relational-databases": 3,
        "sql": 2,
        "linux": 2,
        "shell-scripting": 2,
        "docker": 2,
        "ci-cd": 2,
        "system-design": 2,
        "agile": 2,
        "communication": 2,
        "collaboration": 3,
    },
    "devops_engineer": {
        "programming-basics": 3,
        "python": 2,
        "shell-scripting": 3,
        "linux": 4,
        "git": 3,
        "docker": 3,
        "kubernetes": 3,
        "ci-cd": 4,
        "devops": 4,
        "cloud-computing": 3,
        "aws": 2,
        "infrastructure-as-code": 3,
        "observability": 3,
        "computer-networking": 3,
        "operating-systems": 2,
        "concurrency": 2,
        "computer-architecture": 1,
        "security-basics": 2,
        "distributed-systems": 2,
        "system-design": 2,
        "testing": 2,
        "debugging": 3,
        "sql": 1,
        "communication": 2,
        "collaboration": 3,
    },
    "data_scientist": {
        "programming-basics": 3,
        "python": 3,
        "jupyter": 3,
        "numpy": 3,
        "pandas": 3,
        "sql": 3,
        "data-cleaning": 3,
        "exploratory-data-analysis": 3,
        "data-analysis": 3,
        "data-visualization": 3,
        "feature-engineering": 3,
        "descriptive-statistics": 3,
        "statistics": 3,
        "probability": 3,
        "hypothesis-testing": 3,
        "linear-algebra": 2,
        "calculus": 2,
        "machine-learning-fundamentals": 3,
        "supervised-learning": 3,
        "regression": 3,
        "classification": 3,
        "model-evaluation": 3,
        "train-test-split": 3,
        "scikit-learn": 3,
        "git": 2,
        "communication": 3,
    },
    "data_analyst": {
        "programming-basics": 2,
        "python": 2,
        "sql": 3,
        "pandas": 2,
        "data-cleaning": 3,
        "exploratory-data-analysis": 3,
        "data-analysis": 3,
        "data-visualization": 3,
        "descriptive-statistics": 3,
        "statistics": 2,
        "hypothesis-testing": 2,
        "experiment-design": 2,
        "business-acumen": 3,
        "communication": 3,
    },
    "researcher": {
        "programming-basics": 2,
        "python": 2,
        "jupyter": 2,
        "calculus": 3,
        "linear-algebra": 3,
        "probability": 3,
        "statistics": 3,
        "numerical-methods": 2,
        "optimization": 2,
        "reading-papers": 4,
        "technical-writing": 3,
        "presenting": 3,
    },
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
