"""CSRF on every form and API call, a cap on request bodies, escaped output, nothing loaded from elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient

from mlroute.web.app import WEB_DIR, create_app
from mlroute.web.csrf import COOKIE

from .conftest import Browser


def test_a_post_without_the_token_is_refused(planned_db: str) -> None:
    with TestClient(create_app()) as client:
        client.get("/")
        assert COOKIE in client.cookies
        r = client.post("/items/act:find-mentor/status", data={"status": "done"})
        assert r.status_code == 403
        assert "CSRF" in r.text
        r = client.post("/items/act:find-mentor/status", data={"status": "done", "csrf_token": "forged"})
        assert r.status_code == 403
        r = client.post("/api/items/act:find-mentor/done")
        assert r.status_code == 403
        assert client.get("/api/status").json()["items_done"] == 0


def test_the_token_in_the_form_or_the_header_is_accepted(planned_db: str, browser: Browser) -> None:
    r = browser.post("/items/act:find-mentor/status?next=/", {"status": "doing"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    r = browser.post_json("/api/items/act:find-mentor/done")
    assert r.status_code == 200 and r.json()["status"] == "done"


def test_every_form_on_every_page_carries_the_token(planned_db: str, browser: Browser) -> None:
    token = browser.token()
    for path in (
        "/",
        "/roadmap?item=act:find-mentor",
        "/items/act:find-mentor",
        "/journal",
        "/match",
        "/documents",
        "/settings",
        "/welcome",
        "/welcome?background=student",
    ):
        html = browser.get(path).text
        for form in re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S):
            if re.search(r'method="post"', form):
                assert f'name="csrf_token" value="{token}"' in form, (path, form[:200])
        assert f'"X-CSRF-Token": "{token}"' in html  # HTMX requests send it as a header


def chunks(total: int) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * 65536
        sent += 65536


def test_an_oversized_body_is_refused_before_it_is_read(empty_db: str) -> None:
    with TestClient(create_app(max_body=100_000)) as client:
        client.get("/settings")
        token = client.cookies[COOKIE]
        big = b"a" * 200_000
        r = client.post("/match", files={"posting": ("big.txt", big, "text/plain")}, data={"csrf_token": token})
        assert r.status_code == 413
        assert "larger than the 97 KB limit" in r.text
        assert "Paste the text" in r.text
        r = client.post(
            "/api/match", files={"posting": ("big.txt", big, "text/plain")}, headers={"X-CSRF-Token": token}
        )
        assert r.status_code == 413 and "limit" in r.json()["error"]


def test_a_body_without_a_length_is_counted_as_it_arrives(empty_db: str) -> None:
    with TestClient(create_app(max_body=100_000)) as client:
        client.get("/settings")
        r = client.post(
            "/api/journal",
            content=chunks(300_000),
            headers={"X-CSRF-Token": client.cookies[COOKIE], "content-type": "application/json"},
        )
        assert r.status_code == 413


def test_user_text_is_escaped(planned_db: str, browser: Browser) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    browser.post("/journal", {"text": evil, "kind": "insight", "tags": "a<b"})
    html = browser.get("/journal").text
    assert evil not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_pages_load_nothing_from_other_hosts(planned_db: str, browser: Browser) -> None:
    for path in (
        "/",
        "/roadmap",
        "/timeline",
        "/items/act:find-mentor",
        "/journal",
        "/match",
        "/documents",
        "/settings",
        "/welcome?background=none",
        "/kb",
        "/docs",
    ):
        html = browser.get(path).text
        for url in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=\"([^\"]*)\"", html):
            assert url.startswith("/"), (path, url)
    css = (WEB_DIR / "static" / "css" / "app.css").read_text()
    assert "url(http" not in css and "@import" not in css
    vendor = Path(WEB_DIR / "static" / "vendor" / "htmx")
    assert (vendor / "LICENSE").is_file()
