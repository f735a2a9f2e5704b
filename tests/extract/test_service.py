"""The extraction use cases as the CLI and web app call them, on real files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from mlroute.errors import UserError
from mlroute.profile import Profile
from mlroute.services import extraction
from tests.extract.conftest import FIXTURES

pytestmark = pytest.mark.usefixtures("kb_env")


def skills(result: dict) -> dict[str, dict]:
    return {g["skill_id"]: g for g in result["skills"]}


def test_extract_chinese_posting() -> None:
    result = extraction.extract(FIXTURES / "posting_zh.txt").model_dump(mode="json")
    got = skills(result)
    assert result["language"] == "zh" and result["semantic"] is None
    assert got["pytorch"]["requirement"] == "required"
    assert got["python"]["requirement"] == "required"
    assert got["llm-fine-tuning"]["requirement"] == "preferred"
    assert got["java"]["negated"] is True
    ev = got["pytorch"]["evidence"][0]
    text = (FIXTURES / "posting_zh.txt").read_text(encoding="utf-8")
    assert text[ev["start"] : ev["end"]] == ev["text"] == "PyTorch"
    json.dumps(result)  # the result is one JSON document


def test_extract_english_posting_groups_by_skill() -> None:
    got = skills(extraction.extract(FIXTURES / "posting_en.md").model_dump(mode="json"))
    assert got["python"]["requirement"] == "required"
    assert got["docker"]["requirement"] == "preferred"
    assert got["kubernetes"]["negated"] is True
    assert got["recommender-systems"]["requirement"] == "preferred"


def test_profile_from_resume_never_writes_and_compares(tmp_path: Path) -> None:
    resume = tmp_path / "resume.md"
    shutil.copy(FIXTURES / "resume_en.md", resume)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = extraction.profile_from_resume(
        resume, profile=Profile(skills={"python": 2}), today=dt.date(2026, 11, 22)
    ).model_dump(mode="json")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    got = skills(result)
    assert got["python"]["proposed_level"] == 3 and got["python"]["current_level"] == 2 and got["python"]["change"] == 1
    # five stated years; the dated job's 7.8 years do not count: one bullet of two names Python
    assert got["python"]["years"] == 5 and got["python"]["last_used"] == 2026
    assert result["profile_skills"]["java"] == 2


def test_match_with_and_without_a_profile() -> None:
    alone = extraction.match(FIXTURES / "posting_zh.txt").model_dump(mode="json")
    assert alone["readiness"] == 0.0 and alone["note"]
    person = Profile(name="Sam", skills={"python": 3, "docker": 2, "kubernetes": 2}, hours_per_week=6)
    result = extraction.match(FIXTURES / "posting_zh.txt", person).model_dump(mode="json")
    assert 0 < result["readiness"] < 1
    missing = [m["skill_id"] for m in result["missing"]]
    assert missing[0] == "pytorch"  # required, and the target role asks for level 3
    assert "java" not in missing  # "无需Java经验"
    closing = {s: item for item in result["items"] for s in item["closes"]}
    assert closing["pytorch"]["id"] == "res:pytorch-tutorials"
    assert result["hours_until_ready"] == sum(i["hours"] for i in result["items"])
    assert result["weeks_until_ready"] == round(result["hours_until_ready"] / 6, 1)


def test_market_over_a_directory_and_demand_weights(tmp_path: Path) -> None:
    for name in ("postings.csv", "postings.jsonl", "posting_zh.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "broken.jsonl").write_text("{oops\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    result = extraction.market(tmp_path, progress=lambda done, total: seen.append((done, total))).model_dump()
    assert result["postings"] == 7 and result["files"] == 4
    assert [s["file"] for s in result["skipped"]] == [str(tmp_path / "broken.jsonl")]
    assert seen[-1] == (7, 7)
    rows = {r["skill_id"]: r for r in result["skills"]}
    assert rows["python"]["postings"] == 7 and rows["python"]["name"] == "Python"
    assert set(result["by_seniority"]) >= {"senior", "junior", "lead"}
    assert "ml-engineer" in result["by_role"]
    weights = extraction.demand_weights(result)
    assert weights["python"] == 1.0 and all(0 < w <= 1 for w in weights.values())


def test_market_errors() -> None:
    with pytest.raises(UserError, match="does not exist"):
        extraction.market(Path("/no/such/dir"))


def test_semantic_stage_through_the_service(tiny_model: Path, tmp_path: Path) -> None:
    posting = tmp_path / "p.txt"
    posting.write_text("Requirements:\n- Train models on GPUs at scale\n- PyTorch\n", encoding="utf-8")
    result = extraction.extract(posting, semantic=f"model2vec:{tiny_model}").model_dump(mode="json")
    assert result["semantic"] == f"model2vec:{tiny_model}"
    got = skills(result)
    assert got["distributed-training"]["evidence"][0]["method"] == "semantic"


def test_the_settings_passed_in_are_the_ones_used(kb_env: Path, tiny_model: Path, tmp_path: Path) -> None:
    """The CLI hands each use case the settings it read once: their knowledge base, model and limits apply, not
    whatever the environment says by then."""
    from mlroute.extract.limits import TEXT_CHARS
    from mlroute.settings import Settings

    posting = tmp_path / "p.txt"
    posting.write_text("Requirements:\n- Train models on GPUs at scale\n- PyTorch\n", encoding="utf-8")
    settings = Settings(kb=kb_env, embeddings=f"model2vec:{tiny_model}")
    assert extraction.extract(posting, settings=settings).semantic == f"model2vec:{tiny_model}"
    assert extraction.extract(posting).semantic is None  # the environment says none
    with pytest.raises(UserError) as info:
        extraction.match(posting, settings=Settings(kb=kb_env, max_text_chars=20))
    assert TEXT_CHARS.name in info.value.message and f"{TEXT_CHARS.name}=40" in (info.value.hint or "")
    with pytest.raises(UserError, match="MLROUTE_MAX_POSTINGS"):
        extraction.market(FIXTURES / "postings.jsonl", settings=Settings(kb=kb_env, max_postings=1))
