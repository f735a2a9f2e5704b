"""Read a profile from YAML or JSON, and say exactly what is wrong when it cannot be read.

Every problem names the field, the value given and what is allowed, because the person fixing it is usually
editing the file by hand.
"""

from __future__ import annotations

import calendar
import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from mlroute.errors import UserError
from mlroute.profile.models import Profile

DOC_HINT = "The profile format is described in docs/planning.md (section “Profile”)."
ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class _ProfileYamlLoader(yaml.SafeLoader):
    """YAML's own loader, except that a date-looking value that is no calendar day (2026-02-30) stays text, so
    the field check below names the field instead of YAML raising from deep inside its constructor."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_ProfileYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _no_such_day(value: object) -> str | None:
    """For 2026-02-30: why it is not a date ("2026-02 has 28 days"), else None."""
    match = ISO_DAY.fullmatch(str(value).strip())
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    return f"{year:04d}-{month:02d} has {days} days" if not 1 <= day <= days else None


class ProfileInvalid(UserError):
    """A profile file with one or more bad fields; lists every one."""

    def __init__(self, source: str, problems: list[str]) -> None:
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"The profile {source} has {len(problems)} problem(s):\n{lines}", hint=DOC_HINT)
        self.problems = problems


def _allowed(err: Any) -> str:
    """What the field accepts, in words, from a pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "literal_error":
        return "one of " + str(ctx.get("expected", "")).replace("'", "")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bounds = {
            "skills": "a level 0–4 (0 none · 1 aware · 2 working · 3 proficient · 4 expert)",
            "hours_per_week": "hours from 0 to 100",
            "availability": "hours from 0 to 100",
        }
        field = str(err["loc"][0]) if err["loc"] else ""
        return bounds.get(field, f"a number {sign} {next(iter(ctx.values()), '')}")
    if kind == "extra_forbidden":
        scope = Profile if len(err["loc"]) == 1 else None
        names = sorted(Profile.model_fields) if scope else ["include", "exclude", "formats", "kinds"]
        return "no such field; the fields are " + ", ".join(names)
    if kind == "missing":
        return "a value (this field is required)"
    if kind.startswith("date"):
        why = _no_such_day(err.get("input"))
        return f"a real date as YYYY-MM-DD ({why})" if why else "a date as YYYY-MM-DD"
    if kind == "int_from_float" and err["loc"][:1] == ("skills",):
        return "a whole level 0–4 (0 none · 1 aware · 2 working · 3 proficient · 4 expert)"
    if kind == "int_from_float":
        return "a whole number"
    if kind.startswith(("int", "float")):
        return "a number"
    if kind.startswith("list") or kind == "too_short":
        return "a non-empty list, e.g. [en]" if err["loc"][:1] == ("languages",) else "a list"
    if kind.startswith("dict"):
        return "a mapping, e.g. {python: 3, git: 2}" if err["loc"][:1] == ("skills",) else "a mapping"
    if kind.startswith("bool"):
        return "true or false"
    if kind.startswith("string"):
        return "text"
    return str(err["msg"])


def describe_errors(exc: ValidationError) -> list[str]:
    """One line per problem: ``field: value → what is allowed``."""
    out = []
    for err in exc.errors():
        field = ".".join(str(x) for x in err["loc"] if x != "[key]") or "(profile)"
        value = err.get("input")
        shown = "missing" if err["type"] == "missing" else repr(value) if not isinstance(value, dict) else "…"
        if err["type"] in ("value_error", "assertion_error"):
            msg = str(err.get("ctx", {}).get("error", err["msg"]))
            out.append(f"{field}: {shown} — {msg}")
        else:
            out.append(f"{field}: {shown} is not allowed — expected {_allowed(err)}")
    return out


def parse_profile(data: Any, source: str = "") -> Profile:
    """Validate already-parsed data (a mapping) as a profile."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileInvalid(source or "data", [f"(profile): expected a mapping of fields, got {type(data).__name__}"])
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileInvalid(source or "data", describe_errors(exc)) from None


def load_profile(path: Path | str) -> Profile:
    """A profile from a ``.yaml``/``.yml`` or ``.json`` file (anything else is read as YAML, a superset of JSON)."""
    path = Path(path)
    if not path.is_file():
        raise UserError(
            f"Profile file {str(path)!r} does not exist.",
            hint="Create one with `mlroute init`, or copy one from examples/profiles/.",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"Profile file {str(path)!r} is not UTF-8 text.", hint=DOC_HINT) from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.load(text, Loader=_ProfileYamlLoader)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"Profile file {str(path)!r} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            hint=DOC_HINT,
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise UserError(
            f"Profile file {str(path)!r} is not valid YAML{at}: {getattr(exc, 'problem', exc)}.", hint=DOC_HINT
        ) from None
    return parse_profile(data, repr(str(path)))


def dump_profile(profile: Profile) -> str:
    """The profile as YAML, fields in the documented order, defaults written out so the file is self-describing."""
    data = profile.model_dump(mode="json")
    data["availability"] = dict(profile.availability)  # dates stay dates, unquoted in YAML
    data["start_date"] = profile.start_date
    for key in ("availability", "employed", "start_date"):
        if data[key] in (None, {}):
            del data[key]
    data["preferences"] = {k: v for k, v in data["preferences"].items() if v} or None
    if data["preferences"] is None:
        del data["preferences"]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=110)
