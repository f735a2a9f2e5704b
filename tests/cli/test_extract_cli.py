"""``mlroute extract | profile from-resume | match | market`` as a user runs them, in English and Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli, write_kb
from tests.extract.conftest import FIXTURES, build_tiny_model2vec, extraction_kb


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"MLROUTE_KB": str(write_kb(tmp_path / "kb", extraction_kb())), "MLROUTE_EMBEDDINGS": "none"}


def test_extract_json_is_one_document(env: dict[str, str]) -> None:
    r = run_cli("extract", str(FIXTURES / "posting_zh.txt"), "--json", env=env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    got = {g["skill_id"]: g["requirement"] for g in doc["skills"] if not g["negated"]}
    assert got["pytorch"] == "required" and got["llm-fine-tuning"] == "preferred"


def test_extract_rich_view(env: dict[str, str]) -> None:
    r = run_cli("extract", str(FIXTURES / "posting_en.md"), env=env)
    assert r.returncode == 0, r.stderr
    assert "kubernetes" in r.stdout and "ruled out" in r.stdout and "lexical only" in r.stdout


def test_user_mistakes_exit_2_without_traceback(env: dict[str, str], tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    empty = tmp_path / "empty.md"
    empty.write_text("")
    for args in (
        ("extract", str(tmp_path / "missing.pdf")),
        ("extract", str(binary)),
        ("extract", str(empty)),
        ("extract", str(FIXTURES / "posting_en.md"), "--semantic", "nosuch:thing"),
        ("market", str(tmp_path / "nowhere")),
    ):
        r = run_cli(*args, env=env)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr and "Error:" in r.stderr


def test_profile_from_resume_proposes_and_never_overwrites(env: dict[str, str], tmp_path: Path) -> None:
    r = run_cli("profile", "from-resume", str(FIXTURES / "resume_zh.txt"), "--json", env=env)
    assert r.returncode == 0, r.stderr
    levels = json.loads(r.stdout)["profile_skills"]
    assert levels["python"] == 4 and levels["pytorch"] == 1  # 了解: aware
    out = tmp_path / "proposed.yaml"
    ok = run_cli("profile", "from-resume", str(FIXTURES / "resume_en.md"), "-o", str(out), env=env)
    assert ok.returncode == 0, ok.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["skills"]["python"] == 3
    again = run_cli("profile", "from-resume", str(FIXTURES / "resume_en.md"), "-o", str(out), env=env)
    assert again.returncode == 2 and "never overwrites" in again.stderr


def test_match_with_a_profile(env: dict[str, str], tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("name: Sam\nhours_per_week: 5\nskills: {python: 3, docker: 2}\n", encoding="utf-8")
    r = run_cli("match", str(FIXTURES / "posting_en.md"), "--profile", str(profile), "--json", env=env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert 0 < doc["readiness"] < 1
    assert doc["missing"][0]["skill_id"] == "pytorch"
    assert doc["hours_until_ready"] > 0 and doc["weeks_until_ready"] > 0
    view = run_cli("match", str(FIXTURES / "posting_en.md"), "--profile", str(profile), env=env)
    assert "Readiness" in view.stdout and "Hours until ready" in view.stdout


def test_market_json_keeps_progress_off_stdout(env: dict[str, str]) -> None:
    r = run_cli("market", str(FIXTURES / "postings.csv"), "--json", env=env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["postings"] == 4
    assert doc["skills"][0]["skill_id"] == "python"
    view = run_cli("market", str(FIXTURES / "postings.jsonl"), env=env)
    assert "Demand over 2 postings" in view.stdout


def test_semantic_option_with_a_local_model(env: dict[str, str], tmp_path: Path) -> None:
    pytest.importorskip("model2vec", reason="the semantic extra (model2vec) is not installed")
    tiny_model = build_tiny_model2vec(tmp_path / "tiny-m2v")
    posting = tmp_path / "p.md"
    posting.write_text("## Requirements\n- Train models on GPUs at scale\n", encoding="utf-8")
    r = run_cli("extract", str(posting), "--semantic", f"model2vec:{tiny_model}", "--json", env=env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert [g["skill_id"] for g in doc["skills"]] == ["distributed-training"]


def test_plan_market_weights_gaps_by_demand() -> None:
    demo = str(Path(__file__).resolve().parents[2] / "src" / "mlroute" / "profile" / "demo.yaml")
    env = {"MLROUTE_EMBEDDINGS": "none"}
    plain = run_cli("plan", "--profile", demo, "--json", env=env)
    weighted = run_cli("plan", "--profile", demo, "--market", str(FIXTURES / "postings.csv"), "--json", env=env)
    assert plain.returncode == 0 and weighted.returncode == 0, weighted.stderr
    before = {g["skill"]: g["weight"] for g in json.loads(plain.stdout)["gaps"]}
    after = {g["skill"]: g["weight"] for g in json.loads(weighted.stdout)["gaps"]}
    assert after["pytorch"] > after["linear-algebra"] * before["pytorch"] / before["linear-algebra"]


@pytest.fixture(scope="module")
def huge_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An 11 MB text file of many lines and a 14 MB file of one line (issue 11: the CLI hung on both)."""
    from tests.extract.hostile import unpunctuated

    folder = tmp_path_factory.mktemp("huge")
    lines = folder / "huge.txt"
    block = unpunctuated(1_100_000)
    lines.write_text("\n".join(block[i : i + 110] for i in range(0, len(block), 110)) * 10, encoding="utf-8")
    single = folder / "single-line.md"
    single.write_text(unpunctuated(14_000_000, seed=1), encoding="utf-8")
    return {"lines": lines, "single": single}


@pytest.mark.parametrize("which", ["lines", "single"])
@pytest.mark.parametrize("command", [("extract",), ("profile", "from-resume"), ("match",), ("market",)])
def test_huge_files_are_refused_promptly(
    env: dict[str, str], huge_files: dict[str, Path], which: str, command: tuple[str, ...]
) -> None:
    import time

    start = time.monotonic()
    r = run_cli(*command, str(huge_files[which]), env=env)
    assert r.returncode == 2, r.stderr
    assert "MLROUTE_MAX_TEXT_CHARS" in r.stderr and "Traceback" not in r.stderr
    assert time.monotonic() - start < 60  # a bound, not a speed figure: it hung for good before


def test_docx_bomb_through_the_cli(env: dict[str, str], tmp_path: Path) -> None:
    from tests.extract.hostile import docx_bomb

    r = run_cli("extract", str(docx_bomb(tmp_path / "cv.docx")), "--json", env=env)
    assert r.returncode == 2 and r.stdout == ""
    assert "MLROUTE_MAX_DECOMPRESSED_BYTES" in r.stderr and "Traceback" not in r.stderr


def test_kind_and_cues_in_the_rich_view(env: dict[str, str], tmp_path: Path) -> None:
    resume = tmp_path / "cv.md"
    resume.write_text("## Experience\nAcme 2020 – 2024\n- Python (expert)\n## Education\nBSc\n", encoding="utf-8")
    r = run_cli("extract", str(resume), env=env)
    assert r.returncode == 0, r.stderr
    assert "resume" in r.stdout and "level 4" in r.stdout and "required" not in r.stdout
