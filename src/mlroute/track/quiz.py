"""Quizzes that earn levels: assemble a paper for a skill, grade answers, propose a level with its evidence.

Pure and seeded: the same items and seed give the same paper. A paper asks each level the skill's items test, in
increasing order, two or three items per level (five to ten in all). A level passes with two thirds of its items
right; the proposed level is the highest one passed with every level below it passed too, so it can never be
above the highest level the paper tested.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from mlroute.kb.practice import QuizItem

PASS_SHARE = Fraction(2, 3)
MAX_ITEMS = 10
LETTERS = "abcdef"


@dataclass(frozen=True)
class PaperItem:
    """An item as asked: for ``order`` items, ``shown[i]`` is the index (in the right order) of the i-th step shown."""

    item: QuizItem
    shown: tuple[int, ...] = ()


def per_level(n_levels: int) -> int:
    return max(2, min(3, MAX_ITEMS // max(1, n_levels)))


def assemble(items: Sequence[QuizItem], seed: int) -> list[PaperItem]:
    """A paper: for each level the items test (lowest first), a seeded sample of its items."""
    rng = random.Random(seed)
    levels = sorted({it.level for it in items})
    k = per_level(len(levels))
    paper: list[PaperItem] = []
    for level in levels:
        pool = sorted((it for it in items if it.level == level), key=lambda it: it.id)
        for it in rng.sample(pool, min(k, len(pool))):
            shown: tuple[int, ...] = ()
            if it.type == "order":
                order = list(range(len(it.choices)))
                while order == sorted(order):
                    rng.shuffle(order)
                shown = tuple(order)
            paper.append(PaperItem(it, shown))
    return paper


# ---- reading and grading answers ---------------------------------------------------------------------------------


def parse_number(text: str) -> float:
    """A number as people write it: 0.25, .25, 1/4, 25%, 2.5e-1, 1,000."""
    t = text.strip().replace(" ", "").replace("，", ",")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    percent = t.endswith("%")
    t = t.rstrip("%")
    try:
        value = float(Fraction(t)) if "/" in t else float(t)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{text!r} is not a number (write e.g. 0.25, 1/4 or 25%)") from None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value / 100 if percent else value


def _letters(text: str, n: int) -> list[int]:
    picked = [ch for ch in text.strip().lower() if ch.isalnum()]
    idx = [int(ch) - 1 if ch.isdigit() else LETTERS.find(ch) for ch in picked]  # a or 1 for the first choice
    if any(i < 0 or i >= n for i in idx):
        raise ValueError(f"{text!r}: answer with letters a–{LETTERS[n - 1]}")
    return idx


def normalise_output(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Graded:
    item_id: str
    level: int
    correct: bool
    given: str
    expected: str


def expected_answer(p: PaperItem) -> str:
    it = p.item
    if it.type == "choice":
        assert isinstance(it.answer, int)
        return LETTERS[it.answer]
    if it.type == "numeric":
        return f"{it.answer:g} (± {it.tolerance:g})"
    if it.type == "order":
        return "".join(LETTERS[p.shown.index(i)] for i in range(len(it.choices)))
    return str(it.answer)


def grade(p: PaperItem, answer: str) -> Graded:
    """Grade one answer; raises ValueError when it cannot be read (so the person can type it again)."""
    it = p.item
    if it.type == "choice":
        picked = _letters(answer, len(it.choices))
        if len(picked) != 1:
            raise ValueError(f"{answer!r}: pick one letter")
        correct = picked[0] == it.answer
    elif it.type == "numeric":
        assert isinstance(it.answer, int | float) and it.tolerance is not None
        correct = abs(parse_number(answer) - float(it.answer)) <= it.tolerance + 1e-12
    elif it.type == "order":
        picked = _letters(answer, len(it.choices))
        if sorted(picked) != list(range(len(it.choices))):
            raise ValueError(f"{answer!r}: give every letter once, in order (e.g. {LETTERS[: len(it.choices)]})")
        correct = [p.shown[i] for i in picked] == list(range(len(it.choices)))
    else:
        given, want = normalise_output(answer), normalise_output(str(it.answer))
        correct = given == want or given.replace(" ", "") == want.replace(" ", "")
    return Graded(it.id, it.level, correct, answer.strip(), expected_answer(p))


# ---- the proposal ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelResult:
    level: int
    asked: int
    correct: int

    @property
    def passed(self) -> bool:
        return self.asked > 0 and Fraction(self.correct, self.asked) >= PASS_SHARE


@dataclass(frozen=True)
class Proposal:
    level: int
    max_tested: int
    levels: tuple[LevelResult, ...]


def propose(graded: Sequence[Graded]) -> Proposal:
    """The level the answers show: the highest level passed with all lower tested levels passed."""
    tested = sorted({g.level for g in graded})
    results = tuple(
        LevelResult(lv, sum(1 for g in graded if g.level == lv), sum(1 for g in graded if g.level == lv and g.correct))
        for lv in tested
    )
    level = 0
    for r in results:
        if not r.passed:
            break
        level = r.level
    return Proposal(level, max(tested, default=0), results)
