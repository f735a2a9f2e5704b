"""The embedded interview bank and quizzes: big enough, in both languages, licensed, and their code runs.

Every Python reference solution in the bank is executed (its own asserts check it) when the libraries it imports are
installed, and every "what does this print" quiz item is run, Python in-process and SQL on SQLite, so that a wrong
expected output cannot ship.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import io
import re
import sqlite3

import pytest

from mlroute.kb import KBIndex, default_data_dir, load_problems
from mlroute.kb.practice import InterviewQuestion, QuizItem
from mlroute.kb.questions import QUESTION_KINDS, bank_stats, english_words, pillar_of, question_texts, quiz_texts
from mlroute.services import kb as kb_service
from mlroute.track.quiz import normalise_output

CJK = re.compile(r"[\u4e00-\u9fff]")
PILLARS = (
    "programming",
    "cs-fundamentals",
    "software-engineering",
    "data",
    "math-stats",
    "classic-ml",
    "deep-learning",
    "mlops",
    "domains",
    "career",
)
# The skills the four routes lean on most: each must have a quiz that can evidence levels 1 to 3.
ROUTE_SKILLS = (
    "python",
    "data-structures",
    "sql",
    "git",
    "linear-algebra",
    "calculus",
    "probability",
    "statistics",
    "machine-learning-fundamentals",
    "model-evaluation",
    "deep-learning",
    "pytorch",
    "mlops",
    "model-deployment",
    "docker",
)


@pytest.fixture(scope="module")
def idx() -> KBIndex:
    kb, problems = load_problems(default_data_dir())
    assert problems == [], "\n".join(map(str, problems))
    assert kb is not None
    return KBIndex(kb)


def _questions() -> list[InterviewQuestion]:
    kb, _ = load_problems(default_data_dir())
    assert kb is not None
    return list(kb.interview_questions)


def _quiz_items() -> list[QuizItem]:
    kb, _ = load_problems(default_data_dir())
    assert kb is not None
    return list(kb.quiz_items)


def test_the_bank_is_big_and_spread_over_pillars_kinds_and_levels(idx: KBIndex) -> None:
    stats = bank_stats(idx.kb.interview_questions, idx.skills)
    assert stats["questions"] >= 400
    assert stats["by_language"] == {"en": stats["questions"], "zh": stats["questions"]}
    assert all(stats["by_pillar"][p] >= 30 for p in PILLARS), stats["by_pillar"]
    assert all(stats["by_kind"][k] >= 30 for k in QUESTION_KINDS), stats["by_kind"]
    assert all(stats["by_level"][lv] >= 40 for lv in ("1", "2", "3")), stats["by_level"]
    for pillar, kinds in stats["by_pillar_and_kind"].items():
        assert sum(1 for n in kinds.values() if n) >= 2, f"{pillar} has only one kind of question"
    assert stats["with_worked_answer"] == stats["questions"]


def test_every_question_is_placed_in_its_pillar_file_and_tests_known_skills(idx: KBIndex) -> None:
    for q in idx.kb.interview_questions:
        assert all(s in idx.skills for s in q.skills), q.id
        assert pillar_of(q, idx.skills) in PILLARS, q.id


def test_chinese_reads_as_chinese(idx: KBIndex) -> None:
    for q in idx.kb.interview_questions:
        for text in question_texts(q, "zh"):
            assert CJK.search(text), f"{q.id}: no Chinese in {text!r}"
            assert english_words(text) == [], f"{q.id}: English in {text!r}"
    for item in idx.kb.quiz_items:
        for text in quiz_texts(item, "zh"):
            assert english_words(text) == [], f"{item.id}: English in {text!r}"


def test_each_kind_has_the_parts_a_drill_shows(idx: KBIndex) -> None:
    for q in idx.kb.interview_questions:
        assert len(q.points.en) == len(q.points.zh) >= 2, q.id
        if q.kind == "behavioural":
            assert q.star is not None, f"{q.id}: behavioural questions need a STAR example"
        else:
            assert q.answer is not None or q.answer_url is not None, f"{q.id}: no worked answer"
        if q.kind == "coding":
            assert q.code or q.answer_url, f"{q.id}: a coding question needs a reference solution"


def test_questions_from_public_collections_name_their_licence(idx: KBIndex) -> None:
    sourced = [q for q in idx.kb.interview_questions if q.source is not None]
    assert len(sourced) >= 20
    for q in sourced:
        assert q.source is not None
        assert q.source.licence in {"CC-BY-4.0", "MIT"}, q.id
        assert str(q.source.url).startswith("https://github.com/"), q.id


def _python_solutions() -> list[InterviewQuestion]:
    return [q for q in _questions() if q.language == "python" and q.code]


def _imports(code: str) -> set[str]:
    tree = ast.parse(code)
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    return names


@pytest.mark.parametrize("question", _python_solutions(), ids=lambda q: q.id)
def test_python_reference_solutions_run(question: InterviewQuestion) -> None:
    assert question.code is not None
    missing = sorted(m for m in _imports(question.code) if importlib.util.find_spec(m) is None)
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(question.code, question.id, "exec"), {"__name__": "reference_solution"})


def _run_sql(code: str) -> str:
    con = sqlite3.connect(":memory:")
    try:
        cur = con.cursor()
        for statement in (s for s in code.split(";") if s.strip()):
            cur.execute(statement)
        rows = cur.fetchall()
    finally:
        con.close()
    return "\n".join("|".join("NULL" if v is None else str(v) for v in row) for row in rows)


def _output_items() -> list[QuizItem]:
    return [i for i in _quiz_items() if i.type == "output" and i.language in {"python", "sql"}]


@pytest.mark.parametrize("item", _output_items(), ids=lambda i: i.id)
def test_what_does_this_print_items_print_their_answer(item: QuizItem) -> None:
    assert item.code is not None
    if item.language == "sql":
        got = _run_sql(item.code)
    else:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(item.code, item.id, "exec"), {})
        got = buf.getvalue()
    assert normalise_output(got) == normalise_output(str(item.answer))


def test_the_route_skills_have_quizzes_up_to_level_three(idx: KBIndex) -> None:
    for skill in ROUTE_SKILLS:
        items = [i for i in idx.kb.quiz_items if i.skill == skill]
        per_level = {lv: sum(1 for i in items if i.level == lv) for lv in (1, 2, 3)}
        assert all(n >= 3 for n in per_level.values()), f"{skill}: {per_level}"
    assert {i.type for i in idx.kb.quiz_items} == {"choice", "numeric", "output", "order"}


def test_kb_stats_counts_the_bank_and_the_quizzes() -> None:
    stats = kb_service.stats(kb_service.index())
    bank = stats.interview_bank
    assert stats.counts["interview_questions"] == bank.questions >= 400
    assert sum(bank.by_pillar.values()) == bank.questions
    assert sum(bank.by_kind.values()) == bank.questions
    assert sum(bank.by_level.values()) == bank.questions
    assert stats.quizzes.items == stats.counts["quiz_items"]
    assert set(ROUTE_SKILLS) <= set(stats.quizzes.per_skill)
