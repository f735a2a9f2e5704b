"""The JSON API returns the same documents as the CLI's ``--json`` output."""

from __future__ import annotations

import json
from pathlib import Path

from mlroute.services import study
from tests.conftest import run_cli

from .conftest import Browser


def cli_json(*args: str, db: str) -> object:
    done = run_cli(*args, "--json", env={"MLROUTE_DB": db})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_status_is_the_document_mlroute_status_prints(planned_db: str, browser: Browser) -> None:
    browser.post_json("/api/log", {"duration": "45m", "item": "act:find-mentor", "note": "first call"})
    api = browser.get("/api/status").json()
    assert api == cli_json("status", db=planned_db)
    assert api["hours_logged"] == 0.75


def test_journal_and_evidence_are_the_cli_documents(planned_db: str, browser: Browser) -> None:
    added = browser.post_json(
        "/api/journal", {"text": "Read the attention paper", "kind": "insight", "tags": ["nlp"]}
    ).json()
    assert added["kind"] == "insight" and added["tags"] == ["nlp"]
    browser.post_json("/api/evidence", {"url": "https://github.com/me/x"})
    assert browser.get("/api/journal").json() == cli_json("journal", "list", db=planned_db)
    assert browser.get("/api/evidence").json() == cli_json("evidence", "list", db=planned_db)


def test_status_changes_return_the_cli_documents(planned_db: str, browser: Browser) -> None:
    started = browser.post_json("/api/items/act:find-mentor/start").json()
    assert started["item"] == "act:find-mentor" and started["status"] == "doing"
    assert started.keys() == study.done(browser.store, "act:find-niche").model_dump(mode="json").keys()
    skipped = browser.post_json("/api/items/act:explore-ml-roles/skip", {"reason": "did it last year"}).json()
    assert skipped["reason"] == "did it last year"
    assert browser.get("/api/status").json()["items_skipped"] == 1


def test_plan_for_a_profile_is_the_document_mlroute_plan_prints(
    empty_db: str, browser: Browser, tmp_path: Path
) -> None:
    profile = {
        "name": "Kim",
        "background": "data_scientist",
        "hours_per_week": 8,
        "start_date": "2027-01-04",
        "skills": {"python": 3, "statistics": 3},
    }
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile))
    api = browser.post_json("/api/plan", profile).json()
    cli = cli_json("plan", "--profile", str(path), db=empty_db)
    assert isinstance(cli, dict)
    for doc in (api, cli):
        del doc["optimality"]["seconds"]  # the solver's wall-clock time, the one figure that varies run to run
    assert api == cli
    assert api["route"] and api["items"]


def test_init_is_mlroute_init_then_current_plan(empty_db: str, browser: Browser, tmp_path: Path) -> None:
    assert browser.get("/api/current-plan").status_code == 400
    profile = {"name": "Lee", "background": "student", "start_date": "2027-01-04"}
    r = browser.post_json("/api/init", profile)
    assert r.status_code == 200
    api = r.json()
    path = tmp_path / "lee.yaml"
    path.write_text(json.dumps(profile))
    cli = cli_json("init", "--profile", str(path), db=f"sqlite:///{tmp_path / 'cli.db'}")
    assert isinstance(cli, dict)
    for doc in (api, cli):
        del doc["plan"]["optimality"]["seconds"], doc["stored"]["database"]
    assert api == cli
    plan = browser.get("/api/current-plan").json()
    assert plan["items"] and plan["profile"]["name"] == "Lee"


def test_user_errors_are_json_with_a_hint(planned_db: str, browser: Browser) -> None:
    r = browser.post_json("/api/log", {"duration": "soon", "item": "act:find-mentor"})
    assert r.status_code == 400 and r.json()["error"] and "hint" in r.json()
    r = browser.post_json("/api/items/act:find-mentr/done")
    assert r.status_code == 404 and "act:find-mentor" in r.json()["hint"]
    r = browser.post_json("/api/log", {"item": "act:find-mentor"})
    assert r.status_code == 422


def test_openapi_and_the_local_docs_page(planned_db: str, browser: Browser) -> None:
    spec = browser.get("/api/openapi.json").json()
    assert "/api/status" in spec["paths"] and "/api/match" in spec["paths"]
    ok = spec["paths"]["/api/status"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/Status"}
    assert {"eta_weeks", "next_items", "this_week"} <= set(spec["components"]["schemas"]["Status"]["properties"])
    assert browser.get("/openapi.json", follow_redirects=False).headers["location"] == "/api/openapi.json"
    page = browser.get("/docs").text
    assert "/api/status" in page and "mlroute status --json" in page
