"""Durations as people type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlroute.errors import UserError
from mlroute.track.duration import format_minutes, parse_duration


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90m", 90),
        ("1h30m", 90),
        ("2h", 120),
        ("1.5h", 90),
        ("1h 30m", 90),
        ("45min", 45),
        ("1:05", 65),
        ("3 hours", 180),
        (" 2H ", 120),
        ("0h20m", 20),
    ],
)
def test_accepted_forms(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "90", "h", "1h30", "ninety", "-1h", "1m30h", "1.5m", "2d", "1:75"])
def test_malformed_durations_say_how_to_write_them(text: str) -> None:
    with pytest.raises(UserError) as err:
        parse_duration(text)
    assert "Cannot read the duration" in err.value.message
    assert "90m" in (err.value.hint or "")


def test_bare_number_suggests_minutes() -> None:
    with pytest.raises(UserError) as err:
        parse_duration("90")
    assert (err.value.hint or "").startswith("Did you mean 90m?")


def test_zero_and_more_than_a_day_are_refused() -> None:
    with pytest.raises(UserError, match="zero"):
        parse_duration("0m")
    with pytest.raises(UserError, match="longer than a day"):
        parse_duration("25h")


@given(st.integers(min_value=1, max_value=24 * 60))
def test_format_and_parse_round_trip(minutes: int) -> None:
    assert parse_duration(format_minutes(minutes)) == minutes
