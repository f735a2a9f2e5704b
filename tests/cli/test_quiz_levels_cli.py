"""A level earned with ``mlroute quiz SKILL --answers … --accept`` shows, with its date, in what the terminal prints
after a re-plan: ``mlroute plan`` (its header and the reasons), ``mlroute current``; as a process, end to end."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import yaml

from mlroute.services.kb import index
from mlroute.services.quiz import items_for
from mlroute.track.quiz import assemble
from tests.conftest import run_cli
from tests.services.conftest import PERSON, right_answer


def test_a_quiz_level_reaches_plan_and_current_text(tmp_path: Path) -> None:
    env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'mlroute.db'}"}
    today = date.today()
    start = today - timedelta(days=today.weekday())
    profile = tmp_path / "me.yaml"
    profile.write_text(yaml.safe_dump({**PERSON, "start_date": start.isoformat()}), encoding="utf-8")
    before = run_cli("plan", "--profile", str(profile), env=env)  # no database yet: declared levels only
    assert before.returncode == 0, before.stderr
    assert "You said Python 1; the role asks 3." in before.stdout and "quiz" not in before.stdout
    assert not (tmp_path / "mlroute.db").exists()  # a plan from a file creates no database
    assert run_cli("init", "--profile", str(profile), "--json", env=env).returncode == 0

    right = [right_answer(p) for p in assemble(items_for("python", index()), 11)]
    taken = run_cli("quiz", "python", "--answers", json.dumps(right), "--seed", "11", "--accept", "--json", env=env)
    assert taken.returncode == 0, taken.stderr
    day = json.loads(taken.stdout)["accepted_at"][:10]
    assert run_cli("replan", env=env).returncode == 0

    current = run_cli("current", env=env)
    assert current.returncode == 0, current.stderr
    assert f"Levels earned in quizzes: Python 3 (quiz, {day}; you said 1)." in current.stdout
    planned = run_cli("plan", "--profile", str(profile), env=env)
    assert planned.returncode == 0, planned.stderr
    text = " ".join(planned.stdout.split())  # the panel and the reasons wrap
    assert f"Levels earned in quizzes: Python 3 (quiz, {day}; you said 1)." in text
    assert f"It builds on Python 3 (quiz, {day}; you said 1)." in text
    assert "You said Python 1" not in text
    zh = " ".join(run_cli("plan", "--profile", str(profile), "--lang", "zh", env=env).stdout.split())
    assert f"测验中取得的水平：Python 3级（测验，{day}；你自评1级）。" in zh
    assert f"它建立在你的Python 3级（测验，{day}；你自评1级）之上。" in zh
