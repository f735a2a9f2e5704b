"""What a route can ask FastAPI for: the settings read once when the app was created, the store opened from
them (one per app, closed when the app stops), and the knowledge base they name.

    def status(store: StoreDep) -> Status: ...
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, Request

from mlroute.kb import KBIndex
from mlroute.settings import Settings
from mlroute.store import Store

log = logging.getLogger(__name__)
THEMES = ("light", "dark")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    """The app's store; in team mode, scoped to the signed-in account (``web.auth``), so a route sees and
    changes that person's data only."""
    store: Store = request.app.state.store
    if request.app.state.settings.team:
        account = request.scope.get("state", {}).get("account")
        if account is None:
            from mlroute.web.auth import Denied

            raise Denied(401, "Sign in to continue.", "Sign in at /login.")
        return store.for_owner(account.id, data_version=account.data_version)  # read just now, with the session
    return store


def get_kb(request: Request) -> KBIndex:
    from mlroute.services.kb import index

    return index(get_settings(request).kb_dir())


def get_kb_or_none(request: Request) -> KBIndex | None:
    """The knowledge base, or None when it cannot be loaded (documents then show ids instead of names)."""
    from mlroute.errors import UserError

    try:
        return get_kb(request)
    except UserError as exc:
        log.warning("the knowledge base cannot be loaded, so documents show ids instead of names: %s", exc)
        return None


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
KbDep = Annotated[KBIndex, Depends(get_kb)]
KbOrNoneDep = Annotated[KBIndex | None, Depends(get_kb_or_none)]


def language(request: Request) -> str:
    """The reader's language: the ``lang`` cookie, else the browser's Accept-Language, else English."""
    from mlroute.web.i18n import pick_language

    return pick_language(request.cookies.get("lang"), request.headers.get("accept-language"))


LangDep = Annotated[str, Depends(language)]


def back_to(request: Request, fallback: str = "/") -> str:
    """Where to return after a form: the ``next`` the form names when it is a local path, else ``fallback``."""
    target = request.query_params.get("next") or fallback
    return target if target.startswith("/") and not target.startswith("//") else fallback
