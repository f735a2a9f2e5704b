"""A two-language catalogue of fixed text: ``key → (English, Chinese)``, looked up by the reader's language.

The planner's reasons, the re-plan's reasons, the documents and the terminal each keep their own table (one idea
each, reviewed on their own); this is the lookup they share, so a change to how text is chosen is made once.
"""

from __future__ import annotations

from collections.abc import Mapping


class Catalog:
    def __init__(self, table: Mapping[str, tuple[str, str]]) -> None:
        self.table = table

    def tr(self, lang: str, key: str, **kw: object) -> str:
        """The entry ``key`` in ``lang`` (``zh``, else English), its ``{placeholders}`` filled from ``kw``."""
        en, zh = self.table[key]
        return (zh if lang == "zh" else en).format(**kw)

    def cells(self, lang: str, key: str) -> list[str]:
        """A table header written as ``a|b|c`` in the catalogue."""
        return self.tr(lang, key).split("|")

    def duration(self, lang: str, minutes: int) -> str:
        """``1h30m`` / ``1 小时 30 分钟``, from the catalogue's ``minutes``, ``hours_minutes`` and ``whole_hours``."""
        h, m = divmod(int(minutes), 60)
        if not h:
            return self.tr(lang, "minutes", m=m)
        return self.tr(lang, "hours_minutes", h=h, m=m) if m else self.tr(lang, "whole_hours", h=h)
