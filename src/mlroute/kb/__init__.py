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
def _index(root: str) -> KBIndex:
    return KBIndex(load_kb(Path(root)))


def get_index(root: Path | None = None) -> KBIndex:
    """The validated knowledge base with its lookups, built once per directory."""
    return _index(str((root or default_data_dir()).resolve()))
