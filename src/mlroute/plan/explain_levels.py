"""The why texts' words about where the person starts: the level a skill is planned from and where that level
comes from (a quiz on a date, what the person said, or their background), and the earned levels an item builds on.

"You are at Python 2 (quiz, 2026-12-01); the role asks 3." tells the person the plan trusts their quiz, and when
they took it; "You said Python 2" tells them a plan is only as good as their claim. The same marks serve the
plan's other readers (terminal, web pages, documents) through ``marked_level`` and ``evidenced_note``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mlroute.kb.index import KBIndex
from mlroute.plan.evidence import Evidence, Origin
from mlroute.plan.explain import skill_name
from mlroute.plan.words import join, tr


def mark(origin: Origin, lang: str) -> str:
    """``quiz, 2026-12-01; you said 1`` / ``you said`` / ``assumed from your background``."""
    if origin.kind == "said":
        return tr(lang, "mark.said")
    if origin.kind == "assumed":
        return tr(lang, "mark.assumed")
    text = tr(lang, "mark.quiz", date=origin.on.isoformat()) if origin.on else tr(lang, "mark.quiz_undated")
    if origin.said is not None:
        text += tr(lang, "mark.said_too", said=origin.said)
    return text


def marked_level(name: str, origin: Origin, lang: str) -> str:
    """``Python 3 (quiz, 2026-12-01)`` / ``Python 3级（测验，2026-12-01）``."""
    return tr(lang, "lvl.marked", skill=name, level=origin.level, mark=mark(origin, lang))


def start_text(starts: Sequence[tuple[str, Origin, int]], horizon: str, index: KBIndex, lang: str) -> str:
    """Where an item's skills start and what the role asks of them: ``starts`` are (skill, origin, target)."""
    if not starts:
        return ""
    if len(starts) == 1:
        skill, origin, target = starts[0]
        asks = tr(lang, f"asks.{horizon}", level=target)
        key = "start.quiz" if origin.kind not in ("said", "assumed") else f"start.{origin.kind}"
        name = skill_name(skill, index, lang)
        return tr(lang, key, skill=name, level=origin.level, mark=mark(origin, lang), asks=asks)
    groups: dict[str, list[str]] = {}  # skills of the same origin share one mark: "A 1 and B 1 (you said)"
    for s, o, _ in starts:
        groups.setdefault(mark(o, lang), []).append(
            tr(lang, "lvl.plain", skill=skill_name(s, index, lang), level=o.level)
        )
    levels = tr(lang, "sep").join(tr(lang, "lvl.group", list=join(names, lang), mark=m) for m, names in groups.items())
    targets = {t for _, _, t in starts}
    if len(targets) == 1:
        asks = tr(lang, f"asks.{horizon}_each", level=targets.pop())
    else:
        named = [tr(lang, "lvl.plain", skill=skill_name(s, index, lang), level=t) for s, _, t in starts]
        asks = tr(lang, f"asks.{horizon}_many", list=join(named, lang))
    return tr(lang, "start.many", list=levels, asks=asks)


def builds_on_text(levels: Sequence[tuple[str, Origin]], index: KBIndex, lang: str) -> str:
    """``It builds on Python 3 (quiz, 2026-12-01).``: the earned levels an item relies on for its prerequisites."""
    if not levels:
        return ""
    marked = [marked_level(skill_name(s, index, lang), o, lang) for s, o in levels]
    return tr(lang, "builds_on", list=join(marked, lang))


def origin_of_json(row: Mapping[str, Any], declared: int | None = None) -> Origin:
    """An ``evidenced_skills`` row of the plan document as an ``Origin`` (``declared``: the profile's level)."""
    ev = Evidence.from_json(row)
    return Origin(ev.source, ev.level, ev.on, declared if declared is not None and declared != ev.level else None)


def evidenced_note(doc: Mapping[str, Any], lang: str) -> str | None:
    """``Levels earned in quizzes: Python 3 (quiz, 2026-12-01; you said 1).`` for a plan document, or None when
    it took no level from a quiz."""
    rows = doc.get("evidenced_skills") or {}
    if not rows:
        return None
    declared = (doc.get("profile") or {}).get("skills") or {}
    marked = [
        marked_level(str(row.get("name") or s), origin_of_json(row, declared.get(s)), lang)
        for s, row in sorted(rows.items())
    ]
    return tr(lang, "evidenced.note", list=join(marked, lang, limit=12))
