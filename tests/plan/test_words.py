"""Every sentence the planner writes exists in English and Chinese with the same fields."""

from __future__ import annotations

import string

from mlroute.plan.words import T, join, lang_of, tr


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_template_has_both_languages_with_the_same_fields() -> None:
    for key, (en, zh) in T.items():
        assert en and zh, key
        assert fields(zh) <= fields(en) | {"scope_zh"}, (key, fields(zh) - fields(en))
        # Chinese leaves out only English quotations (a provider's words, an estimate's basis) and English scopes
        assert fields(en) <= fields(zh) | {"stated", "basis", "scope"}, (key, fields(en) - fields(zh))


def test_chinese_sentences_have_no_english_words() -> None:
    for key, (_, zh) in T.items():
        words = [w for w in zh.replace("{", " ").replace("}", " ").split() if w.isascii() and w.isalpha()]
        allowed = set().union(*(fields(zh) for _ in [0])) | {"budget_usd", "employed", "true", "ECTS", "mlroute"}
        assert not [w for w in words if w not in allowed and len(w) > 3], (key, zh)


def test_lists_and_languages() -> None:
    assert join(["a", "b", "c"], "en") == "a, b and c" and join(["甲", "乙", "丙"], "zh") == "甲、乙和丙"
    assert join([str(i) for i in range(6)], "en", limit=4).endswith("and 2 more")
    assert lang_of("zh-TW") == "zh" and lang_of("en") == "en" and lang_of(None) == "en"
    assert tr("zh", "ms.ready") == "可以开始申请"
