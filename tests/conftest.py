"""Shared fixtures: a tiny valid knowledge base on disk, and a runner for the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MLROUTE = Path(sys.executable).with_name("mlroute")

MINI_KB: dict[str, dict] = {
    "meta": {"version": "test.1", "updated": "2026-11-22", "description": "a tiny knowledge base for tests"},
    "skills": {
        "skills": [
            {
                "id": "python",
                "name": {"en": "Python", "zh": "Python"},
                "pillar": "programming",
                "description": {"en": "The language of ML."},
                "aliases": {"en": ["python3"], "zh": ["Python语言"]},
            },
            {
                "id": "linear-algebra",
                "name": {"en": "Linear algebra", "zh": "线性代数"},
                "pillar": "math-stats",
                "description": {"en": "Vectors and matrices."},
            },
            {
                "id": "machine-learning-fundamentals",
                "name": {"en": "Classic machine learning", "zh": "浅层机器学习"},
                "pillar": "classic-ml",
                "description": {"en": "Models that learn from data."},
                "prerequisites": [{"skill": "python", "level": 2}, {"skill": "linear-algebra", "level": 1}],
            },
        ]
    },
    "roles": {
        "roles": [
            {
                "id": "ml-engineer",
                "name": {"en": "Machine Learning Engineer", "zh": "机器学习工程师"},
                "description": {"en": "Builds ML products."},
                "rationale": {"en": "Needs code and models."},
                "requirements": [{"skill": "machine-learning-fundamentals", "level": 3, "weight": 1.0}],
            }
        ]
    },
    "resources": {
        "resources": [
            {
                "id": "ml-course",
                "title": "An ML course",
                "provider": "Somebody",
                "url": "https://example.org/ml",
                "kind": "course",
                "format": "videos",
                "cost": {"kind": "free"},
                "languages": ["en"],
                "teaches": [{"skill": "machine-learning-fundamentals", "level": 3}],
                "prerequisites": [{"skill": "python", "level": 2}],
                "effort": {
                    "basis": "provider",
                    "stated": "'10 weeks, 5 hours a week'",
                    "source": "https://example.org/ml/about",
                    "hours": 50,
                    "conversion": "10 × 5 h",
                },
                "sources": ["https://example.org/ml/about"],
            }
        ]
    },
    "projects": {
        "projects": [
            {
                "id": "tabular-app",
                "title": {"en": "A tabular app", "zh": "表格应用"},
                "domain": "machine-learning-fundamentals",
                "summary": {"en": "Predict something and ship it."},
                "skills": [{"skill": "machine-learning-fundamentals", "level": 3}],
                "size": "large",
                "hours": 40,
                "hours_basis": "estimate",
                "rubric": [
                    {"id": r, "text": {"en": r}}
                    for r in ("deployed", "front-end", "readme", "tests", "write-up", "metric")
                ],
            }
        ]
    },
    "career_actions": {
        "career_actions": [
            {
                "id": "find-a-mentor",
                "title": {"en": "Find a mentor", "zh": "寻找导师"},
                "description": {"en": "Someone who has done it."},
                "phase": "start",
                "routes": ["software"],
                "evidence": {"en": "a mentor"},
                "hours": 2,
                "hours_basis": "estimate",
                "source": "articles/002",
            }
        ]
    },
    "routes": {
        "routes": [
            {
                "id": "software",
                "name": {"en": "Software engineering route", "zh": "软件工程路线"},
                "description": {"en": "Developers first."},
                "backgrounds": ["software_engineer"],
                "phases": [
                    {
                        "id": "ml",
                        "name": {"en": "ML", "zh": "机器学习"},
                        "description": {"en": "x"},
                        "pillars": ["classic-ml"],
                    },
                    {
                        "id": "ops",
                        "name": {"en": "Ops", "zh": "运维"},
                        "description": {"en": "y"},
                        "pillars": ["mlops"],
                    },
                ],
                "source": "articles/001",
            }
        ]
    },
}


def write_kb(root: Path, data: dict[str, dict] | None = None) -> Path:
    """Write a knowledge base (the mini one by default) as YAML files under ``root``."""
    data = data if data is not None else MINI_KB
    root.mkdir(parents=True, exist_ok=True)
    for name, content in data.items():
        (root / f"{name}.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture
def mini_kb_dir(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb")


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``mlroute`` console script as a user would; without an ``MLROUTE_DB`` of its own, a command
    gets a fresh database in a temporary folder, never the user's data directory."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    if "MLROUTE_DB" not in full_env:
        full_env["MLROUTE_DB"] = f"sqlite:///{tempfile.mkdtemp(prefix='mlroute-cli-')}/mlroute.db"
    return subprocess.run([str(MLROUTE), *args], capture_output=True, text=True, env=full_env, input=input, timeout=120)
