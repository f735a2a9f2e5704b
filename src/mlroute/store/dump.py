"""Every row of every table as JSON-ready dicts, and back: the storage half of backup and restore.

Primary keys are kept, so a restored database is the same database; on PostgreSQL the id sequences are moved
past the restored ids so later inserts do not collide. In team mode a backup is one account's data: it leaves out
``owner_id`` (and the surrogate keys of rows known by a natural key), and a restore into an account gives its rows
new ids (other accounts' rows hold the old ones), with the references between them (a drill review's mock
interview) carried over.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Float, Integer, String, delete, func, inspect, select, text
from sqlalchemy.orm import Session

from mlroute.store.models import NATURAL_KEYS, TABLES, Base, UTCDateTime
from mlroute.store.owner import scope_of

# Columns holding the id of another backed-up row: (table, column) → the table the id is of.
REFERENCES = {("drill_reviews", "mock_id"): "mock_interviews"}


def table_names() -> list[str]:
    return [model.__tablename__ for model in TABLES]


def columns(model: type[Base]) -> dict[str, Any]:
    """Column name → SQLAlchemy type, for one table (the columns a backup holds)."""
    return {c.key: c.columns[0].type for c in inspect(model).column_attrs if c.columns[0].info.get("backup", True)}


def schema() -> dict[str, dict[str, tuple[str, bool]]]:
    """Table → column → (kind, nullable): what a backup row must look like."""
    out: dict[str, dict[str, tuple[str, bool]]] = {}
    for model in TABLES:
        cols: dict[str, tuple[str, bool]] = {}
        for attr in inspect(model).column_attrs:
            column = attr.columns[0]
            if column.info.get("backup", True):
                cols[attr.key] = (_kind(column.type), bool(column.nullable))
        out[model.__tablename__] = cols
    return out


def _kind(type_: Any) -> str:
    if isinstance(type_, UTCDateTime):
        return "datetime"
    if isinstance(type_, Date):
        return "date"
    if isinstance(type_, Integer):
        return "int"
    if isinstance(type_, Float):
        return "float"
    if isinstance(type_, JSON):
        return "json"
    if isinstance(type_, String):
        return "str"
    raise TypeError(f"no backup kind for {type_!r}")


def dump(s: Session) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for model in TABLES:
        cols = columns(model)
        natural = NATURAL_KEYS.get(model.__tablename__)
        order = [getattr(model, natural)] if natural else list(inspect(model).primary_key)
        rows = s.scalars(select(model).order_by(*order))
        out[model.__tablename__] = [{name: _to_json(getattr(r, name)) for name in cols} for r in rows]
    return out


def load(s: Session, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert the rows of a dump (validated beforehand); returns the number of rows per table. The local person's
    rows keep their ids; an account's get new ones (``REFERENCES`` follow them)."""
    keep_ids = scope_of(s) is None
    new_ids: dict[str, dict[Any, Any]] = {}
    counts: dict[str, int] = {}
    for model in TABLES:
        name = model.__tablename__
        cols = columns(model)
        rows = tables.get(name, [])
        added = []
        for raw in rows:
            values = {col: _from_json(raw.get(col), cols[col]) for col in cols}
            if not keep_ids:
                values.pop("id", None)
                for (table, column), target in REFERENCES.items():
                    if table == name and values.get(column) is not None:
                        values[column] = new_ids.get(target, {}).get(values[column])
            row = model(**values)
            s.add(row)
            added.append((raw.get("id"), row))
        s.flush()
        new_ids[name] = {old: getattr(row, "id", None) for old, row in added}
        counts[name] = len(rows)
    if keep_ids and s.get_bind().dialect.name == "postgresql":
        for model in TABLES:
            if "id" in columns(model):
                table = model.__tablename__
                top = s.scalar(select(func.max(model.id)))  # type: ignore[attr-defined]
                if top:
                    s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n)"), {"n": top})
    return counts


def clear(s: Session) -> None:
    for model in reversed(TABLES):
        s.execute(delete(model))
    s.flush()


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _from_json(value: Any, type_: Any) -> Any:
    if value is None:
        return None
    if isinstance(type_, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(type_, Date):
        return date.fromisoformat(value)
    return value
