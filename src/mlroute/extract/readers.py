"""Turn files into text: PDF, DOCX, HTML, Markdown, plain text, and collections of postings (CSV, JSON, JSONL).

Every failure a user can fix (missing file, too big, empty, binary, a scanned PDF without a text layer, a CSV
without a description column) raises ``UserError`` naming the file and what to do. Text files may be UTF-8 or a
Chinese legacy encoding (GB18030/GBK); ``decode`` finds out which.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import charset_normalizer

from mlroute.errors import UserError
from mlroute.extract.lexical import is_cjk
from mlroute.extract.models import Document, Posting

MAX_BYTES = 25 * 1024 * 1024
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


def _check_file(path: Path, max_bytes: int) -> int:
    if not path.exists():
        raise UserError(f"File {str(path)!r} does not exist.", hint="Check the path and try again.")
    if path.is_dir():
        raise UserError(
            f"{str(path)!r} is a directory, not a file.", hint="Pass one file (or use `mlroute market DIR`)."
        )
    size = path.stat().st_size
    if size == 0:
        raise UserError(f"File {str(path)!r} is empty.", hint="Pass a file that contains the posting or resume text.")
    if size > max_bytes:
        raise UserError(
            f"File {str(path)!r} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit.",
            hint="Split it into smaller files, or pass only the part with the text.",
        )
    return size


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


def _pdf_text(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about damaged files would reach the terminal

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise UserError(
            f"{str(path)!r} is not a readable PDF ({exc}).", hint="Re-export it as PDF, or save the text as .txt."
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise UserError(
            f"{str(path)!r} has no text layer (it looks like a scanned image).",
            hint="Run OCR on it first (for example `ocrmypdf in.pdf out.pdf`), or paste the text into a .txt file.",
        )
    return text


def _docx_text(path: Path) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise UserError(
            f"{str(path)!r} is not a readable DOCX file ({exc}).",
            hint="Open it in a word processor and save it again as .docx, or save the text as .txt.",
        ) from None
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


_BLOCK_TAG = re.compile(
    r"<(/?)(br|p|div|li|h[1-6]|tr|td|th|ul|ol|section|article|header|footer|table|dt|dd|blockquote|pre|hr)\b",
    re.IGNORECASE,
)


def html_text(html: str) -> str:
    """Visible text of an HTML page, one line per block element, inline markup kept inside its sentence."""
    from selectolax.lexbor import LexborHTMLParser

    flattened = _BLOCK_TAG.sub(lambda m: "\n<" + m.group(1) + m.group(2), re.sub(r"\s+", " ", html))
    tree = LexborHTMLParser(flattened)
    for node in tree.css("script, style, noscript, template, svg"):
        node.decompose()
    root = tree.body or tree.root
    text = root.text(separator="") if root is not None else ""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """One document's text. Collections (CSV/JSON/JSONL) are joined posting by posting."""
    path = Path(path)
    _check_file(path, max_bytes)
    suffix = path.suffix.lower()
    encoding: str | None = None  # PDF and DOCX carry their own encoding
    if suffix == ".pdf":
        text, fmt = _pdf_text(path), "pdf"
    elif suffix == ".docx":
        text, fmt = _docx_text(path), "docx"
    elif suffix in COLLECTION_SUFFIXES:
        postings = read_postings(path, max_bytes)
        text, fmt = "\n\n".join(p.text for p in postings), suffix.lstrip(".")
    else:
        raw, encoding = decode(path.read_bytes(), str(path))
        if suffix in (".html", ".htm") or (suffix not in DOCUMENT_SUFFIXES and "<html" in raw[:2000].lower()):
            text, fmt = html_text(raw), "html"
        else:
            text, fmt = raw, "markdown" if suffix in (".md", ".markdown") else "text"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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


def _records(path: Path, text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        sample = text[:4096]
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        for row_number, row in enumerate(reader, start=2):
            yield f"{path}:{row_number}", {k: v for k, v in row.items() if k is not None}
    elif suffix in (".jsonl", ".ndjson"):
        for line_number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UserError(
                    f"{path}:{line_number} is not valid JSON ({exc.msg}).", hint="Each line must be one JSON object."
                ) from None
            if not isinstance(obj, dict):
                raise UserError(f"{path}:{line_number} is not a JSON object.", hint="Each line must be one object.")
            yield f"{path}:{line_number}", obj
    else:
        try:
            data = json.loads(text)
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


def read_postings(path: Path, max_bytes: int = MAX_BYTES) -> list[Posting]:
    """Postings in a file: a CSV/JSON/JSONL collection gives many, any other document gives one."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in COLLECTION_SUFFIXES:
        doc = read_document(path, max_bytes)
        first = next((line.strip() for line in doc.text.splitlines() if line.strip()), "")
        title = first.lstrip("#* ").strip() if len(first) <= 80 else ""
        return [Posting(description=doc.text, title=title, source=str(path))]
    _check_file(path, max_bytes)
    text, _ = decode(path.read_bytes(), str(path))
    postings: list[Posting] = []
    columns: set[str] = set()
    for source, record in _records(path, text):
        columns |= {str(k) for k in record}
        posting = posting_from_record(record, source)
        if posting.description.strip():
            postings.append(posting)
    if not postings:
        found = ", ".join(sorted(columns)) or "none"
        raise UserError(
            f"{str(path)!r} has no postings with a description (columns found: {found}).",
            hint=f"Name the text column one of: {', '.join(FIELDS['description'][:5])}.",
        )
    return postings


def iter_posting_files(path: Path) -> list[Path]:
    """The files ``market`` reads: the path itself, or every supported file under a directory."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{str(path)!r} does not exist.", hint="Pass a postings file or a directory of postings.")
    if path.is_file():
        return [path]
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUPPORTED
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    if not files:
        raise UserError(
            f"Directory {str(path)!r} holds no postings files.", hint=f"Supported formats: {', '.join(SUPPORTED)}."
        )
    return files
