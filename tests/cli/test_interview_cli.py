"""``mlroute interview`` and ``mlroute quiz`` as a person (or a script) runs them: JSON on stdout and nothing else,
interactive drills and quizzes fed through stdin, and clear errors with exit code 2.

Most runs go through ``mlroute.cli.main`` in this process; the ones marked "as a process" run the real console
script for exit codes and streams end to end."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mlroute.profile import Profile
from mlroute.services.kb import index
from mlroute.services.quiz import items_for
from mlroute.store import Store
from mlroute.track.quiz import assemble
from tests.conftest import run_cli
from tests.services.conftest import PERSON, right_answer

Run = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A SQLite database holding a profile and its plan, which started last week."""
    from datetime import date, timedelta

    from mlroute.services import onboarding
    from mlroute.services.kb import index

    url = f"sqlite:///{tmp_path / 'mlroute.db'}"
    today = date.today()
    start = today - timedelta(days=today.weekday() + 7)
    store = Store(url)
    onboarding.start(store, index(), Profile.model_validate({**PERSON, "start_date": start.isoformat()}), today=today)
    store.close()
    yield {"MLROUTE_DB": url}


@pytest.fixture
def mlroute(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``mlroute ARGS`` in this process, with ``stdin`` as the keyboard; returns what a process would."""

    def run(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
        from mlroute.cli import main

        with monkeypatch.context() as m:
            m.setenv("MLROUTE_DB", env["MLROUTE_DB"])
            m.setenv("COLUMNS", "120")
            m.setattr(sys, "argv", ["mlroute", *args])
            m.setattr(sys, "stdin", io.StringIO(stdin))
            capsys.readouterr()
            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            out = capsys.readouterr()
        return subprocess.CompletedProcess(["mlroute", *args], code, out.out, out.err)

    return run


def test_next_card_and_rating_as_json(mlroute: Run, env: dict[str, str]) -> None:
    shown = mlroute("interview", "--all", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    card = json.loads(shown.stdout)["card"]
    assert card["new"] and card["points"] and (card["answer"] or card["star"])
    rated = mlroute("interview", "--all", "--rate", "good", "--seconds", "120", "--json", env=env)
    doc = json.loads(rated.stdout)
    assert doc["rated"]["id"] == card["id"] and doc["rated"]["rating"] == "good"
    assert doc["next"]["card"]["id"] != card["id"]
    again = mlroute("interview", "--rate", "1", "--card", card["id"], "--json", env=env)
    assert json.loads(again.stdout)["rated"]["lapses"] == 1
    stats = json.loads(mlroute("interview", "stats", "--json", env=env).stdout)
    assert stats["practised"] == 1 and stats["reviews_today"] == 2 and stats["has_plan"]


def test_an_interactive_drill_in_chinese(mlroute: Run, env: dict[str, str]) -> None:
    # reveal, rate 3 (good); reveal, a wrong key then 1 (again); then quit
    result = mlroute("interview", "--all", "--lang", "zh", "--kind", "concept", env=env, stdin="\n3\n\nx\n1\nq\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "答题要点" in out and "参考答案" in out and "自评" in out and "请输入 1–4" in out
    assert "面试练习" in out  # the closing summary
    stats = json.loads(mlroute("interview", "stats", "--json", env=env).stdout)
    assert stats["practised"] == 2


def test_show_one_question(mlroute: Run, env: dict[str, str]) -> None:
    doc = json.loads(mlroute("interview", "show", "bias-variance-tradeoff", "--lang", "zh", "--json", env=env).stdout)
    assert doc["question"].startswith("解释偏差") and len(doc["points"]) >= 3
    missing = mlroute("interview", "show", "bias-variance", env=env)
    assert missing.returncode == 2 and "bias-variance-tradeoff" in missing.stderr


def test_mock_interview_scripted_and_interactive(mlroute: Run, env: dict[str, str]) -> None:
    result = mlroute("interview", "mock", "--minutes", "45", "--ratings", "good,hard", "--seed", "2", "--json", env=env)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["summary"]["answered"] == 2 and doc["session"]["minutes"] == 45
    assert doc["summary"]["planned"] == len(doc["session"]["questions"])
    refused = mlroute("interview", "mock", "--json", env=env)
    assert refused.returncode == 2 and "--ratings" in refused.stderr
    live = mlroute("interview", "mock", "--minutes", "20", "--seed", "5", env=env, stdin="\n4\n\n2\nq\n")
    assert live.returncode == 0, live.stderr
    assert "Mock interview" in live.stdout and "Answered 2 of" in live.stdout


def test_readiness_report(mlroute: Run, env: dict[str, str]) -> None:
    doc = json.loads(mlroute("interview", "readiness", "--role", "data-scientist", "--json", env=env).stdout)
    assert doc["role"] == "data-scientist" and doc["skills"] and doc["kinds"]
    text = mlroute("interview", "readiness", env=env).stdout
    assert "Machine Learning Engineer" in text and "By kind" in text


def test_quiz_paper_answers_and_acceptance(mlroute: Run, env: dict[str, str]) -> None:
    paper = json.loads(mlroute("quiz", "sql", "--paper", "--seed", "3", "--json", env=env).stdout)
    assert 5 <= len(paper["questions"]) <= 10 and paper["seed"] == 3
    blank = ";".join("-" for _ in paper["questions"])
    result = mlroute("quiz", "sql", "--answers", blank, "--seed", "3", "--accept", "--json", env=env)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["proposed_level"] == 0 and doc["accepted_at"] and doc["self_declared"] == 2
    listing = json.loads(mlroute("quiz", "--json", env=env).stdout)
    sql = next(s for s in listing["skills"] if s["skill"] == "sql")
    assert sql["accepted_level"] == 0 and sql["last_result"]["id"] == doc["id"]
    wrong = mlroute("quiz", "sql", "--answers", "a;b", "--seed", "3", env=env)
    assert wrong.returncode == 2 and "answers were given" in wrong.stderr
    needs = mlroute("quiz", "sql", "--json", env=env)
    assert needs.returncode == 2 and "--paper" in needs.stderr


def test_an_interactive_quiz_grades_each_answer_and_asks_before_accepting(mlroute: Run, env: dict[str, str]) -> None:
    paper = json.loads(mlroute("quiz", "git", "--paper", "--seed", "8", "--json", env=env).stdout)
    keys = "\n".join("zz" if i == 0 and q["type"] == "choice" else "-" for i, q in enumerate(paper["questions"]))
    # an unreadable first answer is asked again; then every question is skipped; then "y" accepts
    first_again = "a" if paper["questions"][0]["type"] == "choice" else "-"
    stdin = keys.split("\n", 1)[0] + "\n" + first_again + "\n" + keys.split("\n", 1)[1] + "\ny\n"
    result = mlroute("quiz", "git", "--seed", "8", env=env, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Accept level" in result.stdout and "accepted on" in result.stdout
    listing = json.loads(mlroute("quiz", "--json", env=env).stdout)
    assert next(s for s in listing["skills"] if s["skill"] == "git")["accepted_level"] is not None


def test_kb_stats_counts_the_bank(mlroute: Run, env: dict[str, str]) -> None:
    doc = json.loads(mlroute("kb", "stats", "--json", env=env).stdout)
    bank = doc["interview_bank"]
    assert bank["questions"] == doc["counts"]["interview_questions"]
    assert set(bank["by_kind"]) == {"concept", "coding", "system-design", "behavioural"}
    assert bank["by_language"] == {"en": bank["questions"], "zh": bank["questions"]}
    assert doc["quizzes"]["skills"] >= 15
    text = mlroute("kb", "stats", env=env).stdout
    assert "Interview questions" in text and "by level" in text and "Quizzes:" in text


def test_without_a_plan_as_a_process(tmp_path: Path) -> None:
    env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'empty.db'}"}
    result = run_cli("interview", "--json", env=env)
    assert result.returncode == 2 and result.stdout == ""
    assert "no plan yet" in result.stderr and "--all" in result.stderr
    ok = run_cli("interview", "--all", "--json", env=env)
    assert ok.returncode == 0 and json.loads(ok.stdout)["card"]["id"]


def test_accepting_a_quiz_level_changes_the_plan_through_replan_as_a_process(env: dict[str, str]) -> None:
    def js(*args: str) -> Any:
        done = run_cli(*args, "--json", env=env)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    before = js("status")
    assert before["quiz_levels"] == [] and before["drills"]["deck_size"] > 0
    paper = js("quiz", "python", "--paper", "--seed", "11")
    items = assemble(items_for("python", index()), 11)
    assert [q["id"] for q in paper["questions"]] == [p.item.id for p in items]
    right = [right_answer(p) for p in items]
    taken = js("quiz", "python", "--answers", json.dumps(right), "--seed", "11", "--accept")
    assert taken["proposed_level"] == 3 and taken["accepted_at"]
    accepted = run_cli("quiz", "python", "--answers", json.dumps(right), "--seed", "11", "--accept", env=env)
    assert "mlroute replan" in accepted.stdout  # the person is told how the level reaches the plan
    replanned = js("replan")
    assert any("python 3" in r for r in replanned["reasons"])
    after = js("status")
    assert after["hours_total"] < before["hours_total"]
    assert [(q["skill"], q["level"], q["declared"]) for q in after["quiz_levels"]] == [("python", 3, 1)]
    text = run_cli("status", env=env).stdout
    assert "quizzes   python 3 (quiz, " in text and "you said 1" in text and "drills    " in text
