"""Fuzzing what a person types or hands over: profiles (YAML and JSON files), durations, dates, backups, market
files. Every case either succeeds or raises a ``UserError`` (the shells print it with exit code 2); anything
else is a traceback, and a refused backup writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlroute.errors import UserError
from mlroute.profile import Profile, load_profile
from mlroute.track.duration import parse_duration
from tests.fuzz.budget import bounded

FAST = settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
PROFILE_FIELDS = sorted(Profile.model_fields)


def refuses_cleanly(fn: Any, *args: Any, **kw: Any) -> Any:
    """Call ``fn``; a UserError is a clean refusal (None), any other exception fails the case."""
    try:
        return fn(*args, **kw)
    except UserError as exc:
        assert exc.message.strip(), "a refusal must say what is wrong"
        return None


# -- profiles ---------------------------------------------------------------------------------------------------

SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["2026-02-30", "2026-13-01", "0000-01-01", "2026-1-1", "yes", "~", "NaN", "1e999", "-0"]),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3),
    max_leaves=8,
)
PROFILE_DATA = st.one_of(
    st.fixed_dictionaries({}, optional={f: VALUE for f in PROFILE_FIELDS}),
    VALUE,
)
YAML_SNIPPETS = st.sampled_from(
    [
        "start_date: 2026-02-30",
        "start_date: 2026-02-29",
        "availability: {2026-13-01: 4}",
        "hours_per_week: .inf",
        "hours_per_week: .nan",
        "skills: {python: 9}",
        "skills: [python]",
        "languages: []",
        "a: &x [*x]",
        "!!python/object/apply:os.system ['echo pwned']",
        "[unclosed",
        "\t- tab",
        "key: 'unterminated",
        "? complex key\n: v",
        "background: " + "x" * 5000,
        "\x00\x01",
    ]
)


@settings(FAST, max_examples=250)
@given(data=PROFILE_DATA, as_json=st.booleans())
def test_profile_files_load_or_are_refused(tmp_path_factory: pytest.TempPathFactory, data: Any, as_json: bool) -> None:
    folder = tmp_path_factory.mktemp("profiles", numbered=True)
    path = folder / ("p.json" if as_json else "p.yaml")
    text = json.dumps(data, default=str) if as_json else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    with bounded("profiles (generated)", 5):
        refuses_cleanly(load_profile, path)


@settings(FAST, max_examples=200)
@given(lines=st.lists(st.one_of(YAML_SNIPPETS, st.text(max_size=40)), min_size=1, max_size=4))
def test_hand_written_yaml_loads_or_is_refused(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("yaml", numbered=True) / "p.yaml"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    with bounded("profiles (hand-written YAML)", 5):
        refuses_cleanly(load_profile, path)


def test_profile_files_that_are_not_text(tmp_path: Path) -> None:
    rng = random.Random(11)
    for n in range(25):
        path = tmp_path / f"p{n}.yaml"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))))
        with bounded("profiles (binary)", 5):
            refuses_cleanly(load_profile, path)
    with bounded("profiles (binary)", 5):
        refuses_cleanly(load_profile, tmp_path / "missing.yaml")
        refuses_cleanly(load_profile, tmp_path)  # a folder


# -- durations and dates ----------------------------------------------------------------------------------------

DURATION = st.one_of(
    st.text(max_size=20),
    st.from_regex(r"-?\d{0,12}(\.\d{0,6})?\s*(h|m|min|hours?|minutes?)?(\d{0,4}m)?", fullmatch=True),
    st.sampled_from(["1e308h", "nanh", "infm", "0m", "24h", "24h1m", "1h60m", "9" * 400 + "h", "½h", "１h"]),
)


@settings(FAST, max_examples=400)
@given(text=DURATION)
def test_durations_parse_to_sane_minutes_or_are_refused(text: str) -> None:
    with bounded("durations", 1):
        minutes = refuses_cleanly(parse_duration, text)
    if minutes is not None:
        assert isinstance(minutes, int) and 0 < minutes <= 24 * 60, (text, minutes)


DAY = st.one_of(
    st.text(max_size=14),
    st.from_regex(r"-?\d{1,6}-\d{1,3}-\d{1,3}", fullmatch=True),
    st.sampled_from(["today", "yesterday", "tomorrow", "2026-02-30", "0000-00-00", "9999-12-31", "2026-12-09T10:00"]),
)


@settings(FAST, max_examples=300)
@given(text=DAY)
def test_dates_are_a_day_or_refused(text: str) -> None:
    from mlroute.services.journey import parse_day

    with bounded("dates", 1):
        day = refuses_cleanly(parse_day, text, dt.date(2026, 12, 9))
    if day is not None:
        assert isinstance(day, dt.date)


# -- backups ----------------------------------------------------------------------------------------------------


def _mutations(doc: Any, rng: random.Random) -> Any:
    """One random edit of a backup document: a value replaced, a key dropped, a list truncated, a type changed."""
    doc = json.loads(json.dumps(doc))
    target = doc
    for _ in range(rng.randrange(1, 5)):
        if isinstance(target, dict) and target:
            key = rng.choice(list(target))
            if rng.random() < 0.5 and isinstance(target[key], dict | list):
                target = target[key]
                continue
            choice = rng.randrange(5)
            if choice == 0:
                del target[key]
            elif choice == 1:
                target[key] = rng.choice([None, -1, 10**30, "", "2026-02-30", [], {}, "x" * 1000, 1.5])
            elif choice == 2:
                target[rng.choice(["extra", "id", "version", "day"])] = "<script>"
            elif choice == 3 and isinstance(target[key], list):
                target[key] = target[key][: rng.randrange(len(target[key]) + 1)] * rng.randrange(3)
            else:
                target[key] = json.dumps(target[key])
            break
        if isinstance(target, list) and target:
            target = target[rng.randrange(len(target))]
            continue
        break
    return doc


def _row_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return sum(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t != "alembic_version")


def restore_file(target: Path, case: Path) -> object:
    """``mlroute restore CASE`` into the database at ``target``, as the CLI runs it."""
    from mlroute.services import backup
    from mlroute.store import Store

    store = Store(f"sqlite:///{target}")
    try:
        raw = backup.read_backup_file(case)
        return backup.restore(store, backup.parse(raw, source=str(case)), source=str(case))
    finally:
        store.close()


def test_backups_restore_whole_or_not_at_all(planned_db: str, tmp_path: Path) -> None:
    from mlroute.services import backup, journal
    from mlroute.store import Store

    store = Store(planned_db)
    journal.journal_add(store, "a note", kind="insight")
    journal.evidence_add(store, "https://github.com/me/project")
    good = json.loads(bytes(backup.backup(store).data))
    store.close()
    rng = random.Random(7)
    target = tmp_path / "restore.db"
    restored = 0
    for n in range(60):
        case = tmp_path / f"case{n}.json"
        if n % 10 == 9:
            case.write_bytes(bytes(rng.randrange(256) for _ in range(200)))
        else:
            case.write_text(json.dumps(_mutations(good, rng)), encoding="utf-8")
        target.unlink(missing_ok=True)
        with bounded("backups", 10):
            result = refuses_cleanly(restore_file, target, case)
        if result is None:
            assert not target.exists() or _row_count(target) == 0, f"case {n} was refused but left rows"
        else:
            restored += 1
    assert restored < 60  # the mutations do break most backups


# -- market files -----------------------------------------------------------------------------------------------

MARKET_TEXT = st.one_of(
    st.text(max_size=300), st.sampled_from(["Python, SQL and Kubernetes", "需要 Python 和 SQL", ""])
)


@settings(FAST, max_examples=40)
@given(
    kind=st.sampled_from(["csv", "json", "jsonl"]),
    rows=st.lists(
        st.fixed_dictionaries({}, optional={"text": MARKET_TEXT, "title": MARKET_TEXT, "role": MARKET_TEXT}), max_size=4
    ),
    junk=st.binary(max_size=100),
)
def test_market_files_are_read_or_refused(
    tmp_path_factory: pytest.TempPathFactory, kind: str, rows: list[dict[str, str]], junk: bytes
) -> None:
    from mlroute.services import extraction

    path = tmp_path_factory.mktemp("market", numbered=True) / f"postings.{kind}"
    if kind == "json":
        body = json.dumps(rows).encode()
    elif kind == "jsonl":
        body = "\n".join(json.dumps(r) for r in rows).encode()
    else:
        keys = sorted({k for r in rows for k in r}) or ["text"]
        body = ("\n".join([",".join(keys)] + [",".join(json.dumps(r.get(k, "")) for k in keys) for r in rows])).encode()
    path.write_bytes(body + (junk if rows and len(rows) % 2 else b""))
    with bounded("market files", 15):
        refuses_cleanly(extraction.market, path)
