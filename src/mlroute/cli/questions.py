"""``mlroute init``'s questions: asked on a terminal, or read one per line from a pipe.

Each answer is checked as soon as it is given, by the same rules the profile file follows (``Profile`` and the
knowledge base), so a typo is re-asked on the spot instead of losing every answer at the end. From a pipe, a bad
answer stops with the question's number and what to write; an empty line (or the end of the input) keeps the
default, so ``printf 'data_scientist\\nKim\\n' | mlroute init`` answers the first two questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

from pydantic import ValidationError
from rich.markup import escape
from rich.table import Table

from mlroute.cli.common import err_console
from mlroute.errors import UserError
from mlroute.kb.index import KBIndex
from mlroute.kb.models import BACKGROUNDS
from mlroute.profile import Profile, check_profile_ids
from mlroute.profile.load import describe_errors
from mlroute.profile.questionnaire import BACKGROUND_LABELS
from mlroute.services import planning

T = TypeVar("T")
PIPE_HINT = (
    "From a pipe, init reads one answer per line in the order it asks them; an empty line keeps the default. "
    "Run `mlroute init` in a terminal to see the questions, or pass flags with --yes."
)
YES = ("y", "yes", "是", "对")
NO = ("n", "no", "否", "不")


class Asker:
    """One answer per question, checked at once: re-asked on a terminal, refused with its number from a pipe."""

    def __init__(self, stream: TextIO, terminal: bool) -> None:
        self.stream, self.terminal, self.asked = stream, terminal, 0

    def ask(self, prompt: str, default: str, check: Callable[[str], T]) -> T:
        while True:
            self.asked += 1
            raw = self._read(prompt, default).strip() or default
            try:
                return check(raw)
            except ValueError as exc:
                if not self.terminal:
                    raise UserError(f"Answer {self.asked} ({prompt}): {raw!r} — {exc}", hint=PIPE_HINT) from None
                err_console.print(f"[red]{escape(str(exc))}[/] Try again.", highlight=False)
                self.asked -= 1

    def _read(self, prompt: str, default: str) -> str:
        shown = f"{prompt} [dim]({escape(default)})[/]: " if default else f"{prompt}: "
        if self.terminal:
            try:
                return err_console.input(shown)
            except EOFError:
                raise UserError("Stopped before the last question; nothing was saved.") from None
        line = self.stream.readline()
        err_console.print(shown + escape(line.strip() or default), highlight=False)
        return line


def field(key: str, index: KBIndex, convert: Callable[[str], Any] = str) -> Callable[[str], Any]:
    """A check for one profile field: the profile's own rules, then the knowledge base's ids."""

    def check(raw: str) -> Any:
        try:
            profile = Profile.model_validate({key: convert(raw)})
        except ValidationError as exc:
            raise ValueError("; ".join(describe_errors(exc))) from None
        try:
            check_profile_ids(profile, index)
            if key == "start_date":
                planning.ready_profile(profile)
        except UserError as exc:
            raise ValueError(f"{exc.message} {exc.hint or ''}".strip()) from None
        return getattr(profile, key)

    return check


def _background(raw: str) -> str:
    keys = list(BACKGROUND_LABELS)  # in the order the list is shown
    if raw.isdigit() and 1 <= int(raw) <= len(keys):
        return keys[int(raw) - 1]
    if raw.lower() in keys:
        return raw.lower()
    raise ValueError(f"not a background; answer 1–{len(keys)} or one of {', '.join(keys)}")


def _hours(raw: str) -> float:
    try:
        hours = float(raw)
    except ValueError:
        raise ValueError("hours_per_week: expected a number of hours, e.g. 8") from None
    if hours <= 0:
        raise ValueError("hours_per_week: a plan needs some hours a week; give at least 1")
    return hours


def _words(raw: str) -> list[str]:
    return [x.strip() for x in raw.replace(";", ",").replace("，", ",").split(",") if x.strip()]


def _yes(raw: str) -> bool:
    if raw.lower() in YES:
        return True
    if raw.lower() in NO:
        return False
    raise ValueError("answer y or n")


def skill_levels(raw: str, index: KBIndex) -> dict[str, int]:
    """``python=3 pytorch=1`` (or ``python:3``) as levels, each skill and level checked."""
    out: dict[str, int] = {}
    for part in raw.replace(",", " ").split():
        name, sep, level = part.replace(":", "=").partition("=")
        if not sep or not level.strip().isdigit() or not 0 <= int(level) <= 4:
            raise ValueError(f"{part!r}: write SKILL=LEVEL with a whole level 0–4, e.g. python=3")
        out[name.strip()] = int(level)
    field("skills", index, lambda _: out)("")
    return out


def ask_all(asker: Asker | None, given: dict[str, Any], index: KBIndex, today: dt.date) -> dict[str, Any]:
    """Profile fields: each from its flag when given, else asked (the default when ``asker`` is None, --yes)."""
    given = {k: v for k, v in given.items() if v not in (None, [], {})}
    background = given.get("background")
    if background is None and asker is not None:
        for n, (key, label) in enumerate(BACKGROUND_LABELS.items(), 1):
            err_console.print(f"  {n}. [bold]{key}[/]: {label}", highlight=False)
        background = asker.ask("Your background", "software_engineer", _background)
    background = background or "other"
    if background not in BACKGROUNDS:
        raise UserError(f"--background {background!r} is not allowed — expected one of {', '.join(BACKGROUNDS)}.")
    d = planning.questionnaire_defaults(background, today, index)
    answers: dict[str, Any] = {"background": background}

    def one(key: str, prompt: str, check: Callable[[str], Any], note: str = "") -> None:
        if key in given:
            answers[key] = given[key]
        elif asker is None:
            answers[key] = d.get(key, "")
        else:
            if note:
                err_console.print(f"[dim]{note}[/]", highlight=False)
            answers[key] = asker.ask(prompt, _text(d.get(key, "")), check)

    one("name", "Your name (for the plan's title)", str)
    one("years_experience", "Years of work experience", field("years_experience", index, _number))
    one("hours_per_week", "Hours a week you can give", _hours)
    one("start_date", "Start date (YYYY-MM-DD)", field("start_date", index))
    one("target_role", "Target role", field("target_role", index), "Roles: " + ", ".join(sorted(index.roles)))
    domains = sorted(s.id for s in index.kb.skills if s.pillar == "domains")
    one(
        "interests",
        "Domains you care about (comma-separated, may be empty)",
        field("interests", index, _words),
        "Domains: " + ", ".join(domains),
    )
    one("budget_usd", "Budget in USD (0 = free resources only)", field("budget_usd", index, _number))
    one("languages", "Languages you can learn in, first preferred (e.g. en, zh)", field("languages", index, _words))
    levels = dict(d["skills"])
    if "skills" in given:
        levels.update(given["skills"])
    elif asker is not None:
        table = Table(title=f"Typical levels for a {BACKGROUND_LABELS[background]} (0 none … 4 expert)")
        table.add_column("skill")
        table.add_column("level", justify="right")
        for s, lvl in levels.items():
            table.add_row(s, str(lvl))
        err_console.print(table)
        if not asker.ask("Are these about right for you? (y/n)", "y", _yes):
            prompt = "Change levels, e.g. 'python=3 pytorch=1 docker=0'"
            levels.update(asker.ask(prompt, "", lambda r: skill_levels(r, index)))
    answers["skills"] = {s: lvl for s, lvl in levels.items() if lvl > 0}
    if isinstance(answers["start_date"], dt.date):
        answers["start_date"] = answers["start_date"].isoformat()
    return answers


def _text(default: Any) -> str:
    if isinstance(default, list):
        return ", ".join(default)
    if isinstance(default, float):
        return f"{default:g}"
    return str(default)


def _number(raw: str) -> float | str:
    """A number when it reads as one; else the text, so the profile's rule names what is wrong with it."""
    try:
        return float(raw)
    except ValueError:
        return raw
