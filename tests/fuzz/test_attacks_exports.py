"""Markdown, HTML, iCalendar and PDF exports run nothing, whatever the stored text and links hold (issue 11).

Links with ``"<>`` and spaces cannot be added any more (``evidence add`` refuses them), but a database or a
restored backup from before can still hold them, so each attack is stored directly and then exported.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from markdown_it import MarkdownIt
from pypdf import PdfReader

from mlroute.errors import UserError
from mlroute.export.document import Bullet, Document, to_html, to_markdown
from mlroute.services import documents, journal, study
from mlroute.store import Store, repo
from tests.fuzz.budget import count
from tests.track.sample import seed_plan

NOW = datetime(2026, 12, 9, 20, tzinfo=UTC)
EVIL_URLS = [
    'https://x.example/a"><img src=x onerror=alert(1)>',
    "https://x.example/a> <script>alert(1)</script>",
    "https://x.example/a b) [c](javascript:alert(1)",
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "https://x.example/`code` <!-- x -->",
]
EVIL_TEXT = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](https://x.example/p.png)",
    "<https://x.example/autolink>",
    "line one\n<script>alert(2)</script>\n# not a heading",
    "&lt;script&gt;alert(3)&lt;/script&gt;",
    "| a | b |\n|---|---|",
    "~~~\ncode fence",
]
DANGEROUS_TAGS = {"script", "img", "iframe", "object", "embed", "svg", "math", "style", "link", "meta", "form", "base"}


class _Live(HTMLParser):
    """Every element or attribute in rendered HTML that could run or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and not (value or "").startswith(
                ("https://", "http://")
            ):
                self.found.append(f"{tag} {name}={value!r}")

    def handle_comment(self, data: str) -> None:
        self.found.append("<!-- comment -->")  # raw HTML got through


def render(md: str) -> str:
    """What a CommonMark renderer with raw HTML allowed (the spec's default) makes of it."""
    return MarkdownIt("commonmark", {"html": True}).render(md)


def live_html(html: str) -> list[str]:
    parser = _Live()
    parser.feed(html)
    parser.close()
    return parser.found


def store_attacks(store: Store) -> None:
    """Evidence links the input check would refuse (written straight to the database, as an old version or a
    restored backup could hold them), and hostile text in the journal and a session note."""
    seed_plan(store, now=NOW)

    def tx(s: object) -> None:
        for i, url in enumerate(EVIL_URLS):
            repo.add_evidence(s, kind="post", url=url, title=EVIL_TEXT[i % len(EVIL_TEXT)], item_id=None, now=NOW)  # type: ignore[arg-type]

    store.write(tx)
    for text in EVIL_TEXT:
        journal.journal_add(store, text, kind="insight", tags=["<b>x</b>"], day="2026-12-09", today=NOW.date(), now=NOW)
    study.log(
        store, "1h", "res:python-course", note="<script>alert(4)</script>", day="2026-12-09", today=NOW.date(), now=NOW
    )


def export(store: Store, doc: str, fmt: str) -> str:
    rendered = getattr(documents, doc.replace("-", "_"))(store, None, fmt, now=NOW)
    return bytes(rendered.data).decode("utf-8") if fmt != "pdf" else ""


def test_exported_learning_log_runs_nothing_in_a_commonmark_renderer(store: Store) -> None:
    store_attacks(store)
    for doc in ("learning-log", "portfolio", "transition-plan"):
        md = export(store, doc, "md")
        assert live_html(render(md)) == [], (doc, live_html(render(md)))
        html = export(store, doc, "html")
        assert live_html(html.split("</style>", 1)[1]) == [], doc
    md = export(store, "learning-log", "md")
    assert "<script>alert(1)</script>" in render(md).replace("&lt;", "<").replace("&gt;", ">")  # shown, as text
    hrefs = re.findall(r'href="([^"]*)"', render(md))
    assert hrefs and all(h.startswith("https://x.example/") and " " not in h and '"' not in h for h in hrefs)


def test_pdf_links_are_web_links_only(store: Store, tmp_path: Path) -> None:
    store_attacks(store)
    (tmp_path / "log.pdf").write_bytes(documents.learning_log(store, None, "pdf", now=NOW).data)
    reader = PdfReader(tmp_path / "log.pdf")
    uris = [
        a.get_object()["/A"].get("/URI")
        for page in reader.pages
        for a in page.get("/Annots", [])
        if "/A" in a.get_object()
    ]
    assert uris and all(str(u).startswith("https://") for u in uris), uris


def test_calendar_text_cannot_add_lines(tmp_path: Path) -> None:
    from datetime import date, time

    from mlroute.export.calendar import calendar_ics

    evil = "Study\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT\x00"
    ics = calendar_ics(
        [{"week": 1, "start": date(2026, 12, 7), "hours": 2, "items": [evil]}],
        [{"id": "m1", "title": evil, "date": date(2026, 12, 20), "skills": [evil]}],
        plan_version=1,
        at=time(19),
        block_hours=2,
        now=NOW,
        title=evil,
    ).decode()
    lines = ics.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 2 and "SUMMARY:injected" not in lines and "\x00" not in ics
    assert Calendar.from_ical(ics).walk("VEVENT")[0]["SUMMARY"].startswith("Study")


@pytest.mark.parametrize(
    "url", [*EVIL_URLS, "ftp://x.example/f", "https://", "https:// x", "github.com/me", "https://x"]
)
def test_evidence_links_are_checked_on_input(store: Store, url: str) -> None:
    seed_plan(store, now=NOW)
    with pytest.raises(UserError) as err:
        journal.evidence_add(store, url, now=NOW)
    assert "https://" in str(err.value)
    assert journal.evidence_list(store).count == 0  # nothing written


def test_good_links_pass_unchanged() -> None:
    from mlroute.export.escape import check_web_url, web_url

    for url in ("https://github.com/me/x", "http://localhost:8000/p?q=1#f", "https://例子.中国/路径", "https://[::1]/"):
        assert check_web_url(url) == url
        assert web_url(url) is not None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=200),
    url=st.text(max_size=80),
    scheme=st.sampled_from(["https://x.example/", "", "javascript:"]),
)
def test_any_text_and_link_render_to_nothing_live(text: str, url: str, scheme: str) -> None:
    from mlroute.export.escape import md_text

    count("export escaping")
    doc = Document(text)
    doc.h(1, text)
    doc.p(text)
    doc.ul([Bullet(text, url=scheme + url), Bullet(text)])
    doc.table(["a", text], [[text, text]])
    assert live_html(render(to_markdown(doc))) == []
    assert live_html(to_html(doc).split("</style>", 1)[1]) == []
    assert md_text(text).count("\n") == 0
