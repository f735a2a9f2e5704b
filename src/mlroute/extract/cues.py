"""Read each mention as a person would: required or preferred, ruled out, only hoped for, and at what level.

Scopes, narrowest first. A requirement cue in the mention's clause decides ("熟悉PyTorch，有推荐系统经验者优先":
PyTorch required, recommender systems preferred); failing that the nearest cue in the sentence ("Experience with
Python, Java or Go is a plus"); failing that the section header above ("Nice to have:", "加分项："). Negation
("no Java", "不熟悉前端开发", "Kubernetes is not required") and hedges ("looking to move into machine learning",
"希望学习", "you will learn") hold from the cue to the end of the clause. Proficiency words give a level
(了解 1 · 熟悉 2 · 熟练/掌握 3 · 精通 4; "aware of" 1 · "familiar with" 2 · "proficient" 3 · "expert" 4),
also when they follow the name ("Python (expert)"), and carry over list items with no words of their own
("熟悉Python、Java" gives Java level 2 too).

Linear time: each sentence is scanned once, only when a mention falls in it, and sentences are bounded in length
(``limits.SENTENCE_CHARS``); each mention then costs a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from mlroute.extract.cue_words import (
    HEADER_MAX_CHARS,
    HEADER_PHRASE,
    HEDGE,
    HEDGE_STOP,
    LEVEL_AFTER,
    LEVEL_AFTER_CHARS,
    LEVEL_RE,
    LEVEL_WORDS,
    NEGATION_ANYWHERE,
    NEGATION_BEFORE,
    NEUTRAL_HEADER,
    PREF_EN_RE,
    PREF_ZH_RE,
    REQ_EN_RE,
    REQ_ZH_RE,
    WEAK_EN_RE,
    WEAK_ZH_RE,
    Cue,
)
from mlroute.extract.models import Mention, Requirement
from mlroute.extract.sentences import Span, split_clauses, split_sentences

T = TypeVar("T")


def _cues(text: str) -> list[tuple[int, Cue]]:
    """Positions of requirement cues in ``text``; preferred cues shadow required ones that overlap them."""
    found: list[tuple[int, int, Cue]] = []
    for regex in (PREF_EN_RE, PREF_ZH_RE):
        found.extend((m.start(), m.end(), "preferred") for m in regex.finditer(text))
    taken = sorted((s, e) for s, e, _ in found)
    starts = [s for s, _ in taken]
    kinds: tuple[tuple[re.Pattern[str], Cue], ...] = (
        (REQ_EN_RE, "required"),
        (REQ_ZH_RE, "required"),
        (WEAK_EN_RE, "weak"),
        (WEAK_ZH_RE, "weak"),
    )
    for regex, kind in kinds:
        for m in regex.finditer(text):
            i = bisect_right(starts, m.end() - 1) - 1  # the last preferred cue starting inside or before this one
            if not (i >= 0 and taken[i][1] > m.start()) and not _shadowed(taken, i, m.start()):
                found.append((m.start(), m.end(), kind))
    return sorted((s, k) for s, _, k in found)


def _shadowed(taken: list[tuple[int, int]], i: int, start: int) -> bool:
    """Whether an earlier preferred cue (before index ``i``) still covers ``start`` (cues rarely nest)."""
    return any(e > start for _, e in taken[max(0, i - 3) : max(0, i)])


def clause_requirement(text: str) -> Requirement:
    """The requirement a piece of text states on its own: preferred wins over required (it is more specific)."""
    found = _strongest(k for _, k in _cues(text))
    return found if found != "unknown" else ("required" if _has_weak(_cues(text)) else "unknown")


def _strongest(kinds: Iterable[Cue]) -> Requirement:
    """Preferred, else required, from explicit cues only (words of proficiency are weaker than a header)."""
    seen = set(kinds)
    if "preferred" in seen:
        return "preferred"
    return "required" if "required" in seen else "unknown"


def _has_weak(cues: Iterable[tuple[int, Cue]]) -> bool:
    return any(k == "weak" for _, k in cues)


def is_header(sentence: Span) -> bool:
    """A short line ending in a colon, a Markdown heading, or a well-known section name on its own line."""
    text = sentence.text.strip()
    if len(text) > HEADER_MAX_CHARS:
        return False
    return text.endswith((":", "：")) or text.startswith("#") or bool(HEADER_PHRASE.fullmatch(text))


def header_requirement(sentence: Span) -> Requirement:
    if NEUTRAL_HEADER.search(sentence.text) and not _cues(sentence.text):
        return "unknown"
    return clause_requirement(sentence.text)


def sections(text: str, sentences: list[Span]) -> list[Requirement]:
    """For each sentence, the requirement set by the header above it (or by itself, when it is a header)."""
    current: Requirement = "unknown"
    out: list[Requirement] = []
    for s in sentences:
        if is_header(s):
            current = header_requirement(s)
        out.append(current)
    return out


@dataclass(frozen=True)
class ClauseCues:
    """What one clause says, with document offsets: its requirement, where negation, hedges and levels start."""

    span: Span
    requirement: Requirement  # from explicit cues ("required", "优先")
    weak: bool  # a word of proficiency or experience asks for it ("熟悉", "strong")
    negated_all: bool
    negation_at: int | None  # end of the first negation cue: mentions after it are ruled out
    hedge_at: int | None  # end of the first hedge cue
    hedge_until: int | None  # where the hedge stops ("… after six years of Java")
    levels: tuple[tuple[int, int], ...]  # (end of a proficiency word, level), in order
    list_item: bool = False  # only a name or two ("Java", "and Go"): continues the clause before it
    aside: bool = False  # only a proficiency word ("Python (expert)"): about the name before it, not after


@dataclass(frozen=True)
class SentenceCues:
    clauses: tuple[ClauseCues, ...]
    starts: tuple[int, ...]
    cues: tuple[tuple[int, Cue], ...]  # requirement cues, document offsets

    def clause_index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def nearest_requirement(self, pos: int) -> Requirement:
        """The explicit cue nearest to ``pos`` in the sentence."""
        explicit = [c for c in self.cues if c[1] != "weak"]
        if not explicit:
            return "unknown"
        positions = [p for p, _ in explicit]
        i = bisect_right(positions, pos)
        nearest = min(explicit[max(0, i - 1) : i + 1], key=lambda c: abs(c[0] - pos))[1]
        return "preferred" if nearest == "preferred" else "required"


def _first_end(regex: re.Pattern[str], text: str, offset: int) -> int | None:
    m = regex.search(text)
    return offset + m.end() if m else None


def _hedge_end(clause: Span, hedge_at: int | None) -> int | None:
    if hedge_at is None:
        return None
    stop = HEDGE_STOP.search(clause.text, hedge_at - clause.start)
    return clause.start + stop.start() if stop else clause.end


def _levels(text: str, offset: int) -> tuple[tuple[int, int], ...]:
    out = []
    for m in LEVEL_RE.finditer(text):
        group = next(name for name, value in m.groupdict().items() if value is not None)
        out.append((offset + m.end(), LEVEL_WORDS[int(group[1:])][0]))
    return tuple(out)


def scan_sentence(sentence: Span) -> SentenceCues:
    """Every cue of one sentence, found in one pass per kind of cue."""
    cues = tuple((sentence.start + p, k) for p, k in _cues(sentence.text))
    clauses = split_clauses(sentence) or [sentence]
    out = []
    positions = [p for p, _ in cues]
    for c in clauses:
        lo, hi = bisect_right(positions, c.start - 1), bisect_right(positions, c.end - 1)
        clause = ClauseCues(
            span=c,
            requirement=_strongest(k for _, k in cues[lo:hi]),
            weak=_has_weak(cues[lo:hi]),
            negated_all=bool(NEGATION_ANYWHERE.search(c.text)),
            negation_at=_first_end(NEGATION_BEFORE, c.text, c.start),
            hedge_at=(hedge := _first_end(HEDGE, c.text, c.start)),
            hedge_until=_hedge_end(c, hedge),
            levels=_levels(c.text, c.start),
        )
        aside = bool(clause.levels) and LEVEL_RE.fullmatch(c.text.strip(" .,;:()（）")) is not None
        out.append(replace(clause, list_item=_list_item(clause), aside=aside))
    return SentenceCues(tuple(out), tuple(c.span.start for c in out), cues)


def level_after(text: str, end: int) -> int | None:
    """A proficiency word right after a name: "Python (expert)", "Go – proficient", "SQL：熟练"."""
    m = LEVEL_AFTER.match(text, end)
    if not m:
        return None
    window = text[m.end() : m.end() + LEVEL_AFTER_CHARS]
    found = LEVEL_RE.match(window)
    return _levels(found.group(0), 0)[0][1] if found else None


def _look_back(
    sc: SentenceCues, ci: int, pos: int, bare: bool, pick: Callable[[ClauseCues, int], T | None]
) -> T | None:
    """What ``pick`` finds in the mention's clause before ``pos``, or, for a bare list item ("、Java", "and Go"),
    in the clauses before it back to the first one that is more than a list item."""
    for i in range(ci, max(-1, ci - 12), -1):
        if i < ci and sc.clauses[i].aside:
            continue
        found = pick(sc.clauses[i], pos if i == ci else sc.clauses[i].span.end)
        if found is not None:
            return found
        if (i == ci and not bare) or (i < ci and not sc.clauses[i].list_item):
            return None
    return None


def _level(clause: ClauseCues, pos: int) -> int | None:
    levels = [lv for end, lv in clause.levels if end <= pos]
    return levels[-1] if levels else None


def _negation(clause: ClauseCues, pos: int) -> bool | None:
    if clause.negated_all or (clause.negation_at is not None and clause.negation_at <= pos):
        return True
    return None


def _hedge(clause: ClauseCues, pos: int) -> bool | None:
    if clause.hedge_at is None or clause.hedge_until is None:
        return None
    to_the_end = clause.hedge_until == clause.span.end and pos == clause.span.end  # a list item after it
    return True if clause.hedge_at <= pos < clause.hedge_until or to_the_end else None


_FILLER = re.compile(r"(?:[\s,，、/&+.;；:：()（）\-]|\band\b|\bor\b|等|和|与|及|或者?|以及)+", re.IGNORECASE)
_LIST_ITEM_CHARS = 24


def _list_item(clause: ClauseCues) -> bool:
    """A short clause with no cue words of its own ("Java", "and Go") continues the one before it."""
    if len(clause.span.text) > 4 * _LIST_ITEM_CHARS:
        return False
    return len(_FILLER.sub("", clause.span.text)) <= _LIST_ITEM_CHARS and not (
        clause.levels or clause.negation_at or clause.hedge_at or clause.negated_all
    )


def _requirement(sc: SentenceCues, clause: ClauseCues, pos: int, section: Requirement) -> Requirement:
    """Explicit words in the clause, then a "nice to have" header (it outranks words of proficiency), then words
    of proficiency in the clause, the nearest explicit word in the sentence, the header, and words of proficiency
    anywhere in the sentence."""
    if clause.requirement != "unknown":
        return clause.requirement
    if section == "preferred":
        return section
    if clause.weak:
        return "required"
    nearest = sc.nearest_requirement(pos)
    if nearest != "unknown":
        return nearest
    if section != "unknown":
        return section
    return "required" if _has_weak(sc.cues) else "unknown"


def apply_cues(text: str, mentions: list[Mention], sentences: list[Span] | None = None) -> list[Mention]:
    """Mentions with ``requirement``, ``negated``, ``hedged`` and ``level`` filled from the text around them."""
    sentences = sentences if sentences is not None else split_sentences(text)
    section_of = sections(text, sentences)
    starts = [s.start for s in sentences]
    scanned: dict[int, SentenceCues] = {}
    out: list[Mention] = []
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i < 0 or m.start >= sentences[i].end:
            out.append(m)
            continue
        sc = scanned.get(i)
        if sc is None:
            sc = scanned[i] = scan_sentence(sentences[i])
        ci = sc.clause_index(m.start)
        clause = sc.clauses[ci]
        requirement = _requirement(sc, clause, m.start, section_of[i])
        bare = clause.list_item
        negated = bool(_look_back(sc, ci, m.start, bare, _negation))
        hedged = bool(_look_back(sc, ci, m.start, bare, _hedge))
        level = level_after(text, m.end)
        if level is None:
            level = _look_back(sc, ci, m.start, bare, _level)
        if negated:
            level = None
        out.append(replace(m, requirement=requirement, negated=negated, hedged=hedged, level=level))
    return out
