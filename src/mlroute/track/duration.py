"""Reading how long someone studied: ``90m``, ``1h30m``, ``2h``, ``1.5h``, ``1h 30m``, ``1:30``."""

from __future__ import annotations

import re

from mlroute.errors import UserError

MAX_MINUTES = 24 * 60
_HM = re.compile(
    r"^(?:(?P<h>\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours))?\s*(?:(?P<m>\d+)\s*(?:m|min|mins|minute|minutes))?$"
)
_CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>[0-5]\d)$")
EXAMPLES = "Write it like 90m, 1h30m, 2h or 1.5h."


def parse_duration(text: str) -> int:
    """Minutes in ``text``; a ``UserError`` naming the value and the accepted forms otherwise."""
    raw = text.strip().lower()
    hours = minutes = 0.0
    clock = _CLOCK.match(raw)
    match = _HM.match(raw) if raw else None
    if clock:
        hours, minutes = float(clock["h"]), float(clock["m"])
    elif match and (match["h"] or match["m"]):
        hours = float(match["h"] or 0)
        minutes = float(match["m"] or 0)
    else:
        hint = f"Did you mean {raw}m? " if raw.isdigit() else ""
        raise UserError(f"Cannot read the duration {text!r}.", hint=hint + EXAMPLES)
    total = round(min(hours * 60 + minutes, MAX_MINUTES + 1))  # 1e400h is infinite: "longer than a day"
    if total <= 0:
        raise UserError(f"The duration {text!r} is zero.", hint="Log the time you actually studied. " + EXAMPLES)
    if total > MAX_MINUTES:
        raise UserError(
            f"The duration {text!r} is longer than a day.",
            hint="Log each day's study as its own session (use --date for earlier days).",
        )
    return total


def format_minutes(minutes: int) -> str:
    """``90`` → ``1h30m``; the inverse of ``parse_duration`` for display."""
    h, m = divmod(minutes, 60)
    if h and m:
        return f"{h}h{m:02d}m"
    return f"{h}h" if h else f"{m}m"
