"""Words for the values the pages show (status, kind, level, pillar, background…) and the navigation, translated
once per language when its templates are set up, instead of on every use in a page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlroute.web.i18n import translations


def _(text: str) -> str:
    """Marks a word for the catalogs (Babel extracts ``_``); it is translated in ``for_language``."""
    return text


NAV = {
    "/": _("Dashboard"),
    "/roadmap": _("Roadmap"),
    "/timeline": _("Timeline"),
    "/journal": _("Journal"),
    "/match": _("Job match"),
    "/documents": _("Documents"),
    "/interview": _("Interview"),
    "/quiz": _("Quizzes"),
    "/kb": _("Knowledge base"),
    "/settings": _("Settings"),
}
STATUS = {
    "todo": _("to do"),
    "doing": _("in progress"),
    "done": _("done"),
    "skipped": _("skipped"),
    "open": _("not closable"),
}
STATUS_MARK = {"todo": "○", "doing": "◐", "done": "✓", "skipped": "⤼", "open": "!"}
KIND = {
    "resource": _("Resource"),
    "project": _("Project"),
    "career_action": _("Career step"),
    "skill": _("Skill"),
    "role": _("Role"),
    "route": _("Route"),
}
RESOURCE_KIND = {
    "course": _("Course"),
    "book": _("Book"),
    "tutorial": _("Tutorial"),
    "docs": _("Documentation"),
    "video-series": _("Video series"),
    "practice-platform": _("Practice platform"),
}
LEVEL = {0: _("none"), 1: _("aware"), 2: _("working"), 3: _("proficient"), 4: _("expert")}
HORIZON = {"ready": _("Ready to apply"), "grow": _("Keep growing")}
PILLAR = {
    "programming": _("Programming"),
    "cs-fundamentals": _("Computer science"),
    "software-engineering": _("Software engineering"),
    "data": _("Data"),
    "math-stats": _("Maths and statistics"),
    "classic-ml": _("Classic ML"),
    "deep-learning": _("Deep learning"),
    "mlops": _("MLOps"),
    "domains": _("Domains"),
    "career": _("Career"),
}
BACKGROUND = {
    "none": _("New to programming"),
    "student": _("Student (CS, maths, science…)"),
    "software_engineer": _("Software engineer / developer"),
    "devops_engineer": _("DevOps / platform / SRE engineer"),
    "data_scientist": _("Data scientist"),
    "data_analyst": _("Data / BI analyst"),
    "researcher": _("Researcher (academic or industry)"),
    "other": _("Something else"),
}
LANGUAGE = {"en": _("English"), "zh": _("Chinese")}
REQUIREMENT = {"required": _("required"), "preferred": _("preferred"), "unknown": _("mentioned")}
JOURNAL = {
    "design-note": _("design note"),
    "insight": _("insight"),
    "challenge": _("challenge"),
    "solution": _("solution"),
    "feedback": _("feedback"),
}
EVIDENCE = {
    "repository": _("repository"),
    "post": _("post"),
    "talk": _("talk"),
    "certificate": _("certificate"),
    "other": _("other"),
}
# Punctuation between the pieces a page joins (lists of names, a date after a week): full-width in Chinese.
PUNCT = {
    "en": {"sep": ", ", "stop": ".", "open": " (", "close": ")", "comma": ", "},
    "zh": {"sep": "、", "stop": "。", "open": "（", "close": "）", "comma": "，"},
}
TABLES: dict[str, Mapping[Any, str]] = {
    "nav": NAV,
    "status": STATUS,
    "kind": KIND,
    "resource_kind": RESOURCE_KIND,
    "level": LEVEL,
    "horizon": HORIZON,
    "pillar": PILLAR,
    "background": BACKGROUND,
    "language": LANGUAGE,
    "requirement": REQUIREMENT,
    "journal": JOURNAL,
    "evidence": EVIDENCE,
}


def for_language(lang: str) -> dict[str, dict[Any, str]]:
    gettext = translations(lang).gettext
    words: dict[str, dict[Any, str]] = {
        name: {k: gettext(v) for k, v in table.items()} for name, table in TABLES.items()
    }
    words["mark"] = dict(STATUS_MARK)
    words["punct"] = dict(PUNCT.get(lang, PUNCT["en"]))
    return words
