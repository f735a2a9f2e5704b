"""Issue 16's findings, one test each, on the embedded knowledge base: what a person reads in a resume or posting.

Each of these failed before the cue rework (negation, hedges, levels, alternatives, non-skill names, Traditional
Chinese, resume years).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mlroute.extract.linker import LabelSet, Linker
from mlroute.extract.models import Mention
from mlroute.extract.resume import collect, propose_level
from mlroute.kb import KBIndex, load_kb
from mlroute.profile import Profile
from mlroute.services import extraction

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(LabelSet.from_kb(KBIndex(load_kb()).kb))


@pytest.fixture(autouse=True)
def _embedded_kb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLROUTE_KB", raising=False)
    monkeypatch.setenv("MLROUTE_EMBEDDINGS", "none")


def found(linker: Linker, text: str) -> dict[str, Mention]:
    return {m.skill_id: m for m in linker.extract(text)}


def test_chinese_negation_of_a_proficiency_word(linker: Linker) -> None:
    m = found(linker, "不熟悉前端开发，熟悉Python")
    assert m["web-development"].negated and m["web-development"].level is None
    assert not m["python"].negated and m["python"].level == 2


@pytest.mark.parametrize(
    ("text", "skill", "level"),
    [
        ("了解 Kubernetes", "kubernetes", 1),
        ("熟悉 Docker", "docker", 2),
        ("熟练掌握 SQL", "sql", 3),
        ("精通 Python", "python", 4),
        ("Familiar with Docker", "docker", 2),
        ("Proficient in SQL", "sql", 3),
        ("Python (expert)", "python", 4),
        ("Basic knowledge of Kubernetes", "kubernetes", 1),
    ],
)
def test_proficiency_words_give_levels(linker: Linker, text: str, skill: str, level: int) -> None:
    assert found(linker, text)[skill].level == level


def test_a_list_carries_its_proficiency_word(linker: Linker) -> None:
    m = found(linker, "精通Python、Java，了解Go语言")
    assert (m["python"].level, m["java"].level, m["go"].level) == (4, 4, 1)
    m = found(linker, "Built REST APIs in Python (expert) and Go.")
    assert (m["python"].level, m["go"].level) == (4, None)  # the aside is about Python only


def test_algorithm_in_job_titles_and_compounds_is_not_cs_algorithms(linker: Linker) -> None:
    assert "algorithms" not in found(linker, "招聘算法工程师")
    assert "algorithms" not in found(linker, "熟悉常见机器学习算法")
    assert "machine-learning-fundamentals" in found(linker, "熟悉常见机器学习算法")
    assert "algorithms" in found(linker, "扎实的数据结构与算法基础")


def test_degree_fields_are_not_skills(linker: Linker) -> None:
    assert "statistics" not in found(linker, "计算机、数学、统计等相关专业本科及以上学历")
    assert "statistics" not in found(linker, "BS/MS in Computer Science, Statistics or a related field.")
    assert "statistics" in found(linker, "熟悉统计分析方法")


def test_alternatives_are_one_ask(linker: Linker, tmp_path: Path) -> None:
    m = found(linker, "熟练使用 PyTorch 或 TensorFlow")
    assert m["pytorch"].one_of == m["tensorflow"].one_of == ("pytorch", "tensorflow")
    assert found(linker, "Experience with PyTorch or TensorFlow")["pytorch"].one_of == ("pytorch", "tensorflow")
    assert found(linker, "PyTorch and TensorFlow")["pytorch"].one_of == ()
    posting = tmp_path / "p.txt"
    posting.write_text("任职要求：\n- 熟练使用 PyTorch 或 TensorFlow\n", encoding="utf-8")
    result = extraction.match(posting, Profile(skills={"tensorflow": 3}, languages=["en"]))
    assert result.readiness == 1.0 and not result.missing  # TensorFlow meets the one ask
    asked = {a.skill_id for a in result.asked}
    assert asked == {"tensorflow"}


def test_a_resume_is_not_tagged_required(tmp_path: Path) -> None:
    resume = tmp_path / "resume.md"
    resume.write_text(
        "# Ana\n## Experience\nData Engineer, Acme — 2020 – Present\n- Required to maintain Python ETL jobs.\n"
        "## Education\nBSc Mathematics\n## Skills\nPython, SQL\n",
        encoding="utf-8",
    )
    result = extraction.extract(resume)
    assert result.kind == "resume"
    assert {g.requirement for g in result.skills} == {"unknown"}
    assert extraction.extract(resume, kind="posting").skills[0].requirement == "required"


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("熟悉 Shell 脚本", "shell-scripting"),
        ("有 A/B 测试经验", "experiment-design"),
        ("有顶会论文者优先", "reading-papers"),
        ("Strong grasp of algorithms and data structures", "data-structures"),
        ("You will deploy the ranking model behind an API", "model-deployment"),
        ("Serving with Triton", "model-serving"),
    ],
)
def test_misses_are_found(linker: Linker, text: str, skill: str) -> None:
    assert skill in found(linker, text)


def test_hopes_are_not_skills(linker: Linker) -> None:
    m = found(linker, "Looking to move into machine learning after six years of Java.")
    assert m["machine-learning-fundamentals"].hedged and not m["java"].hedged
    assert found(linker, "希望转行做机器学习")["machine-learning-fundamentals"].hedged
    text = "## Summary\nLooking to move into machine learning.\n## Skills\nJava\n"
    evidence = collect(text, Linker.extract(linker, text), TODAY)
    assert set(evidence) == {"java"}


def test_book_titles_addresses_and_elasticsearch(linker: Linker) -> None:
    assert not found(linker, 'Read "Designing Machine Learning Systems" by Chip Huyen.')
    assert not found(linker, "读过《统计学习方法》")
    assert "git" not in found(linker, "Portfolio: https://github.com/ana-lee and github.com/ana")
    assert "ranking-search" not in found(linker, "Logs shipped to Elasticsearch")


def test_traditional_chinese(linker: Linker) -> None:
    m = found(linker, "熟悉機器學習與影像分割，具備資料分析能力，了解演算法")
    assert {"machine-learning-fundamentals", "image-segmentation", "data-analysis", "algorithms"} <= set(m)


def test_one_bullet_does_not_give_the_years_of_the_job(linker: Linker) -> None:
    text = (
        "## Experience\nML Engineer, Shopco — Jan 2021 – Present\n"
        "- Deployed an XGBoost churn model behind an API.\n- Built dashboards for the sales team.\n"
        "- Ran weekly reviews with product.\n## Skills\nPython (expert)\n"
    )
    evidence = collect(text, linker.extract(text), TODAY)
    level, _ = propose_level(evidence["gradient-boosting"], TODAY)
    assert evidence["gradient-boosting"].years == 0 and level == 2
    assert propose_level(evidence["python"], TODAY)[0] == 4


def test_match_offers_only_resources_in_the_persons_languages(tmp_path: Path) -> None:
    posting = tmp_path / "p.txt"
    posting.write_text(
        "任职要求：\n- 精通 Python，熟悉 PyTorch、推荐系统、大模型微调\n- 了解 Kubernetes、A/B 测试\n", encoding="utf-8"
    )
    result = extraction.match(posting, Profile(languages=["en"]))
    from mlroute.services.kb import index

    resources = {r.id: r for r in index().kb.resources}
    for item in result.items:
        if item.id.startswith("res:"):
            langs = {code.split("-")[0] for code in resources[item.id[4:]].languages}
            assert "en" in langs, item


def test_traditional_chinese_cues_titles_and_degree_fields(linker: Linker) -> None:
    text = (
        "職缺：機器學習工程師\n任職要求：\n- 有影像分割或物件偵測經驗者優先\n- 不需要前端開發經驗\n"
        "- 具統計、資訊工程等相關科系學歷"
    )
    m = found(linker, text)
    assert m["image-segmentation"].requirement == "preferred"
    assert m["image-segmentation"].one_of == ("image-segmentation", "object-detection")
    assert m["web-development"].negated
    assert "statistics" not in m and "machine-learning-fundamentals" not in m
    assert m["object-detection"].sentence == "- 有影像分割或物件偵測經驗者優先"  # evidence keeps the original script


def test_a_level_after_a_name_stays_on_its_line(linker: Linker) -> None:
    m = found(linker, "## Requirements\n- Python (expert) and SQL\n- 了解 Kubernetes\n")
    assert (m["python"].level, m["sql"].level, m["kubernetes"].level) == (4, None, 1)
