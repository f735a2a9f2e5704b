"""Team mode through the web app: signing in (session rotated, cookies HttpOnly/SameSite and Secure over HTTPS,
rate-limited failures), signing out, the learner API scoped to the person, the mentor's cohort page and API,
comments the learner sees and answers, the cohort roadmap, admin pages with their audit, Chinese pages, and the
single-user app unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.store import fixtures as store_fixtures
from tests.web.team_fixtures import PASSWORD, Person, build_team_db, copy_db, csrf_of, sign_in, team_app

pg_url = store_fixtures.pg_url  # a fresh PostgreSQL database (the fixture of the storage tests)


@pytest.fixture(scope="module")
def source_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("team-pages") / "team.db"
    build_team_db(path)
    return path


@pytest.fixture
def app(source_db: Path, tmp_path: Path) -> Iterator[Any]:
    application = team_app(copy_db(source_db, tmp_path))
    yield application
    application.state.store.close()


def test_anonymous_requests_get_the_sign_in_page_or_401(app: Any) -> None:
    client = TestClient(app, base_url="http://127.0.0.1:8000", headers={"sec-fetch-site": "same-origin"})
    page = client.get("/roadmap?item=x")
    assert page.status_code == 401 and 'name="username"' in page.text and 'value="/roadmap?item=x"' in page.text
    api = client.get("/api/status")
    assert api.status_code == 401 and api.json()["error"] == "Sign in to continue."
    assert client.get("/static/css/app.css").status_code == 200


def test_sign_in_rotates_the_session_and_sets_safe_cookies(app: Any) -> None:
    client = TestClient(app, base_url="https://127.0.0.1", headers={"sec-fetch-site": "same-origin"})
    client.cookies.set("__Host-mlroute_session", "fixed-by-an-attacker")  # a session id planted before sign-in
    token = csrf_of(client)
    response = client.post(
        "/login", data={"csrf_token": token, "username": "ann", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("__Host-mlroute_session=") and "fixed-by-an-attacker" not in cookie
    for flag in ("HttpOnly", "Secure", "SameSite=lax", "Path=/"):
        assert flag in cookie
    plain = TestClient(app, base_url="http://127.0.0.1:8000", headers={"sec-fetch-site": "same-origin"})
    token = csrf_of(plain)
    answer = plain.post(
        "/login", data={"csrf_token": token, "username": "ann", "password": PASSWORD}, follow_redirects=False
    )
    assert "Secure" not in answer.headers["set-cookie"] and "HttpOnly" in answer.headers["set-cookie"]


def test_sign_out_ends_the_session_everywhere_it_was_used(app: Any) -> None:
    ann = sign_in(app, "ann")
    stolen = ann.client.cookies.get("mlroute_session")
    assert ann.client.get("/api/status").status_code == 200
    out = ann.client.post("/logout", data={"csrf_token": ann.token}, follow_redirects=False)
    assert out.status_code == 303
    replay = TestClient(app, base_url="http://127.0.0.1:8000", headers={"sec-fetch-site": "same-origin"})
    replay.cookies.set("mlroute_session", stolen or "")
    assert replay.get("/api/status").status_code == 401


def test_failed_sign_ins_are_rate_limited(app: Any) -> None:
    client = TestClient(app, base_url="http://127.0.0.1:8000", headers={"sec-fetch-site": "same-origin"})
    token = csrf_of(client)
    codes = [
        client.post(
            "/login", data={"csrf_token": token, "username": "ben", "password": f"wrong guess {i}!"}
        ).status_code
        for i in range(6)
    ]
    assert codes == [401] * 5 + [429]
    refused = client.post("/login", data={"csrf_token": token, "username": "ben", "password": PASSWORD})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "Too many failed sign-ins" in refused.text
    other = sign_in(app, "ann")  # another account is not locked out by ben's failures
    assert other.client.get("/api/status").status_code == 200


def test_the_learner_api_is_the_single_user_one_scoped_to_the_person(app: Any) -> None:
    ann, ben = sign_in(app, "ann"), sign_in(app, "ben")
    assert ann.client.get("/api/status").json()["name"] == "Ann"
    assert ben.client.get("/api/status").json()["name"] == "Ben"
    assert [e["text"] for e in ann.client.get("/api/journal").json()["entries"]] == ["Ann's private note"]
    assert ben.client.get("/api/journal").json()["entries"] == []
    ben.client.post("/api/journal", json={"text": "Ben's note"}, headers={"X-CSRF-Token": ben.token})
    assert [e["text"] for e in ann.client.get("/api/journal").json()["entries"]] == ["Ann's private note"]
    backup = ben.client.get("/documents/backup.json").json()
    assert all(row.get("name") != "Ann" for row in backup["tables"]["profiles"])
    assert "Ann's private note" not in ben.client.get("/journal").text


def test_the_mentor_sees_the_cohort_and_comments_reach_the_learner(app: Any) -> None:
    mia, ann, ben = sign_in(app, "mia"), sign_in(app, "ann"), sign_in(app, "ben")
    cohort = mia.client.get("/api/cohort").json()
    assert [m["username"] for m in cohort["learners"]] == ["ann"]
    ann_row = cohort["learners"][0]
    assert ann_row["hours_logged"] == 1.0 and ann_row["pace_planned"] == 10.0 and ann_row["eta"]
    assert ann_row["stuck"] is not None and ann_row["stuck"]["kind"] == "slow-pace"  # 1 h in 4 weeks of 10 h/week
    page = mia.client.get("/cohort")
    assert page.status_code == 200 and "ann" in page.text and "stuck" in page.text
    status = mia.client.get("/api/learners/ann/status")
    assert status.status_code == 200 and status.json()["name"] == "Ann"
    assert mia.client.get("/api/learners/ben/status").status_code == 403
    assert mia.client.get("/api/learners/nobody/status").status_code == 403
    entry = ann.client.get("/api/journal").json()["entries"][0]["id"]
    sent = mia.client.post(
        "/api/learners/ann/comments",
        json={"target_kind": "journal", "target": str(entry), "text": "Great insight — write it up as a post?"},
        headers={"X-CSRF-Token": mia.token},
    )
    assert sent.status_code == 200 and sent.json()["read"] is False
    feedback = ann.client.get("/feedback")
    assert "Great insight" in feedback.text and "1 new comment." in feedback.text
    ann.client.post(
        "/feedback", data={"csrf_token": ann.token, "target_kind": "journal", "target": str(entry), "text": "Will do!"}
    )
    thread = mia.client.get("/api/learners/ann/comments").json()["threads"][0]
    assert [c["author"] for c in thread["comments"]] == ["mia", "ann"]
    assert ben.client.get("/api/feedback").json()["threads"] == []


def test_the_cohort_roadmap_set_by_its_mentor_shows_each_learner(app: Any) -> None:
    mia, ann, maxi = sign_in(app, "mia"), sign_in(app, "ann"), sign_in(app, "max")
    set_it = mia.client.post(
        "/cohort/roadmap/spring", data={"csrf_token": mia.token, "role": "ml-engineer", "route": "software"}
    )
    assert set_it.status_code == 200
    page = mia.client.get("/cohort/roadmap/spring").text
    assert "ann" in page and "%" in page
    assert maxi.client.get("/cohort/roadmap/spring").status_code == 403
    assert "Your cohort: spring" in ann.client.get("/feedback").text


def test_admin_pages_change_accounts_and_audit_them(app: Any) -> None:
    root = sign_in(app, "root")
    added = root.client.post(
        "/admin/users", data={"csrf_token": root.token, "username": "cleo", "role": "learner", "password": PASSWORD}
    )
    assert added.status_code == 200 and "cleo" in added.text
    root.client.post("/admin/assign", data={"csrf_token": root.token, "mentor": "mia", "learner": "cleo"})
    log = root.client.get("/api/admin/audit").json()["entries"]
    assert [(e["actor"], e["action"]) for e in log[:2]] == [("root", "assign"), ("root", "add-user")]
    assert log[0]["source"].startswith("web ")
    assert sign_in(app, "cleo").client.get("/api/status").status_code == 400  # signed in; no plan yet
    short = root.client.post(
        "/admin/users", data={"csrf_token": root.token, "username": "dan", "role": "learner", "password": "short"}
    )
    assert short.status_code == 400 and "too short" in short.text


def test_pages_in_chinese(app: Any) -> None:
    mia = sign_in(app, "mia")
    mia.client.post("/settings", data={"csrf_token": mia.token, "lang": "zh"})
    page = mia.client.get("/cohort").text
    assert "你的学员" in page and "退出登录" in page
    assert "登录" in TestClient(app, base_url="http://127.0.0.1:8000", cookies={"lang": "zh"}).get("/login").text


def test_a_team_database_is_not_served_without_sign_in(source_db: Path, tmp_path: Path) -> None:
    from tests.conftest import run_cli

    url = copy_db(source_db, tmp_path)
    refused = run_cli("serve", "--port", "8765", env={"MLROUTE_DB": url})
    assert refused.returncode == 2 and "mlroute serve --team" in refused.stderr
    plain = run_cli("status", env={"MLROUTE_DB": url})
    assert plain.returncode == 2 and "--user" in plain.stderr
    as_ann = run_cli("--user", "ann", "status", "--json", env={"MLROUTE_DB": url})
    assert as_ann.returncode == 0, as_ann.stderr
    assert '"name": "Ann"' in as_ann.stdout
    env_ben = run_cli("journal", "list", "--json", env={"MLROUTE_DB": url, "MLROUTE_USER": "ben"})
    assert env_ben.returncode == 0 and "Ann's private note" not in env_ben.stdout
    nobody = run_cli("--user", "nobody", "status", env={"MLROUTE_DB": url})
    assert nobody.returncode == 2 and "no account named" in nobody.stderr


def test_csrf_tokens_are_bound_to_the_session(app: Any) -> None:
    ann, ben = sign_in(app, "ann"), sign_in(app, "ben")
    nonce = ann.client.cookies.get("mlroute_csrf")
    ben.client.cookies.set("mlroute_csrf", nonce or "")
    stolen = ben.client.post("/api/journal", json={"text": "forged"}, headers={"X-CSRF-Token": ann.token})
    assert stolen.status_code == 403


def test_person_helper_refresh(app: Any) -> None:
    person: Person = sign_in(app, "anonymous")
    assert person.token and re.fullmatch(r"[A-Za-z0-9_-]+", person.token)


@pytest.mark.postgres
def test_three_people_on_postgresql_each_see_their_own(pg_url: str) -> None:
    build_team_db(pg_url)
    application = team_app(pg_url)
    try:
        mia, ann, ben = sign_in(application, "mia"), sign_in(application, "ann"), sign_in(application, "ben")
        assert [e["text"] for e in ann.client.get("/api/journal").json()["entries"]] == ["Ann's private note"]
        assert ben.client.get("/api/journal").json()["entries"] == []
        assert ben.client.get("/api/status").json()["name"] == "Ben"
        assert [m["username"] for m in mia.client.get("/api/cohort").json()["learners"]] == ["ann"]
        assert mia.client.get("/api/learners/ann/status").json()["hours_logged"] == 1.0
        assert mia.client.get("/api/learners/ben/status").status_code == 403
        assert ben.client.get("/cohort").status_code == 403
    finally:
        application.state.store.close()


def test_team_mode_may_listen_beyond_loopback() -> None:
    from mlroute.cli.web import check_bind
    from mlroute.errors import UserError

    check_bind("0.0.0.0", 8000, authenticated=True)
    with pytest.raises(UserError, match="--team"):
        check_bind("0.0.0.0", 8000)


def test_over_https_a_plain_session_cookie_is_not_a_session(app: Any) -> None:
    ann = sign_in(app, "ann")
    token = ann.client.cookies.get("mlroute_session")
    https = TestClient(app, base_url="https://127.0.0.1", headers={"sec-fetch-site": "same-origin"})
    https.cookies.set("mlroute_session", token or "")
    assert https.get("/api/status").status_code == 401
    plain = TestClient(app, base_url="http://127.0.0.1:8000", headers={"sec-fetch-site": "same-origin"})
    plain.cookies.set("mlroute_session", token or "")
    assert plain.get("/api/status").status_code == 200


def test_expired_sessions_end_and_are_cleared(app: Any) -> None:
    from datetime import UTC, datetime, timedelta

    from mlroute.services import auth as auth_service

    store = app.state.store
    token, _ = auth_service.sign_in(store, "ann", PASSWORD, client="test")
    assert auth_service.current_user(store, token) is not None
    later = datetime.now(UTC) + auth_service.IDLE + timedelta(minutes=1)
    assert auth_service.current_user(store, token, now=later) is None  # idle too long: ended and deleted
    assert auth_service.current_user(store, token) is None
    old, _ = auth_service.sign_in(store, "ben", PASSWORD, client="test")
    auth_service.sign_in(store, "ben", PASSWORD, client="test", now=datetime.now(UTC) + auth_service.LIFETIME)
    assert auth_service.current_user(store, old) is None
