"""Lookups, search and suggestions over a knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlroute.errors import UnknownIdError
from mlroute.kb import KBIndex, load_kb


@pytest.fixture
def idx(mini_kb_dir: Path) -> KBIndex:
    return KBIndex(load_kb(mini_kb_dir))


def test_find_by_prefixed_and_bare_id(idx: KBIndex) -> None:
    assert idx.find("res:ml-course")[0][0] == "resource"
    assert idx.find("python")[0][1].id == "python"
    assert idx.find("proj:python") == []


def test_unknown_id_suggests_close_matches(idx: KBIndex) -> None:
    with pytest.raises(UnknownIdError) as info:
        idx.skill("pyton")
    assert "python" in info.value.suggestions


def test_search_english_and_chinese(idx: KBIndex) -> None:
    assert idx.search("linear")[0].id == "linear-algebra"
    assert idx.search("线性代数")[0].id == "linear-algebra"
    assert idx.search("浅层机器学习")[0].id == "machine-learning-fundamentals"
    assert idx.search("") == []
