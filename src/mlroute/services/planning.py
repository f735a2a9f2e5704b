"""Planning use cases: plan a profile (from a file or the bundled demo persona), questionnaire defaults, and
writing the profile ``mlroute init`` produces (the rest of ``init`` is ``services.onboarding``).

A plan comes back as a ``PlanDocument``: the planner's ``Plan.to_json()`` as it is, so its shape is the
planner's to change.

The clock lives here, not in the planner: a profile without ``start_date`` starts on the coming Monday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mlroute.errors import UserError
from mlroute.kb.index import KBIndex
from mlroute.plan import Plan, make_plan
from mlroute.plan.evidence import Evidenced
from mlroute.plan.planner import start_or
from mlroute.profile import (
    Profile,
    check_profile_ids,
    defaults_for,
    demo_profile_path,
    dump_profile,
    load_profile,
    next_monday,
    parse_profile,
)
from mlroute.services import kb as kb_service
from mlroute.services.results import Document


class PlanDocument(Document):
    """The plan (``mlroute plan --json``): route, eta_weeks {p10, p50, p90}, total_hours, items, weeks,
    milestones, gaps, optimality and more; see docs/planning.md."""


def today() -> dt.date:
    return dt.date.today()


# A start date outside this window around today is a typo of the year, not a plan.
START_WINDOW_BACK = dt.timedelta(days=3 * 365)
START_WINDOW_AHEAD = dt.timedelta(days=2 * 365)


def ready_profile(profile: Profile, on: dt.date | None = None) -> Profile:
    """The profile with a concrete start date (the coming Monday when it has none)."""
    on = on or today()
    start = profile.start_date
    if start is not None and not on - START_WINDOW_BACK <= start <= on + START_WINDOW_AHEAD:
        when = "ago" if start < on else "ahead"
        raise UserError(
            f"Profile field start_date: {start} is {abs((start - on).days) // 365} years {when}.",
            hint="Give the Monday you begin (YYYY-MM-DD), at most three years back or two ahead, "
            "or leave start_date out to begin on the coming Monday.",
        )
    return start_or(profile, next_monday(on))


def build_plan(
    profile: Profile,
    *,
    index: KBIndex | None = None,
    done: Iterable[str] = (),
    skipped: Iterable[str] = (),
    pace: float | None = None,
    demand: Mapping[str, float] | None = None,
    seed: int = 0,
    on: dt.date | None = None,
    by: dt.date | None = None,
    lang: str | None = None,
    evidenced: Evidenced | None = None,
) -> Plan:
    """``evidenced``: levels earned in accepted quizzes (``services.quiz_levels``); the planner takes them as stated."""
    return make_plan(
        ready_profile(profile, on),
        index or kb_service.index(),
        done=frozenset(done),
        skipped=frozenset(skipped),
        pace=pace,
        demand=demand,
        seed=seed,
        by=by,
        lang=lang,
        evidenced=evidenced,
    )


def plan_profile(profile: Profile, **kwargs: Any) -> PlanDocument:
    """The plan document for a profile (see ``Plan.to_json``)."""
    return PlanDocument(build_plan(profile, **kwargs).to_json())


def plan_file(path: Path | str, **kwargs: Any) -> PlanDocument:
    return plan_profile(load_profile(path), **kwargs)


def demo_profile() -> Profile:
    return load_profile(demo_profile_path())


def demo(seed: int = 0, on: dt.date | None = None, **kwargs: Any) -> PlanDocument:
    """The plan for the bundled persona: a DevOps engineer, 10 h a week, interested in LLM applications."""
    return plan_profile(demo_profile(), seed=seed, on=on, **kwargs)


def questionnaire_defaults(background: str, on: dt.date | None = None, index: KBIndex | None = None) -> dict[str, Any]:
    return defaults_for(background, on or today(), index or kb_service.index())


def profile_from_answers(answers: dict[str, Any], index: KBIndex | None = None) -> Profile:
    """Validate questionnaire answers (or flags) as a profile, checking ids against the knowledge base."""
    profile = parse_profile(answers, "from your answers")
    check_profile_ids(profile, index or kb_service.index())
    return profile


def save_profile(profile: Profile, path: Path, *, force: bool = False) -> Path:
    if path.exists() and not force:
        raise UserError(f"{str(path)!r} already exists.", hint="Pass --force to overwrite it, or --out another file.")
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# mlroute profile — the fields are described in docs/planning.md (section “Profile”).\n"
    path.write_text(header + dump_profile(profile), encoding="utf-8")
    return path
