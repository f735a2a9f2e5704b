"""The embedded knowledge base's aliases find the skills of real-looking postings in both languages."""

from __future__ import annotations

import pytest

from mlroute.services import extraction
from tests.extract.conftest import FIXTURES


@pytest.fixture(autouse=True)
def _embedded_kb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLROUTE_KB", raising=False)
    monkeypatch.setenv("MLROUTE_EMBEDDINGS", "none")


def asked(name: str) -> dict[str, tuple[str, bool]]:
    result = extraction.extract(FIXTURES / name)
    return {g.skill_id: (g.requirement, g.negated) for g in result.skills}


def test_chinese_posting_with_the_embedded_kb() -> None:
    got = asked("posting_zh.txt")
    assert got["pytorch"] == ("required", False)
    assert got["python"] == ("required", False)
    assert got["docker"] == ("required", False) and got["kubernetes"] == ("required", False)
    assert got["java"][1] is True
    assert got["recommender-systems"][1] is False


def test_english_posting_with_the_embedded_kb() -> None:
    got = asked("posting_en.md")
    assert got["python"] == ("required", False) and got["sql"] == ("required", False)
    assert got["pytorch"] == ("required", False) and got["tensorflow"] == ("required", False)
    assert got["docker"] == ("preferred", False) and got["recommender-systems"] == ("preferred", False)
    assert got["kubernetes"][1] is True
