"""Fuzzing the readers and the extractor (issue 11): random and damaged PDF, DOCX, HTML, text, GB18030, gzip,
CSV/JSON files, binary data and hostile text. Every case ends in a result or a ``UserError`` (never another
exception), within its time bound; the number of cases run is printed at the end of the test session.
"""

from __future__ import annotations

import contextlib
import gzip
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlroute.errors import UserError
from mlroute.extract.linker import Linker
from mlroute.extract.readers import read_document, read_postings
from tests.extract.test_bounds import deadline
from tests.extract.test_readers import make_docx, make_pdf

CASES: Counter[str] = Counter()
CASE_SECONDS = 10  # each case's bound; a hang or a quadratic blow-up fails it
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

SAMPLE = (
    "# ML Engineer\n任职要求：\n- 精通Python，熟悉PyTorch或TensorFlow，了解Kubernetes\n"
    "- 不需要Java经验\nNice to have: Docker, SQL (expert). https://github.com/x 《统计学习方法》\n"
)
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(list("PyTorch 熟悉了解精通或、，。；;:()（）/\n-*#《》\"'")),
    ),
    max_size=600,
)
SUFFIXES = [".txt", ".md", ".html", ".pdf", ".docx", ".csv", ".json", ".jsonl", ".txt.gz", ".bin"]


def _read(path: Path) -> None:
    """Read as every command would; only a ``UserError`` may come out."""
    with deadline(CASE_SECONDS):
        try:
            read_document(path)
        except UserError as exc:
            assert exc.message and "Traceback" not in exc.message
        with contextlib.suppress(UserError):
            read_postings(path)


@settings(SETTINGS, max_examples=400)
@given(text=TEXT)
def test_extraction_of_any_text_is_well_formed(lexical_linker: Linker, text: str) -> None:
    CASES["text"] += 1
    with deadline(CASE_SECONDS):
        mentions = lexical_linker.extract(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.level is None or 1 <= m.level <= 4
        assert not m.one_of or m.skill_id in m.one_of


@settings(SETTINGS, max_examples=500)
@given(
    head=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\x1f\x8b\x08", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe"]),
    data=st.binary(max_size=4096),
    suffix=st.sampled_from(SUFFIXES),
)
def test_random_bytes_in_every_format(tmp_path: Path, head: bytes, data: bytes, suffix: str) -> None:
    CASES["bytes"] += 1
    path = tmp_path / f"f{suffix}"
    path.write_bytes(head + data)
    _read(path)


def _mutations(seed: int, data: bytes) -> bytes:
    """Flip, drop or repeat a few byte ranges, or truncate: damaged files as people get them."""
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(("flip", "cut", "repeat", "truncate"))
        i = rng.randrange(len(out)) if out else 0
        if kind == "flip" and out:
            out[i] = rng.randrange(256)
        elif kind == "cut":
            del out[i : i + rng.randint(1, 64)]
        elif kind == "repeat":
            out[i:i] = out[i : i + rng.randint(1, 64)] * rng.randint(2, 50)
        else:
            del out[rng.randint(0, len(out)) :]
    return bytes(out)


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("originals")
    html = f"<html><body><h1>Role</h1><ul><li>{SAMPLE.replace(chr(10), '</li><li>')}</li></ul></body></html>"
    return {
        ".pdf": make_pdf(folder / "a.pdf", "Requirements:\nPython and PyTorch\nNice to have: Docker").read_bytes(),
        ".docx": make_docx(folder / "a.docx", SAMPLE.splitlines()).read_bytes(),
        ".html": html.encode("utf-8"),
        ".txt": SAMPLE.encode("gb18030"),
        ".md": SAMPLE.encode("utf-8"),
        ".csv": ('title,description\nMLE,"' + SAMPLE.replace('"', "'") + '"\n').encode("utf-8"),
        ".jsonl": ('{"title": "MLE", "description": "Python, SQL"}\n' * 3).encode("utf-8"),
        ".txt.gz": gzip.compress(SAMPLE.encode("utf-8")),
    }


@settings(SETTINGS, max_examples=1000)
@given(
    seed=st.integers(0, 2**32 - 1),
    suffix=st.sampled_from([".pdf", ".docx", ".html", ".txt", ".md", ".csv", ".jsonl", ".txt.gz"]),
)
def test_damaged_real_files(tmp_path: Path, originals: dict[str, bytes], seed: int, suffix: str) -> None:
    CASES[f"damaged{suffix}"] += 1
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(_mutations(seed, originals[suffix]))
    _read(path)


def test_originals_read_cleanly(tmp_path: Path, originals: dict[str, bytes]) -> None:
    for suffix, data in originals.items():
        path = tmp_path / f"ok{suffix}"
        path.write_bytes(data)
        CASES["original"] += 1
        assert "Python" in read_document(path).text, suffix


@pytest.mark.parametrize(
    "text",
    [
        "Python " * 60_000,  # one long line of names
        "熟悉" * 100_000,  # cue words only
        "或 " * 100_000 + "PyTorch",  # alternatives words
        "(" * 50_000 + "Python" + ")" * 50_000,
        "https://" + "a" * 200_000,  # an address that never ends
        "\u2028".join(["Python"] * 20_000),  # Unicode line separators
        "a@" * 100_000,  # half e-mail addresses
        '"' + "Designing Machine Learning Systems " * 5_000,  # a title that never closes
        "BS in " + "Statistics, " * 20_000,  # a degree field that never ends
        "不" * 100_000 + "Java",
    ],
)
def test_hostile_text_is_bounded(lexical_linker: Linker, text: str) -> None:
    CASES["hostile text"] += 1
    with deadline(CASE_SECONDS * 2):
        lexical_linker.extract(text)


def test_binary_gb18030_and_utf16_files(tmp_path: Path) -> None:
    cases = {
        "gb.txt": SAMPLE.encode("gb18030"),
        "utf16.txt": SAMPLE.encode("utf-16"),
        "bom.md": b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        "photo.txt": bytes(range(256)) * 40,
        "zeros.md": b"\x00" * 10_000,
    }
    for name, data in cases.items():
        CASES["encodings"] += 1
        path = tmp_path / name
        path.write_bytes(data)
        try:
            doc = read_document(path)
            assert "PyTorch" in doc.text, name
        except UserError as exc:
            assert name in ("photo.txt", "zeros.md"), (name, exc.message)


def test_docx_with_a_broken_part(tmp_path: Path) -> None:
    import zipfile

    good = make_docx(tmp_path / "good.docx", ["Python"])
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<not xml" if item.filename == "word/document.xml" else data)
    CASES["docx part"] += 1
    with pytest.raises(UserError, match="not a readable DOCX"):
        read_document(broken)


def test_crashers_found_by_fuzzing(tmp_path: Path, originals: dict[str, bytes]) -> None:
    """Each once raised something other than a UserError."""
    from tests.extract.hostile import pdf_stream_bomb

    unknown_filter = pdf_stream_bomb(tmp_path / "filter.pdf", 1000, filter_name="FlateDeFilter")
    data = bytearray(originals[".docx"])
    central = data.find(b"PK\x01\x02")
    data[central + 6 : central + 8] = (154).to_bytes(2, "little")  # needs zip version 15.4 to extract
    zip_version = tmp_path / "version.docx"
    zip_version.write_bytes(bytes(data))
    for path in (unknown_filter, zip_version):
        CASES["crashers"] += 1
        with pytest.raises(UserError, match="not a readable"):
            read_document(path)
