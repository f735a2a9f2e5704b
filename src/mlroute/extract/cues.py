"""Is a skill required, preferred or ruled out? Cues scoped to the clause, then the sentence, then the section.

"熟悉PyTorch，有推荐系统经验者优先" has two clauses: PyTorch is required (熟悉), recommender systems preferred
(优先). "Experience with Python, Java or Go is a plus" has no cue in the clause "Experience with Python", so the
sentence decides (preferred). A bullet with no cue inherits its section header ("Nice to have:", "任职要求：").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

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
    r"proficien(?:t|cy)",
    r"strong",
    r"solid",
    r"expertise",
)
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
    "熟悉",
    "精通",
    "掌握",
    "熟练",
    "具备",
)

_NEGATION_ANYWHERE = re.compile(
    r"\b(?:not|never)\s+(?:required|needed|necessary|a requirement|expected)\b|\bno need\b|"
    r"\b(?:don't|do not|doesn't|does not|won't|will not)\s+(?:need|require|use|work with)\b",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(r"\b(?:no|not|without|never|neither|nor)\b(?!\s+only\b)", re.IGNORECASE)
_NEGATION_ZH = re.compile(r"不需要|无需|无须|不要求|不必|不用|不需|并非|不是必须|非必须")


def _alternation(words: Iterable[str], latin: bool) -> re.Pattern[str]:
    body = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b" if latin else f"(?:{body})", re.IGNORECASE)


_PREF_EN_RE = _alternation(_PREFERRED_EN, latin=True)
_REQ_EN_RE = _alternation(_REQUIRED_EN, latin=True)
_PREF_ZH_RE = _alternation(_PREFERRED_ZH, latin=False)
_REQ_ZH_RE = _alternation(_REQUIRED_ZH, latin=False)

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
    r"任职要求|岗位要求|任职资格|职位要求|加分项|优先条件|岗位职责|工作职责|职位描述|福利待遇)[#*\s:：]*",
    re.IGNORECASE,
)


def _cues(text: str) -> list[tuple[int, Requirement]]:
    """Positions of requirement cues in ``text``; preferred cues shadow required ones that overlap them."""
    found: list[tuple[int, int, Requirement]] = []
    for regex in (_PREF_EN_RE, _PREF_ZH_RE):
        found.extend((m.start(), m.end(), "preferred") for m in regex.finditer(text))
    taken = [(s, e) for s, e, _ in found]
    for regex in (_REQ_EN_RE, _REQ_ZH_RE):
        for m in regex.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), "required"))
    return sorted((s, k) for s, _, k in found)


def clause_requirement(text: str) -> Requirement:
    """The requirement a piece of text states on its own: preferred wins over required (it is more specific)."""
    kinds = {k for _, k in _cues(text)}
    if "preferred" in kinds:
        return "preferred"
    return "required" if "required" in kinds else "unknown"


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


def sentence_requirement(sentence: Span, at: int) -> Requirement:
    """The cue nearest to position ``at`` (document offset) within the sentence."""
    cues = _cues(sentence.text)
    if not cues:
        return "unknown"
    rel = at - sentence.start
    return min(cues, key=lambda c: abs(c[0] - rel))[1]


def negated(clause: Span, start: int, end: int) -> bool:
    """A negation before the mention in its clause ("no Java", "无需Java") or a "not required" anywhere in it."""
    if _NEGATION_ANYWHERE.search(clause.text) or _NEGATION_ZH.search(clause.text[: max(0, start - clause.start)]):
        return True
    return bool(_NEGATION_BEFORE.search(clause.text[: max(0, start - clause.start)]))


def sections(text: str, sentences: list[Span]) -> list[Requirement]:
    """For each sentence, the requirement set by the header above it (or by itself, when it is a header)."""
    current: Requirement = "unknown"
    out: list[Requirement] = []
    for s in sentences:
        if is_header(s):
            current = header_requirement(s)
        out.append(current)
    return out


def apply_cues(text: str, mentions: list[Mention], sentences: list[Span] | None = None) -> list[Mention]:
    """Mentions with ``requirement`` and ``negated`` filled from the text around them."""
    sentences = sentences if sentences is not None else split_sentences(text)
    section_of = sections(text, sentences)
    out: list[Mention] = []
    for m in mentions:
        i = _sentence_index(sentences, m.start)
        if i is None:
            out.append(m)
            continue
        sent = sentences[i]
        clause = next((c for c in split_clauses(sent) if c.start <= m.start < c.end), sent)
        requirement = clause_requirement(clause.text)
        if requirement == "unknown":
            requirement = sentence_requirement(sent, m.start)
        if requirement == "unknown":
            requirement = section_of[i]
        out.append(replace(m, requirement=requirement, negated=negated(clause, m.start, m.end)))
    return out


def _sentence_index(sentences: list[Span], pos: int) -> int | None:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if pos < s.start:
            hi = mid - 1
        elif pos >= s.end:
            lo = mid + 1
        else:
            return mid
    return None
