"""The one settings object: extraction's limits and model are read there, under their documented names, and a bad
value is a message naming the variable, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlroute.errors import UserError
from mlroute.extract import limits
from mlroute.settings import Settings
from tests.conftest import run_cli


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for key in [k for k in os.environ if k.startswith("MLROUTE_")]:
        monkeypatch.delenv(key)


def test_every_extraction_limit_is_a_setting_with_its_default() -> None:
    assert Settings().limits() == limits.Limits()
    for limit in limits.ALL:
        assert getattr(Settings(), f"max_{limit.key}") == limit.default, limit.name


@pytest.mark.parametrize("limit", limits.ALL, ids=lambda limit: limit.name)
def test_each_limit_is_read_from_its_variable(monkeypatch: pytest.MonkeyPatch, limit: limits.Limit) -> None:
    monkeypatch.setenv(limit.name, " 1_234 ")
    assert Settings().limits().value(limit) == 1234
    monkeypatch.setenv(limit.name, "")
    assert Settings().limits().value(limit) == limit.default  # set but empty: the default


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5"])
def test_a_bad_limit_names_its_variable_and_the_default(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("MLROUTE_MAX_TEXT_CHARS", value)
    with pytest.raises(UserError) as info:
        Settings()
    assert "MLROUTE_MAX_TEXT_CHARS" in info.value.message and repr(value) in info.value.message
    assert "1,000,000" in (info.value.hint or "")


def test_the_embedding_model_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().embeddings is None
    monkeypatch.setenv("MLROUTE_EMBEDDINGS", "none")
    assert Settings().embeddings == "none"
    monkeypatch.setenv("MLROUTE_EMBEDDINGS", " ")
    assert Settings().embeddings is None


def test_a_worker_process_gets_the_same_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLROUTE_MAX_PDF_PAGES", "7")
    env = Settings().environment()
    assert env["MLROUTE_MAX_PDF_PAGES"] == "7"
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert Settings().limits() == Settings(max_pdf_pages=7).limits()


def test_the_cli_reports_a_bad_limit_without_a_traceback(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text("Python and SQL", encoding="utf-8")
    r = run_cli("extract", str(posting), env={"MLROUTE_MAX_FILE_BYTES": "lots", "MLROUTE_EMBEDDINGS": "none"})
    assert r.returncode == 2, r.stderr
    assert "MLROUTE_MAX_FILE_BYTES='lots'" in r.stderr and "Traceback" not in r.stderr
