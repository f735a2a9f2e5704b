"""The backup file: every table as JSON, with a format marker and a version, and a strict reader for it.

Restoring a file that is not an mlroute backup, is damaged, or comes from a newer format must change nothing
and say why; so the reader checks every table and row against the schema before anything is written.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from mlroute.errors import UserError

FORMAT = "mlroute-backup"
VERSION = 1
# column kind → the check a value must pass; nullable columns also accept None
Schema = dict[str, dict[str, tuple[str, bool]]]


def make_backup(
    tables: dict[str, list[dict[str, Any]]], *, schema_revision: str, app_version: str, now: datetime
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": now.isoformat(),
        "mlroute_version": app_version,
        "schema_revision": schema_revision,
        "counts": {name: len(rows) for name, rows in tables.items()},
        "tables": tables,
    }


def _valid(value: Any, kind: str) -> bool:
    try:
        if kind == "int":
            return isinstance(value, int) and not isinstance(value, bool)
        if kind == "float":
            return isinstance(value, int | float) and not isinstance(value, bool)
        if kind == "str":
            return isinstance(value, str)
        if kind == "date":
            return isinstance(value, str) and bool(date.fromisoformat(value))
        if kind == "datetime":
            return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
        if kind == "json":
            return isinstance(value, dict | list)
    except ValueError:
        return False
    raise ValueError(f"unknown column kind {kind}")


def read_backup(text: str, *, source: str, schema: Schema) -> dict[str, list[dict[str, Any]]]:
    """The tables of a backup document, or a ``UserError`` naming the first problem."""
    hint = f"Choose a file written by `mlroute backup`; {source} was not changed and nothing was restored."
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}).", hint=hint) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise UserError(f'{source} is not an mlroute backup (no "format": "{FORMAT}" marker).', hint=hint)
    version = doc.get("version")
    if not isinstance(version, int) or version < 1:
        raise UserError(f"{source} has no valid backup format version.", hint=hint)
    if version > VERSION:
        raise UserError(
            f"{source} is backup format {version}; this mlroute reads up to format {VERSION}.",
            hint="Upgrade mlroute to restore it.",
        )
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise UserError(f'{source} has no "tables" object.', hint=hint)
    unknown = sorted(set(tables) - set(schema))
    if unknown:
        raise UserError(f"{source} has unknown tables: {', '.join(unknown)}.", hint=hint)
    for name, rows in tables.items():
        if not isinstance(rows, list):
            raise UserError(f"{source}: table {name} is not a list of rows.", hint=hint)
        for n, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise UserError(f"{source}: {name} row {n} is not an object.", hint=hint)
            extra = sorted(set(row) - set(schema[name]))
            if extra:
                raise UserError(f"{source}: {name} row {n} has unknown fields {', '.join(extra)}.", hint=hint)
            for col, (kind, nullable) in schema[name].items():
                value = row.get(col)
                if value is None and nullable:
                    continue
                if value is None or not _valid(value, kind):
                    raise UserError(
                        f"{source}: {name} row {n}, field {col} = {value!r} is not a valid {kind}.", hint=hint
                    )
        counts = doc.get("counts", {})
        if isinstance(counts, dict) and name in counts and counts[name] != len(rows):
            raise UserError(
                f"{source}: table {name} has {len(rows)} rows but the backup recorded {counts[name]} "
                "(the file is truncated or was edited).",
                hint=hint,
            )
    return tables
