"""The bounds on what extraction reads, each with a name that error messages and docs/extraction.md use.

Every input is bounded before the work it causes: the file's size before reading, the size a compressed file
(DOCX, PDF streams, gzip) expands to before or while decompressing, the number of pages and archive parts, and
the characters of text before extraction starts. Lines are cut into windows of ``MLROUTE_MAX_SENTENCE_CHARS``
so every later stage is linear.

Each limit can be raised for one run with its environment variable. ``mlroute.settings.Settings`` reads them;
the extraction service hands the values down as one ``Limits`` (this module reads no environment).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlroute.errors import UserError


@dataclass(frozen=True)
class Limit:
    """One bound: its field in ``Limits``, the environment variable that sets it, its default and what it counts."""

    key: str  # "text_chars": the field of ``Limits``; the setting is ``max_text_chars``
    default: int
    what: str  # "of text in one document"
    unit: str = ""

    @property
    def name(self) -> str:
        """The environment variable: ``MLROUTE_MAX_TEXT_CHARS``."""
        return f"MLROUTE_MAX_{self.key.upper()}"


def _amount(value: float, unit: str) -> str:
    if unit == "bytes":
        return f"{value / 1e6:.1f} MB" if value >= 1e5 else f"{int(value):,} bytes"
    return f"{int(value):,}{' ' + unit if unit else ''}"


FILE_BYTES = Limit("file_bytes", 25_000_000, "for one file", "bytes")
TEXT_CHARS = Limit("text_chars", 1_000_000, "of text in one document", "characters")
DECOMPRESSED_BYTES = Limit("decompressed_bytes", 64_000_000, "once decompressed (DOCX, PDF streams, gzip)", "bytes")
ARCHIVE_PARTS = Limit("archive_parts", 2_000, "in one DOCX", "parts")
PDF_PAGES = Limit("pdf_pages", 500, "in one PDF", "pages")
POSTING_FILES = Limit("posting_files", 10_000, "under one directory", "files")
MARKET_BYTES = Limit("market_bytes", 250_000_000, "of postings files in one run", "bytes")
POSTINGS = Limit("postings", 200_000, "in one run", "postings")
SENTENCE_CHARS = Limit("sentence_chars", 2_000, "per sentence window (longer lines are cut)", "characters")

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


@dataclass(frozen=True)
class Limits:
    """The value of every limit for one run (the defaults unless the settings say otherwise)."""

    file_bytes: int = FILE_BYTES.default
    text_chars: int = TEXT_CHARS.default
    decompressed_bytes: int = DECOMPRESSED_BYTES.default
    archive_parts: int = ARCHIVE_PARTS.default
    pdf_pages: int = PDF_PAGES.default
    posting_files: int = POSTING_FILES.default
    market_bytes: int = MARKET_BYTES.default
    postings: int = POSTINGS.default
    sentence_chars: int = SENTENCE_CHARS.default

    def __post_init__(self) -> None:
        for limit in ALL:
            if self.value(limit) <= 0:
                raise ValueError(f"{limit.name} must be a positive whole number, not {self.value(limit)}")

    def value(self, limit: Limit) -> int:
        value: int = getattr(self, limit.key)
        return value

    def describe(self, limit: Limit, amount: float | None = None) -> str:
        return _amount(self.value(limit) if amount is None else amount, limit.unit)

    def check(self, limit: Limit, amount: int, subject: str, hint: str) -> None:
        """Raise a ``UserError`` naming ``limit`` if ``amount`` is over it."""
        if amount > self.value(limit):
            raise self.error(limit, subject, hint, amount)

    def error(self, limit: Limit, subject: str, hint: str, amount: int | None = None) -> UserError:
        """ "<subject> is 11,000,000 characters, over the limit of 1,000,000 characters of text in one document
        (MLROUTE_MAX_TEXT_CHARS)." and a hint saying how to allow more."""
        size = self.describe(limit, amount) if amount is not None else f"more than {self.describe(limit)}"
        return UserError(
            f"{subject} is {size}, over the limit of {self.describe(limit)} {limit.what} ({limit.name}).",
            hint=f"{hint} To allow more for one run, set {limit.name} (e.g. {limit.name}={self.value(limit) * 2}).",
        )


DEFAULT = Limits()
