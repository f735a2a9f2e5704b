"""Alias matching: word boundaries for Latin script, substrings for Chinese, longest match wins."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from mlroute.extract.lexical import LexicalMatcher, fold, variants

MATCHER = LexicalMatcher(
    [
        ("python", "Python"),
        ("r", "R"),
        ("c", "C"),
        ("cpp", "C++"),
        ("go", "Go"),
        ("ml", "machine learning"),
        ("mle", "machine learning engineer"),
        ("pytorch", "PyTorch"),
        ("recsys", "推荐系统"),
        ("algo", "算法"),
        ("rec-algo", "推荐算法"),
        ("finetune", "fine-tuning"),
        ("k8s", "Kubernetes"),
        ("react", "React"),
    ]
)


def found(text: str) -> list[tuple[str, str]]:
    return [(h.ids[0], text[h.start : h.end]) for h in MATCHER.find(text)]


def test_chinese_needs_no_segmentation() -> None:
    assert found("熟悉PyTorch，有推荐系统经验者优先") == [("pytorch", "PyTorch"), ("recsys", "推荐系统")]


def test_longest_match_wins_over_its_parts() -> None:
    assert found("负责推荐算法") == [("rec-algo", "推荐算法")]
    assert found("Machine learning engineers wanted") == [("mle", "Machine learning engineers")]


def test_latin_matches_sit_on_word_boundaries() -> None:
    assert found("Pythonic code in Jython") == []
    assert found("R&D with R, C++ and C.") == [("r", "R"), ("cpp", "C++"), ("c", "C")]
    assert found("C-level executives") == []


def test_short_and_everyday_words_match_only_as_written() -> None:
    assert found("Go and Rust") == [("go", "Go")]
    assert found("go to market; react quickly") == []
    assert found("React and GO") == [("react", "React"), ("go", "GO")]


def test_spelling_variants_and_full_width() -> None:
    assert found("fine tuning, finetuning and Fine-Tuning") == [
        ("finetune", "fine tuning"),
        ("finetune", "finetuning"),
        ("finetune", "Fine-Tuning"),
    ]
    assert found("Kubernetes clusters and PyTorches") == [("k8s", "Kubernetes")]
    assert found("熟悉ＰｙＴｏｒｃｈ") == [("pytorch", "ＰｙＴｏｒｃｈ")]
    assert variants("recommender system") >= {"recommender system", "recommender systems", "recommender-system"}


@given(st.text(max_size=200))
def test_fold_keeps_offsets(text: str) -> None:
    assert len(fold(text)) == len(text)
    assert len(fold(text, lower=False)) == len(text)


@given(st.lists(st.sampled_from(["Python ", "PyTorch", "推荐系统", "C++ ", "x", " ", "，", "机器"]), max_size=30))
def test_hits_never_overlap_and_point_at_their_text(parts: list[str]) -> None:
    text = "".join(parts)
    hits = MATCHER.find(text)
    for a, b in itertools.pairwise(hits):
        assert a.end <= b.start
    for h in hits:
        assert fold(text[h.start : h.end]).lower() == h.alias.lower() or text[h.start : h.end] == h.alias
