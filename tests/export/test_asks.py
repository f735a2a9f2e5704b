"""What a transition plan asks of its reader: the rule for career steps holds for the whole knowledge base, and for
any plan (a property test); time is asked for exactly as the profile gives it."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.export.asks import ABOUT_THE_READER, ASKS, PROMISES, READERS, asks, promises
from mlroute.export.words import T
from mlroute.services.kb import index


def test_every_step_that_needs_an_employer_is_decided_for_the_manager() -> None:
    kb = index()
    at_work = {a.id for a in kb.kb.career_actions if a.requires_employer or a.at_work_if_employed}
    assert at_work <= set(ASKS["manager"]) | ABOUT_THE_READER["manager"], "decide: an ask, or about the manager"
    for reader in READERS:
        assert not set(ASKS[reader]) & ABOUT_THE_READER[reader]
        assert not set(ASKS[reader]) & set(PROMISES[reader])
        assert set(ASKS[reader]) | ABOUT_THE_READER[reader] | set(PROMISES[reader]) <= set(kb.career_actions)
        assert all(f"ask.{reader}.{a}" in T for a in ASKS[reader])
    assert {"find-supportive-manager", "transition-plan", "earn-trust"} <= ABOUT_THE_READER["manager"]
    assert {"find-mentor", "transition-plan"} <= ABOUT_THE_READER["mentor"]


ACTIONS = sorted(index().career_actions)


def context(reader: str, rows: list[dict[str, Any]], hours: float, at_work: float, lang: str) -> dict[str, Any]:
    return {
        "lang": lang,
        "reader": reader,
        "week_now": 3,
        "person": {"hours_per_week": hours, "hours_at_work": at_work, "has_employer": reader == "manager"},
        "items": rows,
        "milestones": [{"id": "ready", "week": 20, "horizon": "ready"}, {"id": "grow", "week": 40, "horizon": "grow"}],
    }


ROWS = st.lists(
    st.builds(
        lambda act, status, ws, span, work: {
            "id": f"act:{act}",
            "kind": "career_action",
            "title": index().career_actions[act].title.en,
            "status": status,
            "week_start": ws,
            "week_end": ws + span,
            "work_hours": work,
            "horizon": "ready",
            "cost_usd": 0.0,
        },
        st.sampled_from(ACTIONS),
        st.sampled_from(["todo", "doing", "done", "skipped"]),
        st.integers(1, 60),
        st.integers(0, 12),
        st.sampled_from([0.0, 10.0]),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(ROWS, st.sampled_from(READERS), st.sampled_from(["en", "zh"]))
def test_a_step_about_the_reader_is_never_asked(rows: list[dict[str, Any]], reader: str, lang: str) -> None:
    intro, lines = asks(context(reader, rows, 10, 0, lang))
    text = " ".join(lines)
    kb = index()
    for act in ABOUT_THE_READER[reader]:
        title = kb.career_actions[act].title.get(lang)
        assert title not in text
    open_asks = [r for r in rows if r["status"] not in ("done", "skipped") and r["id"][4:] in ASKS[reader]]
    flexibility = 1 if reader == "manager" else 0  # own-time study: flexibility around milestones, no time ask
    assert len(lines) == len(open_asks) + 1 + flexibility  # + the check-ins at milestones
    assert (intro is not None) == (reader == "manager")


def test_time_is_asked_for_only_when_it_is_work_time() -> None:
    own = context("manager", [], 10, 0, "en")
    intro, lines = asks(own)
    assert (
        intro
        == "I study in my own time, 10 h a week outside working hours, so I am not asking for learning time at work."
    )
    assert not any("Protected" in line for line in lines)
    assert lines[0].startswith("Some flexibility in the weeks around my milestones (week 20)")
    intro, lines = asks(context("manager", [], 10, 10, "en"))
    assert intro is None and lines[0].startswith("Protected learning time: 10 h a week in working hours")
    assert "own time" not in lines[0]
    intro, lines = asks(context("mentor", [], 40, 0, "zh"))
    assert intro is None and not any("工作时间" in line for line in lines)
    assert (
        promises(context("mentor", [], 40, 0, "en"))[-1]
        == "Come to each check-in with my learning log and a concrete question."
    )
