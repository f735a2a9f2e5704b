"""From a resume's mentions to proposed skill levels, each with its evidence: years, recency, context.

Pure: ``today`` is passed in. The levels are a proposal for the person to confirm or edit, never written
anywhere by this module. The rules, in order (levels 0 none · 1 aware · 2 working · 3 proficient · 4 expert):

1. Only studied (education, courses) → 1. Listed in a skills section, or used in experience or a project → 2.
   Mentions that are ruled out ("no Java") or only hoped for ("looking to move into ML", "希望学习") count for
   nothing.
2. Years of use ≥ 2 → 3. Years stated next to the skill ("5 years of Python", "3年Python经验") ≥ 6 → 4. Years
   from a dated entry ("Acme, 2019 – 2023" and the lines under it) count only for a skill the entry mentions:
   named in its dated line or a title line just above it, or in more than half of its other lines; one bullet in a long
   job does not make years of a skill. Such years never give 4 on their own.
3. A level the person states wins: "精通", "expert", "Python (expert)" → 4; "熟练", "掌握", "proficient" → 3;
   "熟悉", "familiar with" → 2; "了解", "aware of", "basic" → 1.
4. Last used more than 5 years before ``today`` → one level lower (never below 1).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from mlroute.extract.limits import SENTENCE_CHARS
from mlroute.extract.models import Mention
from mlroute.extract.sentences import Span, split_clauses, split_sentences

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_YEARS_EN = re.compile(r"(\d+(?:\.\d+)?)\s*\+?\s*(?:years?|yrs?)\b", re.IGNORECASE)
_YEARS_ZH = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*\+?\s*年(?:以上|多)?(?:的)?")
_YEAR = r"((?:19|20)\d{2})(?:\s*[./年-]\s*\d{1,2}\s*月?)?"
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
_PRESENT = r"(present|now|current|today|ongoing|至今|今|现在)"
_RANGE = re.compile(
    rf"(?:{_MONTH_NAME})?{_YEAR}\s*(?:-|–|—|~|～|to|至|until)\s*(?:(?:{_MONTH_NAME})?{_YEAR}|{_PRESENT})",
    re.IGNORECASE,
)
_SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "skills": ("skills", "technical skills", "technologies", "tech stack", "tools", "专业技能", "技能", "技术栈"),
    "experience": (
        "experience",
        "work experience",
        "employment",
        "professional experience",
        "工作经历",
        "工作经验",
        "实习经历",
    ),
    "projects": ("projects", "project experience", "selected projects", "项目经历", "项目经验", "项目"),
    "education": (
        "education",
        "courses",
        "coursework",
        "certifications",
        "training",
        "教育背景",
        "教育经历",
        "课程",
        "证书",
    ),
}


@dataclass
class SkillEvidence:
    skill_id: str
    contexts: set[str] = field(default_factory=set)
    stated_years: float = 0.0
    ranges: list[tuple[float, float]] = field(default_factory=list)  # entries whose years count for the skill
    used_until: list[float] = field(default_factory=list)  # ends of every dated entry that mentions it
    stated_level: int | None = None
    snippets: list[dict[str, Any]] = field(default_factory=list)

    @property
    def range_years(self) -> float:
        merged: list[list[float]] = []
        for start, end in sorted(self.ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return round(sum(e - s for s, e in merged), 1)

    @property
    def years(self) -> float:
        return max(self.stated_years, self.range_years)

    @property
    def last_used(self) -> int | None:
        return int(max(self.used_until)) if self.used_until else None


def _number(token: str) -> float:
    if token[0].isdigit():
        return float(token)
    if token == "十":
        return 10.0
    if token.startswith("十"):
        return 10.0 + _CN_DIGITS.get(token[1:], 0)
    if token.endswith("十"):
        return 10.0 * _CN_DIGITS.get(token[:-1], 1)
    return float(_CN_DIGITS.get(token, 0))


def stated_years(clause: str) -> float:
    """The largest "N years" figure in a clause (English or Chinese), 0 if none."""
    values = [_number(m.group(1)) for m in _YEARS_EN.finditer(clause)]
    values += [_number(m.group(1)) for m in _YEARS_ZH.finditer(clause) if "经验" in clause or "使用" in clause]
    return max((v for v in values if 0 < v <= 50), default=0.0)


def date_range(text: str, today: dt.date) -> tuple[float, float] | None:
    """A date range in a line, as fractional years (2019.0, 2023.5); "present" / "至今" is ``today``."""
    m = _RANGE.search(text)
    if not m:
        return None
    start = float(m.group(1))
    if m.group(2):
        end = float(m.group(2))
        end = end + 1.0 if end == start else end  # "2022 – 2022": within one year
    else:
        end = today.year + (today.month - 1) / 12
    return (start, end) if end >= start else None


def _section_of(line: str) -> str | None:
    text = line.strip().strip("#*:：- ").lower()
    if not text or len(text) > 40:
        return None
    for name, words in _SECTION_WORDS.items():
        if text in words:
            return name
    return None


@dataclass
class _Entry:
    """A dated entry: the line with the date range, the lines under it up to the next entry or heading."""

    range: tuple[float, float]
    header: set[int]  # sentence indexes of the dated line and of a title line just above it
    lines: int = 0
    named: dict[str, set[int]] = field(default_factory=dict)  # skill → sentence indexes that name it


def _structure(sentences: list[Span], today: dt.date) -> tuple[list[str], list[_Entry | None], list[_Entry]]:
    """Per sentence: its section, and the dated entry it belongs to (if any)."""
    section = "other"
    current: _Entry | None = None
    sections: list[str] = []
    entry_of: list[_Entry | None] = []
    entries: list[_Entry] = []
    for i, s in enumerate(sentences):
        heading = _section_of(s.text)
        if heading:
            section, current = heading, None
        found = date_range(s.text, today)
        if found:
            above = i > 0 and entry_of[i - 1] is None and not heading and _title_line(sentences[i - 1])
            current = _Entry(found, {i - 1, i} if above else {i})
            entries.append(current)
        elif current is not None and i not in current.header:
            current.lines += 1
        sections.append(section)
        entry_of.append(current)
    return sections, entry_of, entries


def _title_line(sentence: Span) -> bool:
    """A short line that is not a bullet: "Acme Corp" above "ML Engineer, 2019 – 2023"."""
    text = sentence.text.strip()
    return len(text) <= 80 and not text.startswith(("-", "*", "•", "·")) and _section_of(text) is None


def collect(
    text: str, mentions: list[Mention], today: dt.date, window: int = SENTENCE_CHARS.default
) -> dict[str, SkillEvidence]:
    """Evidence per skill from the resume's structure: sections, dated entries, years and stated levels
    (``window``: the longest sentence window, as the linker cut them)."""
    sentences = split_sentences(text, window)
    starts = [s.start for s in sentences]
    sections, entry_of, entries = _structure(sentences, today)
    clauses: dict[int, list[Span]] = {}
    skills_in: dict[int, set[str]] = {}
    for m in mentions:
        skills_in.setdefault(bisect_right(starts, m.start) - 1, set()).add(m.skill_id)
    evidence: dict[str, SkillEvidence] = {}
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if m.negated or m.hedged or i < 0 or m.start >= sentences[i].end:
            continue
        sentence, sec, entry = sentences[i], sections[i], entry_of[i]
        ev = evidence.setdefault(m.skill_id, SkillEvidence(m.skill_id))
        ev.contexts.add(sec)
        if i not in clauses:
            clauses[i] = split_clauses(sentence)
        clause = next((c for c in clauses[i] if c.start <= m.start < c.end), sentence).text
        alone = len(skills_in[i]) == 1  # "5 years" in a sentence naming only this skill is about it
        ev.stated_years = max(ev.stated_years, stated_years(clause) or (stated_years(sentence.text) if alone else 0))
        if entry is not None and sec in ("experience", "projects", "other"):
            ev.used_until.append(entry.range[1])
            if m.method == "lexical":
                entry.named.setdefault(m.skill_id, set()).add(i)
        if m.level is not None:
            ev.stated_level = max(ev.stated_level or 0, m.level)
        if len(ev.snippets) < 3:
            ev.snippets.append({"text": m.text, "sentence": m.sentence, "section": sec})
    for entry in entries:
        for skill_id, where in entry.named.items():
            in_body = len(where - entry.header)
            if where & entry.header or in_body * 2 > entry.lines:
                evidence[skill_id].ranges.append(entry.range)
    return evidence


_STATED_WORDS = {1: "basic (了解)", 2: "familiar (熟悉)", 3: "proficient (熟练)", 4: "expert (精通)"}


def propose_level(ev: SkillEvidence, today: dt.date) -> tuple[int, list[str]]:
    """A level and the reasons for it, following the rules in the module docstring."""
    reasons: list[str] = []
    used = ev.contexts & {"experience", "projects", "skills", "other"}
    level = 2 if used else 1
    reasons.append(
        "used in " + ", ".join(sorted(used)) if used else "only studied (" + ", ".join(sorted(ev.contexts)) + ")"
    )
    years = ev.years
    if ev.stated_years >= 6:
        level = 4
    elif years >= 2:
        level = max(level, 3)
    if years:
        source = "stated" if ev.stated_years >= ev.range_years else "from dated entries"
        reasons.append(f"{years:g} years ({source})")
    stated = ev.stated_level
    if stated is not None:
        level = max(1, stated)
        reasons.append(f"you describe it as {_STATED_WORDS[stated]}")
    last = ev.last_used
    if last is not None and today.year - last > 5:
        level = max(1, level - 1)
        reasons.append(f"last used {last}, more than 5 years ago")
    elif last is not None:
        reasons.append(f"last used {last if last < today.year else 'recently'}")
    return level, reasons
