"""Docs are tests: every command the CLI offers is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from mlroute.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[str]:
    group = typer.main.get_command(app)
    paths = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        if subs:
            paths += [f"{name} {sub}" for sub in subs]
        else:
            paths.append(name)
    return sorted(paths)


def test_every_command_is_in_the_readme() -> None:
    missing = [p for p in command_paths() if not re.search(rf"`mlroute {re.escape(p)}\b", README)]
    assert missing == [], f"undocumented commands: {missing}"


def test_readme_has_exactly_the_two_setup_commands() -> None:
    block = README.split("## Set up and run", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["./scripts/setup.sh", ".venv/bin/python -m pytest"]


def test_the_architecture_page_names_every_service_and_command_module_and_nothing_that_is_not_there() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    src = root / "src" / "mlroute"
    named = set(re.findall(r"\b([a-z_]+\.py)\b", page))
    existing = {p.name for folder in (src, root / "tests") for p in folder.rglob("*.py")}
    assert named - existing == set(), "docs/architecture.md names files that do not exist"
    for area in ("services", "cli"):
        modules = {p.name for p in (src / area).glob("*.py")} - {"__init__.py", "common.py"}
        assert modules - named == set(), f"docs/architecture.md does not describe {area}/{modules - named}"
    assert "../" not in page and "/work/" not in page, "the page points outside the repository"
