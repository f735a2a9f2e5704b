"""Documents download as the files ``mlroute export`` writes; a backup restores; a posting matches, pasted or
uploaded, in English or Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlroute.services.status import status

from .conftest import Browser, local_client

FIXTURES = Path(__file__).resolve().parents[1] / "extract" / "fixtures"


@pytest.mark.parametrize(
    ("path", "media", "starts"),
    [
        ("/documents/transition-plan.md", "text/markdown", b"# "),
        ("/documents/transition-plan.html", "text/html", b"<!doctype html>"),
        ("/documents/transition-plan.pdf", "application/pdf", b"%PDF-"),
        ("/documents/learning-log.md", "text/markdown", b"# "),
        ("/documents/portfolio.html", "text/html", b"<!doctype html>"),
        ("/documents/calendar.ics?at=07:30&block=1h", "text/calendar", b"BEGIN:VCALENDAR"),
        ("/documents/backup.json", "application/json", b"{"),
    ],
)
def test_documents_download(planned_db: str, browser: Browser, path: str, media: str, starts: bytes) -> None:
    r = browser.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"].startswith('attachment; filename="mlroute-')
    assert r.content.lstrip()[: len(starts)].lower() == starts.lower()
    if path.startswith("/documents/calendar"):
        assert b"DTSTART" in r.content and b"T073000" in r.content


def test_the_documents_page_speaks_of_a_manager_only_to_someone_with_an_employer(
    planned_db: str, browser: Browser
) -> None:
    from mlroute.services import onboarding, planning
    from mlroute.services.kb import index

    page = browser.get("/documents").text  # the demo persona is a DevOps engineer, employed
    assert "what you ask of your manager" in page and "mentor" not in page
    student = planning.demo_profile().model_copy(update={"background": "student", "employed": None})
    onboarding.start(browser.store, index(), student, replace=True)
    page = browser.get("/documents").text
    assert "manager" not in page and "to share with a mentor or study partner" in page
    assert "## What would help me" in browser.get("/documents/transition-plan.md").text  # as the document does
    browser.post("/settings", {"lang": "zh"})
    page = browser.get("/documents").text
    assert "经理" not in page and "导师" in page
    assert "## 哪些帮助对我最有用" in browser.get("/documents/transition-plan.md").text  # in the page's language


def test_unknown_document_or_format(planned_db: str, browser: Browser) -> None:
    assert browser.get("/documents/transition-plan.docx").status_code == 400
    assert browser.get("/documents/cv.md").status_code == 400
    r = browser.get("/documents/calendar.ics?at=7pm")
    assert r.status_code == 400 and "HH:MM" in r.text


def test_backup_restores_into_an_empty_database(
    planned_db: str, browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser.post("/items/act:find-mentor/status", {"status": "done"})
    browser.post("/items/act:find-mentor/log", {"duration": "2h"})
    before = status(browser.store)
    backup = browser.get("/documents/backup.json").content
    assert json.loads(backup)["counts"]

    monkeypatch.setenv("MLROUTE_DB", f"sqlite:///{tmp_path / 'fresh.db'}")
    with local_client() as client:
        fresh = Browser(client)
        assert fresh.get("/", follow_redirects=False).headers["location"] == "/welcome"
        r = fresh.client.post(
            "/documents/restore",
            data={"csrf_token": fresh.token()},
            files={"backup_file": ("backup.json", backup, "application/json")},
        )
        assert r.status_code == 200 and "Backup restored" in r.text
        assert status(fresh.store) == before
        again = fresh.client.post(
            "/documents/restore",
            data={"csrf_token": fresh.token()},
            files={"backup_file": ("backup.json", backup, "application/json")},
        )
        assert again.status_code == 400 and "already holds a plan" in again.text
        bad = fresh.client.post(
            "/documents/restore",
            data={"csrf_token": fresh.token(), "replace": "yes"},
            files={"backup_file": ("x.json", b'{"format": "something else"}', "application/json")},
        )
        assert bad.status_code == 400 and status(fresh.store) == before


def test_match_pasted_english_posting(planned_db: str, browser: Browser) -> None:
    text = (FIXTURES / "posting_en.md").read_text()
    r = browser.post("/match", {"text": text})
    assert r.status_code == 200
    assert "Readiness" in r.text and 'data-testid="readiness"' in r.text
    assert "PyTorch" in r.text and "pasted text" in r.text


def test_match_uploaded_chinese_posting_shows_chinese_names(planned_db: str, browser: Browser) -> None:
    browser.post("/settings", {"lang": "zh"})
    data = (FIXTURES / "posting_zh.txt").read_bytes()
    r = browser.client.post(
        "/match", data={"csrf_token": browser.token()}, files={"posting": ("招聘.txt", data, "text/plain")}
    )
    assert r.status_code == 200
    assert "就绪度" in r.text and "推荐系统" in r.text and "招聘.txt" in r.text


def test_match_api_is_the_extraction_document(planned_db: str, browser: Browser) -> None:
    data = (FIXTURES / "posting_en.md").read_bytes()
    r = browser.client.post(
        "/api/match",
        files={"posting": ("posting.md", data, "text/markdown")},
        headers={"X-CSRF-Token": browser.token()},
    )
    doc = r.json()
    assert r.status_code == 200
    assert {"readiness", "asked", "missing", "items", "hours_until_ready"} <= doc.keys()
    assert doc["source"] == "posting.md" and 0 <= doc["readiness"] <= 1


def test_match_without_a_posting_says_what_to_do(planned_db: str, browser: Browser) -> None:
    r = browser.post("/match", {"text": "   "})
    assert r.status_code == 400 and "Paste the text" in r.text
