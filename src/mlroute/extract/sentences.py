"""Sentence and clause splitting for English and Chinese, keeping character offsets.

Job postings are mostly bullet lists, so a line break ends a sentence; inside a line we split after ``.!?`` when
the next word starts a new sentence, and after ``。！？；``. Clauses (for scoping cues such as "优先" in
"熟悉PyTorch，有推荐系统经验者优先") split further at commas and semicolons.

Work is linear in the text: a line longer than the window (``MLROUTE_MAX_SENTENCE_CHARS``, 2,000 characters by
default; pasted text without punctuation, a PDF that lost its line breaks) is cut into windows of at most that many
characters at a space where there is one, so no later stage ever scans more than one window per mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mlroute.extract.limits import SENTENCE_CHARS

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "incl.", "approx.", "dr.", "mr.", "ms.", "no.", "cf.", "a.k.a.")
# A Latin sentence end: '.', '!' or '?' followed by space(s) and something that starts a sentence.
_LATIN_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9\u2022\u00b7*•\-])")
_CJK_END = re.compile(r"[。！？；!?]+")
_ABBREVIATION_TAIL = max(len(a) for a in _ABBREVIATIONS) + 1
_CLAUSE_BREAK = re.compile(r"[,，;；、:：]|\s[-–—]\s|\(|\)|（|）")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def _line_sentences(text: str, start: int, end: int, window: int) -> list[Span]:
    cuts: list[int] = []
    line = text[start:end]
    for m in _LATIN_END.finditer(line):
        before = line[max(0, m.end() - _ABBREVIATION_TAIL) : m.end()].lower()
        if before.endswith(_ABBREVIATIONS) and not before[: -len(_longest_suffix(before))][-1:].isalnum():
            continue
        cuts.append(start + m.end())
    cuts.extend(start + m.end() for m in _CJK_END.finditer(line))
    out: list[Span] = []
    prev = start
    for cut in [*sorted(set(cuts)), end]:
        for a, b in _windows(text, prev, cut, window):
            span = _trimmed(text, a, b)
            if span:
                out.append(span)
        prev = cut
    return out


def _longest_suffix(before: str) -> str:
    return max((a for a in _ABBREVIATIONS if before.endswith(a)), key=len)


def _windows(text: str, start: int, end: int, window: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``window`` characters, at the last space of each if possible."""
    out: list[tuple[int, int]] = []
    while end - start > window:
        limit = start + window
        cut = text.rfind(" ", start + window // 2, limit)
        cut = cut + 1 if cut > start else limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def split_sentences(text: str, window: int = SENTENCE_CHARS.default) -> list[Span]:
    """Sentences with offsets into ``text``; every line break ends one, and none is longer than ``window``."""
    out: list[Span] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.extend(_line_sentences(text, pos, pos + len(line), window))
        pos += len(line)
    return out


def split_clauses(sentence: Span) -> list[Span]:
    """Clauses of a sentence (offsets stay document-absolute)."""
    out: list[Span] = []
    prev = 0
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        span = _trimmed(sentence.text, prev, m.start())
        if span:
            out.append(Span(sentence.start + span.start, sentence.start + span.end, span.text))
        prev = m.end()
    span = _trimmed(sentence.text, prev, len(sentence.text))
    if span:
        out.append(Span(sentence.start + span.start, sentence.start + span.end, span.text))
    return out


_BULLET = re.compile(r"^(?:[-*•·●▪◦+>#]+|\(?\d{1,2}[.)、]|[a-z][.)])\s*")


def strip_bullet(span: Span) -> Span:
    """The span without a leading list marker ("- ", "1. ", "•")."""
    m = _BULLET.match(span.text)
    if not m or m.end() == len(span.text):
        return span
    return Span(span.start + m.end(), span.end, span.text[m.end() :])
