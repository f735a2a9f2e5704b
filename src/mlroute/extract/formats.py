"""Text out of binary and compressed formats: gzip, PDF, DOCX, HTML, each bounded (``Limits``) before or while it
expands, and every damaged file a ``UserError`` that names it.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from mlroute.errors import UserError
from mlroute.extract.limits import ARCHIVE_PARTS, DECOMPRESSED_BYTES, DEFAULT, PDF_PAGES, TEXT_CHARS, Limits

SPLIT_HINT = "Split it into smaller files, or pass only the part with the posting or resume."


def gunzip(data: bytes, source: str, limits: Limits = DEFAULT) -> bytes:
    """Decompress in 1 MB steps: a gzip bomb stops at ``MLROUTE_MAX_DECOMPRESSED_BYTES``, not at the memory's end."""
    cap = limits.decompressed_bytes
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    chunks: list[bytes] = []
    size = 0
    pending = data
    try:
        while pending or not decompressor.eof:
            chunk = decompressor.decompress(pending, 1 << 20)
            pending = decompressor.unconsumed_tail
            size += len(chunk)
            if size > cap:
                raise limits.error(DECOMPRESSED_BYTES, f"{source!r} decompressed", SPLIT_HINT)
            chunks.append(chunk)
            if not chunk and not pending:
                break
    except zlib.error as exc:
        raise UserError(
            f"{source!r} is not a readable gzip file ({exc}).", hint="Decompress it yourself and pass the file."
        ) from None
    return b"".join(chunks)


def pdf_text(data: bytes, source: str, limits: Limits = DEFAULT) -> str:
    import logging

    import pypdf
    from pypdf.errors import LimitReachedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its notes on damaged files would reach the terminal
    cap = min(limits.decompressed_bytes, 75_000_000)
    caps: dict[str, Any] = {
        f"{kind}_maximum_output_length": cap
        for kind in ("zlib", "lzw", "run_length", "jbig2", "brotli", "array_based_stream")
    }
    pages: list[str] = []
    chars = 0
    try:
        with pypdf.apply_configuration(
            **caps,
            maximum_declared_stream_length=cap,
            image_maximum_buffer_size=cap,
            stream_decoding_work_maximum_length=4 * cap,
        ):
            reader = pypdf.PdfReader(io.BytesIO(data))
            limits.check(PDF_PAGES, len(reader.pages), f"{source!r}", SPLIT_HINT)
            for page in reader.pages:
                contents = page.get_contents()  # decompressed here, within the caps: extract_text hides the error
                if contents is not None:
                    contents.get_data()
                pages.append(page.extract_text() or "")
                chars += len(pages[-1])
                limits.check(TEXT_CHARS, chars, f"The text of {source!r}", SPLIT_HINT)
    except LimitReachedError:
        raise limits.error(DECOMPRESSED_BYTES, f"A compressed stream in {source!r}", SPLIT_HINT) from None
    except (
        PyPdfError,
        ValueError,
        LookupError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
        AssertionError,
        ArithmeticError,
        NotImplementedError,  # a filter pypdf does not know ("/FlateDeFilter")
        zlib.error,
    ) as exc:
        # pypdf raises many kinds on damaged files; every one means "not a readable PDF"
        raise UserError(
            f"{source!r} is not a readable PDF ({type(exc).__name__}: {str(exc)[:200]}).",
            hint="Re-export it as PDF, or save the text as .txt.",
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise UserError(
            f"{source!r} has no text layer (it looks like a scanned image).",
            hint="Run OCR on it first (for example `ocrmypdf in.pdf out.pdf`), or paste the text into a .txt file.",
        )
    return text


def _check_docx_archive(data: bytes, source: str, limits: Limits) -> None:
    """Refuse a DOCX whose parts would expand past the limit before any of it is decompressed (a zip bomb).

    The sizes checked are the ones the archive declares; ``zipfile`` never returns more than a part declares."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, LookupError) as exc:
        raise _not_docx(source, exc) from None
    limits.check(ARCHIVE_PARTS, len(parts), f"{source!r}", SPLIT_HINT)
    expanded = sum(p.file_size for p in parts)
    limits.check(DECOMPRESSED_BYTES, expanded, f"{source!r} decompressed", SPLIT_HINT)


def _not_docx(source: str, exc: BaseException) -> UserError:
    return UserError(
        f"{source!r} is not a readable DOCX file ({type(exc).__name__}: {str(exc)[:200]}).",
        hint="Open it in a word processor and save it again as .docx, or save the text as .txt.",
    )


def docx_text(data: bytes, source: str, limits: Limits = DEFAULT) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_docx_archive(data, source, limits)
    try:
        doc = docx.Document(io.BytesIO(data))
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    except (
        zipfile.BadZipFile,
        PackageNotFoundError,
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        EOFError,
        RecursionError,
        NotImplementedError,
        zlib.error,
    ) as exc:
        raise _not_docx(source, exc) from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends: a damaged document part
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise _not_docx(source, exc) from None
        raise
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
