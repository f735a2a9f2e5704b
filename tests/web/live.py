"""The app as a person runs it, for the browser tests: ``mlroute serve`` in a subprocess on a loopback port with
its own database, and Debian's headless Chromium driven by Playwright. Browser tests skip when
``/usr/bin/chromium`` is missing, unless ``MLROUTE_REQUIRE_BROWSER=1`` (CI) makes that a failure."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MLROUTE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parent / "screenshots"


def require_chromium() -> None:
    """Skip the calling test module without Chromium (fail instead under MLROUTE_REQUIRE_BROWSER=1)."""
    if CHROMIUM.exists():
        return
    if os.environ.get("MLROUTE_REQUIRE_BROWSER") == "1":
        raise RuntimeError("MLROUTE_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: apt-get install chromium")
    pytest.skip(
        "headless Chromium not installed (/usr/bin/chromium); install Debian's chromium to run the browser tests",
        allow_module_level=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path, *extra: str) -> Iterator[str]:
    """``mlroute serve`` over the SQLite file ``db`` (``extra``: more options, e.g. ``--team``); yields the base
    URL."""
    port = free_port()
    env = {**os.environ, "MLROUTE_DB": f"sqlite:///{db}"}
    proc = subprocess.Popen(
        [str(MLROUTE), "serve", *extra, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                reason = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"mlroute serve did not start: {reason}") from None
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watch(page: Any) -> Any:
    """Record every request and every script error of ``page`` (``page.requests``, ``page.errors``)."""
    page.set_default_timeout(20_000)
    page.requests = []
    page.errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def overflow(page: Any) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def shot(page: Any, name: str, full: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)
