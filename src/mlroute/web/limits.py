"""Bounds on every request: body size, wall time, and extraction in a separate process that is killed when late.

- **Body size.** The CSRF check reads the whole body to find the token, so the cap must come first: a
  ``Content-Length`` over the limit is refused at once, and a body sent without one (chunked) is counted as it
  arrives and refused when it passes the limit. The answer is 413 with the limit and what to do instead.
- **Wall time.** A request that has not answered after ``request_seconds`` gets 503 naming the limit (the slow
  upload of a body counts too).
- **Extraction** (reading a posting or a resume) runs in a worker process, never on the event loop or in a
  server thread, with its own deadline: when it passes, the worker is terminated (a thread could not be stopped)
  and the request answers with the limit; the next extraction gets a fresh worker. See ``run_bounded``.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from html import escape
from typing import Any, TypeVar, cast

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mlroute.errors import UserError

T = TypeVar("T")

DEFAULT_MAX_BODY = 5 * 1024 * 1024


def too_large_message(limit: int) -> tuple[str, str]:
    mb = limit / (1024 * 1024)
    size = f"{mb:g} MB" if mb >= 1 else f"{limit // 1024} KB"
    return (
        f"The upload is larger than the {size} limit.",
        "Paste the text of the posting instead, or save it as plain text or a smaller PDF/DOCX.",
    )


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._refuse(scope, send)
            return
        seen = 0
        started = refused = False

        async def counted() -> Message:
            # Past the cap: answer 413 now and tell the app the client left, whoever is reading (a middleware or
            # the route's body parser, which would turn an exception into a 400).
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    refused = True
                    if not started:
                        await self._refuse(scope, send)
                    return {"type": "http.disconnect"}
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent; whatever the app answers after the disconnect is dropped
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watch)
        except Exception:
            if not refused:
                raise

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message, hint = too_large_message(self.max_body)
        headers = [(b"connection", b"close")]
        if scope["path"].startswith("/api/"):
            body = json.dumps({"error": message, "hint": hint}).encode()
            headers.append((b"content-type", b"application/json"))
        else:
            body = (
                '<!doctype html><html><head><meta charset="utf-8"><title>413</title></head><body>'
                f'<div id="error-card" class="card error" role="alert"><p>{escape(message)}</p>'
                f"<p>{escape(hint)}</p></div></body></html>"
            ).encode()
            headers += [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"hx-retarget", b"#flash"),
                (b"hx-reswap", b"innerHTML"),
                (b"hx-reselect", b"#error-card"),
            ]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


# -- wall time -------------------------------------------------------------------------------------------------

DEFAULT_REQUEST_SECONDS = 120.0
DEFAULT_EXTRACT_SECONDS = 60.0


class TooSlow(UserError):
    """Work that passed its time limit and was stopped."""


@dataclass(frozen=True)
class Budget:
    deadline: float  # time.monotonic() by which the whole request must have answered
    extract_seconds: float


_budget: ContextVar[Budget | None] = ContextVar("mlroute_request_budget", default=None)


def seconds_text(seconds: float) -> str:
    return f"{seconds:g} s"


class RequestTimeoutMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        seconds: float = DEFAULT_REQUEST_SECONDS,
        extract_seconds: float = DEFAULT_EXTRACT_SECONDS,
    ) -> None:
        self.app = app
        self.seconds = seconds
        self.extract_seconds = extract_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        token = _budget.set(Budget(time.monotonic() + self.seconds, self.extract_seconds))
        try:
            with anyio.fail_after(self.seconds):
                await self.app(scope, receive, watch)
        except TimeoutError:
            if started:
                return  # the answer was under way; the connection closes where it stopped
            from mlroute.web.refusal import refusal

            message = f"The request took longer than the {seconds_text(self.seconds)} limit and was stopped."
            await refusal(scope, 503, message, "Try again with a smaller input.")(scope, receive, send)
        finally:
            _budget.reset(token)


# -- extraction in a worker process ------------------------------------------------------------------------------

WORKERS = 1  # one extraction at a time per server: each holds the knowledge base's matcher in memory
_pool_lock = threading.Lock()
_pool: Any = None


def _worker_pool() -> Any:
    """The process pool, started on first use. Workers fork from a clean single-threaded server process
    (``forkserver``), not from the threaded web server, with the extraction modules already imported."""
    global _pool
    with _pool_lock:
        if _pool is None or not _pool.active:
            import multiprocessing

            from pebble import ProcessPool

            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["mlroute.services.extraction"])
            _pool = ProcessPool(max_workers=WORKERS, context=context)
            atexit.register(stop_workers)
        return _pool


def stop_workers() -> None:
    """Terminate the workers at once (server shutdown); a later extraction starts new ones."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.stop()
        pool.join(timeout=5)


def _in_worker(env: dict[str, str], fn: Callable[..., T], args: tuple[Any, ...]) -> tuple[str, Any]:
    """Run ``fn`` with the server's MLROUTE_* settings; a UserError comes back as its message and hint (its
    subclasses take other arguments, so they do not survive pickling as they are)."""
    from mlroute.settings import use_environment

    use_environment(env)
    try:
        return "ok", fn(*args)
    except UserError as exc:
        return "user-error", (exc.message, exc.hint)


async def run_bounded(fn: Callable[..., T], *args: Any, what: str = "Reading the document") -> T:
    """``fn(*args)`` in a worker process, stopped when it passes the extraction limit or the request's deadline.

    ``fn`` and its arguments must be picklable (a module-level function, paths, pydantic models)."""
    from pebble import ProcessExpired

    budget = _budget.get() or Budget(time.monotonic() + DEFAULT_REQUEST_SECONDS, DEFAULT_EXTRACT_SECONDS)
    seconds = max(0.001, min(budget.extract_seconds, budget.deadline - time.monotonic()))
    from mlroute.settings import Settings

    env = Settings().environment()
    future = _worker_pool().schedule(_in_worker, args=(env, fn, args), timeout=seconds)
    try:
        # Cancelling this await (a client gone, the server stopping) cancels the future: pebble ends the worker.
        kind, value = await asyncio.wrap_future(future)
    except TimeoutError:
        raise TooSlow(
            f"{what} took longer than the {seconds_text(seconds)} limit and was stopped.",
            hint="Paste only the text that matters (the posting itself, not a whole page), or split it.",
        ) from None
    except ProcessExpired as exc:
        raise UserError(
            f"{what} stopped the worker process (exit code {exc.exitcode}); it may need more memory than the "
            "machine has.",
            hint="Try a smaller or plain-text version of the document.",
        ) from None
    if kind == "user-error":
        message, hint = value
        raise UserError(message, hint=hint)
    return cast(T, value)
