"""From a resume's mentions to proposed skill levels, each with its evidence: years, recency, context.

Pure: ``today`` is passed in. The levels are a proposal for the person to confirm or edit, never written
anywhere by this module. The rules, in order (levels 0 none · 1 aware · 2 working · 3 proficient · 4 expert):

1. Only studied (education, courses) → 1. Listed in a skills section, or used in experience or a project → 2.
2. Years of use ≥ 2 → 3. Years stated next to the skill ("5 years of Python", "3年Python经验") ≥ 6 → 4; years
   inferred from the date ranges of the entries that mention it (overlaps merged) never give 4 on their own, as
   a skill named in a job entry was not necessarily used for all of it.
3. Words of degree in the same clause: "expert", "精通" → at least 4 if years ≥ 3 else 3; "proficient",
   "熟练" → at least 3; "basic", "familiar", "了解" → at most 2.
4. Last used more than 5 years before ``today`` → one level lower (never below 1).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

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
_HIGH = re.compile(r"\bexpert\b|\bexpertise\b|\badvanced\b|\bdeep\b|精通", re.IGNORECASE)
_GOOD = re.compile(r"\bproficient\b|\bproficiency\b|\bstrong\b|\bextensive\b|熟练|擅长", re.IGNORECASE)
_LOW = re.compile(
    r"\bbasic\b|\bbasics\b|\bfamiliar(?:ity)?\b|\bexposure\b|\bbeginner\b|了解|入门|接触过", re.IGNORECASE
)


@dataclass
class SkillEvidence:
    skill_id: str
    contexts: set[str] = field(default_factory=set)
    stated_years: float = 0.0
    ranges: list[tuple[float, float]] = field(default_factory=list)
    degree: str = ""
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
        return int(max(e for _, e in self.ranges)) if self.ranges else None


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


def collect(text: str, mentions: list[Mention], today: dt.date) -> dict[str, SkillEvidence]:
    """Evidence per skill from the resume's structure: sections, date ranges, years and degree words."""
    sentences = split_sentences(text)
    section = "other"
    current_range: tuple[float, float] | None = None
    context_of: list[tuple[Span, str, tuple[float, float] | None]] = []
    for s in sentences:
        heading = _section_of(s.text)
        if heading:
            section, current_range = heading, None
        found = date_range(s.text, today)
        if found:
            current_range = found
        context_of.append((s, section, current_range))
    evidence: dict[str, SkillEvidence] = {}
    for m in mentions:
        if m.negated:
            continue
        where = next(((s, sec, rng) for s, sec, rng in context_of if s.start <= m.start < s.end), None)
        if where is None:
            continue
        sentence, sec, rng = where
        ev = evidence.setdefault(m.skill_id, SkillEvidence(m.skill_id))
        ev.contexts.add(sec)
        clause = next((c for c in split_clauses(sentence) if c.start <= m.start < c.end), sentence).text
        ev.stated_years = max(ev.stated_years, stated_years(clause) or stated_years(sentence.text))
        if rng and sec in ("experience", "projects", "other"):
            ev.ranges.append(rng)
        for regex, name in ((_HIGH, "high"), (_GOOD, "good"), (_LOW, "low")):
            if regex.search(clause) and (not ev.degree or name == "high" or (name == "good" and ev.degree == "low")):
                ev.degree = name
                break
        if len(ev.snippets) < 3:
            ev.snippets.append({"text": m.text, "sentence": m.sentence, "section": sec})
    return evidence


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
    if ev.degree == "high":
        level = max(level, 4 if years >= 3 else 3)
        reasons.append("described as expert")
    elif ev.degree == "good":
        level = max(level, 3)
        reasons.append("described as proficient")
    elif ev.degree == "low":
        level = min(level, 2)
        reasons.append("described as basic or familiar")
    last = ev.last_used
    if last is not None and today.year - last > 5:
        level = max(1, level - 1)
        reasons.append(f"last used {last}, more than 5 years ago")
    elif last is not None:
        reasons.append(f"last used {last if last < today.year else 'recently'}")
    return level, reasons
