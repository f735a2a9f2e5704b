"""Taking back a finish or a skip."""

from __future__ import annotations

import datetime as dt

from mlroute.services import study
from mlroute.services.status import status
from mlroute.store import Store, repo

NOW = dt.datetime(2026, 12, 9, 20, tzinfo=dt.UTC)


def test_undoing_a_finish_makes_the_item_to_do_again_and_drops_its_unreviewed_card(store: Store) -> None:
    study.done(store, "res:fsdl-2022", now=NOW)
    assert store.read(lambda s: repo.review_card(s, "res:fsdl-2022")) is not None
    change = study.undo(store, "fsdl-2022", now=NOW)
    assert (change.item, change.previous, change.status) == ("res:fsdl-2022", "done", "todo")
    assert store.read(lambda s: repo.review_card(s, "res:fsdl-2022")) is None
    assert status(store, today=NOW.date(), now=NOW).items_done == 0


def test_an_item_with_time_logged_goes_back_to_in_progress(store: Store) -> None:
    study.log(store, "45m", "act:find-mentor", day="2026-12-08", today=NOW.date(), now=NOW)
    study.skip(store, "act:find-mentor", now=NOW)
    assert study.undo(store, "act:find-mentor", now=NOW).status == "doing"


def test_undo_leaves_an_unfinished_item_as_it_is(store: Store) -> None:
    study.start(store, "act:find-mentor", now=NOW)
    change = study.undo(store, "act:find-mentor", now=NOW)
    assert change.previous == change.status == "doing"
