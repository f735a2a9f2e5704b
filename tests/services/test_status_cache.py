"""``status`` is cached on the data's version (``services.summary_cache``): after every kind of write through the
services the next status is the one a computation from scratch gives, for the local person and for an account, on
SQLite and PostgreSQL; it expires when a card falls due; the cache itself is bounded, stamped and thread-safe."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mlroute.kb import KBIndex
from mlroute.profile import Profile
from mlroute.services import backup, interview, onboarding, profile_edit, quiz, replan, reviews, study, users
from mlroute.services import status as status_service
from mlroute.services.current import current_plan
from mlroute.services.status import status, timed_status
from mlroute.services.summary_cache import MAX_AGE, SummaryCache, cached
from mlroute.services.users import Actor
from mlroute.store import Store, repo
from tests.services.conftest import PERSON, START, WEEK1
from tests.services.test_quiz_service import answers


def from_scratch(store: Store, kb: KBIndex) -> dict[str, Any]:
    return status(store, kb=kb, now=datetime.now(UTC)).model_dump(mode="json")  # a moment given: never cached


def shown(store: Store, kb: KBIndex) -> dict[str, Any]:
    return status(store, kb=kb).model_dump(mode="json")


def profile_of(store: Store, hours: float) -> Profile:
    current = current_plan(store)
    assert current is not None
    return Profile.model_validate(current.profile).model_copy(update={"hours_per_week": hours})


def accept_a_quiz(store: Store, kb: KBIndex) -> None:
    result = quiz.take(store, kb, "python", answers(kb, "python", "r"))
    quiz.accept(store, kb, result_id=result.id)


def rate_a_card(store: Store, kb: KBIndex) -> None:
    card = interview.next_card(store, kb, all_questions=True).card
    assert card is not None
    interview.rate(store, kb, card.id, "good")


def restore(store: Store, tables: Any) -> None:
    backup.restore(store, tables, source="test", replace=True)


Write = Callable[[Store, KBIndex, dict[str, Any]], Any]
WRITES: list[tuple[str, Write, Callable[[dict[str, Any]], Any] | None]] = [
    ("log", lambda s, kb, c: study.log(s, "45m", c["item"]), lambda d: d["hours_logged"]),
    ("done", lambda s, kb, c: study.done(s, c["item"]), lambda d: d["items_done"]),
    ("review", lambda s, kb, c: reviews.review(s, c["item"], "easy"), None),
    ("undo", lambda s, kb, c: study.undo(s, c["item"]), lambda d: d["items_done"]),
    ("skip", lambda s, kb, c: study.skip(s, c["other"]), lambda d: d["items_skipped"]),
    ("replan", lambda s, kb, c: replan.replan(s, kb), lambda d: d["plan_version"]),
    ("profile", lambda s, kb, c: profile_edit.save(s, kb, profile_of(s, 16)), lambda d: d["pace"]["planned"]),
    ("quiz accepted", lambda s, kb, c: accept_a_quiz(s, kb), lambda d: d["quiz_levels"]),
    ("drill", lambda s, kb, c: rate_a_card(s, kb), lambda d: d["drills"]["reviews_30d"]),
    (
        "restore",
        lambda s, kb, c: backup.restore(s, c["backup"], source="test", replace=True),
        lambda d: d["plan_version"],
    ),
]


def walk_the_writes(store: Store, kb: KBIndex) -> None:
    first = status(store, kb=kb)
    if store.data_version() is not None:  # (the local person on PostgreSQL is never cached: see below)
        assert status(store, kb=kb) is first  # nothing changed: the same answer, from the cache
    context = {
        "item": next(i for i in first.next if i.startswith("res:")),  # reviews are scheduled for resources
        "other": next(i for i in first.next if i.startswith("act:")),
    }
    context["backup"] = backup.parse(backup.backup(store).data, source="test")
    before = shown(store, kb)
    for name, write, figure in WRITES:
        write(store, kb, context)
        after = shown(store, kb)
        assert after == from_scratch(store, kb), f"stale after {name}"
        if figure is not None:
            assert figure(after) != figure(before), f"{name} did not move what it should"
        before = after


def test_the_local_person_sees_every_write(planned: Store, kb: KBIndex) -> None:
    walk_the_writes(planned, kb)


def test_an_account_sees_every_write(store: Store, kb: KBIndex) -> None:
    users.add(store, "ann", "learner", "correct horse battery", actor=Actor(name="test", source="test"))
    ann = store.for_owner(users.account_id(store, "ann"))
    onboarding.start(ann, kb, Profile.model_validate(PERSON), today=START, now=WEEK1)
    walk_the_writes(ann, kb)


def test_the_status_expires_when_a_review_falls_due(planned: Store, kb: KBIndex) -> None:
    item = next(i for i in status(planned, kb=kb).next if i.startswith("res:"))
    study.done(planned, item)
    reviews.review(planned, item, "good")
    cards = planned.read(repo.review_cards)
    timed = timed_status(planned, kb=kb)
    assert timed.changes_at == min(c.due for c in cards if c.due > datetime.now(UTC))
    assert not timed.status.reviews_due


def test_a_view_without_a_cheap_version_is_computed_each_time(planned: Store, kb: KBIndex) -> None:
    if planned.backend == "sqlite":
        assert planned.data_version() is not None
        assert status(planned, kb=kb) is status(planned, kb=kb)
    else:  # the local person on PostgreSQL: another process may write, and nothing cheap tells
        assert planned.data_version() is None
        assert status(planned, kb=kb) is not status(planned, kb=kb)
        assert status(planned, kb=kb) == status(planned, kb=kb)


def test_the_cache_keeps_one_stamp_a_key_expires_and_is_bounded() -> None:
    cache: SummaryCache[str] = SummaryCache(2)
    now = datetime(2027, 1, 1, tzinfo=UTC)
    calls: list[str] = []

    def compute(value: str) -> Callable[[], str]:
        return lambda: calls.append(value) or value

    assert cached(cache, "a", 1, compute("a1"), now=now) == "a1"
    assert cached(cache, "a", 1, compute("never"), now=now + MAX_AGE / 2) == "a1"
    assert cached(cache, "a", 2, compute("a2"), now=now) == "a2"  # a new version
    assert cached(cache, "a", 2, compute("a3"), now=now + MAX_AGE) == "a3"  # too old
    soon = now + timedelta(seconds=30)
    assert cached(cache, "b", 1, compute("b1"), now=now, until=lambda _: soon) == "b1"
    assert cached(cache, "b", 1, compute("b2"), now=soon) == "b2"  # its own deadline passed
    cached(cache, "c", 1, compute("c1"), now=now)
    assert len(cache) == 2 and cached(cache, "a", 2, compute("a4"), now=now + MAX_AGE) == "a4"  # "a" was evicted
    assert cached(cache, "d", None, compute("d1")) == "d1" and cached(cache, "d", None, compute("d2")) == "d2"
    assert calls == ["a1", "a2", "a3", "b1", "b2", "c1", "a4", "d1", "d2"]


def test_the_cache_is_safe_under_threads() -> None:
    cache: SummaryCache[int] = SummaryCache(30)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(2_000):
                key = (n * 7 + i) % 20
                assert cached(cache, key, key % 3, lambda k=key: k * 10) == key * 10
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(cache) <= 30 and cache.hits > 0
    small: SummaryCache[int] = SummaryCache(5)
    threads = [
        threading.Thread(target=lambda: [cached(small, i % 50, 0, lambda: 1) for i in range(500)]) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(small) == 5  # bounded however many keys come


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    status_service._cache.clear()
