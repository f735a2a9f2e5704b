"""Fast alias matching with an Aho–Corasick automaton over any label set, English and Chinese.

One pass over the text finds every alias. Latin-script matches must sit on word boundaries ("R" is not the r in
"React"); CJK matches need none, so Chinese needs no segmentation. Overlaps resolve to the longest match
("machine learning engineer" over "machine learning"). Case folding and full-width → half-width folding are done
per character (Traditional Chinese → Simplified too, see ``script``), so offsets into the folded text are offsets
into the original. Everything is linear in the text: one automaton pass, one table lookup per character, and
overlaps resolved against a bitmap of taken characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from mlroute.extract.script import regional_variants, simplified_map

# Aliases that are also everyday English words: matched only as written in the knowledge base ("Go", "Rust").
AMBIGUOUS_WORDS = frozenset(
    {
        "go",
        "rust",
        "julia",
        "spark",
        "swift",
        "dart",
        "ruby",
        "shell",
        "excel",
        "express",
        "ray",
        "dash",
        "flask",
        "hive",
        "pig",
        "storm",
        "chef",
        "puppet",
        "salt",
        "helm",
        "make",
        "ant",
        "elm",
        "crystal",
        "nim",
        "zig",
        "rag",
        "beam",
        "react",
        "spring",
        "rails",
        "unity",
        "jest",
        "mocha",
        "polars",
        "dagster",
        "prefect",
    }
)
_JOINERS = "+#"


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3040 <= o <= 0x30FF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FA1F
    )


def _word_char(ch: str) -> bool:
    return (ch.isalnum() or ch == "_") and not is_cjk(ch)


def _fold_char(ch: str, lower: bool) -> str:
    if ch.isspace():
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    if lower:
        low = folded.lower()
        if len(low) == 1:
            folded = low
    return folded


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character (a text uses few distinct characters)."""

    def __init__(self, lower: bool) -> None:
        super().__init__()
        self.lower = lower

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code), self.lower)
        folded = simplified_map().get(ord(folded), folded)
        self[code] = folded
        return folded


_TABLES = {True: _FoldTable(lower=True), False: _FoldTable(lower=False)}


def fold(text: str, lower: bool = True) -> str:
    """Same-length normalisation: full-width → ASCII, any whitespace → space, Traditional → Simplified Chinese,
    and (optionally) lower case."""
    return text.translate(_TABLES[lower])


def variants(alias: str) -> set[str]:
    """Spellings of one alias people actually write: hyphen or space, plural of the last word."""
    base = " ".join(alias.split())
    out = {base}
    if "-" in base:
        out |= {base.replace("-", " "), base.replace("-", "")}
    if " " in base and not any(is_cjk(c) for c in base):
        out.add(base.replace(" ", "-"))
    out |= regional_variants(base)
    out |= _script_spacing(base)
    for v in list(out):
        last = v.split(" ")[-1]
        if len(last) >= 3 and last.isalpha() and last.isascii() and not last.lower().endswith(("s", "x", "y")):
            out.add(v + "s")
    return {v for v in out if v}


def _script_spacing(alias: str) -> set[str]:
    """Aliases mixing Latin and Chinese are written both ways ("Shell脚本", "Shell 脚本")."""
    if not any(is_cjk(c) for c in alias) or not any(c.isascii() and c.isalnum() for c in alias):
        return set()
    tight = "".join(ch for i, ch in enumerate(alias) if not (ch == " " and _boundary(alias, i)))
    spaced = "".join(
        ch + (" " if i + 1 < len(tight) and is_cjk(ch) != is_cjk(tight[i + 1]) and tight[i + 1] != " " else "")
        for i, ch in enumerate(tight)
    )
    return {tight, spaced}


def _boundary(alias: str, i: int) -> bool:
    """Whether the space at ``i`` sits between a Latin and a CJK character."""
    if i == 0 or i + 1 >= len(alias):
        return False
    return is_cjk(alias[i - 1]) != is_cjk(alias[i + 1])


@dataclass(frozen=True)
class Hit:
    """A matched alias: offsets into the text, the label ids it names, and how sure the match is."""

    start: int
    end: int
    ids: tuple[str, ...]
    alias: str
    confidence: float


def _needs_case(alias: str) -> bool:
    return len(alias) <= 2 or alias.lower() in AMBIGUOUS_WORDS


def _case_forms(alias: str) -> set[str]:
    """How a case-sensitive alias may appear: as written, Capitalised, UPPER; never lower case if it is a word."""
    forms = {alias, alias[:1].upper() + alias[1:], alias.upper()}
    if alias.lower().rstrip("s") in AMBIGUOUS_WORDS:
        forms.discard(alias.lower())
    return forms


def _confidence(alias: str, ids: tuple[str, ...]) -> float:
    base = 0.8 if len(alias) <= 3 else 0.95
    return round(base / len(ids), 4)


class LexicalMatcher:
    """Aho–Corasick over (id, alias) pairs; ``find(text)`` returns non-overlapping, longest-first hits."""

    def __init__(self, labels: Iterable[tuple[str, str]]) -> None:
        folded: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        for label_id, alias in labels:
            alias = alias.strip()
            if not alias:
                continue
            if not _needs_case(alias):
                for v in variants(alias):
                    folded.setdefault(fold(v), set()).add(label_id)
                continue
            for v in variants(alias):
                for form in _case_forms(v):
                    exact.setdefault(fold(form, lower=False), set()).add(label_id)
        self.size = len(folded) + len(exact)
        self._folded = self._automaton(folded)
        self._exact = self._automaton(exact)

    @staticmethod
    def _automaton(keys: dict[str, set[str]]) -> ahocorasick.Automaton | None:
        if not keys:
            return None
        auto = ahocorasick.Automaton()
        for key, ids in keys.items():
            auto.add_word(key, (key, tuple(sorted(ids))))
        auto.make_automaton()
        return auto

    def find(self, text: str) -> list[Hit]:
        candidates: list[Hit] = []
        for auto, lower in ((self._folded, True), (self._exact, False)):
            if auto is None:
                continue
            haystack = fold(text, lower=lower)
            for end_index, (key, ids) in auto.iter(haystack):
                start, end = end_index - len(key) + 1, end_index + 1
                if self._on_boundaries(text, start, end, key):
                    candidates.append(Hit(start, end, ids, key, _confidence(key, ids)))
        return _longest_non_overlapping(candidates)

    @staticmethod
    def _on_boundaries(text: str, start: int, end: int, key: str) -> bool:
        if _word_char(key[0]) and start > 0 and _word_char(text[start - 1]):
            return False
        if _word_char(key[-1]) and end < len(text):
            nxt = text[end]
            if _word_char(nxt) or nxt in _JOINERS:
                return False
            # "C" in "C-level", "R" in "R&D": a one-letter name must stand alone.
            if len(key) == 1 and (nxt in "-&'’/" or (nxt == "." and text[end + 1 : end + 2].isalnum())):
                return False
        return not (len(key) == 1 and start > 0 and text[start - 1] in "-&'’/")


def _longest_non_overlapping(hits: list[Hit]) -> list[Hit]:
    if not hits:
        return []
    chosen: list[Hit] = []
    taken = bytearray(max(h.end for h in hits))
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if taken.find(1, h.start, h.end) != -1:
            continue
        chosen.append(h)
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    return sorted(chosen, key=lambda h: h.start)
