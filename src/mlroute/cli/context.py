"""The CLI's context object: the settings read once when a command starts, and the store and knowledge base
opened from them on first use (``mlroute kb stats`` never opens the database, ``mlroute log`` never loads the
knowledge base)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from mlroute.errors import UserError
from mlroute.settings import Settings

if TYPE_CHECKING:
    from mlroute.kb import KBIndex
    from mlroute.store import Store

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    settings: Settings = field(default_factory=Settings)
    _store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from mlroute.store import Store

            self._store = Store(self.settings.database_url())
        return self._store

    @property
    def kb(self) -> KBIndex:
        from mlroute.services.kb import index

        return index(self.settings.kb_dir())

    def kb_or_none(self) -> KBIndex | None:
        """The knowledge base for names and rubrics; documents still work (with ids) when it cannot be loaded."""
        try:
            return self.kb
        except UserError as exc:
            log.warning("the knowledge base cannot be loaded, so documents show ids instead of names: %s", exc)
            return None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def app_context(ctx: typer.Context) -> AppContext:
    """The context of the command being run (set up by the ``mlroute`` callback)."""
    found = ctx.find_object(AppContext)
    if found is None:  # a command invoked on its own, outside the ``mlroute`` group
        found = ctx.ensure_object(AppContext)
        ctx.call_on_close(found.close)
    return found
