"""Readiness for a posting: weighted coverage, needed levels, missing skills ranked."""

from __future__ import annotations

from mlroute.extract.linker import Linker
from mlroute.extract.readiness import asks, missing, readiness

POSTING = "Requirements:\n- 3+ years of Python; strong SQL.\n- PyTorch\nNice to have:\n- Docker\n- No Java needed."


def test_needed_levels_weights_and_order(lexical_linker: Linker) -> None:
    items = {a.skill_id: a for a in asks(lexical_linker.extract(POSTING), {"python": 3, "sql": 1})}
    assert set(items) == {"python", "sql", "pytorch", "docker"}
    assert items["python"].needed == 3  # three years asked, in its own clause
    assert items["sql"].needed == 3  # "strong SQL": proficient
    plain = {a.skill_id: a for a in asks(lexical_linker.extract("3+ years of Python; SQL."), {})}
    assert plain["sql"].needed == 2  # the years belong to Python, not to SQL
    assert items["docker"].weight == 0.5 and items["pytorch"].weight == 1.0
    assert [a.skill_id for a in missing(list(items.values()))] == ["pytorch", "sql", "docker"]


def test_readiness_is_weighted_coverage(lexical_linker: Linker) -> None:
    mentions = lexical_linker.extract(POSTING)
    assert readiness(asks(mentions, {})) == 0.0
    full = {"python": 3, "sql": 3, "pytorch": 2, "docker": 2}
    assert readiness(asks(mentions, full)) == 1.0
    half = readiness(asks(mentions, {"python": 3, "sql": 3}))
    assert half == round((1 + 1) / (1 + 1 + 1 + 0.5), 4)


def test_role_level_raises_the_bar(lexical_linker: Linker) -> None:
    items = {a.skill_id: a for a in asks(lexical_linker.extract("PyTorch"), {}, {"pytorch": 4})}
    assert items["pytorch"].needed == 3
