"""The span tagger: tokens, BIO decoding, the shipped CRFs on real text, and skills outside the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlroute.extract import spans
from mlroute.services import extraction


def test_tokens_keep_offsets_and_joined_names() -> None:
    text = "Know C++, C#, Node.js and scikit-learn."
    toks = spans.tokens(text)
    assert [w for w, _, _ in toks] == ["Know", "C++", ",", "C#", ",", "Node.js", "and", "scikit-learn", "."]
    assert all(text[a:b] == w for w, a, b in toks)


def test_bio_decoding() -> None:
    assert spans.bio_to_spans(["O", "B", "I", "O", "I", "B", "B"]) == [(1, 3), (4, 5), (5, 6), (6, 7)]
    assert spans.bio_to_spans(["B"] + ["I"] * 20) == []  # longer than any skill: dropped


def test_name_tags() -> None:
    toks = spans.tokens("We use machine learning daily")
    assert spans.name_tags(toks, [(7, 23)]) == ["O", "O", "B", "I", "O"]


def test_the_shipped_tagger_finds_knowledge_and_skill_spans() -> None:
    from mlroute.extract.lexical import LexicalMatcher
    from mlroute.extract.linker import LabelSet
    from mlroute.kb import load_kb

    tagger = spans.shipped(LexicalMatcher(LabelSet.from_kb(load_kb()).aliases))
    assert tagger is not None
    texts = {(s.layer, s.text) for s in tagger.spans("Experience with Snowflake and Looker")}
    assert texts == {("knowledge", "Snowflake"), ("knowledge", "Looker")}
    found = tagger.spans("Able to negotiate contracts with suppliers")
    assert [(s.layer, s.text) for s in found] == [("skill", "negotiate contracts with suppliers")]
    assert tagger.spans("熟悉机器学习与推荐系统") == []  # SkillSpan is English: no spans in Chinese


def test_other_skills_in_extract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLROUTE_KB", raising=False)
    monkeypatch.setenv("MLROUTE_EMBEDDINGS", "none")
    posting = tmp_path / "p.md"
    posting.write_text("## Requirements\n- Python and SQL\n- Knowledge of Verilog and FPGA design\n", encoding="utf-8")
    result = extraction.extract(posting)
    others = {o.text: o for o in result.other_skills}
    assert "Verilog" in others and others["Verilog"].kind == "knowledge"
    assert "Python" not in others and "SQL" not in others  # named skills of the knowledge base
    assert extraction.extract(posting, spans_too=False).other_skills == []


def test_market_counts_other_skills_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLROUTE_KB", raising=False)
    monkeypatch.setenv("MLROUTE_EMBEDDINGS", "none")
    postings = tmp_path / "p.jsonl"
    postings.write_text(
        '{"title": "FPGA engineer", "description": "Knowledge of Verilog and Python"}\n'
        '{"title": "ML engineer", "description": "Experience with Verilog and PyTorch."}\n',
        encoding="utf-8",
    )
    rows = {r.text: r for r in extraction.market(postings, spans_too=True).other_skills}
    assert rows["Verilog"].postings == 2 and rows["Verilog"].share == 1.0
    assert extraction.market(postings).other_skills == []
