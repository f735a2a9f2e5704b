"""``mlroute backup`` and ``mlroute restore``: everything in the database as one JSON document, and back."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroute.errors import UserError
from mlroute.services.documents import Rendered
from mlroute.services.journey import now_or
from mlroute.services.results import Result
from mlroute.store import Store, repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

Tables = dict[str, list[dict[str, Any]]]


class Restored(Result):
    path: str
    counts: dict[str, int]
    replaced: bool


def backup(store: Store, *, now: datetime | None = None) -> Rendered:
    """Everything in the database as one JSON document (format ``mlroute-backup``)."""
    from mlroute import __version__
    from mlroute.export.backup import make_backup
    from mlroute.store.dump import dump
    from mlroute.store.migrate import HEAD

    tables = store.read(dump)
    doc = make_backup(tables, schema_revision=HEAD, app_version=__version__, now=now_or(now))
    data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    return Rendered(data, "json", {"counts": doc["counts"]})


def parse(raw: bytes, *, source: str) -> Tables:
    """The tables of a backup file, checked row by row before anything is written (``source`` names the file
    in messages)."""
    from mlroute.export.backup import read_backup
    from mlroute.store.dump import schema

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(
            f"{source} is not a text file.", hint="Choose a file written by `mlroute backup`; nothing was restored."
        ) from None
    return read_backup(text, source=source, schema=schema())


def restore(store: Store, tables: Tables, *, source: str, replace: bool = False) -> Restored:
    """Load checked backup tables (``parse``) into an empty database (or replace everything with ``replace``),
    all or nothing."""
    from sqlalchemy.exc import IntegrityError

    from mlroute.store.dump import clear, load

    def tx(s: DbSession) -> dict[str, int]:
        if not repo.is_empty(s):
            if not replace:
                raise UserError(
                    "The database already holds data; restore only fills an empty one.",
                    hint="Use --replace to overwrite everything in it (back it up first with `mlroute backup`), "
                    "or set MLROUTE_DB to a new database.",
                )
            clear(s)
        return load(s, tables)

    try:
        counts = store.write(tx)
    except IntegrityError as exc:
        raise UserError(
            f"{source} has conflicting records (duplicate ids): {exc.orig}",
            hint="The file was edited or damaged; nothing was restored.",
        ) from exc
    return Restored(path=source, counts=counts, replaced=replace)


def read_backup_file(path: Path) -> bytes:
    """The bytes of a backup file, or a ``UserError`` saying why it cannot be read."""
    path = path.expanduser()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(
            f"{path} does not exist.", hint="Give the path of a file written by `mlroute backup`."
        ) from None
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.") from exc
