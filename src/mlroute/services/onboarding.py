"""``mlroute init`` (and the web app's questionnaire): write the profile, make the first plan, store both.

Running it again with a changed profile stores a new profile version and plans again, keeping what is done and
skipped (they count as covered).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroute.errors import UserError
from mlroute.services import planning
from mlroute.services.plans import StoredPlan, adopt_plan, has_plan
from mlroute.services.quiz_levels import plan_evidence
from mlroute.services.replan import in_kb
from mlroute.services.results import Result
from mlroute.store import Store, repo

if TYPE_CHECKING:
    from mlroute.kb import KBIndex
    from mlroute.profile import Profile


class Started(Result):
    profile_file: str | None
    profile: dict[str, Any]
    plan: dict[str, Any]  # the plan document (``mlroute plan --json``)
    stored: StoredPlan


def refuse_replacing(store: Store, replace: bool) -> None:
    """A second ``init`` must not silently replace the plan someone is following."""
    if replace:
        return
    latest = store.read(repo.latest_plan)
    if latest is not None:
        raise UserError(
            f"You already have a plan (v{latest.version}, from {latest.starts_on}).",
            hint="Pass --replace to plan again (the old plan stays in `mlroute history` and "
            "done items are kept), or follow it with `mlroute status` and `mlroute replan`.",
        )


def start(
    store: Store,
    kb: KBIndex,
    profile: Profile,
    *,
    out: Path | None = None,
    force: bool = False,
    replace: bool = False,
    seed: int = 0,
    lang: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> Started:
    """Make the plan for ``profile`` (the coming Monday when it has no start date), write the profile to
    ``out`` when given, and store the profile and the plan. Over an existing plan only with ``replace``: the old
    one stays in history, and what is done or skipped counts as covered. ``lang``: the plan's language (default:
    the person's first language); the web app asks for the page's."""
    refuse_replacing(store, replace)
    profile = planning.ready_profile(profile, today)
    statuses = store.read(repo.statuses)
    done = in_kb((i for i, r in statuses.items() if r.status == "done"), kb)
    skipped = in_kb((i for i, r in statuses.items() if r.status == "skipped"), kb)
    evidenced = plan_evidence(store, profile.skills)  # levels earned in accepted quizzes
    doc = planning.build_plan(
        profile, index=kb, done=done, skipped=skipped, seed=seed, on=today, evidenced=evidenced, lang=lang
    ).to_json()
    written = planning.save_profile(profile, out, force=force) if out is not None else None
    starts_on = date.fromisoformat(doc["start_date"]) if doc.get("start_date") else profile.start_date
    assert starts_on is not None  # ready_profile gave it one
    first = not has_plan(store)
    stored = adopt_plan(
        store,
        profile.model_dump(mode="json"),
        doc,
        kb_version=str(doc.get("kb_version") or kb.kb.meta.version),
        starts_on=starts_on,
        reason="init" if first else "profile",
        now=now,
    )
    stored.database = store.describe()
    return Started(
        profile_file=str(written) if written else None,
        profile=profile.model_dump(mode="json"),
        plan=doc,
        stored=stored,
    )
