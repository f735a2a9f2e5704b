"""A week of a plan from the command line, as a person runs it, on SQLite and on PostgreSQL: log, finish, skip,
journal, evidence, status, export, backup and restore; and every bad input answered with exit 2 and no change.

Most commands run through ``mlroute.cli.main`` in this process (the same code path as the console script, minus
process start-up, which costs a second per call on a busy 2-core machine); the tests marked "as a process" run
the real ``.venv/bin/mlroute`` to check exit codes, stdout and stderr end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from mlroute.store import Store
from tests.conftest import run_cli
from tests.store.fixtures import db_url, pg_url  # noqa: F401  (fixtures)
from tests.track.sample import seed_plan

TODAY = date.today()
START = TODAY - timedelta(days=TODAY.weekday() + 7)  # the Monday of last week: a week of history
STATUS_KEYS = {"hours_logged", "items_done", "items_total", "progress", "eta_weeks", "eta_weeks_initial", "next"}


def _seeded(url: str) -> Iterator[dict[str, str]]:
    store = Store(url)
    seed_plan(store, start=START)
    store.close()
    yield {"MLROUTE_DB": url}


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A SQLite database holding the sample plan, started last Monday; the environment for the CLI."""
    yield from _seeded(f"sqlite:///{tmp_path / 'mlroute.db'}")


@pytest.fixture
def any_env(db_url: str) -> Iterator[dict[str, str]]:  # noqa: F811
    """The same on SQLite and on PostgreSQL."""
    yield from _seeded(db_url)


Run = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def mlroute(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``mlroute ARGS`` in this process against ``env``; returns what a process would."""

    def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        from mlroute.cli import main

        with monkeypatch.context() as m:
            m.setenv("MLROUTE_DB", env["MLROUTE_DB"])
            m.setenv("COLUMNS", "120")
            m.setattr(sys, "argv", ["mlroute", *args])
            capsys.readouterr()
            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            out = capsys.readouterr()
        return subprocess.CompletedProcess(["mlroute", *args], code, out.out, out.err)

    return run


@pytest.fixture
def ok(mlroute: Run) -> Callable[..., Any]:
    def call(env: dict[str, str], *args: str) -> Any:
        result = mlroute(*args, "--json", env=env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return call


@pytest.fixture
def bad(mlroute: Run) -> Callable[..., str]:
    def call(env: dict[str, str], *args: str) -> str:
        result = mlroute(*args, env=env)
        assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
        assert result.stdout == ""
        return result.stderr.replace("\n", " ")

    return call


def snapshot(ok: Callable[..., Any], env: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    """Everything in the database (a backup without its timestamp)."""
    path = tmp_path / f"snap-{len(list(tmp_path.glob('snap-*')))}.json"
    ok(env, "backup", str(path))
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("created_at")
    return doc


def test_a_week_of_the_plan(any_env: dict[str, str], ok: Callable[..., Any], mlroute: Run, tmp_path: Path) -> None:
    env = any_env
    monday = START + timedelta(days=7)
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    logged = ok(
        env, "log", "90m", "--item", "act:find-a-mentor", "--note", "coffee with Sam", "--date", START.isoformat()
    )
    assert logged["minutes"] == 90 and logged["started"] is True and logged["item"] == "act:find-a-mentor"
    ok(env, "done", "find-a-mentor")
    ok(
        env,
        "log",
        "2h",
        "--item",
        "python-course",
        "--note",
        "pandas 分组",
        "--date",
        (START + timedelta(days=2)).isoformat(),
    )
    ok(env, "log", "1h30m", "--item", "res:python-course", "--date", yesterday)
    started = ok(env, "start", "ml-course")
    assert (started["previous"], started["status"]) == ("todo", "doing")
    skipped = ok(env, "skip", "linear-algebra", "--reason", "known")
    assert skipped["status"] == "skipped" and skipped["reason"] == "known"
    finished = ok(env, "done", "python-course")
    assert finished["previous"] == "doing" and finished["review_due"]
    entry = ok(
        env,
        "journal",
        "add",
        "Broadcasting rules finally make sense",
        "--kind",
        "insight",
        "--tag",
        "numpy",
        "--item",
        "python-course",
    )
    assert entry["items"] == ["res:python-course"] and entry["tags"] == ["numpy"]
    ok(env, "journal", "add", "设计：特征管道", "--kind", "design-note", "--item", "proj:tabular-app")
    assert ok(env, "journal", "list", "--tag", "numpy")["count"] == 1
    assert ok(env, "journal", "list", "--kind", "design-note")["entries"][0]["text"] == "设计：特征管道"
    link = ok(env, "evidence", "add", "https://github.com/alex/tabular-app", "--item", "tabular-app")
    assert link["kind"] == "repository" and link["item"] == "proj:tabular-app"
    assert ok(env, "evidence", "list")["count"] == 1

    status = ok(env, "status")
    assert set(status) >= STATUS_KEYS
    assert status["hours_logged"] == 5.0
    assert (status["items_done"], status["items_skipped"], status["items_total"]) == (2, 1, 5)
    assert 0 < status["progress"] < 1
    assert set(status["eta_weeks"]) == set(status["eta_weeks_initial"]) == {"p10", "p50", "p90"}
    assert status["eta_weeks_initial"] == {"p10": 14.0, "p50": 16.0, "p90": 19.0}
    assert status["eta_weeks"]["p10"] <= status["eta_weeks"]["p50"] <= status["eta_weeks"]["p90"]
    assert status["next"][0] == "res:ml-course"  # in progress first
    assert "res:linear-algebra" not in status["next"] and "res:python-course" not in status["next"]
    assert status["week"] == 2 and status["this_week"]["from"] == monday.isoformat()
    assert status["streak"]["longest_weeks"] >= 1

    text = mlroute("status", env=env)
    assert text.returncode == 0 and "ETA" in text.stdout and "res:ml-course" in text.stdout

    for fmt in ("md", "html", "pdf"):
        out = ok(env, "export", "transition-plan", "--format", fmt, "-o", str(tmp_path / f"plan.{fmt}"))
        assert out["format"] == fmt and (tmp_path / f"plan.{fmt}").stat().st_size == out["bytes"]
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    for section in (
        "## Goals",
        "## Route",
        "## Timeline",
        "## Projects",
        "## What I ask of my manager",
        "## Evidence so far",
        "设计：特征管道",
        "https://github.com/alex/tabular-app",
    ):
        assert section in md
    pdf_text = "".join(p.extract_text() for p in PdfReader(tmp_path / "plan.pdf").pages)
    assert "李宏毅 机器学习 2022" in pdf_text and "What I ask of my manager" in pdf_text
    ok(env, "export", "learning-log", "-o", str(tmp_path / "log.md"))
    assert "coffee with Sam" in (tmp_path / "log.md").read_text(encoding="utf-8")
    ok(env, "export", "portfolio", "-o", str(tmp_path / "portfolio.md"))
    cal = ok(env, "export", "calendar", "-o", str(tmp_path / "plan.ics"))
    events = list(Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT"))
    assert len(events) == cal["events"] > 14


def test_as_a_process_log_status_backup_restore(env: dict[str, str], tmp_path: Path) -> None:
    """The console script end to end; restore into an empty database reproduces the same status."""

    def js(e: dict[str, str], *args: str) -> Any:
        result = run_cli(*args, "--json", env=e)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)  # stdout holds one JSON document and nothing else

    logged = js(env, "log", "45m", "--item", "find-a-mentor", "--note", "第一次", "--date", START.isoformat())
    assert logged["duration"] == "45m"
    js(env, "done", "find-a-mentor")
    js(env, "skip", "python-course")
    js(env, "journal", "add", "第一周的总结", "--kind", "feedback")
    before = js(env, "status")
    saved = js(env, "backup", str(tmp_path / "backup.json"))
    assert saved["counts"]["study_sessions"] == 1 and saved["counts"]["journal_entries"] == 1
    empty = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'restored.db'}"}
    assert js(empty, "restore", str(tmp_path / "backup.json"))["counts"] == saved["counts"]
    assert js(empty, "status") == before
    human = run_cli("status", env=empty)
    assert human.returncode == 0 and "0.75 h logged" in human.stdout
    for args, message in (
        (("log", "90", "--item", "find-a-mentor"), "Cannot read the duration '90'."),
        (("done", "pyhton-course"), "Did you mean: res:python-course"),
        (("restore", str(tmp_path / "status.json")), "does not exist"),
    ):
        result = run_cli(*args, env=env)
        assert result.returncode == 2 and result.stdout == ""
        assert message in result.stderr and "Traceback" not in result.stderr


def test_restore_and_replace(
    env: dict[str, str], ok: Callable[..., Any], bad: Callable[..., str], tmp_path: Path
) -> None:
    ok(env, "log", "45m", "--item", "python-course", "--date", START.isoformat())
    assert ok(env, "done", "find-a-mentor")["review_due"] is None  # career steps are not reviewed
    ok(env, "done", "python-course")
    ok(env, "review", "python-course", "--rating", "good")
    ok(env, "evidence", "add", "https://alex.dev/post", "--title", "My first post")
    before = ok(env, "status")
    saved = ok(env, "backup", str(tmp_path / "backup.json"))
    assert saved["counts"]["review_cards"] == 1 and saved["counts"]["evidence_links"] == 1
    empty = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'restored.db'}"}
    ok(empty, "restore", str(tmp_path / "backup.json"))
    assert ok(empty, "status") == before
    assert ok(empty, "evidence", "list") == ok(env, "evidence", "list")
    assert ok(empty, "history") == ok(env, "history")
    # a full database is only overwritten on request
    assert "already holds data" in bad(empty, "restore", str(tmp_path / "backup.json"))
    ok(empty, "log", "2h", "--item", "python-course")
    assert ok(empty, "restore", str(tmp_path / "backup.json"), "--replace")["replaced"] is True
    assert ok(empty, "status") == before


def test_bad_input_is_exit_2_and_changes_nothing(
    env: dict[str, str], ok: Callable[..., Any], bad: Callable[..., str], tmp_path: Path
) -> None:
    ok(env, "log", "30m", "--item", "find-a-mentor", "--date", START.isoformat())
    before = snapshot(ok, env, tmp_path)

    assert "Cannot read the duration '90'. Did you mean 90m?" in bad(env, "log", "90", "--item", "find-a-mentor")
    assert "Cannot read the duration '1h30'" in bad(env, "log", "1h30", "--item", "find-a-mentor")
    assert "Cannot read the duration 'an hour'" in bad(env, "log", "an hour", "--item", "find-a-mentor")
    assert "longer than a day" in bad(env, "log", "30h", "--item", "find-a-mentor")
    err = bad(env, "log", "1h", "--item", "pyhton-course")
    assert "Unknown plan item id 'pyhton-course'" in err and "Did you mean: res:python-course" in err
    assert "res:ml-course" in bad(env, "done", "res:ml-cours")
    assert "Unknown plan item" in bad(env, "skip", "proj:nothing-like-it")
    assert "Unknown plan item" in bad(env, "journal", "add", "x", "--item", "nope-nope")
    assert "in the future" in bad(
        env, "log", "1h", "--item", "find-a-mentor", "--date", (TODAY + timedelta(days=2)).isoformat()
    )
    assert "Cannot read the date" in bad(env, "log", "1h", "--item", "find-a-mentor", "--date", "12/08/2026")
    assert "Did you mean insight?" in bad(env, "journal", "add", "x", "--kind", "insigth")
    assert "not a web address" in bad(env, "evidence", "add", "github.com/x")
    assert "no review scheduled" in bad(env, "review", "ml-course", "--rating", "good")
    assert "Unknown rating" in bad(env, "review", "python-course", "--rating", "great")

    (tmp_path / "corrupt.json").write_text('{"format": "mlroute-backup", "version": 1, "tables": {', "utf-8")
    assert "is not valid JSON" in bad(env, "restore", str(tmp_path / "corrupt.json"))
    (tmp_path / "foreign.json").write_text(json.dumps({"name": "some other app", "items": []}), "utf-8")
    assert "is not an mlroute backup" in bad(env, "restore", str(tmp_path / "foreign.json"), "--replace")
    (tmp_path / "binary.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "not a text file" in bad(env, "restore", str(tmp_path / "binary.json"), "--replace")
    damaged = json.loads(json.dumps(before))
    damaged["created_at"] = "2026-01-01T00:00:00+00:00"
    damaged["tables"]["study_sessions"][0]["minutes"] = "lots"
    (tmp_path / "damaged.json").write_text(json.dumps(damaged), "utf-8")
    assert "field minutes = 'lots'" in bad(env, "restore", str(tmp_path / "damaged.json"), "--replace")
    duplicated = json.loads(json.dumps(before))
    duplicated["created_at"] = "2026-01-01T00:00:00+00:00"
    duplicated["tables"]["plans"].append(dict(duplicated["tables"]["plans"][0]))
    duplicated["counts"]["plans"] = 2
    (tmp_path / "duplicated.json").write_text(json.dumps(duplicated), "utf-8")
    assert "conflicting records" in bad(env, "restore", str(tmp_path / "duplicated.json"), "--replace")
    assert "does not exist" in bad(env, "restore", str(tmp_path / "missing.json"))
    assert "Unknown format" in bad(env, "export", "transition-plan", "-o", str(tmp_path / "plan.docx"))

    assert snapshot(ok, env, tmp_path) == before


def test_without_a_plan_every_command_says_how_to_start(bad: Callable[..., str], tmp_path: Path) -> None:
    env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'empty.db'}"}
    for args in (
        ("status",),
        ("log", "1h", "--item", "x"),
        ("done", "x"),
        ("replan",),
        ("export", "calendar", "-o", str(tmp_path / "x.ics")),
    ):
        err = bad(env, *args)
        assert "There is no plan yet" in err and "mlroute init --profile" in err


def test_init_and_replan_with_the_real_planner(ok: Callable[..., Any], tmp_path: Path) -> None:
    """The bundled persona's plan is stored, followed for a week, and re-planned from what happened."""
    from mlroute.profile import demo_profile_path, load_profile
    from mlroute.services import onboarding
    from mlroute.services.kb import index
    from mlroute.store import repo

    env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'mlroute.db'}"}
    store = Store(env["MLROUTE_DB"])
    profile = load_profile(demo_profile_path()).model_copy(update={"start_date": START})
    stored = onboarding.start(store, index(), profile).stored
    assert (stored.profile_version, stored.plan_version, stored.reason) == (1, 1, "init")
    plan = store.read(lambda s: repo.latest_plan(s).data)
    first = ok(env, "status")
    items = [i["id"] for i in plan["items"] if i["kind"] == "resource"]
    done_item, skipped_item = items[0], items[1]
    ok(env, "log", "3h", "--item", done_item, "--date", START.isoformat())
    ok(env, "log", "2h", "--item", done_item, "--date", (START + timedelta(days=3)).isoformat())
    ok(env, "done", done_item)
    ok(env, "skip", skipped_item, "--reason", "known")

    # an item finished under an older knowledge base that no longer has it: kept, but not handed to the planner
    store.write(lambda s: repo.set_status(s, "res:retired-course", "done", now=datetime.now(UTC)))
    store.close()

    replanned = ok(env, "replan")
    assert (replanned["previous_version"], replanned["plan_version"]) == (1, 2)
    assert replanned["starts_on"] == (START + timedelta(days=7 * (replanned["week"] - 1))).isoformat()
    removed = {r["id"]: r["why"] for r in replanned["changes"]["removed"]}
    assert removed[done_item] == "done"
    assert removed[skipped_item] == "skipped: you already know it"
    assert replanned["pace"] is None, "a week of data is not enough for an observed pace"
    assert replanned["reasons"][0].startswith("not enough data yet for an observed pace")
    assert any("1 item(s) done" in r for r in replanned["reasons"])
    for key in ("eta_weeks_before", "eta_weeks_after", "eta_weeks_initial"):
        assert set(replanned[key]) == {"p10", "p50", "p90"}
    after = ok(env, "status")
    assert after["plan_version"] == 2
    assert after["items_done"] == 2 and after["hours_logged"] == 5.0  # history is kept
    assert after["eta_weeks_initial"] == first["eta_weeks_initial"]
    assert done_item not in after["next"] and skipped_item not in after["next"]
    history = ok(env, "history")
    assert [p["reason"] for p in history["plans"]] == ["init", "replan"]
    assert len(history["forecasts"]) == 2
    # one forecast everywhere: what replan printed is what status and history say
    assert after["eta_weeks"] == replanned["eta_weeks_after"] == history["forecasts"][-1]["eta_weeks"]
    again = ok(env, "replan")
    assert again["unchanged"] and again["plan_version"] == 2 and again["eta_weeks_after"] == after["eta_weeks"]

    ok(env, "export", "transition-plan", "-o", str(tmp_path / "plan.md"))
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert "→ Machine Learning Engineer" in md and "Main gaps:" in md
    assert "## What I ask of my manager" in md and "Write a transition plan" not in md.split("## What I commit")[0]
    assert "Your support for a secondment to an ML team" in md  # a step the manager can give is an ask
    ok(env, "export", "portfolio", "-o", str(tmp_path / "portfolio.md"))
    assert "### What reviewers check" in (tmp_path / "portfolio.md").read_text(encoding="utf-8")


def test_init_with_a_profile_file_stores_the_first_plan(ok: Callable[..., Any], tmp_path: Path) -> None:
    from mlroute.profile import demo_profile_path

    env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'mlroute.db'}"}
    first = run_cli("init", "--profile", str(demo_profile_path()), "--json", env=env)
    assert first.returncode == 0, first.stderr
    doc = json.loads(first.stdout)
    assert doc["stored"]["plan_version"] == 1 and doc["stored"]["reason"] == "init"
    status = ok(env, "status")
    assert status["plan_version"] == 1 and status["items_total"] == len(doc["plan"]["items"])
    assert status["eta_weeks_initial"] == {k: float(v) for k, v in doc["plan"]["eta_weeks"].items()}
    refused = run_cli("init", "--profile", str(demo_profile_path()), "--json", env=env)
    assert refused.returncode == 2 and "--replace" in refused.stderr, "a second init never replaces silently"
    again = run_cli("init", "--profile", str(demo_profile_path()), "--replace", "--json", env=env)
    assert json.loads(again.stdout)["stored"]["unchanged"] is True
