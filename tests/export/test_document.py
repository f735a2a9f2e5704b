"""One document, rendered to Markdown and HTML from the same blocks."""

from __future__ import annotations

from mlroute.export.document import Bullet, Document, to_html, to_markdown


def sample() -> Document:
    doc = Document("Plan: Alex → ML engineer")
    doc.h(1, "Goals")
    doc.p("Line one\nline two with *stars* and _under_ and a | pipe")
    doc.ul([Bullet("repo", url="https://github.com/a/b"), Bullet("done", checked=True), Bullet("todo", checked=False)])
    doc.table(["Week", "Item"], [["1", "C++ <basics> | 线性代数"]])
    return doc


def test_markdown_escapes_and_structures() -> None:
    md = to_markdown(sample())
    assert md.startswith("# Plan: Alex → ML engineer\n")
    assert "## Goals" in md
    assert "Line one  \nline two with \\*stars\\* and \\_under\\_ and a \\| pipe" in md
    assert "- [repo](<https://github.com/a/b>)" in md
    assert "- [x] done" in md and "- [ ] todo" in md
    assert "| 1 | C++ \\<basics\\> \\| 线性代数 |" in md


def test_html_is_escaped_utf8_with_checkboxes() -> None:
    html = to_html(sample())
    assert '<meta charset="utf-8">' in html
    assert "C++ &lt;basics&gt; | 线性代数" in html
    assert '<a href="https://github.com/a/b">repo</a>' in html
    assert '<input type="checkbox" disabled checked> done' in html
    assert html.count("<h2>") == 1 and "<title>Plan: Alex → ML engineer</title>" in html


def test_text_collects_every_visible_string() -> None:
    text = sample().text()
    for part in ("Goals", "repo", "线性代数", "Week"):
        assert part in text
