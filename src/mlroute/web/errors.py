"""Friendly error pages, in the reader's language, for everything that can go wrong on a page: a mistake in a
form (400, 422), an unknown address or item (404), a refused request (403), an upload over the limit (413), a
request that took too long (503) and a bug (500).

Under ``/api/`` errors stay JSON (the API's contract). For HTMX the page answers with the same card, which
``static/js/app.js`` shows in the notice area instead of swapping it into the form's panel. The guards of
``web.security`` answer before any route runs, with a minimal page of their own; ``FriendlyRefusals`` puts that
message into this page and this language, keeping the guard's status and headers.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from html import unescape
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mlroute.errors import UnknownIdError, UserError
from mlroute.web.deps import language
from mlroute.web.i18n import translations
from mlroute.web.messages import localize

log = logging.getLogger(__name__)
Render = Callable[..., HTMLResponse]
HTMX_HEADERS = {"HX-Retarget": "#flash", "HX-Reswap": "innerHTML", "HX-Reselect": "#error-card"}
RESTYLED = (403, 413, 503)  # the guards' refusals that reach a person's browser (400 is a foreign Host: left bare)


class Refused(UserError):
    """An error the web app words itself, already in the reader's language."""


def _(text: str) -> str:
    return text


FIELDS = {
    "duration": _("How long"),
    "text": _("Text"),
    "url": _("Link"),
    "status": _("Status"),
    "rating": _("Rating"),
    "hours_per_week": _("Hours a week"),
    "backup_file": _("Backup file"),
    "items": _("Items"),
}


def install(app: FastAPI, render: Render, api_invalid: Callable[[Any, str], Any]) -> None:
    """The handlers; ``api_invalid`` words a bad API request (``web.api.invalid_request``)."""

    def page(request: Request, status: int, message: str, hint: str | None, **extra: Any) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "hint": hint}, status_code=status)
        response = render(request, "error.html", status_code=status, status=status, message=message, hint=hint, **extra)
        if request.headers.get("hx-request"):
            response.headers.update(HTMX_HEADERS)
        return response

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> Response:
        log.info("%s %s refused: %s", request.method, request.url.path, exc.message)
        if request.url.path.startswith("/api/") or isinstance(exc, Refused):
            return page(request, 404 if isinstance(exc, UnknownIdError) else 400, exc.message, exc.hint)
        lang = language(request)
        if isinstance(exc, UnknownIdError):
            gettext = translations(lang).gettext
            return page(
                request,
                404,
                gettext("There is nothing called “%(ref)s” here.") % {"ref": exc.given},
                gettext("It may have been renamed or left out of your plan.") if exc.suggestions else None,
                suggestions=_suggestions(request, exc, lang),
            )
        said = localize(exc.message, exc.hint, lang, request.url.path)
        return page(request, 400, said.message, said.hint, original=said.original)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(api_invalid(exc.errors(), request.headers.get("content-type", "")), 422)
        gettext = translations(language(request)).gettext
        names = sorted({gettext(FIELDS.get(str(e["loc"][-1]), str(e["loc"][-1]))) for e in exc.errors()})
        message = gettext("Some fields are missing or invalid: %(fields)s.") % {"fields": ", ".join(names)}
        return page(request, 422, message, gettext("Fill them in and send the form again."))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        gettext = translations(language(request)).gettext
        if exc.status_code == 404:
            message, hint = gettext("This page does not exist."), gettext("Check the address, or go on from here:")
        elif exc.status_code == 405:
            message, hint = (
                gettext("This address cannot be used that way."),
                gettext("Go back and use the page's own buttons."),
            )
        else:
            message, hint = gettext("That request could not be handled."), None
        return page(request, exc.status_code, message, hint)

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        gettext = translations(language(request)).gettext
        message = gettext("Something went wrong on mlroute's side. What you saved before is safe.")
        return page(request, 500, message, gettext("Reload the page and try again."))


def _suggestions(request: Request, exc: UnknownIdError, lang: str) -> list[tuple[str, str]]:
    """Links to what the person may have meant, named in their language."""
    from mlroute.web.deps import get_kb_or_none
    from mlroute.web.views import ref_name

    index = get_kb_or_none(request)
    base = "/items/" if exc.kind == "plan item" else "/kb/"
    return [(base + ref, ref_name(index, ref, lang) if index else ref) for ref in exc.suggestions]


class FriendlyRefusals:
    """The guards' refusal pages (web.security, web.csrf, web.limits) as this app's error page, in the reader's
    language. Only HTML answers outside /api/ that carry the refusal's mark (``hx-reselect: #error-card``)."""

    def __init__(self, app: ASGIApp, render: Render) -> None:
        self.app = app
        self.render = render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        held: Message | None = None
        body = b""

        async def watch(message: Message) -> None:
            nonlocal held, body
            if message["type"] == "http.response.start" and held is None:
                headers = dict(message.get("headers", []))
                if message["status"] in RESTYLED and headers.get(b"hx-reselect") == b"#error-card":
                    held = message
                    return
            if held is None:
                await send(message)
                return
            body += message.get("body", b"")
            if not message.get("more_body", False):
                await self._restyle(scope, held, body, send)

        await self.app(scope, receive, watch)

    async def _restyle(self, scope: Scope, start: Message, body: bytes, send: Send) -> None:
        texts = [unescape(t) for t in re.findall(r"<p>(.*?)</p>", body.decode("utf-8", "replace"), flags=re.S)]
        message, hint = [*texts, "", ""][:2]
        request = Request(scope)
        said = localize(message, hint or None, language(request), scope["path"])
        page = self.render(
            request,
            "error.html",
            status_code=start["status"],
            status=start["status"],
            message=said.message,
            hint=said.hint,
            original=said.original,
        )
        kept = [(k, v) for k, v in start.get("headers", []) if k not in (b"content-length", b"content-type")]
        headers = [
            *kept,
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(page.body)).encode()),
        ]
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send({"type": "http.response.body", "body": page.body})
