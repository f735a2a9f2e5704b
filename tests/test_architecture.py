"""The layout holds: no import circles, domain code free of storage and shells, shells that never read the store
themselves, one place that reads the environment, small modules and functions, and a CLI that imports a command's
module only when that command runs."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "mlroute"
DOMAIN = (
    "mlroute.kb",
    "mlroute.profile",
    "mlroute.plan",
    "mlroute.extract",
    "mlroute.track",
    "mlroute.export",
    "mlroute.team",
)
SHELLS = ("mlroute.cli", "mlroute.web")
SIZE_EXEMPT: tuple[str, ...] = ()
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports(name: str, path: Path) -> set[str]:
    """Every mlroute module ``name`` imports at run time (at the top or inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    known = dict(modules())
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if _in_type_checking(node, parents):
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("mlroute")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if not base.startswith("mlroute"):
                continue
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    return {name: imports(name, path) for name, path in modules()}


def test_no_import_circles() -> None:
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                continue  # a package and its own modules
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_domain_code_imports_no_storage_services_or_shells() -> None:
    bad = {
        (name, dep)
        for name, deps in graph().items()
        if name.startswith(DOMAIN)
        for dep in deps
        if dep.startswith(("mlroute.store", "mlroute.services", "mlroute.cli", "mlroute.web", "mlroute.settings"))
    }
    assert bad == set()


def test_shells_go_through_the_services() -> None:
    """The CLI and the web app may hold a ``Store`` (to pass it in) but never query tables themselves."""
    bad = {
        (name, dep)
        for name, deps in graph().items()
        if name.startswith(SHELLS)
        for dep in deps
        if dep.startswith("mlroute.store.") or dep.startswith("mlroute.track")
    }
    assert bad == set()


def test_only_the_settings_read_the_environment() -> None:
    readers = {
        name
        for name, path in modules()
        if "os.environ" in path.read_text(encoding="utf-8") or "getenv(" in path.read_text(encoding="utf-8")
    }
    assert readers <= {"mlroute.settings"}


def test_modules_and_functions_are_small() -> None:
    long_modules, long_functions = [], []
    for name, path in modules():
        if name.startswith(SIZE_EXEMPT):
            continue
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) >= MAX_MODULE_LINES:
            long_modules.append(name)
        for node in ast.walk(ast.parse(text)):
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and (node.end_lineno or 0) - node.lineno + 1 > MAX_FUNCTION_LINES:
                long_functions.append(f"{name}.{node.name}")
    assert long_modules == [] and long_functions == []


def test_the_cli_imports_a_command_module_only_when_that_command_runs() -> None:
    """``mlroute log`` loads the tracking commands and nothing of the planner, numpy or the knowledge base."""
    probe = (
        "import sys\n"
        "from mlroute.cli import app, COMMANDS\n"
        "import typer.main\n"
        "group = typer.main.get_command(app)\n"
        "assert not any(m.startswith('mlroute.cli.') and m != 'mlroute.cli.common' for m in sys.modules)\n"
        "assert group.get_command(None, 'log') is not None\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('mlroute'))\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('numpy', 'ortools') or m.startswith('mlroute.plan')"
        " or m.startswith('mlroute.kb.')]\n"
        "print(loaded); assert heavy == [], heavy\n"
        "assert sorted(group.list_commands(None)) == sorted(COMMANDS)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "mlroute.cli.track" in done.stdout and "mlroute.cli.plan" not in done.stdout
