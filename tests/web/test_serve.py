"""``mlroute serve`` as a user runs it: on loopback by default, a clear message when the port is taken."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx

from mlroute.cli.web import is_loopback
from tests.conftest import MLROUTE, run_cli


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_loopback_and_sends_a_new_user_to_onboarding(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "MLROUTE_DB": f"sqlite:///{tmp_path / 'mlroute.db'}"}
    proc = subprocess.Popen([str(MLROUTE), "serve", "--port", str(port)], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", follow_redirects=False)
                break
            except httpx.ConnectError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        assert r.status_code == 303 and r.headers["location"] == "/welcome"
        page = httpx.get(f"http://127.0.0.1:{port}/welcome")
        assert "Where are you starting from?" in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/static/vendor/htmx/htmx.min.js").status_code == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}" in err.decode()
    assert "Warning" not in err.decode()


def test_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("serve", "--port", str(port), env={"MLROUTE_DB": f"sqlite:///{tmp_path / 'x.db'}"})
    assert done.returncode == 2
    assert f"Cannot listen on 127.0.0.1:{port}" in done.stderr and "--port" in done.stderr
    assert "Traceback" not in done.stderr


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
