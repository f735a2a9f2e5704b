"""Issue 11's extraction findings, one test each: every input is bounded, and each limit is named in its error.

Before: 40 KB of unpunctuated text took 108 s (cues rescanned the sentence per mention); a 731 KB DOCX expanded to
200 MB; a PDF stream bomb, a 600-page PDF, a gzip bomb, a CSV field over 128 KB and deeply nested JSON were
unbounded or crashed. The deadlines below are generous bounds for a loaded 2-core machine, not speed figures
(those are in benchmarks/extraction/worst_case.py).
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from mlroute.errors import UserError
from mlroute.extract import limits
from mlroute.extract.limits import Limits
from mlroute.extract.linker import Linker
from mlroute.extract.readers import read_document, read_postings
from mlroute.extract.sentences import split_sentences
from tests.extract import hostile

T = TypeVar("T")


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail the test if the block runs past ``seconds`` (SIGALRM in the main thread)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused(call: Callable[[], T], limit: limits.Limit) -> UserError:
    with pytest.raises(UserError) as info:
        call()
    assert limit.name in info.value.message, info.value.message
    assert limit.name in (info.value.hint or "")
    return info.value


def test_unpunctuated_text_is_linear(lexical_linker: Linker) -> None:
    text = hostile.unpunctuated(200_000)  # 5 s per 20 KB before, quadratic: about 8 minutes
    with deadline(30):
        mentions = lexical_linker.extract(text)
    assert len(mentions) > 1000


def test_sentences_are_windows_of_bounded_length() -> None:
    text = hostile.unpunctuated(50_000) + "\n" + "x" * 9_000
    spans = split_sentences(text)
    assert max(len(s.text) for s in spans) <= limits.SENTENCE_CHARS.default
    assert max(len(s.text) for s in split_sentences(text, 300)) <= 300
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_huge_text_file_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(hostile.unpunctuated(limits.TEXT_CHARS.default + 10), encoding="utf-8")
    with deadline(20):
        refused(lambda: read_document(path), limits.TEXT_CHARS)


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("Python " * 200, encoding="utf-8")
    err = refused(lambda: read_document(path, Limits(file_bytes=1000)), limits.FILE_BYTES)
    assert "1,400 bytes" in err.message


def test_docx_zip_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx")  # ~600 KB on disk, 200 MB of XML
    assert bomb.stat().st_size < 1_000_000
    with deadline(10):
        refused(lambda: read_document(bomb), limits.DECOMPRESSED_BYTES)


def test_docx_whose_sizes_lie_is_not_read_past_them(tmp_path: Path) -> None:
    bomb = hostile.docx_lying_sizes(tmp_path / "lying.docx", real=5_000_000)
    with deadline(10), pytest.raises(UserError, match="not a readable DOCX"):
        read_document(bomb)


def test_docx_with_too_many_parts(tmp_path: Path) -> None:
    docx = hostile.docx_bomb(tmp_path / "d.docx", 10_000)
    refused(lambda: read_document(docx, Limits(archive_parts=2)), limits.ARCHIVE_PARTS)


def test_pdf_stream_bomb(tmp_path: Path) -> None:
    bomb = hostile.pdf_stream_bomb(tmp_path / "bomb.pdf")
    with deadline(20):
        refused(lambda: read_document(bomb), limits.DECOMPRESSED_BYTES)


def test_pdf_page_count(tmp_path: Path) -> None:
    pdf = hostile.pdf_many_pages(tmp_path / "long.pdf", limits.PDF_PAGES.default + 1)
    with deadline(20):
        refused(lambda: read_document(pdf), limits.PDF_PAGES)


def test_gzip_files_are_read_and_bombs_refused(tmp_path: Path) -> None:
    import gzip

    ok = tmp_path / "posting.md.gz"
    ok.write_bytes(gzip.compress(b"# Requirements\n- Python\n"))
    doc = read_document(ok)
    assert doc.format == "markdown" and "Python" in doc.text
    bomb = hostile.gzip_bomb(tmp_path / "bomb.txt.gz")
    with deadline(10):
        refused(lambda: read_document(bomb), limits.DECOMPRESSED_BYTES)
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(b"\x1f\x8b" + b"not gzip at all")
    with pytest.raises(UserError, match="not a readable gzip"):
        read_document(broken)


def test_csv_description_over_128_kb_is_read(tmp_path: Path) -> None:
    path = tmp_path / "postings.csv"
    long = "Python and SQL. " * 10_000  # 160 KB: over the csv module's default field limit
    path.write_text(f'title,description\nML Engineer,"{long}"\n', encoding="utf-8")
    assert len(read_postings(path)[0].description) == len(long)


def test_deeply_nested_json_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "postings.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(UserError, match="nested too deeply"):
        read_postings(path)
    lines = tmp_path / "postings.jsonl"
    lines.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(UserError, match="nested too deeply"):
        read_postings(lines)


def test_posting_count_limit(tmp_path: Path) -> None:
    path = tmp_path / "postings.jsonl"
    path.write_text('{"description": "Python"}\n' * 5, encoding="utf-8")
    refused(lambda: read_postings(path, Limits(postings=3)), limits.POSTINGS)


def test_limits_are_documented() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "extraction.md").read_text(encoding="utf-8")
    for limit in limits.ALL:
        assert limit.name in docs, limit.name


def test_html_markup_does_not_count_against_the_text_limit(tmp_path: Path) -> None:
    bounds = Limits(text_chars=5000)
    page = tmp_path / "saved-job-page.html"
    styles = "<style>" + ".x{color:red}" * 2000 + "</style>"  # a saved page: mostly markup
    page.write_text(f"<html><head>{styles}</head><body><p>Python and SQL</p></body></html>", encoding="utf-8")
    assert read_document(page, bounds).text == "Python and SQL"
    page.write_text("<html><body>" + "<p>Python</p>" * 2000 + "</body></html>", encoding="utf-8")
    refused(lambda: read_document(page, bounds), limits.TEXT_CHARS)
