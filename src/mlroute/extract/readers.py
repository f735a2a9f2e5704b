"""Turn files into text: PDF, DOCX, HTML, Markdown, plain text, and collections of postings (CSV, JSON, JSONL).

Every failure a user can fix (missing file, too big, empty, binary, a scanned PDF without a text layer, a CSV
without a description column) raises ``UserError`` naming the file and what to do. Text files may be UTF-8 or a
Chinese legacy encoding (GB18030/GBK); ``decode`` finds out which. Any file may be gzip-compressed (``.txt.gz``,
``.jsonl.gz``). Every read is bounded by the ``Limits`` it is given (file size, decompressed size, DOCX parts, PDF
pages, characters of text; the defaults when none are), each named in the error it raises.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import charset_normalizer

from mlroute.errors import UserError
from mlroute.extract.formats import SPLIT_HINT, docx_text, gunzip, html_text, pdf_text
from mlroute.extract.lexical import is_cjk
from mlroute.extract.limits import DEFAULT, FILE_BYTES, MARKET_BYTES, POSTING_FILES, POSTINGS, TEXT_CHARS, Limits
from mlroute.extract.models import Document, Posting

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt", ".text"}
COLLECTION_SUFFIXES = {".csv", ".json", ".jsonl", ".ndjson"}
SUPPORTED = sorted(DOCUMENT_SUFFIXES | COLLECTION_SUFFIXES)

# Column names accepted for each posting field (lower case), first match wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "description": (
        "description",
        "job_description",
        "text",
        "body",
        "content",
        "posting",
        "details",
        "职位描述",
        "描述",
    ),
    "title": ("title", "job_title", "position", "role", "name", "职位", "职位名称", "岗位"),
    "company": ("company", "company_name", "employer", "公司"),
    "location": ("location", "city", "place", "地点", "城市"),
    "seniority": ("seniority", "level", "experience_level", "seniority_level", "级别", "职级"),
    "date": ("date", "posted", "date_posted", "posted_at", "published", "日期", "发布日期"),
}


def _check_file(path: Path, limits: Limits) -> int:
    if not path.exists():
        raise UserError(f"File {str(path)!r} does not exist.", hint="Check the path and try again.")
    if path.is_dir():
        raise UserError(
            f"{str(path)!r} is a directory, not a file.", hint="Pass one file (or use `mlroute market DIR`)."
        )
    if not path.is_file():
        raise UserError(f"{str(path)!r} is not a regular file.", hint="Pass a file saved on disk.")
    size = path.stat().st_size
    if size == 0:
        raise UserError(f"File {str(path)!r} is empty.", hint="Pass a file that contains the posting or resume text.")
    limits.check(FILE_BYTES, size, f"File {str(path)!r}", SPLIT_HINT)
    return size


def _suffix(path: Path) -> str:
    """The format's suffix: ``.txt`` for ``notes.txt`` and for ``notes.txt.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[-2] if len(suffixes) > 1 else ".txt"
    return path.suffix.lower()


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, decompressed when it is gzip (bounded both ways)."""
    _check_file(path, limits)
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b" or path.suffix.lower() == ".gz":
        data = gunzip(data, str(path), limits)
        if not data:
            raise UserError(f"{str(path)!r} holds an empty file.", hint="Pass a file that contains text.")
    return data


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(3, len(text[:20000]) // 100)


def _mostly_cjk(text: str) -> bool:
    non_ascii = [ch for ch in text if ord(ch) > 127]
    return bool(non_ascii) and sum(
        1 for ch in non_ascii if is_cjk(ch) or ch in "，。；：！？、（）“”‘’《》【】"
    ) >= 0.8 * len(non_ascii)


def decode(data: bytes, source: str = "input") -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, or what
    charset-normalizer finds; binary data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", data)]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", data)]
    else:
        candidates = [("utf-8", data), ("gb18030", data)]
    for encoding, raw in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _mostly_cjk(text):
            continue
        if _looks_binary(text):
            break
        return text, encoding
    else:
        best = charset_normalizer.from_bytes(data).best()
        if best is not None:
            text = str(best)
            if not _looks_binary(text):
                return text, best.encoding
    raise UserError(
        f"{source!r} looks like a binary file, not text.",
        hint=f"mlroute reads text in these formats: {', '.join(SUPPORTED)}.",
    )


def read_document(path: Path, limits: Limits = DEFAULT) -> Document:
    """One document's text. Collections (CSV/JSON/JSONL) are joined posting by posting."""
    path = Path(path)
    suffix = _suffix(path)
    encoding: str | None = None  # PDF and DOCX carry their own encoding
    if suffix in COLLECTION_SUFFIXES:
        postings = read_postings(path, limits)
        text, fmt = "\n\n".join(p.text for p in postings), suffix.lstrip(".")
    else:
        data = _read_bytes(path, limits)
        if suffix == ".pdf" or data.startswith(b"%PDF-"):
            text, fmt = pdf_text(data, str(path), limits), "pdf"
        elif suffix == ".docx":
            text, fmt = docx_text(data, str(path), limits), "docx"
        else:
            raw, encoding = decode(data, str(path))
            if suffix in (".html", ".htm") or (suffix not in DOCUMENT_SUFFIXES and "<html" in raw[:2000].lower()):
                text, fmt = html_text(raw), "html"  # markup is bounded by the file size; its text is checked below
            else:
                limits.check(TEXT_CHARS, len(raw), f"The text of {str(path)!r}", SPLIT_HINT)
                text, fmt = raw, "markdown" if suffix in (".md", ".markdown") else "text"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    limits.check(TEXT_CHARS, len(text), f"The text of {str(path)!r}", SPLIT_HINT)
    if not text.strip():
        raise UserError(
            f"{str(path)!r} contains no text.", hint="Pass a file that contains the posting or resume text."
        )
    return Document(text=text, source=str(path), format=fmt, encoding=encoding)


def _field(record: dict[str, Any], name: str) -> str:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for key in FIELDS[name]:
        value = lowered.get(key)
        if value not in (None, ""):
            if isinstance(value, list):
                return "\n".join(str(v) for v in value)
            return str(value)
    return ""


def posting_from_record(record: dict[str, Any], source: str) -> Posting:
    known = {k for keys in FIELDS.values() for k in keys}
    return Posting(
        description=_field(record, "description"),
        title=_field(record, "title"),
        company=_field(record, "company"),
        location=_field(record, "location"),
        seniority=_field(record, "seniority"),
        date=_field(record, "date"),
        source=source,
        extra={str(k): str(v) for k, v in record.items() if str(k).strip().lower() not in known and v is not None},
    )


def _csv_records(path: Path, text: str, limits: Limits) -> Iterator[tuple[str, dict[str, Any]]]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(limits.text_chars, 131072))
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    row_number = 1
    try:
        for row_number, row in enumerate(reader, start=2):
            yield f"{path}:{row_number}", {k: v for k, v in row.items() if k is not None}
    except csv.Error as exc:
        raise UserError(
            f"{path}:{row_number + 1} is not valid CSV ({exc}).",
            hint="Check the quoting of that row, or save the postings as JSONL.",
        ) from None


def _json(text: str) -> Any:
    """``json.loads`` that reports nesting too deep for Python as a JSON error, not a crash."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text[:20], 0) from None


def _records(path: Path, text: str, limits: Limits) -> Iterator[tuple[str, dict[str, Any]]]:
    suffix = _suffix(path)
    if suffix == ".csv":
        yield from _csv_records(path, text, limits)
    elif suffix in (".jsonl", ".ndjson"):
        for line_number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = _json(line)
            except json.JSONDecodeError as exc:
                raise UserError(
                    f"{path}:{line_number} is not valid JSON ({exc.msg}).", hint="Each line must be one JSON object."
                ) from None
            if not isinstance(obj, dict):
                raise UserError(f"{path}:{line_number} is not a JSON object.", hint="Each line must be one object.")
            yield f"{path}:{line_number}", obj
    else:
        try:
            data = _json(text)
        except json.JSONDecodeError as exc:
            raise UserError(
                f"{str(path)!r} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
                hint="Fix the JSON, or save the postings one object per line as .jsonl.",
            ) from None
        if isinstance(data, dict):
            listed = next(
                (data[k] for k in ("postings", "jobs", "data", "items") if isinstance(data.get(k), list)), None
            )
            data = listed if listed is not None else [data]
        if not isinstance(data, list):
            raise UserError(f"{str(path)!r} holds no postings.", hint="Use a list of objects with a description.")
        for i, obj in enumerate(data):
            if isinstance(obj, dict):
                yield f"{path}#{i}", obj


def read_postings(path: Path, limits: Limits = DEFAULT) -> list[Posting]:
    """Postings in a file: a CSV/JSON/JSONL collection gives many, any other document gives one."""
    path = Path(path)
    if _suffix(path) not in COLLECTION_SUFFIXES:
        doc = read_document(path, limits)
        first = next((line.strip() for line in doc.text.splitlines() if line.strip()), "")
        title = first.lstrip("#* ").strip() if len(first) <= 80 else ""
        return [Posting(description=doc.text, title=title, source=str(path))]
    text, _ = decode(_read_bytes(path, limits), str(path))
    postings: list[Posting] = []
    columns: set[str] = set()
    for source, record in _records(path, text, limits):
        columns |= {str(k) for k in record}
        posting = posting_from_record(record, source)
        if posting.description.strip():
            limits.check(TEXT_CHARS, len(posting.text), f"The posting at {source}", SPLIT_HINT)
            postings.append(posting)
            limits.check(POSTINGS, len(postings), f"{str(path)!r}", "Split the postings into several runs.")
    if not postings:
        found = ", ".join(sorted(columns)[:30]) or "none"
        raise UserError(
            f"{str(path)!r} has no postings with a description (columns found: {found}).",
            hint=f"Name the text column one of: {', '.join(FIELDS['description'][:5])}.",
        )
    return postings


def iter_posting_files(path: Path, limits: Limits = DEFAULT) -> list[Path]:
    """The files ``market`` reads: the path itself, or every supported file under a directory (bounded in number
    and total size)."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{str(path)!r} does not exist.", hint="Pass a postings file or a directory of postings.")
    if path.is_file():
        return [path]
    files: list[Path] = []
    total = 0
    for p in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in p.relative_to(path).parts) or _suffix(p) not in SUPPORTED:
            continue
        if not p.is_file():
            continue
        files.append(p)
        total += p.stat().st_size
        limits.check(POSTING_FILES, len(files), f"Directory {str(path)!r}", "Pass a smaller directory.")
        limits.check(MARKET_BYTES, total, f"The postings files under {str(path)!r}", "Pass a smaller directory.")
    if not files:
        raise UserError(
            f"Directory {str(path)!r} holds no postings files.", hint=f"Supported formats: {', '.join(SUPPORTED)}."
        )
    return files


def read_all(path: Path, files: list[Path], limits: Limits = DEFAULT) -> tuple[list[Posting], list[dict[str, str]]]:
    """The postings of every file, and the files skipped with the reason (one file alone must be readable)."""
    postings: list[Posting] = []
    skipped: list[dict[str, str]] = []
    for f in files:
        try:
            postings.extend(read_postings(f, limits))
        except UserError as exc:
            if len(files) == 1:
                raise
            skipped.append({"file": str(f), "reason": exc.message})
        limits.check(POSTINGS, len(postings), f"{str(path)!r}", "Split the postings into several runs.")
    return postings, skipped
