"""``mlroute kb …`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def test_check_passes_on_the_embedded_kb() -> None:
    result = run_cli("kb", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is valid" in result.stdout


def test_check_lists_every_problem_of_a_broken_kb(mini_kb_dir: Path) -> None:
    (mini_kb_dir / "roles.yaml").write_text("roles: [{id: x}]", encoding="utf-8")
    (mini_kb_dir / "routes.yaml").write_text("routes: [", encoding="utf-8")
    result = run_cli("kb", "check", "--path", str(mini_kb_dir), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    files = {p["file"] for p in report["problems"]}
    assert {"roles.yaml", "routes.yaml"} <= files
    assert any(p["record"] == "x" and p["field"] == "name" for p in report["problems"])


def test_stats_json_is_one_document() -> None:
    result = run_cli("kb", "stats", "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["counts"]["skills"] >= 200
    assert 0 <= stats["resources_with_provider_effort"] <= 1
    assert stats["skills_with_chinese_name"] == 1.0


def test_show_and_unknown_id_suggests() -> None:
    ok = run_cli("kb", "show", "skill:linear-algebra", "--json")
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["name"]["zh"] == "线性代数"
    bad = run_cli("kb", "show", "linear-algebr")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "linear-algebra" in bad.stderr


def test_search_in_chinese() -> None:
    result = run_cli("kb", "search", "推荐系统", "--json")
    assert result.returncode == 0
    assert "recommender-systems" in [h["id"] for h in json.loads(result.stdout)]


def test_search_in_traditional_chinese() -> None:
    result = run_cli("kb", "search", "推薦系統", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "recommender-systems"


def test_export_has_every_kind_with_ids_names_aliases() -> None:
    result = run_cli("kb", "export", "--json")
    data = json.loads(result.stdout)
    for key in ("skills", "roles", "resources", "projects", "career_actions", "routes"):
        assert data[key], key
        assert all("id" in r and "aliases" in r for r in data[key])


def test_broken_kb_via_env_is_a_clear_error(mini_kb_dir: Path) -> None:
    (mini_kb_dir / "skills.yaml").write_text("skills: [{id: python, pillar: nope}]", encoding="utf-8")
    result = run_cli("kb", "stats", env={"MLROUTE_KB": str(mini_kb_dir)})
    assert result.returncode == 2
    assert "skills.yaml · python" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_kb_dir_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("kb", "check", "--path", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
