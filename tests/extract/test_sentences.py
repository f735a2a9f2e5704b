"""Sentence and clause splitting keeps offsets, in English and Chinese."""

from __future__ import annotations

from mlroute.extract.sentences import split_clauses, split_sentences


def test_lines_and_latin_sentence_ends() -> None:
    text = "We ship models. You know Python, e.g. NumPy.\n- Docker is a plus"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["We ship models.", "You know Python, e.g. NumPy.", "- Docker is a plus"]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_chinese_sentence_ends_and_clauses() -> None:
    text = "熟悉PyTorch，有推荐系统经验者优先。精通Python；了解Go"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["熟悉PyTorch，有推荐系统经验者优先。", "精通Python；", "了解Go"]
    clauses = split_clauses(sents[0])
    assert [c.text for c in clauses] == ["熟悉PyTorch", "有推荐系统经验者优先。"]
    assert all(text[c.start : c.end] == c.text for c in clauses)


def test_version_numbers_and_dotted_names_do_not_split() -> None:
    assert len(split_sentences("Python 3.11 and Node.js experience.")) == 1
