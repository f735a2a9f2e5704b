"""Quizzes: papers at increasing level, grading of every item type, and a proposed level that never exceeds what
the paper tested."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlroute.kb.practice import QuizItem
from mlroute.track.quiz import Graded, PaperItem, assemble, expected_answer, grade, parse_number, propose

TEXT = {"en": "x", "zh": "甲"}


def item(iid: str, level: int, kind: str = "choice", **extra: Any) -> QuizItem:
    body: dict[str, Any] = {"id": iid, "skill": "sql", "level": level, "type": kind, "prompt": TEXT}
    body["explanation"] = TEXT
    if kind == "choice":
        body |= {"choices": ["a1", "b1", "c1"], "answer": 1}
    elif kind == "numeric":
        body |= {"answer": 0.25, "tolerance": 0.01}
    elif kind == "output":
        body |= {"code": "print([1, 2])", "language": "python", "answer": "[1, 2]"}
    else:
        body |= {"choices": ["first", "second", "third", "fourth"]}
    return QuizItem.model_validate(body | extra)


def pool(levels: dict[int, int]) -> list[QuizItem]:
    return [item(f"l{lv}-{i}", lv) for lv, n in levels.items() for i in range(n)]


def test_a_paper_asks_every_level_in_increasing_order_five_to_ten_items() -> None:
    for levels in ({1: 4, 2: 4, 3: 4}, {1: 3, 2: 3}, {1: 3, 2: 3, 3: 3, 4: 3}):
        paper = assemble(pool(levels), seed=7)
        asked = [p.item.level for p in paper]
        assert asked == sorted(asked) and set(asked) == set(levels)
        assert 5 <= len(paper) <= 10
        assert len({p.item.id for p in paper}) == len(paper)
    assert [p.item.id for p in assemble(pool({1: 4, 2: 4}), 3)] == [p.item.id for p in assemble(pool({1: 4, 2: 4}), 3)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.25", 0.25), (".25", 0.25), ("1/4", 0.25), ("25%", 0.25), ("2.5e-1", 0.25), ("1,000", 1000.0), ("-3", -3.0)],
)
def test_numbers_as_people_write_them(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["a quarter", "1/0", "", "nan"])
def test_an_unreadable_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_grading_choice_numeric_output_and_order() -> None:
    choice = PaperItem(item("c", 1))
    assert grade(choice, "b").correct and grade(choice, "B)").correct and grade(choice, "2").correct
    assert not grade(choice, "a").correct
    with pytest.raises(ValueError):
        grade(choice, "ab")
    with pytest.raises(ValueError):
        grade(choice, "z")
    numeric = PaperItem(item("n", 1, "numeric"))
    assert grade(numeric, "0.255").correct and grade(numeric, "25%").correct and not grade(numeric, "0.3").correct
    output = PaperItem(item("o", 1, "output"))
    assert grade(output, "[1, 2]").correct and grade(output, " [1,2]\n").correct and not grade(output, "[2, 1]").correct
    order = PaperItem(item("r", 2, "order"), shown=(2, 0, 3, 1))  # shown: third, first, fourth, second
    assert expected_answer(order) == "bdac"
    assert grade(order, "bdac").correct and grade(order, "b, d, a, c").correct
    assert not grade(order, "abcd").correct
    with pytest.raises(ValueError):
        grade(order, "bda")


def test_an_order_item_is_never_shown_in_its_right_order() -> None:
    items = [item(f"r{i}", 1, "order") for i in range(3)] + [item(f"s{i}", 2) for i in range(3)]
    for seed in range(30):
        for p in assemble(items, seed):
            if p.item.type == "order":
                assert sorted(p.shown) == [0, 1, 2, 3] and list(p.shown) != [0, 1, 2, 3]


def test_the_proposal_is_the_highest_level_passed_with_every_level_below_it() -> None:
    def g(level: int, correct: bool) -> Graded:
        return Graded(f"{level}{correct}", level, correct, "", "")

    all_right = [g(lv, True) for lv in (1, 1, 1, 2, 2, 2, 3, 3, 3)]
    assert (propose(all_right).level, propose(all_right).max_tested) == (3, 3)
    gap = [g(1, True), g(1, True), g(1, False), g(2, False), g(2, False), g(2, True), g(3, True), g(3, True)]
    assert propose(gap).level == 1  # level 3 right does not count while level 2 failed
    assert propose([g(1, False), g(1, False), g(1, True)]).level == 0
    assert [r.passed for r in propose(gap).levels] == [True, False, True]


@given(st.lists(st.tuples(st.integers(1, 4), st.booleans()), min_size=1, max_size=12))
def test_a_quiz_never_proposes_a_level_above_what_it_tested(answers: list[tuple[int, bool]]) -> None:
    graded = [Graded(f"q{i}", lv, ok, "", "") for i, (lv, ok) in enumerate(answers)]
    proposal = propose(graded)
    assert 0 <= proposal.level <= proposal.max_tested == max(lv for lv, _ in answers)
    if proposal.level:
        assert proposal.level in {lv for lv, _ in answers}


def test_items_that_cannot_be_graded_are_refused_when_loaded() -> None:
    with pytest.raises(ValueError, match="index"):
        item("bad", 1, answer=5)
    with pytest.raises(ValueError, match="tolerance"):
        item("bad", 1, "numeric", tolerance=None)
    with pytest.raises(ValueError, match="code"):
        item("bad", 1, "output", code=None)
    with pytest.raises(ValueError, match="no 'answer'"):
        item("bad", 1, "order", answer=2)
    with pytest.raises(ValueError, match="true/false"):
        item("bad", 1, "numeric", answer=True)
