"""``mlroute plan``, ``demo`` and ``init`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli
from tests.plan.fixture_kb import write_fixture_kb

PROFILE = """
name: Alex
background: devops_engineer
hours_per_week: 10
start_date: 2026-12-07
interests: [llm-applications]
skills: {python: 2, git: 3, docker: 3}
"""


@pytest.fixture(scope="module")
def kb_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {"MLROUTE_KB": str(write_fixture_kb(tmp_path_factory.mktemp("kb") / "kb"))}


def profile_file(tmp_path: Path, text: str = PROFILE) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_plan_json_is_one_document(tmp_path: Path, kb_env: dict[str, str]) -> None:
    r = run_cli("plan", "--profile", str(profile_file(tmp_path)), "--json", env=kb_env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["route"] == "platform"
    assert set(doc["eta_weeks"]) == {"p10", "p50", "p90"} == set(doc["eta_weeks_grow"])
    assert doc["optimality"]["status"] == "optimal"
    assert all(i["id"].split(":")[0] in ("res", "proj", "act") for i in doc["items"])


def test_plan_rich_view_reads_like_a_plan(tmp_path: Path, kb_env: dict[str, str]) -> None:
    r = run_cli("plan", "--profile", str(profile_file(tmp_path)), env=kb_env)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for text in (
        "Route:",
        "Platform route",
        "Ready to apply in about",
        "80% band",
        "Keep growing",
        "Week by week",
        "Milestones",
        "Closes",
        "★",
        "proven optimal",
    ):
        assert text in out, text


def test_skip_what_i_know(tmp_path: Path, kb_env: dict[str, str]) -> None:
    r = run_cli("plan", "-p", str(profile_file(tmp_path)), "--skip", "res:python-101", "--json", env=kb_env)
    doc = json.loads(r.stdout)
    assert "res:python-101" not in {i["id"] for i in doc["items"]} and doc["skipped"] == ["res:python-101"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("background: devops", ["background: 'devops' is not allowed", "devops_engineer"]),
        ("skills: {python: 9}", ["skills.python: 9", "level 0–4"]),
        ("skills: {pytorc: 2}", ["skills.pytorc", "Did you mean: pytorch"]),
        ("hours_per_week: 0", ["hours_per_week is 0", "hours you can give"]),
    ],
)
def test_bad_profiles_exit_2_and_explain(tmp_path: Path, kb_env: dict[str, str], text: str, expected: list[str]):
    r = run_cli("plan", "--profile", str(profile_file(tmp_path, text)), env=kb_env)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    for e in expected:
        assert e in r.stderr, r.stderr
    assert r.stdout == ""


def test_missing_profile_file(kb_env: dict[str, str]) -> None:
    r = run_cli("plan", "--profile", "/nonexistent/me.yaml", env=kb_env)
    assert r.returncode == 2 and "does not exist" in r.stderr and "mlroute init" in r.stderr


def test_init_unattended_writes_a_profile_that_plans(tmp_path: Path, kb_env: dict[str, str]) -> None:
    out = tmp_path / "profile.yaml"
    args = [
        "init",
        "--yes",
        "--out",
        str(out),
        "--name",
        "Kim",
        "--background",
        "data_scientist",
        "--hours",
        "6",
        "--start",
        "2027-02-01",
        "--interest",
        "computer-vision",
        "--skill",
        "python=3",
        "--skill",
        "pytorch=1",
        "--language",
        "en",
        "--budget",
        "20",
        "--json",
    ]
    r = run_cli(*args, env=kb_env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["profile_file"] == str(out) and doc["plan"]["route"] == "data-science"
    saved = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert saved["name"] == "Kim" and saved["hours_per_week"] == 6 and saved["skills"]["pytorch"] == 1
    assert str(saved["start_date"]) == "2027-02-01" and saved["interests"] == ["computer-vision"]
    again = run_cli(*args, env=kb_env)
    assert again.returncode == 2 and "already exists" in again.stderr and "--force" in again.stderr
    plan = run_cli("plan", "--profile", str(out), "--json", env=kb_env)
    assert plan.returncode == 0 and json.loads(plan.stdout)["route"] == "data-science"


def test_init_from_an_existing_profile_writes_nothing(tmp_path: Path, kb_env: dict[str, str]) -> None:
    src = profile_file(tmp_path)
    r = run_cli("init", "--profile", str(src), "--out", str(tmp_path / "other.yaml"), "--json", env=kb_env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["profile_file"] is None and doc["profile"]["name"] == "Alex" and doc["plan"]["route"] == "platform"
    assert not (tmp_path / "other.yaml").exists()


def test_init_rejects_bad_flags(tmp_path: Path, kb_env: dict[str, str]) -> None:
    r = run_cli("init", "--yes", "--out", str(tmp_path / "p.yaml"), "--skill", "python=high", env=kb_env)
    assert r.returncode == 2 and "SKILL=LEVEL" in r.stderr
    r = run_cli("init", "--yes", "--out", str(tmp_path / "p.yaml"), "--background", "pilot", env=kb_env)
    assert r.returncode == 2 and "software_engineer" in r.stderr
    assert not (tmp_path / "p.yaml").exists()


def test_demo_runs_on_the_embedded_kb() -> None:
    r = run_cli("demo", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["profile"]["background"] == "devops_engineer" and doc["profile"]["hours_per_week"] == 10
    assert doc["route"] == "platform"
    assert doc["optimality"]["status"] in ("optimal", "feasible")
    flagship = [i for i in doc["items"] if i["flagship"]]
    assert len(flagship) == 1 and "llm-applications" in {s["skill"] for s in flagship[0]["skills"]}
    assert any(i["kind"] == "career_action" for i in doc["items"])
    shown = run_cli("demo")
    assert shown.returncode == 0 and "Ready to apply in about" in shown.stdout and "Demo persona" in shown.stderr


def test_plan_in_chinese_and_by_a_date(tmp_path: Path, kb_env: dict[str, str]) -> None:
    r = run_cli("plan", "-p", str(profile_file(tmp_path)), "--lang", "zh", env=kb_env)
    assert r.returncode == 0, r.stderr
    for text in ("你的计划", "路线：", "预计可以开始申请", "每周安排", "里程碑"):
        assert text in r.stdout, text
    r = run_cli("plan", "-p", str(profile_file(tmp_path)), "--by", "2027-03-07", "--json", env=kb_env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["deadline"] == "2027-03-07" and "deferred" in doc
    assert max(i["week_end"] for i in doc["items"]) <= 13
    bad = run_cli("plan", "-p", str(profile_file(tmp_path)), "--by", "next june", env=kb_env)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
    bad = run_cli("plan", "-p", str(profile_file(tmp_path)), "--lang", "fr", env=kb_env)
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_market_demand_shows_in_the_order_the_reasons_and_the_summary(tmp_path: Path) -> None:
    """On the real knowledge base: postings that ask for deep learning and vision move those gaps (and the items
    that close them) up, and the plan says so in the JSON, the why texts and the summary, in both languages."""
    posting = {
        "title": "ML Engineer",
        "description": "Requirements: strong PyTorch and deep learning; computer "
        "vision; Docker; SQL. Statistics a plus.",
    }
    postings = tmp_path / "postings.jsonl"
    postings.write_text("\n".join(json.dumps(posting) for _ in range(20)), encoding="utf-8")
    developer = str(Path(__file__).parents[2] / "examples" / "profiles" / "developer.yaml")
    plain = json.loads(run_cli("plan", "-p", developer, "--json").stdout)
    r = run_cli("plan", "-p", developer, "--market", str(postings), "--json")
    assert r.returncode == 0, r.stderr
    market = json.loads(r.stdout)
    assert [i["id"] for i in market["items"]] != [i["id"] for i in plain["items"]], "the order follows demand"
    moves = {m["skill"]: m for m in market["market"]}
    assert moves["pytorch"]["moved"] > 0 and moves["pytorch"]["cause"] == "demand"
    for m in moves.values():
        if m["cause"] == "demand":  # the words follow the skill's own demand
            assert (m["moved"] > 0) == (m["demand"] >= 0.5), m
        assert m["reason"] and str(abs(m["moved"])) in m["reason"]
    assert any("job postings" in i["why"] for i in market["items"])
    text = run_cli("plan", "-p", developer, "--market", str(postings)).stdout
    assert "Market:" in text and "moved up" in text
    zh = run_cli("plan", "-p", developer, "--market", str(postings), "--lang", "zh").stdout
    assert "市场需求：" in zh and "招聘启事" in zh
