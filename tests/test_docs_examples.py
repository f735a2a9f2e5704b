"""Docs that run: every shell example in the README and in docs/ is executed, in order, in a fresh folder with a
fresh database; every YAML example is read as a profile. A block that cannot run here (the set-up itself, CI's
own checks) is marked ``<!-- skip: next -->`` in the page, with the reason in the text around it.

The examples run with ``bash -euo pipefail`` and the installed ``mlroute`` first on the PATH; the folder holds a
copy of ``examples/`` and ``alembic.ini`` so the paths the docs use exist.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sybil import Example, Sybil
from sybil.parsers.markdown import CodeBlockParser, SkipParser

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent


def run_shell(example: Example) -> None:
    ns: dict[str, Any] = example.namespace
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", example.parsed],
        cwd=ns["cwd"],
        env=ns["env"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise AssertionError(
            f"{example.path}, line {example.line}: exit {done.returncode}\n{example.parsed}\n"
            f"--- stdout ---\n{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-3000:]}"
        )


def read_profile(example: Example) -> None:
    import yaml

    from mlroute.profile import check_profile_ids, parse_profile
    from mlroute.services.kb import index

    where = f"{example.path}, line {example.line}"
    check_profile_ids(parse_profile(yaml.safe_load(example.parsed), where), index())


SYBIL = Sybil(
    parsers=[
        CodeBlockParser(language="sh", evaluator=run_shell),
        CodeBlockParser(language="bash", evaluator=run_shell),
        CodeBlockParser(language="yaml", evaluator=read_profile),
        SkipParser(),
    ],
    path=str(ROOT),
)


@pytest.mark.parametrize("page", PAGES)
def test_the_examples_run(page: str, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copy(ROOT / "alembic.ini", tmp_path)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MLROUTE_")},
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "MLROUTE_DB": f"sqlite:///{tmp_path / 'mlroute.db'}",
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }
    document = SYBIL.parse(ROOT / page)
    ran = 0
    for example in document.examples():
        example.namespace.update(cwd=tmp_path, env=env)
        example.evaluate()
        ran += 1
    assert ran or page == "docs/architecture.md", f"{page} has no examples"
