"""Reliability with real processes: SIGKILL while logging, and 50 concurrent `mlroute log` on one SQLite file.

The figures (iterations, sessions, timings) are printed; run with ``-s`` to see them.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import MLROUTE
from tests.track.sample import seed_plan

CRASH_ITERATIONS = 30
CONCURRENT = 50


def _seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    from mlroute.store import Store

    db = tmp_path / "mlroute.db"
    store = Store(f"sqlite:///{db}")
    seed_plan(store)
    store.close()
    env = {**os.environ, "MLROUTE_DB": f"sqlite:///{db}", "NO_COLOR": "1"}
    return db, env


def _log_cmd(note: str) -> list[str]:
    return [str(MLROUTE), "log", "25m", "--item", "res:ml-course", "--note", note]


def _notes(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT note, minutes FROM study_sessions ORDER BY id").fetchall()


@pytest.mark.slow
def test_sigkill_while_logging_loses_no_committed_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, env = _seeded(tmp_path, monkeypatch)
    # How long one `mlroute log` takes here, so the kills land across start-up, the write and the exit.
    timings = []
    for n in range(3):
        t0 = time.monotonic()
        first = subprocess.run(_log_cmd(f"calibration-{n}"), env=env, capture_output=True, text=True, timeout=60)
        timings.append(time.monotonic() - t0)
        assert first.returncode == 0, first.stderr
    full = sorted(timings)[1]
    rng = random.Random(20261207)
    completed: list[str] = []
    killed: list[str] = []
    started = time.monotonic()
    for i in range(CRASH_ITERATIONS):
        note = f"crash-{i}"
        t0 = time.monotonic()
        proc = subprocess.Popen(_log_cmd(note), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Every third run is left to finish (and re-measures a run's length on this machine's current load);
        # the others are killed at a random moment across start-up, the write and the exit.
        try:
            proc.wait(timeout=None if i % 3 == 0 else rng.uniform(0.3 * full, 1.2 * full))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed.append(note)
            continue
        if i % 3 == 0:
            full = 0.5 * full + 0.5 * (time.monotonic() - t0)
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        assert b"logged 25m" in out
        completed.append(note)
    rows = _notes(db)
    stored = {note for note, _ in rows}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # every process that reported success is stored; nothing half-written exists
    assert set(completed) <= stored
    assert all(minutes == 25 for _, minutes in rows)
    assert len(rows) == len(stored)  # no duplicates
    committed_then_killed = [n for n in killed if n in stored]
    assert killed, "no process was killed: the timing window is wrong"
    assert completed, "every process was killed: the timing window is wrong"
    status = subprocess.run([str(MLROUTE), "status", "--json"], env=env, capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stderr
    print(
        f"\n[crash] {CRASH_ITERATIONS} iterations in {time.monotonic() - started:.1f}s (one log {full:.2f}s): "
        f"{len(completed)} completed and stored, {len(killed)} SIGKILLed "
        f"({len(committed_then_killed)} of them after their commit, {len(killed) - len(committed_then_killed)} "
        f"before); {len(rows)} sessions in the database; integrity_check ok"
    )


WRITER = """
import sys
from datetime import UTC, date, datetime
from mlroute.store import open_store, repo
store = open_store(sys.argv[1])
n = 0
while True:
    n += 1
    sid = store.write(lambda s: repo.add_session(
        s, day=date(2026, 12, 8), minutes=n % 300 + 1, item_id="res:ml-course", note=f"w{n}", now=datetime.now(UTC)))
    print(sid, flush=True)  # after the commit returned
"""


@pytest.mark.slow
def test_sigkill_in_the_middle_of_a_stream_of_commits(tmp_path: Path) -> None:
    """A writer committing as fast as it can is killed at random moments: every acknowledged commit survives."""
    import sys

    url = f"sqlite:///{tmp_path / 'stream.db'}"
    rng = random.Random(7)
    acknowledged: list[int] = []
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the writer is up and committing
        acknowledged.append(int(first))
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        acknowledged += [int(line) for line in proc.stdout.read().split()]
        proc.stdout.close()
    with sqlite3.connect(tmp_path / "stream.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in conn.execute("SELECT id FROM study_sessions")}
        partial = conn.execute("SELECT count(*) FROM study_sessions WHERE note IS NULL OR minutes < 1").fetchone()
    assert set(acknowledged) <= stored
    assert partial == (0,)
    print(
        f"\n[stream] 10 writers SIGKILLed mid-stream: {len(acknowledged)} acknowledged commits, all among the "
        f"{len(stored)} stored; integrity_check ok"
    )


@pytest.mark.slow
def test_fifty_concurrent_logs_are_all_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, env = _seeded(tmp_path, monkeypatch)
    started = time.monotonic()
    procs = [
        subprocess.Popen(_log_cmd(f"parallel-{i}"), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in range(CONCURRENT)
    ]
    results = [(p.wait(timeout=120), p.communicate()) for p in procs]
    elapsed = time.monotonic() - started
    failures = [err.decode() for code, (_, err) in results if code != 0]
    assert not failures, failures[:3]
    notes = [note for note, _ in _notes(db)]
    assert sorted(notes) == sorted(f"parallel-{i}" for i in range(CONCURRENT))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert elapsed < 120  # a hang guard; the figure itself is printed (about 20–40 s on 2 busy cores)
    print(f"\n[concurrency] {CONCURRENT} concurrent `mlroute log` processes: all {len(notes)} stored in {elapsed:.1f}s")
