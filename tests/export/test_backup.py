"""The backup format: a marker, a version, and a reader that refuses anything else before touching the database."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from mlroute.errors import UserError
from mlroute.export.backup import FORMAT, VERSION, make_backup, read_backup
from mlroute.store.dump import schema

NOW = datetime(2026, 12, 20, tzinfo=UTC)
ROW = {
    "id": 1,
    "day": "2026-12-08",
    "minutes": 30,
    "item_id": "res:a",
    "note": None,
    "created_at": "2026-12-08T20:00:00+00:00",
}


def doc(**changes: object) -> dict:
    d = make_backup({"study_sessions": [dict(ROW)]}, schema_revision="0002", app_version="0.1.0", now=NOW)
    d.update(changes)
    return d


def read(d: object) -> dict:
    return read_backup(json.dumps(d), source="b.json", schema=schema())


def test_round_trip() -> None:
    d = doc()
    assert d["format"] == FORMAT and d["version"] == VERSION and d["counts"] == {"study_sessions": 1}
    assert read(d) == {"study_sessions": [ROW]}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "is not valid JSON"),
        (json.dumps({"some": "other app"}), "is not an mlroute backup"),
        (json.dumps([1, 2]), "is not an mlroute backup"),
    ],
)
def test_foreign_or_corrupt_files(document: str, message: str) -> None:
    with pytest.raises(UserError, match=message) as err:
        read_backup(document, source="b.json", schema=schema())
    assert "nothing was restored" in (err.value.hint or "")


def test_newer_format_asks_for_an_upgrade() -> None:
    with pytest.raises(UserError, match="reads up to format 1") as err:
        read(doc(version=VERSION + 1))
    assert "Upgrade mlroute" in (err.value.hint or "")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({**ROW, "minutes": "thirty"}, "field minutes = 'thirty' is not a valid int"),
        ({**ROW, "day": "08/12/2026"}, "field day"),
        ({**ROW, "created_at": "2026-12-08T20:00:00"}, "field created_at"),  # no time zone
        ({**ROW, "colour": "red"}, "unknown fields colour"),
        ({k: v for k, v in ROW.items() if k != "item_id"}, "field item_id = None"),
    ],
)
def test_bad_rows_are_named(row: dict, message: str) -> None:
    d = doc()
    d["tables"]["study_sessions"] = [row]
    with pytest.raises(UserError, match=message):
        read(d)


def test_unknown_table_and_truncation() -> None:
    d = doc()
    d["tables"]["users"] = []
    with pytest.raises(UserError, match="unknown tables: users"):
        read(d)
    d = doc()
    d["counts"]["study_sessions"] = 2
    with pytest.raises(UserError, match="truncated"):
        read(d)
