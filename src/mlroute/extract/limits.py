"""The bounds on what extraction reads, each with a name that error messages and docs/extraction.md use.

Every input is bounded before the work it causes: the file's size before reading, the size a compressed file
(DOCX, PDF streams, gzip) expands to before or while decompressing, the number of pages and archive parts, and
the characters of text before extraction starts. Lines are cut into windows of ``MLROUTE_MAX_SENTENCE_CHARS``
so every later stage is linear. Each limit can be raised for one run with its environment variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from mlroute.errors import UserError


@dataclass(frozen=True)
class Limit:
    name: str  # the environment variable that overrides it
    default: int
    what: str  # "characters of text in one document"
    unit: str = ""

    @property
    def value(self) -> int:
        raw = os.environ.get(self.name, "").strip().replace("_", "")
        if raw.isdigit() and int(raw) > 0:
            return int(raw)
        return self.default

    def describe(self, amount: float | None = None) -> str:
        return _amount(self.value if amount is None else amount, self.unit)

    def check(self, amount: int, subject: str, hint: str) -> None:
        """Raise a ``UserError`` naming this limit if ``amount`` is over it."""
        if amount > self.value:
            raise self.error(subject, hint, amount)

    def error(self, subject: str, hint: str, amount: int | None = None) -> UserError:
        """ "<subject> is 11,000,000 characters, over the limit of 1,000,000 characters of text in one document
        (MLROUTE_MAX_TEXT_CHARS)." and a hint saying how to allow more."""
        size = self.describe(amount) if amount is not None else f"more than {self.describe()}"
        return UserError(
            f"{subject} is {size}, over the limit of {self.describe()} {self.what} ({self.name}).",
            hint=f"{hint} To allow more for one run, set {self.name} (e.g. {self.name}={self.value * 2}).",
        )


def _amount(value: float, unit: str) -> str:
    if unit == "bytes":
        return f"{value / 1e6:.1f} MB" if value >= 1e5 else f"{int(value):,} bytes"
    return f"{int(value):,}{' ' + unit if unit else ''}"


FILE_BYTES = Limit("MLROUTE_MAX_FILE_BYTES", 25_000_000, "for one file", "bytes")
TEXT_CHARS = Limit("MLROUTE_MAX_TEXT_CHARS", 1_000_000, "of text in one document", "characters")
DECOMPRESSED_BYTES = Limit(
    "MLROUTE_MAX_DECOMPRESSED_BYTES", 64_000_000, "once decompressed (DOCX, PDF streams, gzip)", "bytes"
)
ARCHIVE_PARTS = Limit("MLROUTE_MAX_ARCHIVE_PARTS", 2_000, "in one DOCX", "parts")
PDF_PAGES = Limit("MLROUTE_MAX_PDF_PAGES", 500, "in one PDF", "pages")
POSTING_FILES = Limit("MLROUTE_MAX_POSTING_FILES", 10_000, "under one directory", "files")
MARKET_BYTES = Limit("MLROUTE_MAX_MARKET_BYTES", 250_000_000, "of postings files in one run", "bytes")
POSTINGS = Limit("MLROUTE_MAX_POSTINGS", 200_000, "in one run", "postings")
SENTENCE_CHARS = Limit("MLROUTE_MAX_SENTENCE_CHARS", 2_000, "per sentence window (longer lines are cut)", "characters")

ALL = (
    FILE_BYTES,
    TEXT_CHARS,
    DECOMPRESSED_BYTES,
    ARCHIVE_PARTS,
    PDF_PAGES,
    POSTING_FILES,
    MARKET_BYTES,
    POSTINGS,
    SENTENCE_CHARS,
)
