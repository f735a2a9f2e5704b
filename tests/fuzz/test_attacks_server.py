"""Attacks on a real ``mlroute serve`` (issue 11): cookie tossing from a page on another localhost port in real
headless Chromium, DNS rebinding over a real socket, and SIGTERM while a request is still running.
"""

from __future__ import annotations

import http.server
import os
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import MLROUTE
from tests.web.live import CHROMIUM, CHROMIUM_ARGS, free_port


@pytest.fixture
def server(tmp_path: Path, planned_db_file: Path) -> Iterator[tuple[int, Path, subprocess.Popen[bytes]]]:
    import shutil

    port = free_port()
    db = tmp_path / "mlroute.db"
    shutil.copy(planned_db_file, db)
    env = {**os.environ, "MLROUTE_DB": f"sqlite:///{db}", "MLROUTE_API_TOKEN": API_TOKEN}
    proc = subprocess.Popen([str(MLROUTE), "serve", "--port", str(port)], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.1)
    yield port, db, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=10)


def journal_rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM journal_entries").fetchone()[0])


API_TOKEN = "fuzz-suite-token-0123456789abcdef"
ATTACK_PAGE = """<!doctype html><html><body>
<script>
  document.cookie = "mlroute_csrf=tossed; path=/journal";
  document.cookie = "mlroute_csrf=tossed2; path=/";
</script>
<form id="f" method="post" action="http://localhost:{port}/journal">
  <input name="csrf_token" value="tossed"><input name="text" value="written by another port">
  <input name="kind" value="insight">
</form>
<script>document.getElementById("f").submit();</script>
</body></html>"""


@pytest.mark.browser
def test_cookie_tossing_from_another_localhost_port_fails_in_a_real_browser(
    server: tuple[int, Path, subprocess.Popen[bytes]],
) -> None:
    if not CHROMIUM.exists():
        pytest.skip("headless Chromium not installed")
    from playwright.sync_api import sync_playwright

    port, db, _ = server
    attacker_port = free_port()
    page_html = ATTACK_PAGE.format(port=port).encode()

    class Attacker(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.end_headers()
            self.wfile.write(page_html)

        def log_message(self, *args: object) -> None:
            pass

    evil = http.server.HTTPServer(("127.0.0.1", attacker_port), Attacker)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    before = journal_rows(db)
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = chromium.new_page()
            page.goto(f"http://localhost:{port}/journal")  # the owner has the app open: a real cookie exists
            answers: list[int] = []
            page.on(
                "response",
                lambda r: answers.append(r.status) if "/journal" in r.url and r.request.method == "POST" else None,
            )
            page.goto(f"http://localhost:{attacker_port}/")
            page.wait_for_timeout(1500)
            assert answers == [403], answers
            assert "another site" in page.content()
            chromium.close()
    finally:
        evil.shutdown()
    assert journal_rows(db) == before


def test_a_rebinding_host_gets_nothing_over_a_real_socket(server: tuple[int, Path, subprocess.Popen[bytes]]) -> None:
    port, _db, _ = server
    for path in ("/api/status", "/documents/backup.json", "/journal"):
        r = httpx.get(
            f"http://127.0.0.1:{port}{path}", headers={"host": f"evil.example:{port}", "sec-fetch-site": "same-origin"}
        )
        assert r.status_code == 400 and "backup" not in r.text and "csrf_token" not in r.text
    r = httpx.get(f"http://127.0.0.1:{port}/api/status")  # no browser marker, no token
    assert r.status_code == 403 and "API token" in r.json()["error"]


def test_sigterm_stops_the_server_while_a_request_is_still_running(
    server: tuple[int, Path, subprocess.Popen[bytes]],
) -> None:
    """A request whose body never finishes arriving keeps a request running; SIGTERM still ends the server within
    the grace period (5 s), as a service manager expects."""
    port, _, proc = server
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(
        f"POST /api/journal HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {API_TOKEN}\r\n"
        "Content-Length: 100000\r\n\r\n{".encode()
    )
    time.sleep(0.5)
    assert proc.poll() is None
    with httpx.Client() as check:  # the token works for reads too, and the slow request is still open
        assert (
            check.get(
                f"http://127.0.0.1:{port}/api/status", headers={"authorization": f"Bearer {API_TOKEN}"}
            ).status_code
            == 200
        )
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    finally:
        slow.close()
    assert time.monotonic() - started < 12
    assert proc.returncode is not None
