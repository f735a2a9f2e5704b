"""Market demand: frequency, requirement split, co-occurrence, splits, and weights for the planner."""

from __future__ import annotations

from mlroute.extract.demand import aggregate, seniority_of, weights
from mlroute.extract.linker import Linker
from mlroute.extract.models import Posting

POSTINGS = [
    Posting("Must have Python and PyTorch. Docker is a plus.", title="Senior ML Engineer"),
    Posting("Python and SQL required. PyTorch preferred.", title="Junior Data Scientist", seniority=""),
    Posting("熟悉Python和PyTorch，有Docker经验者优先", title="机器学习工程师", seniority="高级"),
    Posting("SQL and Python. No Java.", title="Data Engineer"),
]


def test_seniority_from_column_or_title() -> None:
    assert [seniority_of(p) for p in POSTINGS] == ["senior", "junior", "senior", "unspecified"]
    assert seniority_of(Posting("x", title="实习生 算法")) == "intern"
    assert seniority_of(Posting("x", title="Staff Engineer")) == "lead"


def test_aggregate(lexical_linker: Linker) -> None:
    mentions = lexical_linker.extract_many([p.text for p in POSTINGS])
    result = aggregate(POSTINGS, mentions, role_of=lambda p: "ml" if "ML" in p.title else "other")
    rows = {r["skill_id"]: r for r in result["skills"]}
    assert result["postings"] == 4
    assert rows["python"]["postings"] == 4 and rows["python"]["share"] == 1.0
    assert rows["pytorch"]["required"] == 2 and rows["pytorch"]["preferred"] == 1
    assert rows["docker"]["preferred"] == 2
    assert "java" not in rows  # "No Java" rules it out
    pair = next(c for c in result["cooccurrence"] if (c["a"], c["b"]) == ("python", "pytorch"))
    assert pair["postings"] == 3 and pair["lift"] == 1.0
    assert result["by_role"]["ml"]["postings"] == 1
    senior = result["by_seniority"]["senior"]
    assert senior["postings"] == 2
    assert [(r["skill_id"], r["share"]) for r in senior["top_skills"]] == [
        ("docker", 1.0),
        ("python", 1.0),
        ("pytorch", 1.0),
    ]
    w = weights(result)
    assert w["python"] == 1.0
    assert 0 < w["docker"] < w["pytorch"] < 1
    assert weights({"skills": []}) == {}
