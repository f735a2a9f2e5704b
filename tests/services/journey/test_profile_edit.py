"""A profile change mid-journey: previewed, then saved as previewed, from this week on, finished work kept."""

from __future__ import annotations

import datetime as dt

from mlroute.kb import KBIndex
from mlroute.profile import Profile
from mlroute.services import profile_edit, study
from mlroute.services.current import current_plan
from mlroute.services.status import status
from mlroute.store import Store

TODAY = dt.date(2027, 1, 20)
NOW = dt.datetime(2027, 1, 20, 20, tzinfo=dt.UTC)


def stored_profile(demo_store: Store) -> Profile:
    current = current_plan(demo_store)
    assert current is not None
    return Profile.model_validate(current.profile)


def test_the_preview_is_what_saving_stores_and_what_status_shows_next(demo_store: Store, kb: KBIndex) -> None:
    study.done(demo_store, "act:clarify-motivation", now=NOW)
    before = status(demo_store, today=TODAY, now=NOW)
    more = stored_profile(demo_store).model_copy(update={"hours_per_week": 20.0})
    shown = profile_edit.preview(demo_store, kb, more, lang="en", today=TODAY)
    assert not shown.saved and shown.plan_version is None and shown.changed == ["hours_per_week"]
    assert shown.eta_weeks_before == before.eta_weeks
    assert shown.eta_weeks_after.p50 < shown.eta_weeks_before.p50  # twice the hours: sooner
    assert status(demo_store, today=TODAY, now=NOW).plan_version == 1  # a preview writes nothing
    saved = profile_edit.save(demo_store, kb, more, lang="en", today=TODAY, now=NOW)
    assert saved.saved and saved.plan_version == 2
    assert saved.eta_weeks_after == shown.eta_weeks_after
    after = status(demo_store, today=TODAY, now=NOW)
    assert after.eta_weeks == shown.eta_weeks_after and after.items_done == 1
    current = current_plan(demo_store)
    assert current is not None
    assert current.profile["start_date"] == "2026-12-07"  # the journey keeps its start
    assert current.starts_on == dt.date(2027, 1, 18)  # the new plan starts this week
    assert "act:clarify-motivation" not in {it["id"] for it in current.plan["items"]}


def test_an_item_added_to_the_include_list_is_planned(demo_store: Store, kb: KBIndex) -> None:
    profile = stored_profile(demo_store)
    wanted = "res:stanford-cs229"
    assert wanted not in {it["id"] for it in current_plan(demo_store).plan["items"] if it["horizon"] == "ready"}  # type: ignore[union-attr]
    prefs = profile.preferences.model_copy(update={"include": [*profile.preferences.include, wanted]})
    change = profile_edit.save(demo_store, kb, profile.model_copy(update={"preferences": prefs}), today=TODAY, now=NOW)
    assert change.changed == ["preferences"]
    assert wanted in {it["id"] for it in current_plan(demo_store).plan["items"]}  # type: ignore[union-attr]
