"""The tracebacks the attack pass of issue 11 found, each run as a user runs it: the real ``mlroute`` command.

Each answered with a Python traceback before; now each is a message naming the problem and the fix, exit code 2.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def assert_clear_refusal(done: object, *words: str) -> None:
    stderr = done.stderr  # type: ignore[attr-defined]
    assert done.returncode == 2, stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr, (word, stderr)


def test_a_start_date_that_is_no_calendar_day_is_named(tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("background: software_engineer\nstart_date: 2026-02-30\n", encoding="utf-8")
    assert_clear_refusal(run_cli("plan", "--profile", str(profile)), "start_date", "2026-02-30", "28 days")
    profile.write_text("availability: {2026-13-01: 4}\n", encoding="utf-8")
    assert_clear_refusal(run_cli("plan", "--profile", str(profile)), "availability", "no month 13")


def test_a_negative_or_huge_seed_is_refused() -> None:
    assert_clear_refusal(run_cli("demo", "--seed", "-1"), "--seed", "greater than or equal to 0")
    assert_clear_refusal(run_cli("demo", "--seed", str(2**64)), "--seed")


def test_mlroute_db_at_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("my notes, not a database\n", encoding="utf-8")
    done = run_cli("status", env={"MLROUTE_DB": str(text)})
    assert_clear_refusal(done, "is not an SQLite database", "MLROUTE_DB")
    assert text.read_text(encoding="utf-8") == "my notes, not a database\n"  # nothing written to it
    assert_clear_refusal(run_cli("status", env={"MLROUTE_DB": str(tmp_path)}), "is a folder")
