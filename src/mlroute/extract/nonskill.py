"""Places where a skill's name appears without naming a skill someone has or asks for.

- Addresses: "github.com/ana" is not git, "kaggle.com/ana" not a competition record, an e-mail not a skill.
- Book and course titles: 《统计学习方法》, "Designing Machine Learning Systems" (quoted, in italics, or after
  "read"/"book"/"author of").
- Degree fields: "计算机、数学、统计等相关专业", "BS/MS in Computer Science, Statistics or a related field" name
  what someone studied, not a skill asked for.
- Job titles: "算法工程师", "Machine Learning Engineer", "Python developer" name a job, not a skill.

Each finder is one regular-expression pass with bounded repetition, so the whole module is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Masked:
    start: int
    end: int
    reason: str  # "address" | "title" | "degree-field"


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'）)】]{1,2000}", re.IGNORECASE)
_DOMAIN = re.compile(r"\.(?:com|io|org|net|ai|dev|cn|co|me|app)/[^\s<>\"'）)】]{0,2000}", re.IGNORECASE)
_HOST_CHARS = re.compile(r"[a-z0-9.-]{1,120}$", re.IGNORECASE)
_EMAIL_AFTER = re.compile(r"@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_EMAIL_BEFORE = re.compile(r"[\w.+-]{1,64}$")
_BOOK_ZH = re.compile(r"《[^《》\n]{1,60}》|「[^「」\n]{1,60}」(?=[^\n]{0,6}(?:书|一书|课程|教材))")
_SMALL = r"(?:of|the|and|for|to|in|with|a|an|on|from|by|&|at)"
_TITLE_WORD = r"(?:[A-Z0-9][\w'’+#.-]{0,30})"
_TITLE_RUN = rf"{_TITLE_WORD}(?:[ :,]{{1,3}}(?:{_TITLE_WORD}|{_SMALL})){{1,14}}"
_BOOK_EN = re.compile(
    rf"[\"“]({_TITLE_RUN})[\"”]|(?<![\w*])[*_]({_TITLE_RUN})[*_](?![\w*])|"
    rf"\b(?i:read|reading|re-read|book|books|textbook|author of|wrote|co-authored)\b[\s:]{{1,3}}"
    rf"(?:the book\s+|the textbook\s+)?({_TITLE_RUN})(?=\s+by\b|\s*\(|\s*[,.;)]|\s*$)",
)
_DEGREE_EN = re.compile(
    r"\b(?:degree|bachelor'?s?|master'?s?|ph\.?\s?d|doctorate|b\.?sc?|m\.?sc?|b\.?a|m\.?eng|b\.?eng|"
    r"major(?:ed|ing)?|graduated?|diploma|studied|studying)\b",
    re.IGNORECASE,
)
_DEGREE_FIELD_EN = re.compile(
    r"\.?[^.;\n]{0,40}?\b(?:in|of)\s+([^.;\n(]{1,160}?)(?=\s*(?:[.;\n(]|,?\s+(?:from|at)\b)|$)", re.IGNORECASE
)
_RELATED_FIELD_EN = re.compile(
    r",?\s+(?:or|and)\s+(?:a\s+|an\s+|another\s+|other\s+)?"
    r"(?:related|relevant|similar|equivalent|quantitative|technical|stem)\s+(?:fields?|disciplines?|areas?|majors?)\b",
    re.IGNORECASE,
)
_FIELD_START_EN = re.compile(r".*(?:[.;:\n]|\b(?:in|of)\s)", re.IGNORECASE | re.DOTALL)
_MAJOR_ZH = re.compile(r"(?:等)?(?:相关|理工科?|相近)?(?:专业|科系)(?!技能|知识|能力|素养|术语|工具|水平|度|性)")
_FIELD_START_ZH = re.compile(r".*[。；;\n，,：:]", re.DOTALL)
_FIELD_WINDOW = 160


def _addresses(text: str) -> list[Masked]:
    out = [Masked(m.start(), m.end(), "address") for m in _URL.finditer(text)]
    for m in _DOMAIN.finditer(text):
        host = _HOST_CHARS.search(text, max(0, m.start() - 120), m.start())
        out.append(Masked(host.start() if host else m.start(), m.end(), "address"))
    at = text.find("@")
    while at != -1:
        after = _EMAIL_AFTER.match(text, at)
        before = _EMAIL_BEFORE.search(text, max(0, at - 64), at)
        if after and before:
            out.append(Masked(before.start(), after.end(), "address"))
        at = text.find("@", at + 1)
    return out


def _degree_fields(text: str) -> list[Masked]:
    out = []
    for m in _DEGREE_EN.finditer(text):
        field = _DEGREE_FIELD_EN.match(text[m.end() : m.end() + 220])
        if field:
            out.append(Masked(m.end() + field.start(1), m.end() + field.end(1), "degree-field"))
    for regex, start_re in ((_RELATED_FIELD_EN, _FIELD_START_EN), (_MAJOR_ZH, _FIELD_START_ZH)):
        for m in regex.finditer(text):
            lo = max(0, m.start() - _FIELD_WINDOW)
            head = start_re.match(text, lo, m.start())
            begin = head.end() if head else lo
            if m.start() > begin:
                out.append(Masked(begin, m.start(), "degree-field"))
    return out


def masked_spans(text: str) -> list[Masked]:
    """Addresses, book titles and degree fields in ``text``, sorted by start."""
    out = _addresses(text) + _degree_fields(text)
    for regex in (_BOOK_ZH, _BOOK_EN):
        for m in regex.finditer(text):
            group = next((i for i in range(1, regex.groups + 1) if m.group(i)), 0)
            out.append(Masked(m.start(group), m.end(group), "title"))
    return sorted(out, key=lambda s: (s.start, s.end))


_TITLE_EN = re.compile(
    r"(?:\s+[\w+#./-]{1,30}){0,2}?\s*\b(?:engineers?|developers?|scientists?|architects?|researchers?|"
    r"analysts?|interns?|programmers?)\b",
    re.IGNORECASE,
)
_TITLE_ZH = re.compile(r"[\u4e00-\u9fffA-Za-z\s]{0,5}?(?:工程师|研究员|科学家|架构师|实习生|开发者|分析师|岗位|职位)")


def job_title_at(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is part of a job title ("ML Engineer", "算法工程师")."""
    window = text[end : end + 48]
    if _TITLE_ZH.match(window):
        return True
    m = _TITLE_EN.match(window)
    return m is not None and not _lower_word_before_title(window[: m.end()])


def _lower_word_before_title(phrase: str) -> bool:
    """ "Python code for engineers" is not a title: a verb or preposition between the name and the title word."""
    words = phrase.split()[:-1]
    return any(w.lower() in {"for", "to", "with", "and", "by", "from", "code", "tools", "help", "helps"} for w in words)
