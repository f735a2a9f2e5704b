"""Lines every document writes the same way: an item's status with its date, a link, a journal entry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlroute.export.words import T, tr


def label(lang: str, key: str, fallback: str) -> str:
    """The catalogue's word for ``key``, or ``fallback`` (a kind the catalogue does not know)."""
    return tr(lang, key) if key in T else fallback


def status_text(lang: str, row: Mapping[str, Any]) -> str:
    """``done 2027-03-02``, ``skipped 2027-01-04 (already known)``, ``in progress``, ``planned``."""
    st = str(row["status"])
    if st not in ("done", "skipped"):
        return label(lang, f"status.{st}", st)
    text = tr(lang, f"status.{st}_on", date=row["finished_on"]) if row.get("finished_on") else tr(lang, f"status.{st}")
    reason = row.get("reason")
    if st == "skipped" and reason:
        why = tr(lang, "skipped.known") if reason == "known" else str(reason)
        text += f"（{why}）" if lang == "zh" else f" ({why})"
    return text


def link_text(lang: str, e: Mapping[str, Any]) -> str:
    kind = label(lang, f"ek.{e['kind']}", str(e["kind"]))
    return tr(lang, "e.link", kind=kind, title=e.get("title") or e["url"])


def journal_text(lang: str, j: Mapping[str, Any]) -> str:
    kind = label(lang, f"jk.{j['kind']}", str(j["kind"]))
    return tr(lang, "e.journal", day=j["day"], kind=kind, text=j["text"])
