"""Every page in real Chromium at 1280 px and 390 px, in English and Chinese, light and dark (the theme following
the system): no horizontal overflow, no English sentence on a Chinese page outside names and code, no raw ids,
404 as an HTML page, and the roadmap's keyboard order = the schedule's. A screenshot of each page in each mode
goes to ``tests/web/screenshots/`` (``<page>-<lang>-<theme>-<width>.png``).

The journey behind the pages is real: the demo persona's plan, time logged, an item finished and one skipped, a
re-plan (so finished work comes from an earlier version), a journal entry and an evidence link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import chromium, overflow, serve, shot, watch

from .live import require_chromium

require_chromium()
pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (1280, 390)
MODES = [(lang, theme, width) for width in WIDTHS for lang in ("en", "zh") for theme in ("light", "dark")]
EARLIER = "act:clarify-motivation"  # finished, then left out by the re-plan
PAGES = {
    "dashboard": "/",
    "roadmap": "/roadmap",
    "timeline": "/timeline",
    "item": "/items/res:google-mlcc",
    "item-earlier": f"/items/{EARLIER}",
    "journal": "/journal",
    "match": "/match",
    "documents": "/documents",
    "settings": "/settings",
    "welcome": "/welcome",
    "questionnaire": "/welcome?background=data_scientist",
    "kb": "/kb?q=python",
    "kb-skill": "/kb/skill:pytorch",
    "kb-role": "/kb/role:ml-engineer",
    "api-docs": "/docs",
    "not-found": "/no/such/page",
}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")  # Chinese characters and punctuation
WORD = re.compile(r"[A-Za-z]{2,}")
RAW_ID = re.compile(r"\b(?:res|proj|act|skill|role|route):[a-z0-9][a-z0-9-]*")

# Visible text outside names (marked translate="no"), code, and text in another language (lang="en").
VISIBLE_TEXT = """
() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
    if (!text || !el || el.closest("script, style, code, [translate=no], [lang=en], [hidden]")) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    out.push(text);
  }
  return out;
}
"""
ALL_TEXT = "() => document.body.innerText"


def populate(db: Path) -> None:
    """The demo persona two weeks in: time logged, one item finished and one skipped, then a re-plan."""
    from mlroute.services import journal, onboarding, planning, replan, study
    from mlroute.services.kb import index
    from mlroute.store import Store

    store, kb = Store(f"sqlite:///{db}"), index()
    onboarding.start(store, kb, planning.demo_profile(), lang="en")
    study.log(store, "3h", EARLIER, note="wrote it down")
    study.done(store, EARLIER)
    study.skip(store, "act:explore-ml-roles")
    study.log(store, "2h30m", "res:google-mlcc", note="first modules")
    replan.replan(store, kb, lang="en")
    study.start(store, "act:find-mentor")
    journal.journal_add(store, "Gradient descent clicked after drawing it by hand.", kind="insight", tags=["math"])
    journal.evidence_add(store, "https://github.com/dana/rag-demo", title="RAG demo", item="res:google-mlcc")
    store.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("pages") / "mlroute.db"
    populate(db)
    with serve(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def names() -> list[str]:
    """Names a page may show in English in Chinese mode: the knowledge base's own (titles, providers, skills)."""
    from mlroute.services.kb import index

    kb = index().kb
    found = {r.title for r in kb.resources} | {r.provider for r in kb.resources}
    found |= (
        {s.name.en for s in kb.skills} | {p.title.en for p in kb.projects} | {a.title.en for a in kb.career_actions}
    )
    found |= {r.name.en for r in kb.roles} | {r.name.en for r in kb.routes}
    return sorted(found, key=len, reverse=True)


@pytest.fixture(scope="module")
def kebab_ids() -> re.Pattern[str]:
    """Knowledge-base ids that no reader would write (``machine-learning-fundamentals``), as a pattern; an id that
    the knowledge base's own English uses as a word (a "deep-learning course") is ordinary English."""
    from mlroute.services.kb import index

    kb = index().kb
    english = [r.title for r in kb.resources] + [r.format for r in kb.resources]
    english += [s.name.en for s in kb.skills] + [s.description.en for s in kb.skills]
    english += [p.title.en for p in kb.projects] + [p.summary.en for p in kb.projects]
    english += [a.description.en for a in kb.career_actions]
    english += [ph.description.en for r in kb.routes for ph in r.phases] + [r.description.en for r in kb.routes]
    prose = " ".join(english).lower()
    records = (kb.skills, kb.resources, kb.projects, kb.career_actions)
    ids = {r.id for kind in records for r in kind if "-" in r.id and r.id not in prose}
    return re.compile(r"\b(?:" + "|".join(sorted((re.escape(i) for i in ids), key=len, reverse=True)) + r")\b")


def english_sentences(texts: list[str], names: list[str]) -> list[str]:
    """Stretches without Chinese that hold four or more English words, once names are taken out."""
    found = []
    for text in texts:
        for name in names:
            if name in text:
                text = text.replace(name, "、")
        found += [part.strip() for part in CJK.split(text) if len(WORD.findall(part)) >= 4]
    return found


@pytest.mark.parametrize(("lang", "theme", "width"), MODES, ids=[f"{lang}-{theme}-{w}" for lang, theme, w in MODES])
def test_every_page(
    site: str, browser: Any, names: list[str], kebab_ids: re.Pattern[str], lang: str, theme: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=theme)
    context.add_cookies([{"name": "lang", "value": lang, "url": site}])
    page = watch(context.new_page())
    problems: dict[str, Any] = {}
    for name, path in PAGES.items():
        page.errors.clear()  # type: ignore[attr-defined]
        response = page.goto(site + path)
        assert response is not None
        if name == "not-found":
            assert response.status == 404 and response.headers["content-type"].startswith("text/html")
            assert page.locator("h1").count() == 1 and page.locator("#error-card").is_visible()
        else:
            assert response.status == 200, (name, response.status)
        assert page.evaluate("document.documentElement.lang") == ("zh-CN" if lang == "zh" else "en")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(18, 20, 23)") == (theme == "dark"), (name, background)  # follows the system
        if (wide := overflow(page)) > 0:
            problems.setdefault("overflow", []).append((name, wide))
        english = english_sentences(page.evaluate(VISIBLE_TEXT), names) if lang == "zh" else []
        if english and name != "api-docs":  # the API's reference is code
            problems.setdefault("english", []).append((name, english[:3]))
        text = page.evaluate(ALL_TEXT)
        if name != "api-docs" and (raw := RAW_ID.findall(text) + kebab_ids.findall(text)):
            problems.setdefault("raw ids", []).append((name, sorted(set(raw))[:5]))
        shot(page, f"{name}-{lang}-{theme}-{width}")
        expected = ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
        assert page.errors == (expected if name == "not-found" else []), name  # type: ignore[attr-defined]
    assert all(url.startswith(site) for url in page.requests)  # type: ignore[attr-defined]  # nothing left the machine
    context.close()
    assert not problems, problems


def test_finished_work_of_an_earlier_plan_is_on_the_roadmap_and_the_timeline(site: str, browser: Any) -> None:
    page = watch(browser.new_page())
    page.goto(site + "/roadmap")
    card = page.locator(f"#c-{EARLIER.replace(':', '-')}")
    assert "s-done" in (card.get_attribute("class") or "") and "from an earlier plan" in card.inner_text()
    page.goto(site + "/timeline")
    row = page.locator(f".tl-row:has(a[href='/items/{EARLIER}'])")
    assert "s-done" in (row.get_attribute("class") or "")
    fill = row.locator(".tl-bar").evaluate("e => getComputedStyle(e).backgroundColor")
    assert fill == "rgb(27, 110, 58)"  # a solid bar: done at a glance
    page.close()


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("zh", 390)])
def test_the_roadmaps_keyboard_order_is_the_schedule(site: str, browser: Any, lang: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "lang", "value": lang, "url": site}])
    page = context.new_page()
    page.goto(site + "/roadmap")
    cards = page.eval_on_selector_all(
        ".rcard",
        "els => els.map(e => ({href: e.querySelector('a.title').getAttribute('href'), week: +e.dataset.week,"
        " phase: e.closest('.phase').querySelector('h3').id}))",
    )
    reached: list[str] = []
    for _ in range(len(cards) + 40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.closest('.rcard') && document.activeElement.getAttribute('href')")
        if href:
            reached.append(href)
            if len(reached) == len(cards):
                break
    assert reached == [c["href"] for c in cards]  # one stop per card, in page order
    phases = [c["phase"] for c in cards]
    assert phases == sorted(phases, key=phases.index)  # phase by phase, never back
    for phase in dict.fromkeys(phases):
        weeks = [c["week"] for c in cards if c["phase"] == phase]
        assert weeks == sorted(weeks), phase  # and by week within a phase
    focused = page.locator(".rcard:focus-within")
    assert focused.locator(".needs").is_visible() or focused.locator(".needs").count() == 0
    context.close()


def test_the_roadmap_prints_without_the_controls(site: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    page.goto(site + "/roadmap")
    page.emulate_media(media="print")
    for hidden in ("header.top", "footer.foot", "details.card"):
        assert page.locator(hidden).evaluate("e => getComputedStyle(e).display") == "none", hidden
    assert page.locator(".rcard").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    assert overflow(page) == 0 and page.locator(".rcard").count() > 20
    page.close()


@pytest.mark.parametrize(("lang", "width"), [("en", 360), ("zh", 360), ("en", 414)])
def test_no_page_scrolls_sideways_on_any_phone_width(site: str, browser: Any, lang: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_cookies([{"name": "lang", "value": lang, "url": site}])
    page = context.new_page()
    wide = {}
    for name, path in PAGES.items():
        page.goto(site + path)
        if (px := overflow(page)) > 0:
            wide[name] = px
    context.close()
    assert wide == {}
