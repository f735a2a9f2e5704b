"""Taking back a finish or a skip."""

from __future__ import annotations

import datetime as dt

from mlroute.services import study
from mlroute.services.status import status
from mlroute.store import Store, repo

NOW = dt.datetime(2026, 12, 9, 20, tzinfo=dt.UTC)


def test_undoing_a_finish_makes_the_item_to_do_again_and_drops_its_unreviewed_card(demo_store: Store) -> None:
    study.done(demo_store, "res:fsdl-2022", now=NOW)
    assert demo_store.read(lambda s: repo.review_card(s, "res:fsdl-2022")) is not None
    change = study.undo(demo_store, "fsdl-2022", now=NOW)
    assert (change.item, change.previous, change.status) == ("res:fsdl-2022", "done", "todo")
    assert demo_store.read(lambda s: repo.review_card(s, "res:fsdl-2022")) is None
    assert status(demo_store, today=NOW.date(), now=NOW).items_done == 0


def test_an_item_with_time_logged_goes_back_to_in_progress(demo_store: Store) -> None:
    study.log(demo_store, "45m", "act:find-mentor", day="2026-12-08", today=NOW.date(), now=NOW)
    study.skip(demo_store, "act:find-mentor", now=NOW)
    assert study.undo(demo_store, "act:find-mentor", now=NOW).status == "doing"


def test_undo_leaves_an_unfinished_item_as_it_is(demo_store: Store) -> None:
    study.start(demo_store, "act:find-mentor", now=NOW)
    change = study.undo(demo_store, "act:find-mentor", now=NOW)
    assert change.previous == change.status == "doing"
