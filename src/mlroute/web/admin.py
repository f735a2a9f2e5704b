"""The admin's pages and API (team mode): accounts, roles, passwords, mentor assignments, cohorts, and the audit
log of all of it. The same services as ``mlroute users`` and ``mlroute cohort``; each change is audited with the
admin's name and address."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from mlroute.services import cohorts as cohorts_service
from mlroute.services import users
from mlroute.services.users import AccountAdded, AccountList, AuditLog, Changed
from mlroute.web.auth import AdminDep
from mlroute.web.cohort import actor

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["team"])


class NewAccount(BaseModel):
    username: str
    role: str = "learner"
    password: str


def _render(request: Request, name: str, **extra: Any) -> Response:
    page: Response = request.app.state.render(request, name, **extra)
    return page


def _back() -> Response:
    return RedirectResponse("/admin", status_code=303)


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, user: AdminDep) -> Response:
    store = request.app.state.store
    return _render(
        request,
        "admin.html",
        accounts=users.listing(store).accounts,
        groups=cohorts_service.listing(store).cohorts,
        log=users.audit_log(store, 50).entries,
    )


@router.post("/admin/users")
def add_user(
    request: Request, user: AdminDep, username: str = Form(...), role: str = Form(...), password: str = Form(...)
) -> Response:
    users.add(request.app.state.store, username, role, password, actor=actor(request, user))
    return _back()


@router.post("/admin/users/{username}/role")
def change_role(request: Request, user: AdminDep, username: str, role: str = Form(...)) -> Response:
    users.set_role(request.app.state.store, username, role, actor=actor(request, user))
    return _back()


@router.post("/admin/users/{username}/password")
def reset_password(request: Request, user: AdminDep, username: str, password: str = Form(...)) -> Response:
    users.reset_password(request.app.state.store, username, password, actor=actor(request, user))
    return _back()


@router.post("/admin/users/{username}/remove")
def remove_user(request: Request, user: AdminDep, username: str, confirm: str = Form("")) -> Response:
    if confirm.strip().lower() != username.strip().lower():
        from mlroute.errors import UserError

        raise UserError("Type the account name to confirm the removal.", hint="Removing deletes all of its data.")
    users.remove(request.app.state.store, username, actor=actor(request, user))
    return _back()


@router.post("/admin/assign")
def assign(
    request: Request, user: AdminDep, mentor: str = Form(...), learner: str = Form(...), undo: str = Form("")
) -> Response:
    users.assign(request.app.state.store, mentor, learner, actor=actor(request, user), undo=undo == "yes")
    return _back()


@router.post("/admin/cohorts")
def create_cohort(request: Request, user: AdminDep, name: str = Form(...), mentor: str = Form("")) -> Response:
    cohorts_service.create(request.app.state.store, name, mentor=mentor or None, actor=actor(request, user))
    return _back()


@router.post("/admin/cohorts/members")
def set_member(request: Request, user: AdminDep, learner: str = Form(...), cohort: str = Form("")) -> Response:
    cohorts_service.set_member(request.app.state.store, cohort or None, learner, actor=actor(request, user))
    return _back()


@api.get("/admin/users", summary="mlroute users list --json")
def list_api(request: Request, user: AdminDep) -> AccountList:
    return users.listing(request.app.state.store)


@api.post("/admin/users", summary="mlroute users add NAME --role R --json")
def add_api(request: Request, user: AdminDep, body: NewAccount) -> AccountAdded:
    return users.add(request.app.state.store, body.username, body.role, body.password, actor=actor(request, user))


@api.post("/admin/users/{username}/remove", summary="mlroute users remove NAME --json")
def remove_api(request: Request, user: AdminDep, username: str) -> Changed:
    return users.remove(request.app.state.store, username, actor=actor(request, user))


@api.get("/admin/audit", summary="mlroute users audit --json")
def audit_api(request: Request, user: AdminDep, limit: int = 200) -> AuditLog:
    return users.audit_log(request.app.state.store, max(1, min(limit, 10_000)))
