"""Team mode's wiring into the app: the guards a team server needs (its host names, and a CSRF key shared by
every worker, kept in the database), and the sign-in, cohort, feedback and admin routes."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from mlroute.services.auth import shared_secret
from mlroute.settings import Settings
from mlroute.store import Store
from mlroute.web import admin, auth, cohort
from mlroute.web.csrf import Tokens
from mlroute.web.security import LOOPBACK_HOSTS


def guards(settings: Settings, store: Store, given: dict[str, Any]) -> dict[str, Any]:
    """``protect``'s arguments for a team server; what the caller gave wins."""
    out = dict(given)
    out.setdefault("allowed_hosts", (*LOOPBACK_HOSTS, *settings.host_names()))
    out.setdefault("tokens", Tokens(secret=shared_secret(store), api_token=settings.api_token))
    out["team"] = True
    return out


def install(app: FastAPI, store: Store) -> None:
    auth.install(app, store)
    app.include_router(cohort.router)
    app.include_router(cohort.api, prefix="/api")
    app.include_router(admin.router)
    app.include_router(admin.api, prefix="/api")
