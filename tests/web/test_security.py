"""The local server locked to its owner (issue 11): Host (DNS rebinding), Origin / Sec-Fetch-Site, CSRF tokens that
cookie tossing cannot defeat, API reads that need the same-origin marker or the API token, a cap on bodies, a time
limit on requests and extraction, escaped output, nothing loaded from elsewhere.

Each attack also checks that nothing was written (the journal and item statuses are unchanged).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mlroute.cli.web import check_bind, display_url, is_loopback
from mlroute.errors import UserError
from mlroute.services.journal import journal_list
from mlroute.services.status import status
from mlroute.store import Store
from mlroute.web.app import WEB_DIR, create_app
from mlroute.web.csrf import COOKIE, Tokens
from mlroute.web.security import split_host

from .conftest import ORIGIN, Browser, local_client, page_token

PROTECTED_READS = ("/api/status", "/api/journal", "/api/evidence", "/api/current-plan", "/documents/backup.json")


def _store() -> Store:
    return Store(os.environ["MLROUTE_DB"])  # the database the test's app serves (set by the db fixtures)


def journal_count() -> int:
    store = _store()
    try:
        return journal_list(store).count
    finally:
        store.close()


def items_done() -> int:
    store = _store()
    try:
        return status(store).items_done
    finally:
        store.close()


def raw_client(app: Any = None, host: str = "127.0.0.1:8000") -> TestClient:
    """A client that sends only what a test tells it (no browser headers)."""
    return TestClient(app or create_app(), base_url=f"http://{host}", raise_server_exceptions=False)


# -- Host: DNS rebinding ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil"])
def test_a_rebinding_host_reads_nothing_and_writes_nothing(planned_db: str, host: str) -> None:
    """A page on evil.example (resolving to 127.0.0.1) sends its own name as Host: every route answers 400."""
    before = journal_count()
    with raw_client(host=host) as evil:
        for path in ("/", "/journal", *PROTECTED_READS, "/documents/learning-log.md", "/static/css/app.css"):
            r = evil.get(path, headers={"sec-fetch-site": "same-origin"})
            assert r.status_code == 400, (path, r.status_code)
            assert "answers only to 127.0.0.1, localhost, [::1]" in r.text
            assert "csrf_token" not in r.text and "backup" not in r.text
        r = evil.post("/api/journal", json={"text": "rebound"}, headers={"sec-fetch-site": "same-origin"})
        assert r.status_code == 400
        r = evil.post("/journal", data={"text": "rebound"}, headers={"sec-fetch-site": "same-origin"})
        assert r.status_code == 400
    assert journal_count() == before


def test_loopback_names_are_answered_and_others_only_when_allowed(planned_db: str) -> None:
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST", "localhost."):
        with raw_client(host=host) as client:
            assert client.get("/settings").status_code == 200, host
    with raw_client(create_app(allowed_hosts=("127.0.0.1", "mlroute.lan")), host="mlroute.lan:8000") as client:
        assert client.get("/settings").status_code == 200
    with raw_client(create_app(allowed_hosts=("127.0.0.1", "mlroute.lan")), host="localhost:8000") as client:
        assert client.get("/settings").status_code == 400


def test_a_missing_or_malformed_or_doubled_host_is_refused(planned_db: str) -> None:
    with raw_client() as client:
        for headers in ([], [(b"host", b"127.0.0.1:abc")], [(b"host", b"127.0.0.1"), (b"host", b"evil.example")]):
            status = _asgi_status(client.app, headers)
            assert status == 400, headers


def _asgi_status(app: Any, headers: list[tuple[bytes, bytes]]) -> int:
    """Send one raw GET / with exactly these headers (TestClient always adds a Host)."""
    import anyio

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/settings",
        "raw_path": b"/settings",
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    anyio.run(app, scope, receive, send)
    return int(next(m["status"] for m in sent if m["type"] == "http.response.start"))


def test_host_parsing() -> None:
    assert split_host("[::1]:8735") == ("::1", 8735)
    assert split_host("LocalHost:80") == ("localhost", 80)
    for bad in ("", "a b", "127.0.0.1:99999", "evil.example/x", "user@127.0.0.1", "[::1"):
        assert split_host(bad) is None, bad


# -- Origin / Sec-Fetch-Site on every state-changing request ----------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://localhost:9999"},  # another port on this machine: same-site, not same-origin
        {"origin": "http://localhost:9999", "sec-fetch-site": "same-site"},
        {"origin": "http://evil.example", "sec-fetch-site": "cross-site"},
        {"origin": "null"},  # a sandboxed frame or a data: page, in a browser without Sec-Fetch-Site
        {"origin": "null", "sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
        {"origin": "https://127.0.0.1:8000"},  # scheme, host and port must all match
        {"origin": "http://127.0.0.1:8001"},
        {"origin": "http://127.0.0.1:8000/x"},
        {"origin": "http://evil.example", "sec-fetch-site": "same-origin"},  # forged marker, foreign Origin
    ],
)
def test_a_post_from_another_origin_is_refused_even_with_a_valid_token(
    planned_db: str, headers: dict[str, str]
) -> None:
    before = journal_count()
    with raw_client() as client:
        token = page_token(client)
        r = client.post("/journal", data={"text": "forged", "csrf_token": token}, headers=headers)
        assert r.status_code == 403, r.text
        assert "another site" in r.text
        r = client.post("/api/journal", json={"text": "forged"}, headers={"x-csrf-token": token, **headers})
        assert r.status_code == 403 and "another site" in r.json()["error"]
        r = client.post("/items/act:find-mentor/status", data={"status": "done", "csrf_token": token}, headers=headers)
        assert r.status_code == 403
    assert journal_count() == before
    assert items_done() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": ORIGIN, "sec-fetch-site": "same-origin"},
        {"origin": "null", "sec-fetch-site": "same-origin"},  # Chromium under a no-referrer policy
        {"origin": ORIGIN},  # a browser without Sec-Fetch-Site
        {},  # a script (the token is still required)
    ],
)
def test_a_post_from_this_origin_passes(planned_db: str, headers: dict[str, str]) -> None:
    with raw_client() as client:
        token = page_token(client)
        r = client.post("/journal", data={"text": "mine", "csrf_token": token}, headers=headers, follow_redirects=False)
        assert r.status_code in (200, 303), r.text
    assert journal_count() == 1


def test_a_post_from_this_origin_with_the_token_is_accepted(planned_db: str, browser: Browser) -> None:
    r = browser.post("/items/act:find-mentor/status?next=/", {"status": "doing"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    headers = {"origin": ORIGIN, "sec-fetch-site": "same-origin", "x-csrf-token": browser.token()}
    r = browser.client.post("/api/items/act:find-mentor/done", headers=headers)
    assert r.status_code == 200 and r.json()["status"] == "done"


# -- CSRF token: missing, forged, tossed ------------------------------------------------------------------------


def test_a_post_without_a_valid_token_is_refused(planned_db: str, browser: Browser) -> None:
    client = browser.client
    client.get("/")
    assert COOKIE in client.cookies
    nonce = client.cookies[COOKIE]
    for data in (
        {"status": "done"},
        {"status": "done", "csrf_token": "forged"},
        {"status": "done", "csrf_token": nonce},
    ):
        r = client.post("/items/act:find-mentor/status", data=data)
        assert r.status_code == 403 and "CSRF" in r.text, data
    assert client.post("/api/items/act:find-mentor/done").status_code == 403
    assert client.post("/api/items/act:find-mentor/done", headers={"x-csrf-token": nonce}).status_code == 403
    assert items_done() == 0


def test_a_tossed_cookie_cannot_pass_the_check(planned_db: str) -> None:
    """The attack of issue 11: a page on another localhost port sets ``mlroute_csrf=tossed; path=/journal`` (so the
    browser sends it first) and submits ``csrf_token=tossed``. Both layers hold: the token is an HMAC under the
    server's secret, and the Origin check (shown separately above). Here the request carries no Origin at all."""
    before = journal_count()
    with raw_client() as client:
        real = client.get("/settings")
        token = re.search(r'name="csrf_token" value="([^"]+)"', real.text).group(1)  # type: ignore[union-attr]
        nonce = real.cookies[COOKIE]
        for cookie in (f"{COOKIE}=tossed; {COOKIE}={nonce}", f"{COOKIE}=tossed", f"{COOKIE}={nonce}; {COOKIE}=tossed"):
            for sent in ("tossed", nonce):
                r = client.post("/journal", data={"text": "tossed", "csrf_token": sent}, headers={"cookie": cookie})
                assert r.status_code == 403, (cookie, sent)
        # The owner's own form still works while a tossed cookie rides along (no denial of service either).
        ok = client.post(
            "/journal",
            data={"text": "mine", "kind": "insight", "csrf_token": token},
            headers={"cookie": f"{COOKIE}=tossed; {COOKIE}={nonce}"},
            follow_redirects=False,
        )
        assert ok.status_code in (200, 303), ok.text
    assert journal_count() == before + 1


def test_tokens_are_bound_to_the_nonce_and_the_process_secret() -> None:
    a, b = Tokens(), Tokens()
    assert a.valid(a.for_nonce("n1"), ["n1"]) and not a.valid(a.for_nonce("n1"), ["n2"])
    assert not b.valid(a.for_nonce("n1"), ["n1"])  # another server process: another secret
    assert a.valid(a.api, []) and not a.valid("", ["n1"]) and not a.valid("n1", ["n1"])


def test_a_multipart_form_token_is_read_by_the_form_parser(planned_db: str, browser: Browser) -> None:
    """A file whose content imitates the token field must not be mistaken for it (no hand-rolled parsing)."""
    fake = b'name="csrf_token"\r\n\r\nforged\r\n'
    r = browser.client.post("/match", files={"posting": ("p.txt", fake, "text/plain")}, data={"text": ""})
    assert r.status_code == 403
    r = browser.client.post(
        "/match", files={"posting": ("p.txt", b"Python and SQL", "text/plain")}, data={"csrf_token": browser.token()}
    )
    assert r.status_code == 200


# -- API reads: same-origin or the API token --------------------------------------------------------------------


def test_api_reads_need_the_same_origin_marker_or_the_token(planned_db: str) -> None:
    tokens = Tokens()
    with raw_client(create_app(tokens=tokens)) as client:
        for path in PROTECTED_READS:
            r = client.get(path)  # a script or any local program with no token
            assert r.status_code == 403, path
            assert "API token" in r.text
            for site in ("cross-site", "same-site"):
                r = client.get(path, headers={"sec-fetch-site": site, "authorization": f"Bearer {tokens.api}"})
                assert r.status_code == 403, (path, site)
            assert client.get(path, headers={"origin": "http://localhost:9999"}).status_code == 403
            assert client.get(path, headers={"sec-fetch-site": "same-origin"}).status_code == 200, path
            assert client.get(path, headers={"sec-fetch-site": "none"}).status_code == 200, path  # typed in
            assert client.get(path, headers={"authorization": f"Bearer {tokens.api}"}).status_code == 200, path
            assert client.get(path, headers={"authorization": "Bearer wrong"}).status_code == 403
        assert "backup" not in client.get("/api/status").text
        # pages stay reachable by a typed URL or a bookmark, and the public API schema too
        assert client.get("/settings").status_code == 200
        assert client.get("/openapi.json", follow_redirects=True).status_code == 200
        assert client.get("/api/openapi.json").status_code == 200


def test_scripts_can_write_with_the_api_token(planned_db: str) -> None:
    tokens = Tokens()
    with raw_client(create_app(tokens=tokens)) as client:
        r = client.post(
            "/api/journal", json={"text": "from a script"}, headers={"authorization": f"Bearer {tokens.api}"}
        )
        assert r.status_code == 200, r.text
        assert client.post("/api/journal", json={"text": "no token"}).status_code == 403
    assert journal_count() == 1


def test_a_form_sent_to_a_json_route_is_a_422_that_says_so(planned_db: str, browser: Browser) -> None:
    r = browser.client.post("/api/journal", data={"text": "hi", "csrf_token": browser.token()})
    assert r.status_code == 422
    assert "takes a JSON body" in r.json()["error"] and "application/json" in r.json()["hint"]
    r = browser.post_json("/api/journal", {"text": 5})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "text"]


# -- serve: loopback only, proper URLs --------------------------------------------------------------------------


def test_serving_beyond_loopback_is_refused_without_authentication() -> None:
    for host in ("0.0.0.0", "::", "192.168.1.5", "example.org"):
        with pytest.raises(UserError) as err:
            check_bind(host, 8735)
        assert "--team" in str(err.value) and host in err.value.message
    with pytest.raises(UserError) as err:
        check_bind("::", 8735)
    assert "http://[::1]:8735" in str(err.value)  # a proper IPv6 URL, not http://:::8735
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        check_bind(host, 8735)
    check_bind("0.0.0.0", 8735, authenticated=True)  # the team mode's switch


def test_urls_are_printed_properly() -> None:
    assert display_url("::", 8735) == "http://[::1]:8735"
    assert display_url("::1", 8735) == "http://[::1]:8735"
    assert display_url("[::1]", 8735) == "http://[::1]:8735"
    assert display_url("0.0.0.0", 80) == "http://127.0.0.1:80"
    assert display_url("localhost", 8000) == "http://localhost:8000"


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


# -- bodies and time --------------------------------------------------------------------------------------------


def chunks(total: int) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * 65536
        sent += 65536


def test_an_oversized_body_is_refused_before_it_is_read(empty_db: str) -> None:
    with local_client(create_app(max_body=100_000)) as client:
        token = page_token(client)
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
    with local_client(create_app(max_body=100_000)) as client:
        r = client.post(
            "/api/journal",
            content=chunks(300_000),
            headers={"X-CSRF-Token": page_token(client), "content-type": "application/json"},
        )
        assert r.status_code == 413


def test_extraction_past_its_limit_is_stopped_and_named(planned_db: str) -> None:
    """The worker process is terminated at the limit; the answer names it; the next request works."""
    with local_client(create_app(extract_seconds=0.001)) as client:
        r = client.post("/api/match", data={"text": "Python " * 2000}, headers={"x-csrf-token": page_token(client)})
        assert r.status_code == 400
        assert "longer than the 0.001 s limit" in r.json()["error"]
    with local_client() as client:
        r = client.post(
            "/api/match", data={"text": "We need Python and SQL."}, headers={"x-csrf-token": page_token(client)}
        )
        assert r.status_code == 200, r.text


def test_a_request_past_the_wall_time_limit_answers_503() -> None:
    import anyio

    from mlroute.web.limits import RequestTimeoutMiddleware

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        await anyio.sleep(5)

    guarded = RequestTimeoutMiddleware(slow_app, seconds=0.2)
    r = TestClient(guarded).get("/api/anything")  # no lifespan: the bare app only answers requests
    assert r.status_code == 503
    assert "longer than the 0.2 s limit" in r.json()["error"]


# -- output -----------------------------------------------------------------------------------------------------


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
