"""Every row of every table as JSON-ready dicts, and back: the storage half of backup and restore.

Primary keys are kept, so a restored database is the same database; on PostgreSQL the id sequences are moved
past the restored ids so later inserts do not collide.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Float, Integer, String, delete, func, inspect, select, text
from sqlalchemy.orm import Session

from mlroute.store.models import TABLES, Base, UTCDateTime


def table_names() -> list[str]:
    return [model.__tablename__ for model in TABLES]


def columns(model: type[Base]) -> dict[str, Any]:
    """Column name → SQLAlchemy type, for one table."""
    return {c.key: c.columns[0].type for c in inspect(model).column_attrs}


def schema() -> dict[str, dict[str, tuple[str, bool]]]:
    """Table → column → (kind, nullable): what a backup row must look like."""
    out: dict[str, dict[str, tuple[str, bool]]] = {}
    for model in TABLES:
        cols: dict[str, tuple[str, bool]] = {}
        for attr in inspect(model).column_attrs:
            column = attr.columns[0]
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
        pk = inspect(model).primary_key
        rows = s.scalars(select(model).order_by(*pk))
        out[model.__tablename__] = [{name: _to_json(getattr(r, name)) for name in cols} for r in rows]
    return out


def load(s: Session, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert the rows of a dump (validated beforehand); returns the number of rows per table."""
    counts: dict[str, int] = {}
    for model in TABLES:
        cols = columns(model)
        rows = tables.get(model.__tablename__, [])
        for raw in rows:
            s.add(model(**{name: _from_json(raw.get(name), cols[name]) for name in cols}))
        s.flush()
        counts[model.__tablename__] = len(rows)
    if s.get_bind().dialect.name == "postgresql":
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
