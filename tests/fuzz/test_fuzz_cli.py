"""CLI arguments, fuzzed in process (a subprocess per case would take a second each): every command with random
values for its arguments and options. A case may succeed, print a usage error (exit 2) or a ``UserError``
(which ``mlroute.cli.main`` prints with exit 2); any other exception is a traceback. A few real subprocess runs
check the same end to end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mlroute.cli import app
from mlroute.errors import UserError
from tests.conftest import run_cli
from tests.fuzz.budget import bounded

WORD = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30),
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "4294967296",
            "2026-02-30",
            "yesterday",
            "res:fastai-course",
            "act:find-mentor",
            "1h30m",
            "9" * 40 + "h",
            "javascript:alert(1)",
            "https://x.example/a b",
            "--json",
            "-",
            "again",
            "25:00",
            "7pm",
        ]
    ),
)
# (command words, options that take a value, positional argument count); plan/demo/init are slow (planning).
COMMANDS: list[tuple[list[str], list[str], int]] = [
    (["log"], ["--item", "--note", "--date"], 1),
    (["done"], [], 1),
    (["start"], [], 1),
    (["skip"], ["--reason"], 1),
    (["review"], ["--rating"], 1),
    (["journal", "add"], ["--kind", "--tag", "--item", "--date"], 1),
    (["journal", "list"], ["--kind", "--tag", "--item", "--limit"], 0),
    (["evidence", "add"], ["--kind", "--title", "--item"], 1),
    (["export", "calendar"], ["--at", "--block", "--output"], 0),
    (["export", "learning-log"], ["--format", "--output"], 0),
    (["kb", "show"], [], 1),
    (["kb", "search"], ["--limit"], 1),
    (["status"], [], 0),
    (["history"], [], 0),
    (["demo"], ["--seed"], 0),
]


@pytest.fixture(scope="module")
def cli_db(planned_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    import shutil

    path = tmp_path_factory.mktemp("fuzz-cli") / "mlroute.db"
    shutil.copy(planned_db_file, path)
    mp = pytest.MonkeyPatch()
    mp.setenv("MLROUTE_DB", f"sqlite:///{path}")
    mp.chdir(path.parent)  # --output files land here
    yield path
    mp.undo()


@pytest.mark.parametrize(("words", "options", "positional"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_cli_arguments(cli_db: Path, words: list[str], options: list[str], positional: int) -> None:
    runner = CliRunner()
    examples = 3 if words == ["demo"] else 25

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(data=st.data())
    def one(data: Any) -> None:
        args = list(words)
        args += [data.draw(WORD) for _ in range(positional)]
        for option in options:
            if data.draw(st.booleans()):
                value = data.draw(WORD)
                if option == "--output":
                    value = (
                        "out-"
                        + "".join(c for c in value if c.isalnum())[:20]
                        + data.draw(st.sampled_from([".md", ".ics", ".pdf", ".txt", ""]))
                    )
                args += [option, value]
        if words == ["demo"]:
            args = ["demo", "--seed", str(data.draw(st.integers(-(2**40), 2**40)))]
        if data.draw(st.booleans()):
            args.append("--json")
        with bounded("CLI arguments (in process)", 30):
            result = runner.invoke(app, args, catch_exceptions=True)
        exc = result.exception
        assert exc is None or isinstance(exc, UserError | SystemExit), (args, repr(exc), result.output[-500:])
        if isinstance(exc, SystemExit):
            assert exc.code in (0, 1, 2, None), (args, exc.code)

    one()


@pytest.mark.parametrize(
    "args",
    [
        ["log", "1e400h", "--item", "act:find-mentor"],
        ["log", "90m", "--item", "act:find-mentor", "--date", "2026-02-30"],
        ["journal", "add", "x", "--date", "9999-99-99"],
        ["evidence", "add", 'https://x.example/"><script>'],
        ["export", "calendar", "--at", "25:99", "--output", "c.ics"],
        ["plan", "--profile", "/nonexistent.yaml"],
        ["restore", "/nonexistent.json"],
        ["serve", "--host", "0.0.0.0"],
        ["serve", "--host", "::", "--port", "8735"],
    ],
)
def test_real_cli_refuses_with_a_message(args: list[str], tmp_path: Path, planned_db_file: Path) -> None:
    import shutil

    db = tmp_path / "mlroute.db"
    shutil.copy(planned_db_file, db)
    with bounded("CLI arguments (subprocess)", 60):
        done = run_cli(*args, env={"MLROUTE_DB": str(db)})
    assert done.returncode == 2, (args, done.stdout[-300:], done.stderr[-800:])
    assert "Traceback" not in done.stderr and "Error" in done.stderr
