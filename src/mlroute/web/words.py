"""Words for the values the pages show (status, kind, level, journal and evidence kinds), translated once per
language when its templates are set up, instead of on every use in a page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlroute.web.i18n import translations


def _(text: str) -> str:
    """Marks a word for the catalogs (Babel extracts ``_``); it is translated in ``for_language``."""
    return text


STATUS = {
    "todo": _("to do"),
    "doing": _("in progress"),
    "done": _("done"),
    "skipped": _("skipped"),
    "open": _("not closable"),
}
STATUS_MARK = {"todo": "○", "doing": "◐", "done": "✓", "skipped": "⤼", "open": "!"}
KIND = {"resource": _("Resource"), "project": _("Project"), "career_action": _("Career step"), "skill": _("Skill")}
LEVEL = {0: _("none"), 1: _("aware"), 2: _("working"), 3: _("proficient"), 4: _("expert")}
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
TABLES: dict[str, Mapping[Any, str]] = {
    "status": STATUS,
    "kind": KIND,
    "level": LEVEL,
    "journal": JOURNAL,
    "evidence": EVIDENCE,
}


def for_language(lang: str) -> dict[str, dict[Any, str]]:
    gettext = translations(lang).gettext
    words: dict[str, dict[Any, str]] = {
        name: {k: gettext(v) for k, v in table.items()} for name, table in TABLES.items()
    }
    words["mark"] = dict(STATUS_MARK)
    return words
