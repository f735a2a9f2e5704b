"""The CLI's context object: the settings read once when a command starts, and the store and knowledge base
opened from them on first use (``mlroute kb stats`` never opens the database, ``mlroute log`` never loads the
knowledge base). On a team database the store is one account's data: the one ``--user NAME`` or
``MLROUTE_USER`` names."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from mlroute.errors import UserError
from mlroute.settings import Settings

if TYPE_CHECKING:
    from mlroute.kb import KBIndex
    from mlroute.services.users import Actor
    from mlroute.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    lang: str
    role: str | None  # the target role's name in ``lang``, when the plan is written in it


@dataclass
class AppContext:
    settings: Settings = field(default_factory=Settings)
    _database: Store | None = None
    _store: Store | None = None

    @property
    def database(self) -> Store:
        """The whole database (the account commands work across people through ``Store.system()``)."""
        if self._database is None:
            from mlroute.store import Store

            self._database = Store(self.settings.database_url())
        return self._database

    @property
    def store(self) -> Store:
        """The data of the person using mlroute: the account the settings name, else the single local person."""
        if self._store is None:
            if self.settings.user:
                from mlroute.services.users import account_id

                self._store = self.database.for_owner(account_id(self.database, self.settings.user))
            else:
                self._store = self.database
        return self._store

    def actor(self) -> Actor:
        """Who an administrative command is recorded as: the account named, else ``cli``, with the system user."""
        import os
        import pwd

        from mlroute.services.users import Actor

        system_user = pwd.getpwuid(os.getuid()).pw_name
        return Actor(name=self.settings.user or "cli", source=f"cli ({system_user})")

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

    def reading(self, requested: str | None = None) -> Reading:
        """The language the terminal speaks (``--lang``, else the current plan's, else English), and the target role's
        name in that plan; read only when a command prints for people, so ``--json`` costs nothing more."""
        from mlroute.cli.words import check
        from mlroute.services.plans import plan_words

        plan = plan_words(self.store)
        own = "zh" if plan.lang == "zh" else "en"
        lang = check(requested) or own
        return Reading(lang=lang, role=plan.role_name if lang == own else None)

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
            self._database = None
            self._store = None


def app_context(ctx: typer.Context) -> AppContext:
    """The context of the command being run (set up by the ``mlroute`` callback)."""
    found = ctx.find_object(AppContext)
    if found is None:  # a command invoked on its own, outside the ``mlroute`` group
        found = ctx.ensure_object(AppContext)
        ctx.call_on_close(found.close)
    return found
