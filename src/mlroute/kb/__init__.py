"""The knowledge base: models, loading with validation, and lookups."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from mlroute.kb.index import KBIndex
from mlroute.kb.loader import KBInvalid, default_data_dir, load_kb, load_problems
from mlroute.kb.models import KnowledgeBase
from mlroute.kb.problems import Problem

__all__ = [
    "KBIndex",
    "KBInvalid",
    "KnowledgeBase",
    "Problem",
    "default_data_dir",
    "get_index",
    "load_kb",
    "load_problems",
]


@lru_cache(maxsize=8)
def _index(root: str, cache_dir: str | None) -> KBIndex:
    def build() -> KBIndex:
        return KBIndex(load_kb(Path(root)))

    if cache_dir is None:
        return build()
    from mlroute.kb.cache import cached_index

    return cached_index(Path(root), Path(cache_dir), build)


def get_index(root: Path | None = None, cache_dir: Path | None = None) -> KBIndex:
    """The validated knowledge base with its lookups, built once per directory (and kept in ``cache_dir``, when
    given, across processes: ``kb.cache``)."""
    return _index(str((root or default_data_dir()).resolve()), str(cache_dir) if cache_dir else None)
