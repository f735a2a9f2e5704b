"""Journey invariants under any sequence of logging, finishing, skipping and re-planning (hypothesis).

Whatever a person does, the places that show the ETA agree: right after a re-plan, ``replan``'s ``eta_weeks_after``,
``status``'s ``eta_weeks`` and the last forecast in ``history`` are one band; a second re-plan with nothing new
changes nothing; finishing or skipping work never makes the ETA later by itself; on day one ``status`` says what
the plan said. Calls are in process on a real SQLite file, with the day passed in.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlroute.errors import UserError
from mlroute.profile import load_profile
from mlroute.services import kb as kb_service
from mlroute.services import onboarding, plans, replan, status, study
from mlroute.services.current import current_plan
from mlroute.store import Store

START = date(2027, 1, 4)  # a Monday
DEVELOPER = Path(__file__).parents[2] / "examples" / "profiles" / "developer.yaml"

step = st.one_of(
    st.tuples(st.just("log"), st.integers(0, 40), st.integers(15, 300), st.integers(0, 6)),
    st.tuples(st.just("done"), st.integers(0, 40)),
    st.tuples(st.just("skip"), st.integers(0, 40)),
    st.tuples(st.just("replan")),
    st.tuples(st.just("wait"), st.integers(1, 21)),
)


def at(day: date) -> datetime:
    return datetime.combine(day, time(20, 0), tzinfo=UTC)


def bands(x: Any) -> dict[str, float]:
    return {k: float(v) for k, v in dict(x).items()}


def open_item(store: Store, n: int) -> str | None:
    """The n-th (modulo) item of the current plan not yet done or skipped."""
    cur = current_plan(store)
    assert cur is not None
    open_ids = [it["id"] for it in cur.plan["items"] if cur.statuses.get(it["id"]) not in ("done", "skipped")]
    return open_ids[n % len(open_ids)] if open_ids else None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=8))
def test_every_place_shows_one_eta_whatever_the_person_does(steps: list[tuple[Any, ...]]) -> None:
    kb = kb_service.index()
    profile = load_profile(DEVELOPER).model_copy(update={"start_date": START})
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'mlroute.db'}")
        try:
            started = onboarding.start(store, kb, profile, today=START - timedelta(days=3), now=at(START))
            today = START
            day_one = status.status(store, today=today, now=at(today))
            assert bands(day_one.eta_weeks) == bands(started.plan["eta_weeks"]), "day one: what the plan said"
            for op, *args in steps:
                before = status.status(store, today=today, now=at(today))
                if op == "wait":
                    today += timedelta(days=args[0])
                elif op == "log":
                    item = open_item(store, args[0])
                    day = today - timedelta(days=args[2])
                    if item and day >= START:
                        study.log(store, f"{args[1]}m", item, day=day.isoformat(), today=today, now=at(today))
                elif op in ("done", "skip"):
                    item = open_item(store, args[0])
                    if item:
                        if op == "done":
                            study.done(store, item, now=at(today))
                        else:
                            study.skip(store, item, now=at(today))
                        after = status.status(store, today=today, now=at(today))
                        assert after.eta_weeks.p50 <= before.eta_weeks.p50, f"{op} {item} made the ETA later"
                        assert after.eta_weeks.p90 <= before.eta_weeks.p90
                else:
                    try:
                        first = replan.replan(store, kb, today=today, now=at(today))
                    except UserError as exc:  # a pace so slow the plan would pass 20 years: refused, unchanged
                        assert "--pace stated" in (exc.hint or "") and before.pace.basis == "observed"
                        assert bands(status.status(store, today=today, now=at(today)).eta_weeks) == bands(
                            before.eta_weeks
                        )
                        continue
                    shown = status.status(store, today=today, now=at(today))
                    last = plans.history(store).forecasts[-1]
                    assert bands(first.eta_weeks_after) == bands(shown.eta_weeks) == bands(last.eta_weeks)
                    second = replan.replan(store, kb, today=today, now=at(today))
                    assert second.unchanged and second.plan_version == first.plan_version, "twice = once"
                    assert bands(second.eta_weeks_after) == bands(first.eta_weeks_after)
            done = {i for i, s in (current_plan(store) or _never()).statuses.items() if s in ("done", "skipped")}
            cur = current_plan(store)
            assert cur is not None
            shown_ids = {it["id"] for it in cur.plan["items"]} | {f.id for f in cur.finished}
            assert done <= shown_ids, "finished work stays in view after any re-plan"
        finally:
            store.close()


def _never() -> Any:
    raise AssertionError("no plan")
