"""The profile questions the onboarding and Settings share: the skills to ask about, grouped by pillar with the
level to start from (typical for the background, or what a resume shows), and the answers read from a submitted
form, checked with messages in the reader's language before the profile validator sees them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mlroute.kb import KBIndex
from mlroute.kb.models import BACKGROUNDS, PILLARS
from mlroute.web.errors import Refused
from mlroute.web.i18n import translations

LEVELS = (0, 1, 2, 3, 4)
MAX_HOURS = 100.0
FULL_TIME_HOURS = 40.0
DEFAULT_HOURS = 10.0


@dataclass(frozen=True)
class Evidence:
    """What a resume showed for a skill: years, the last year used, a sentence in the person's words."""

    years: float | None
    last_used: int | None
    sentence: str | None


@dataclass(frozen=True)
class Question:
    skill: str
    name: str
    level: int  # the level the form starts from
    default: int  # typical for the background (the "typical for me" preset)
    evidence: Evidence | None = None


@dataclass
class Pillar:
    id: str
    questions: list[Question] = field(default_factory=list)

    @property
    def known(self) -> int:
        """Skills above "none": the pillar's summary says how many."""
        return sum(q.level > 0 for q in self.questions)


def questions(
    index: KBIndex,
    role_id: str,
    lang: str,
    *,
    defaults: Mapping[str, int],
    levels: Mapping[str, int] | None = None,
    evidence: Mapping[str, Evidence] | None = None,
) -> list[Pillar]:
    """The skills worth asking about (the role's requirements, the background's usual skills, what the person
    already stated or a resume showed) by pillar in the knowledge base's order."""
    role = index.roles.get(role_id)
    wanted = {r.skill for r in role.requirements} if role else set()
    wanted |= set(defaults) | set(levels or {}) | set(evidence or {})
    by_pillar: dict[str, Pillar] = {p: Pillar(p) for p in PILLARS}
    for skill in index.kb.skills:
        if skill.id not in wanted:
            continue
        default = int(defaults.get(skill.id, 0))
        level = int((levels or {}).get(skill.id, default))
        ev = (evidence or {}).get(skill.id)
        by_pillar[skill.pillar].questions.append(Question(skill.id, skill.name.get(lang), level, default, ev))
    return [p for p in by_pillar.values() if p.questions]


def levels_from_form(form: Any) -> dict[str, int]:
    """The levels a form chose (``skill.<id>`` fields), whatever their value."""
    out = {}
    for key, value in form.multi_items():
        level = str(value).strip()
        if key.startswith("skill.") and level.isdigit() and int(level) in LEVELS:
            out[key.removeprefix("skill.")] = int(level)
    return out


def _number(form: Any, key: str, label: str, low: float, high: float, lang: str) -> float:
    _ = translations(lang).gettext
    raw = str(form.get(key, "")).strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise Refused(
            _("%(field)s: “%(v)s” is not a number.") % {"field": _(label), "v": raw[:40]},
            hint=_("Enter a number from %(a)s to %(b)s.") % {"a": f"{low:g}", "b": f"{high:g}"},
        ) from None
    if not low <= value <= high:
        raise Refused(
            _("%(field)s: %(v)s is outside %(a)s–%(b)s.")
            % {"field": _(label), "v": f"{value:g}", "a": f"{low:g}", "b": f"{high:g}"},
            hint=_("Enter a number from %(a)s to %(b)s.") % {"a": f"{low:g}", "b": f"{high:g}"},
        )
    return value


def _(text: str) -> str:
    return text


HOURS = _("Hours a week")
YEARS = _("Years of work experience")
BUDGET = _("Budget in US dollars")
START = _("Start date")
AT_WORK = _("Hours at work")


def check_hours_at_work(answers: Mapping[str, Any], lang: str) -> None:
    """The hours at work are part of the weekly hours (the profile's rule, said in the page's words)."""
    at_work, weekly = float(answers.get("hours_at_work") or 0), float(answers.get("hours_per_week") or 0)
    if at_work > weekly:
        gettext = translations(lang).gettext
        raise Refused(
            gettext("%(field)s: %(v)s is more than the %(n)s hours a week you give in all.")
            % {"field": gettext(AT_WORK), "v": f"{at_work:g}", "n": f"{weekly:g}"},
            hint=gettext("Count the hours at work within your hours per week, or give more hours per week."),
        )


def read_answers(form: Any, lang: str, *, today: dt.date, skills: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The profile fields a questionnaire or Settings form answers. ``skills``: the levels to store (by default the
    form's levels above none)."""
    gettext = translations(lang).gettext
    background = str(form.get("background", "other"))
    if background not in BACKGROUNDS:
        raise Refused(
            gettext("Choose where you are starting from."), hint=gettext("Pick one of the backgrounds listed.")
        )
    answers: dict[str, Any] = {
        "name": str(form.get("name", "")).strip()[:80],
        "background": background,
        "years_experience": _number(form, "years_experience", YEARS, 0, 60, lang),
        "hours_per_week": _number(form, "hours_per_week", HOURS, 1, MAX_HOURS, lang),
        "target_role": str(form.get("target_role", "ml-engineer")),
        "interests": [str(v) for v in form.getlist("interests")],
        "budget_usd": _number(form, "budget_usd", BUDGET, 0, 100_000, lang),
        "languages": [str(v) for v in form.getlist("languages") if str(v) in ("en", "zh")] or [lang],
        "skills": dict(skills) if skills is not None else {s: v for s, v in levels_from_form(form).items() if v > 0},
    }
    if form.get("full_time") and answers["hours_per_week"] == DEFAULT_HOURS:
        answers["hours_per_week"] = FULL_TIME_HOURS  # ticked "full time" and left the hours as they were
    if "hours_at_work" in form:  # Settings: the part of those hours an employer gives during work time
        answers["hours_at_work"] = _number(form, "hours_at_work", AT_WORK, 0, MAX_HOURS, lang)
    start = str(form.get("start_date", "")).strip()
    if start:
        try:
            day = dt.date.fromisoformat(start)
        except ValueError:
            raise Refused(
                gettext("%(field)s: “%(v)s” is not a date.") % {"field": gettext(START), "v": start[:20]},
                hint=gettext("Choose the day in the date field."),
            ) from None
        if abs((day - today).days) > 366:
            raise Refused(
                gettext("%(field)s: %(v)s is more than a year away from today.") % {"field": gettext(START), "v": day},
                hint=gettext("Start this week or within the coming year."),
            )
        answers["start_date"] = day.isoformat()
    return answers
