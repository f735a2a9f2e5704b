"""Where people of a background usually stand: the levels the planner assumes for skills a profile leaves out.

A six-year developer is not planned as if computer architecture were unknown. The typical levels below are the
same ones ``mlroute init`` offers as defaults; the planner uses them only for skills the profile does not state,
marks each one as *assumed* (in the plan JSON, the why texts and the web app), and anything stated, evidenced by
a quiz, or finished in the plan overrides them.

The levels are mlroute's own judgement of a person with about three years in the background (0 none · 1 aware ·
2 working · 3 proficient · 4 expert), reviewed against the articles' descriptions of each persona: a developer is
"already a capable software engineer" (article 001), a DevOps engineer has "software engineering, automation,
infrastructure, CI/CD" (article 000), a data scientist is strong in maths and data work but often lacks software
engineering (article 001). Engineers are assumed aware (1) of school-level calculus, linear algebra, probability and
statistics, nothing more. With under two years in the background every assumed level is one lower.
"""

from __future__ import annotations

from collections.abc import Mapping

# Hours a week people of each background can usually give: evenings and weekends next to a job, a little more as a
# student. Full time (40) is a choice a person makes, never a default: most people start next to a job.
DEFAULT_HOURS = {
    "none": 10.0,
    "student": 15.0,
    "software_engineer": 10.0,
    "devops_engineer": 10.0,
    "data_scientist": 10.0,
    "data_analyst": 10.0,
    "researcher": 10.0,
    "other": 10.0,
}

# Typical levels after about three years in the background (0 none · 1 aware · 2 working · 3 proficient ·
# 4 expert): the questionnaire's defaults and the planner's assumptions for unstated skills.
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
        "calculus": 1,
        "linear-algebra": 1,
        "probability": 1,
        "statistics": 1,
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
        "relational-databases": 1,
        "data-structures": 2,
        "algorithms": 1,
        "rest-apis": 2,
        "web-development": 1,
        "communication": 2,
        "collaboration": 3,
        "calculus": 1,
        "linear-algebra": 1,
        "probability": 1,
        "statistics": 1,
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
        "data-structures": 2,
        "algorithms": 1,
        "linux": 1,
        "shell-scripting": 1,
        "testing": 1,
        "relational-databases": 2,
        "communication": 3,
        "collaboration": 2,
        "business-acumen": 2,
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


JUNIOR_YEARS = 2.0  # under this many years in the background, assume one level less


def assumed_levels(background: str, years: float, stated: Mapping[str, int] | None = None) -> dict[str, int]:
    """Typical levels for the background that the person did not state themselves (levels of 0 are left out)."""
    stated = stated or {}
    drop = 1 if years < JUNIOR_YEARS else 0
    out = {}
    for skill, level in DEFAULT_SKILLS.get(background, {}).items():
        if skill in stated:
            continue
        lvl = max(0, level - drop)
        if lvl > 0:
            out[skill] = lvl
    return dict(sorted(out.items()))
