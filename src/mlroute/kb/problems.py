"""A problem found in the knowledge base, located by file, record and field (shared by loading and validation)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the knowledge base, located precisely enough to fix it."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f" · {self.record}" if self.record else "") + (f" · {self.field}" if self.field else "")
        return f"{where}: {self.message}"
