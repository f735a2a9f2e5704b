"""Accessibility basics on every page: each control has a label, the page has one h1 and a language, headings do
not skip a level, roadmap cards and timeline rows are links that say what they are, and there is a way past the
navigation."""

from __future__ import annotations

import itertools
import re

import pytest

from .conftest import Browser

PAGES = [
    "/",
    "/roadmap",
    "/timeline",
    "/items/act:find-mentor",
    "/items/res:mml-book",
    "/journal",
    "/match",
    "/documents",
    "/settings",
    "/welcome",
    "/welcome?background=software_engineer",
    "/kb?q=python",
    "/kb/skill:python",
    "/docs",
]


def controls(html: str) -> list[str]:
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
    return [t for t in tags if 'type="hidden"' not in t]


def test_the_pages_have_controls_to_check(planned_db: str, browser: Browser) -> None:
    assert sum(len(controls(browser.get(p).text)) for p in PAGES) > 60
    assert controls('<input id="a"><input type="hidden" name="x"><select id="b"></select>') == [
        '<input id="a">',
        '<select id="b">',
    ]


@pytest.mark.parametrize("path", PAGES)
def test_every_control_has_a_label(planned_db: str, browser: Browser, path: str) -> None:
    html = browser.get(path).text
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    found = controls(html)
    for tag in found:
        if "aria-label=" in tag or "aria-labelledby=" in tag:
            continue
        ident = re.search(r'\bid="([^"]+)"', tag)
        assert ident and ident.group(1) in labelled, (path, tag)
    assert html.count("<h1") == 1, path
    assert re.search(r'<html lang="(en|zh-CN)"', html)
    assert '<a class="skip" href="#main">' in html


def test_buttons_and_links_have_names(planned_db: str, browser: Browser) -> None:
    for path in PAGES:
        html = browser.get(path).text
        for button in re.findall(r"<button\b[^>]*>(.*?)</button>", html, flags=re.S):
            assert re.sub(r"<[^>]+>", "", button).strip(), (path, button)
        for link in re.findall(r"<a\b[^>]*>(.*?)</a>", html, flags=re.S):
            assert re.sub(r"<[^>]+>", "", link).strip(), (path, link[:120])


def test_headings_do_not_skip_a_level(planned_db: str, browser: Browser) -> None:
    for path in PAGES:
        levels = [int(h) for h in re.findall(r"<h([1-6])\b", browser.get(path).text)]
        assert levels[0] == 1, path
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (path, levels)


def test_cards_and_rows_are_links_that_say_what_they_are(planned_db: str, browser: Browser) -> None:
    html = browser.get("/roadmap").text
    cards = re.findall(r'<a class="title" href="/items/[^"]+"( aria-describedby="([^"]+)")?>', html)
    assert len(cards) > 20
    for _, described in cards:
        if described:
            assert f'id="{described}" role="tooltip"' in html  # what it builds on, read out on focus
    timeline = browser.get("/timeline").text
    rows = re.findall(
        r'<a class="tl-label" href="/items/[^"]+"[^>]*>.*?<span class="visually-hidden"> · ([^<]+)</span>',
        timeline,
        flags=re.S,
    )
    assert len(rows) > 20 and all(r.count(" · ") == 3 for r in rows)  # kind · weeks · hours · status


def test_security_headers_keep_pages_to_this_app(planned_db: str, browser: Browser) -> None:
    r = browser.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp and "script-src 'self'" in csp
    assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "same-origin"
    assert "onclick=" not in r.text and "<script>" not in r.text  # nothing inline for the policy to block
