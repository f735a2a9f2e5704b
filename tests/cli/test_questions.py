"""``mlroute init``'s questions: answers from a pipe, a bad answer re-asked on a terminal, and no silent
replacement of the plan someone follows."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml

from mlroute.cli import questions
from mlroute.errors import UserError
from mlroute.services import kb as kb_service
from tests.conftest import run_cli

# background, name, years, hours, start date, role, interests, budget, languages, levels ok?
ANSWERS = ["devops_engineer", "Kim", "7", "12", "", "", "llm-applications", "200", "en, zh", "y"]


def db_env(tmp_path: Path) -> dict[str, str]:
    return {"MLROUTE_DB": f"sqlite:///{tmp_path / 'mlroute.db'}"}


def test_answers_from_a_pipe_make_the_profile_and_the_plan(tmp_path: Path) -> None:
    out = tmp_path / "me.yaml"
    r = run_cli("init", "--out", str(out), "--json", env=db_env(tmp_path), input="\n".join(ANSWERS) + "\n")
    assert r.returncode == 0, r.stderr
    saved = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert saved["background"] == "devops_engineer" and saved["name"] == "Kim" and saved["hours_per_week"] == 12
    assert saved["interests"] == ["llm-applications"] and saved["languages"] == ["en", "zh"]
    assert saved["skills"]["docker"] == 3, "the DevOps levels offered and accepted"
    assert json.loads(r.stdout)["plan"]["route"] == "platform"
    assert "Your background" in r.stderr and "Kim" in r.stderr, "the questions and answers are shown"


def test_the_end_of_a_short_pipe_keeps_the_defaults(tmp_path: Path) -> None:
    out = tmp_path / "me.yaml"
    r = run_cli("init", "--out", str(out), env=db_env(tmp_path), input="2\n")
    assert r.returncode == 0, r.stderr
    saved = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert saved["background"] == "student", "answer 2 is the second background listed"


@pytest.mark.parametrize(
    ("at", "answer", "said"),
    [
        (0, "pilot", "not a background"),
        (3, "lots", "number of hours"),
        (3, "0", "at least 1"),
        (4, "1999-01-04", "years ago"),
        (5, "astronaut", "role"),
        (8, "klingon", "not a language code"),
        (9, "maybe", "y or n"),
    ],
)
def test_a_bad_answer_from_a_pipe_is_refused_with_its_number(tmp_path: Path, at: int, answer: str, said: str) -> None:
    out = tmp_path / "me.yaml"
    given = [*ANSWERS[:at], answer, *ANSWERS[at + 1 :]]
    r = run_cli("init", "--out", str(out), env=db_env(tmp_path), input="\n".join(given) + "\n")
    assert r.returncode == 2, r.stderr
    assert f"Answer {at + 1} " in r.stderr and said in r.stderr and "Traceback" not in r.stderr
    assert not out.exists(), "nothing written"


def test_a_bad_answer_on_a_terminal_is_asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    typed = iter(["pilot", "3", "Kim", "-2", "7", "none", "12", "2027-02-30", "2027-03-01"])
    typed = iter([*typed, "", "computer-vison", "computer-vision", "", "", "n", "python=9", "python=3 pytorch=1"])
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr(questions.err_console, "input", answer)
    asker = questions.Asker(io.StringIO(), terminal=True)
    got = questions.ask_all(asker, {}, kb_service.index(), dt.date(2026, 12, 1))
    assert got["background"] == "software_engineer" and got["name"] == "Kim"
    assert got["years_experience"] == 7 and got["hours_per_week"] == 12 and got["start_date"] == "2027-03-01"
    assert got["interests"] == ["computer-vision"] and got["skills"]["pytorch"] == 1 and got["skills"]["python"] == 3
    assert len(prompts) == 17, "each bad answer asked once more, nothing else"


def test_a_pipe_that_is_not_a_terminal_never_hangs_on_an_empty_input(tmp_path: Path) -> None:
    r = run_cli("init", "--out", str(tmp_path / "me.yaml"), env=db_env(tmp_path), input="")
    assert r.returncode == 0, r.stderr


def test_a_second_init_does_not_replace_the_plan_without_asking(tmp_path: Path) -> None:
    env = db_env(tmp_path)
    first = run_cli("init", "--yes", "--out", str(tmp_path / "a.yaml"), "--background", "data_scientist", env=env)
    assert first.returncode == 0, first.stderr
    assert run_cli("done", "act:find-mentor", env=env).returncode == 0
    again = run_cli("init", "--out", str(tmp_path / "b.yaml"), env=env, input="devops_engineer\n")
    assert again.returncode == 2 and "already have a plan" in again.stderr and "--replace" in again.stderr
    assert not (tmp_path / "b.yaml").exists(), "refused before any question"
    replaced = run_cli("init", "--yes", "--out", str(tmp_path / "b.yaml"), "--replace", "--json", env=env)
    assert replaced.returncode == 0, replaced.stderr
    history = json.loads(run_cli("history", "--json", env=env).stdout)
    assert [p["version"] for p in history["plans"]] == [1, 2], "the old plan stays in history"
    current = json.loads(run_cli("current", "--json", env=env).stdout)
    done = [i for i in current["items"] if i["status"] == "done"] + current["finished"]
    assert [i["id"] for i in done] == ["act:find-mentor"], "done work is kept"


def test_a_level_outside_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="0–4"):
        questions.skill_levels("python=7", kb_service.index())
    with pytest.raises(UserError):
        questions.ask_all(None, {"background": "pilot"}, kb_service.index(), dt.date(2026, 12, 1))
