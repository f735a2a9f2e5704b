"""UI strings through gettext catalogs in English and Chinese; knowledge-base names in the chosen language."""

from __future__ import annotations

import re

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from mlroute.services import kb as kb_service
from mlroute.web.app import WEB_DIR
from mlroute.web.i18n import pick_language, translations

from .conftest import Browser

CJK = re.compile(r"[\u4e00-\u9fff]")


def ui_strings() -> set[str]:
    """Every string the templates and the web modules mark for translation."""
    found = extract_from_dir(
        str(WEB_DIR),
        method_map=[("templates/**.html", "jinja2"), ("**.py", "python")],
        options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    )
    return {msg if isinstance(msg, str) else msg[0] for _, _, msg, _, _ in found}


def test_every_ui_string_has_a_chinese_translation_with_the_same_placeholders() -> None:
    strings = ui_strings()
    assert len(strings) > 200
    with (WEB_DIR / "locale" / "zh" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="zh")

    def forms(s: str) -> list[str]:
        found = catalog.get(s)
        text = found.string if found else ""
        return [text] if isinstance(text, str) else list(text)

    missing = sorted(s for s in strings if not all(forms(s)))
    assert not missing, missing
    for s in strings:
        placeholders = set(re.findall(r"%\(\w+\)s", s))
        for form in forms(s):
            assert set(re.findall(r"%\(\w+\)s", form)) == placeholders, s


def test_catalogs_compile_and_translate() -> None:
    assert translations("zh").gettext("Dashboard") == "概览"
    assert translations("en").gettext("Dashboard") == "Dashboard"
    assert translations("xx").gettext("Dashboard") == "Dashboard"


def test_language_choice_cookie_then_browser_then_english() -> None:
    assert pick_language("zh", "en-US") == "zh"
    assert pick_language(None, "zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert pick_language("fr", "fr-FR") == "en"


def test_pages_in_chinese_with_knowledge_base_names_and_whys_in_chinese(planned_db: str, browser: Browser) -> None:
    """The demo plan was made in English: in Chinese mode its whys, phases and milestones are remade in Chinese."""
    browser.post("/settings", {"lang": "zh"})
    idx = kb_service.index()
    dash = browser.get("/").text
    assert '<html lang="zh-CN"' in dash
    assert "接下来做什么" in dash and "What is next" not in dash
    roadmap = browser.get("/roadmap").text
    assert "路线图" in roadmap and "可以开始申请" in roadmap
    assert idx.skills["linear-algebra"].name.zh in roadmap  # a skill tag, by its Chinese name
    assert idx.routes["platform"].phases[0].name.zh in roadmap  # a phase of the route
    timeline = browser.get("/timeline").text
    assert "里程碑" in timeline and "完成：" in timeline  # the planner's milestone titles, in Chinese
    item = browser.get("/items/res:dl-specialization").text
    assert idx.resources["dl-specialization"].title_zh in item
    why = re.search(r"<h2>为什么在你的计划中</h2>.*?<p>([^<]+)</p>", item, flags=re.S)
    assert why and CJK.search(why.group(1)) and "Closes" not in why.group(1)
    welcome = browser.get("/welcome?background=software_engineer").text
    assert idx.skills["python"].name.zh in welcome and idx.roles["ml-engineer"].name.zh in welcome


def test_the_browser_language_is_used_until_one_is_chosen(planned_db: str, browser: Browser) -> None:
    page = browser.get("/settings", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).text
    assert "语言" in page
