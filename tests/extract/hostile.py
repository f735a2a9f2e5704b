"""Hostile inputs for the readers and the extractor, built on the fly: zip bombs, PDF stream bombs, gzip bombs,
huge and single-line text. Shared by the tests and ``benchmarks/extraction/worst_case.py``."""

from __future__ import annotations

import gzip
import io
import random
import zipfile
import zlib
from pathlib import Path

WORDS = (
    "we build python services with docker and kubernetes for machine learning pipelines our team uses pytorch",
    "sql spark and aws to train models at scale 我们 使用 机器学习 推荐系统 熟悉 了解 不需要",
)
WORDS = tuple(w for line in WORDS for w in line.split(" "))

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_DOC_TAIL = "</w:body></w:document>"


def unpunctuated(chars: int, seed: int = 0) -> str:
    """Words without punctuation or line breaks, as pasted from a PDF that lost its layout."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(WORDS)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:chars]


def docx_bomb(path: Path, expanded_bytes: int = 200 * 1024 * 1024) -> Path:
    """A well-formed DOCX whose document.xml expands to ``expanded_bytes`` (one paragraph repeated)."""
    paragraph = b"<w:p><w:r><w:t>Python Docker Kubernetes SQL</w:t></w:r></w:p>"
    body_bytes = expanded_bytes - len(_DOC_HEAD) - len(_DOC_TAIL)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_DOC_HEAD.encode())
            block = paragraph * (1 << 14)
            written = 0
            while written + len(block) <= body_bytes:
                part.write(block)
                written += len(block)
            part.write(paragraph * ((body_bytes - written) // len(paragraph)))
            part.write(_DOC_TAIL.encode())
    return path


def docx_lying_sizes(path: Path, declared: int = 1000, real: int = 50 * 1024 * 1024) -> Path:
    """A DOCX whose document.xml declares ``declared`` bytes but holds ``real`` (a header that lies)."""
    docx_bomb(path, real)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + offset : start + offset + 4] = declared.to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))
    return path


def pdf_stream_bomb(path: Path, expanded_bytes: int = 80 * 1024 * 1024, filter_name: str = "FlateDecode") -> Path:
    """A one-page PDF whose content stream inflates to ``expanded_bytes`` (with ``filter_name`` as its filter)."""
    stream = zlib.compress(b" " * expanded_bytes, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /%s >>\nstream\n" % (len(stream), filter_name.encode()) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


def pdf_many_pages(path: Path, pages: int) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def gzip_bomb(path: Path, expanded_bytes: int = 100 * 1024 * 1024) -> Path:
    with gzip.open(path, "wb", compresslevel=9) as fh:
        block = b"python docker " * (1 << 16)
        written = 0
        while written < expanded_bytes:
            fh.write(block)
            written += len(block)
    return path
