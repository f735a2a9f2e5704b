"""The parsed knowledge base kept across commands: read when current, rebuilt after any edit, never in the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlroute.kb import KBIndex, load_kb
from mlroute.kb.cache import cached_index
from mlroute.settings import Settings
from tests.conftest import run_cli


def counting_build(root: Path) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> KBIndex:
        calls.append(1)
        return KBIndex(load_kb(root))

    return calls, build


def test_built_once_then_read_from_the_cache(mini_kb_dir: Path, tmp_path: Path) -> None:
    calls, build = counting_build(mini_kb_dir)
    first = cached_index(mini_kb_dir, tmp_path / "cache", build)  # type: ignore[arg-type]
    again = cached_index(mini_kb_dir, tmp_path / "cache", build)  # type: ignore[arg-type]
    assert len(calls) == 1 and [s.id for s in again.kb.skills] == [s.id for s in first.kb.skills]
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1


def test_an_edit_to_the_knowledge_base_is_read_and_the_old_file_goes(mini_kb_dir: Path, tmp_path: Path) -> None:
    calls, build = counting_build(mini_kb_dir)
    cached_index(mini_kb_dir, tmp_path, build)  # type: ignore[arg-type]
    (old,) = tmp_path.glob("kb-*.pickle")
    meta = mini_kb_dir / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("version:", "version: ") + "\n", encoding="utf-8")
    os.utime(meta, ns=(meta.stat().st_atime_ns, meta.stat().st_mtime_ns + 1_000_000_000))
    cached_index(mini_kb_dir, tmp_path, build)  # type: ignore[arg-type]
    assert len(calls) == 2 and not old.exists() and len(list(tmp_path.glob("kb-*.pickle"))) == 1


def test_a_damaged_cache_file_is_rebuilt_not_an_error(mini_kb_dir: Path, tmp_path: Path) -> None:
    calls, build = counting_build(mini_kb_dir)
    cached_index(mini_kb_dir, tmp_path, build)  # type: ignore[arg-type]
    (kept,) = tmp_path.glob("kb-*.pickle")
    kept.write_bytes(b"not a pickle")
    index = cached_index(mini_kb_dir, tmp_path, build)  # type: ignore[arg-type]
    assert len(calls) == 2 and index.kb.skills


def test_a_cache_that_cannot_be_written_costs_only_speed(mini_kb_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory would be", encoding="utf-8")
    calls, build = counting_build(mini_kb_dir)
    index = cached_index(mini_kb_dir, blocker / "cache", build)  # type: ignore[arg-type]
    assert index.kb.skills and len(calls) == 1 and blocker.is_file()


def test_only_the_embedded_knowledge_base_is_kept_and_it_can_be_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("MLROUTE_KB", raising=False)
    assert Settings().kb_cache_dir() is not None
    assert Settings(kb=tmp_path).kb_cache_dir() is None  # an author's own directory, edited often
    monkeypatch.setenv("MLROUTE_KB_CACHE", "0")
    assert Settings().kb_cache_dir() is None


def test_commands_share_the_parsed_knowledge_base(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first, second = run_cli("kb", "stats", "--json", env=env), run_cli("kb", "stats", "--json", env=env)
    assert first.returncode == second.returncode == 0 and first.stdout == second.stdout
    assert len(list((tmp_path / "cache").rglob("kb-*.pickle"))) == 1
