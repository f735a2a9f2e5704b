"""The documents' phrase catalogue: every key in both languages with the same placeholders, and the small helpers
that write lists, counts and durations the way each language does."""

from __future__ import annotations

import string

import pytest

from mlroute.export.words import T, count, document_language, duration, listing, week_list, weeks


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(T))
def test_every_phrase_has_both_languages_with_the_same_placeholders(key: str) -> None:
    en, zh = T[key]
    assert en.strip() and zh.strip()
    assert fields(en) == fields(zh), key
    assert en.count("|") == zh.count("|") or key.startswith("unit."), "table headers have as many cells"


def test_lists_counts_and_durations() -> None:
    assert listing(["a", "b", "c"], "en") == "a, b and c"
    assert listing(["a"], "en") == "a" and listing([], "en") == ""
    assert listing(list("abcdefghij"), "en", 8) == "a, b, c, d, e, f, g, h and 2 more"
    assert listing(["线性代数", "概率论"], "zh") == "线性代数、概率论"
    assert listing(list("一二三四五"), "zh", 3) == "一、二、三 等 5 项"
    assert week_list("en", [16, 25, 45]) == "weeks 16, 25 and 45" and week_list("zh", [16, 25]) == "第 16、25 周"
    assert week_list("en", [7]) == "week 7" and weeks("zh", 3, 5) == "第 3–5 周" and weeks("en", 4, 4) == "week 4"
    assert count("en", 1, "day") == "1 day" and count("en", 3, "day") == "3 days" and count("zh", 3, "day") == "3 天"
    assert duration("en", 90) == "1h30m" and duration("en", 120) == "2h" and duration("en", 45) == "45m"
    assert duration("zh", 90) == "1 小时 30 分钟" and duration("zh", 45) == "45 分钟"


def test_the_document_language() -> None:
    assert document_language(None, "zh", ["en"]) == "zh"
    assert document_language("en", "zh", ["zh"]) == "en"
    assert document_language(None, None, ["zh-hans", "en"]) == "zh"
    assert document_language(None, None, None) == "en"
