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
from typing import Literal, TypeVar

from mlroute.extract.models import Mention, Requirement
from mlroute.extract.sentences import Span, split_clauses, split_sentences

_PREFERRED_EN = (
    r"nice[\s-]to[\s-]haves?",
    r"good[\s-]to[\s-]have",
    r"plus(?:es)?",
    r"bonus(?:\s+points?)?",
    r"preferred",
    r"preferably",
    r"preference",
    r"ideally",
    r"desirable",
    r"desired",
    r"advantage(?:ous)?",
    r"would be (?:great|nice|good|helpful)",
    r"optional",
    r"not (?:a )?must",
    r"exposure to",
)
_REQUIRED_EN = (
    r"must(?:[\s-]haves?)?",
    r"required",
    r"requires?",
    r"requirements?",
    r"mandatory",
    r"essential",
    r"necessary",
    r"(?:minimum|basic|required) qualifications",
    r"qualifications",
    r"what you(?:'ll| will)? need",
    r"you (?:will )?(?:need|have|bring)",
    r"need(?:s|ed)? to have",
)
# Words of proficiency or experience: they ask for a skill, but a section header ("Nice to have:", "加分项：")
# says more about how strongly.
_WEAK_EN = (r"proficien(?:t|cy)", r"strong", r"solid", r"expertise", r"expert", r"deep understanding", r"in-depth")
_PREFERRED_ZH = ("优先", "加分", "更佳", "为佳", "最好", "更好", "优先考虑", "加分项", "者优先", "择优")
_REQUIRED_ZH = (
    "必须",
    "必备",
    "必需",
    "任职要求",
    "岗位要求",
    "任职资格",
    "要求",
    "需要",
)
_WEAK_ZH = ("熟悉", "精通", "掌握", "熟练", "具备", "具有", "了解", "有.{0,12}?经验")

# Negations that rule out everything in their clause, wherever the mention is.
_NEGATION_ANYWHERE = re.compile(
    r"\b(?:not|never)\s+(?:required|needed|necessary|a requirement|expected)\b|\bno need\b|"
    r"\b(?:don't|do not|doesn't|does not|won't|will not)\s+(?:need|require|use|work with)\b|"
    r"不需要|无需|无须|不要求|不必|非必须|不是必须|不作要求|不做要求",
    re.IGNORECASE,
)
# Negations that rule out what follows them in the clause.
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|without|never|neither|nor|lack(?:s|ing)?)\b(?!\s+only\b)|"
    r"不熟悉|不会|不懂|不了解|不擅长|不太熟|没有|没用过|没接触过|未接触|未使用|未用过|从未|并非|不用|不需|不使用|不涉及",
    re.IGNORECASE,
)
# Hopes and plans, not skills held or asked for.
_HEDGE = re.compile(
    r"\b(?:looking|hoping|aiming|planning|eager|keen|excited|want(?:ing)?|wish(?:ing)?|would like|aspir\w*)\s+"
    r"to\s+(?:move|transition|switch|pivot|get|break|grow|learn|explore|dive|go)\b|"
    r"\b(?:interested in (?:learning|moving|getting)|plan(?:ning)? to learn|hope to|goal is to|"
    r"(?:you will|you'll|we will|we'll|will) (?:learn|teach you|train you|get to learn)|opportunit(?:y|ies) to learn|"
    r"no (?:prior )?experience (?:is )?(?:needed|required)|transition(?:ing)? (?:in)?to|career change (?:in)?to)\b|"
    r"希望(?:学习|转|从事|进入|成为)|想(?:要)?(?:学|转|从事|进入)|计划学习|打算学|有志于|向往|期望(?:从事|转)|转行|"
    r"正在学习|将学习|可以学习|有机会学习|提供.{0,10}?培训|\b(?:currently|now) (?:learning|studying)\b",
    re.IGNORECASE,
)
# Words that end a hedge's reach: "looking to move into ML after six years of Java" (Java is held).
_HEDGE_STOP = re.compile(
    r"\b(?:after|with|from|having|using|since|given|because|leveraging|drawing on|building on)\b|"
    r"凭借|基于|拥有|具备|有着",
    re.IGNORECASE,
)
# Proficiency words and the level (0–4 scale of the knowledge base) they state.
_LEVEL_WORDS: tuple[tuple[int, str], ...] = (
    (4, r"\bexpert(?:ise)?\b|\bmastery\b|\bmastered\b|\bdeep (?:knowledge|understanding|expertise)"),
    (4, r"精通|专家级"),
    (3, r"\bproficien(?:t|cy)\b|\bstrong\b|\bsolid\b|\bfluent\b|\bin-depth\b|\bextensive\b|\bskilled\b|\badvanced\b"),
    (3, r"熟练|掌握|擅长|深入理解|扎实"),
    (2, r"\bfamiliar(?:ity)?\b|\bworking knowledge\b|\bhands-on\b|\bcomfortable\b|\bintermediate\b"),
    (2, r"熟悉|使用过|用过|有.{0,6}经验"),
    (
        1,
        r"\baware(?:ness)?\b|\bexposure\b|\bbasic(?:s| knowledge| understanding)?\b|\bbeginner\b|"
        r"\bsome (?:knowledge|understanding)\b|\bintroductory\b",
    ),
    (1, r"了解|接触过|入门|初步"),
)
_LEVEL_RE = re.compile("|".join(f"(?P<l{i}>{p})" for i, (_, p) in enumerate(_LEVEL_WORDS)), re.IGNORECASE)
_LEVEL_AFTER = re.compile(r"\s*[(（:：\-–—]\s*")
_LEVEL_AFTER_CHARS = 24
T = TypeVar("T")


def _alternation(words: Iterable[str], latin: bool) -> re.Pattern[str]:
    body = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b" if latin else f"(?:{body})", re.IGNORECASE)


_PREF_EN_RE = _alternation(_PREFERRED_EN, latin=True)
_REQ_EN_RE = _alternation(_REQUIRED_EN, latin=True)
_PREF_ZH_RE = _alternation(_PREFERRED_ZH, latin=False)
_REQ_ZH_RE = _alternation(_REQUIRED_ZH, latin=False)
_WEAK_EN_RE = _alternation(_WEAK_EN, latin=True)
_WEAK_ZH_RE = _alternation(_WEAK_ZH, latin=False)
Cue = Literal["required", "preferred", "weak"]

_HEADER_MAX_CHARS = 60
_NEUTRAL_HEADER = re.compile(
    r"responsibilit|what you(?:'ll| will) do|about (?:us|you|the (?:role|team|job|company))|benefits|we offer|"
    r"perks|the role|your role|duties|岗位职责|工作职责|职位描述|工作内容|公司介绍|福利|职位信息",
    re.IGNORECASE,
)
_HEADER_PHRASE = re.compile(
    r"[#*\s]*(?:(?:minimum|basic|preferred|required|desired|additional|bonus)\s+)?"
    r"(?:requirements?|qualifications?|skills|nice[\s-]to[\s-]haves?|bonus(?: points)?|"
    r"must[\s-]haves?|what you(?:'ll| will)? need|what we(?:'re| are) looking for|who you are|"
    r"responsibilities|about (?:us|you|the role)|benefits|what we offer|"
    r"任职要求|岗位要求|任职资格|职位要求|必备条件|加分项|优先条件|岗位职责|工作职责|职位描述|福利待遇)[#*\s:：]*",
    re.IGNORECASE,
)


def _cues(text: str) -> list[tuple[int, Cue]]:
    """Positions of requirement cues in ``text``; preferred cues shadow required ones that overlap them."""
    found: list[tuple[int, int, Cue]] = []
    for regex in (_PREF_EN_RE, _PREF_ZH_RE):
        found.extend((m.start(), m.end(), "preferred") for m in regex.finditer(text))
    taken = sorted((s, e) for s, e, _ in found)
    starts = [s for s, _ in taken]
    kinds: tuple[tuple[re.Pattern[str], Cue], ...] = (
        (_REQ_EN_RE, "required"),
        (_REQ_ZH_RE, "required"),
        (_WEAK_EN_RE, "weak"),
        (_WEAK_ZH_RE, "weak"),
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
    if len(text) > _HEADER_MAX_CHARS:
        return False
    return text.endswith((":", "：")) or text.startswith("#") or bool(_HEADER_PHRASE.fullmatch(text))


def header_requirement(sentence: Span) -> Requirement:
    if _NEUTRAL_HEADER.search(sentence.text) and not _cues(sentence.text):
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
    stop = _HEDGE_STOP.search(clause.text, hedge_at - clause.start)
    return clause.start + stop.start() if stop else clause.end


def _levels(text: str, offset: int) -> tuple[tuple[int, int], ...]:
    out = []
    for m in _LEVEL_RE.finditer(text):
        group = next(name for name, value in m.groupdict().items() if value is not None)
        out.append((offset + m.end(), _LEVEL_WORDS[int(group[1:])][0]))
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
            negated_all=bool(_NEGATION_ANYWHERE.search(c.text)),
            negation_at=_first_end(_NEGATION_BEFORE, c.text, c.start),
            hedge_at=(hedge := _first_end(_HEDGE, c.text, c.start)),
            hedge_until=_hedge_end(c, hedge),
            levels=_levels(c.text, c.start),
        )
        aside = bool(clause.levels) and _LEVEL_RE.fullmatch(c.text.strip(" .,;:()（）")) is not None
        out.append(replace(clause, list_item=_list_item(clause), aside=aside))
    return SentenceCues(tuple(out), tuple(c.span.start for c in out), cues)


def level_after(text: str, end: int) -> int | None:
    """A proficiency word right after a name: "Python (expert)", "Go – proficient", "SQL：熟练"."""
    m = _LEVEL_AFTER.match(text, end)
    if not m:
        return None
    window = text[m.end() : m.end() + _LEVEL_AFTER_CHARS]
    found = _LEVEL_RE.match(window)
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
