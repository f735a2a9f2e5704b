"""The documents a person takes away, built from a stored plan and a few weeks of records (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from mlroute.errors import UserError
from mlroute.services import documents, journal, status, study
from mlroute.services.documents import Written
from mlroute.services.kb import index
from mlroute.store import Store
from tests.track.sample import START, seed_plan

TODAY = START + timedelta(days=16)  # Wednesday of week 3
NOW = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC).replace(hour=21)


def at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=20)


def export(store: Store, name: str, path: Path, fmt: str | None = None) -> Written:
    """What ``mlroute export NAME -o PATH`` does: render the document and write it."""
    chosen = documents.format_of(path, fmt)
    return documents.save(path, documents.RENDERERS[name](store, index(), chosen, today=TODAY, now=NOW))


@pytest.fixture
def records(store: Store) -> Store:
    fill_records(store)
    return store


def fill_records(store: Store) -> None:
    """Three weeks of a person's records: sessions, two items done, journal entries, evidence links."""
    seed_plan(store, now=at(START - timedelta(days=3)))
    for offset, minutes, item, note in [
        (1, 90, "act:find-a-mentor", "asked Sam to mentor me"),
        (2, 120, "res:python-course", "pandas 分组"),
        (4, 60, "res:python-course", None),
        (8, 150, "res:linear-algebra", "eigenvectors finally click"),
        (15, 90, "res:linear-algebra", None),
    ]:
        day = START + timedelta(days=offset)
        study.log(store, f"{minutes}m", item, note=note, day=day.isoformat(), today=TODAY, now=at(day))
    study.done(store, "act:find-a-mentor", now=at(START + timedelta(days=1)))
    study.done(store, "python-course", now=at(START + timedelta(days=4)))
    journal.journal_add(
        store,
        "Wrote a design note on feature pipelines for the tabular app",
        kind="design-note",
        tags=["mlops"],
        items=["proj:tabular-app"],
        day=(START + timedelta(days=9)).isoformat(),
        today=TODAY,
        now=NOW,
    )
    journal.journal_add(
        store, "矩阵分解的直觉", kind="insight", day=(START + timedelta(days=8)).isoformat(), today=TODAY, now=NOW
    )
    journal.evidence_add(
        store, "https://github.com/alex/tabular-app", item="proj:tabular-app", title="tabular-app repo", now=NOW
    )
    journal.evidence_add(store, "https://alex.dev/posts/eigen", now=NOW)


def test_transition_plan_markdown_has_every_section(records: Store, tmp_path: Path) -> None:
    out = export(records, "transition-plan", tmp_path / "plan.md")
    assert out.format == "md"
    assert out.sections == [
        "Goals",
        "Where I start",
        "Route",
        "Timeline",
        "Projects",
        "What I ask of my manager",
        "What I commit to",
        "Evidence so far",
        "Interview readiness",
        "The plan, item by item",
    ]
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert md.startswith("# Transition plan: Alex 李 → Machine Learning Engineer")
    assert "Software engineering route, in 2 phases:" in md
    assert "mlroute chose this route because you already write software for a living." in md
    assert "| 14 | 2027-03-14 | Ready to apply (forecast: week " in md
    assert "| 11 | 2027-02-21 | End of Machine learning | Deep learning |" in md
    assert "I study in my own time, 10 h a week outside working hours" in md
    assert "Protected learning time" not in md
    assert 'A real problem from our team for my portfolio project "A tabular app, deployed" (weeks 11–14)' in md
    assert "A short check-in at each milestone (weeks 11 and 14)" in md
    assert "- Find a mentor: done 2026-12-08" in md and "- Python for data work: done 2026-12-11" in md
    assert "[repository: tabular-app repo](<https://github.com/alex/tabular-app>)" in md
    assert "2026-12-16 · design note: Wrote a design note on feature pipelines" in md
    assert "矩阵分解的直觉" in md
    assert "8.5 h of study logged; 2 of 6 items done" in md
    assert "Main gaps: Deep learning." in md
    assert "| weeks 1–2 | Python for data work | resource | 18 | done 2026-12-11 |" in md


def test_transition_plan_html_and_pdf(records: Store, tmp_path: Path) -> None:
    export(records, "transition-plan", tmp_path / "plan.html")
    html = (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html and "<h2>What I ask of my manager</h2>" in html
    out = export(records, "transition-plan", tmp_path / "plan.pdf")
    reader = PdfReader(tmp_path / "plan.pdf")
    text = "".join(p.extract_text() for p in reader.pages)
    assert out.bytes == (tmp_path / "plan.pdf").stat().st_size
    for expected in (
        "What I ask of my manager",
        "Alex 李",
        "李宏毅 机器学习 2022",
        "矩阵分解的直觉",
        "Evidence so far",
    ):
        assert expected in text


def test_learning_log_is_week_by_week(records: Store, tmp_path: Path) -> None:
    out = export(records, "learning-log", tmp_path / "log.md")
    md = (tmp_path / "log.md").read_text(encoding="utf-8")
    assert out.weeks == 3
    assert "## Week 1 · 2026-12-07 to 2026-12-13 · 4.5 h of 10 h planned" in md
    assert "## Week 2 · 2026-12-14 to 2026-12-20 · 2.5 h" in md
    assert "## Week 3 · 2026-12-21 to 2026-12-27 · 1.5 h" in md
    assert "| 2026-12-09 | Python for data work | 2h | pandas 分组 |" in md
    assert "8.5 h of study in 5 sessions." in md
    assert "In the first 2 weeks of my plan: 7 h, 3.5 h a week on average against 10 h planned." in md
    assert "Python for data work: done" in md
    assert "design note: Wrote a design note on feature pipelines for the tabular app  #mlops" in md
    assert "Longest streak: 2 days in a row; 3 weeks in a row with study." in md
    export(records, "learning-log", tmp_path / "log.pdf")
    assert "pandas 分组" in "".join(p.extract_text() for p in PdfReader(tmp_path / "log.pdf").pages)


def test_the_learning_log_counts_weeks_as_status_does(records: Store, tmp_path: Path) -> None:
    early = START - timedelta(days=2)
    study.log(
        records, "1h", "res:python-course", note="a first look", day=early.isoformat(), today=TODAY, now=at(early)
    )
    week = status.status(records, today=TODAY, now=NOW).week
    md = export(records, "learning-log", tmp_path / "log.md").path
    text = Path(md).read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[0] == "Before the plan · 2026-12-05 to 2026-12-06 · 1 h"
    assert headings[-1].startswith(f"Week {week} · ")  # today's week, numbered as mlroute status numbers it
    assert "- Before the plan started: 1 h." in text and "9.5 h of study in 6 sessions." in text
    assert "In the first 2 weeks of my plan: 7 h" in text  # the sessions before the start are not in the average


def test_a_manager_is_asked_for_exactly_the_hours_at_work(store: Store, tmp_path: Path) -> None:
    from mlroute.services.plans import adopt_plan
    from tests.track.sample import PROFILE, sample_plan

    profile = {**PROFILE, "hours_at_work": 3.0}
    adopt_plan(store, profile, sample_plan(), kb_version="test.1", starts_on=START, reason="init", now=at(START))
    md = Path(export(store, "transition-plan", tmp_path / "plan.md").path).read_text(encoding="utf-8")
    assert "- Protected learning time: 3 h a week in working hours (about 0.6 h a working day)" in md
    assert "The other 7 h a week I study in my own time." in md and "outside working hours, so" not in md


def test_portfolio_lists_projects_with_their_evidence(records: Store, tmp_path: Path) -> None:
    out = export(records, "portfolio", tmp_path / "portfolio.html")
    assert out.projects == 1
    html = (tmp_path / "portfolio.html").read_text(encoding="utf-8")
    assert "<h2>A tabular app, deployed</h2>" in html
    assert '<a href="https://github.com/alex/tabular-app">repository: tabular-app repo</a>' in html
    assert "Other evidence" in html and "https://alex.dev/posts/eigen" in html
    assert '<input type="checkbox" disabled checked> Find a mentor (week 1, done 2026-12-08)' in html


def test_calendar_covers_the_plan(records: Store, tmp_path: Path) -> None:
    out = documents.save(tmp_path / "plan.ics", documents.calendar(records, at="07:30", block="90m", now=NOW))
    cal = Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert out.events == len(events) and out.weeks == 13  # week 1's items are both done: no blocks
    first = min(events, key=lambda e: e.decoded("dtstart").isoformat())
    assert first.decoded("dtstart") == datetime(2026, 12, 14, 7, 30)
    milestones = [e for e in events if str(e["summary"]).startswith("Milestone")]
    ready = date.fromisoformat(
        status.status(records, today=NOW.date(), now=NOW).model_dump(mode="json")["eta_dates"]["p50"]
    )
    assert [e.decoded("dtstart") for e in milestones] == [date(2026, 12, 20) + timedelta(weeks=9), ready]


def test_bad_export_requests(records: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match="Unknown format 'docx'"):
        export(records, "transition-plan", out / "plan.docx")
    with pytest.raises(UserError, match="is a folder"):
        export(records, "learning-log", out, "md")
    with pytest.raises(UserError, match="Cannot read the time"):
        documents.save(out / "x.ics", documents.calendar(records, at="7pm", now=NOW))
    assert list(out.iterdir()) == []


def test_pdf_bytes_are_a_pdf(records: Store, tmp_path: Path) -> None:
    export(records, "portfolio", tmp_path / "p.pdf")
    data = (tmp_path / "p.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) >= 1
