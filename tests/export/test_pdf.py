"""PDF with a Unicode font: Chinese text is drawn (and extractable), or the export says how to get a font."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from mlroute.errors import UserError
from mlroute.export import pdf
from mlroute.export.document import Bullet, Document

CREATED = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)


def doc() -> Document:
    d = Document("转行计划: Alex → Machine Learning Engineer")
    d.h(1, "Goals")
    d.p("目标：机器学习工程师。Ready in 16 weeks — “quotes” and café.")
    d.ul([Bullet("李宏毅 机器学习 2022", checked=False), Bullet("github", url="https://github.com/a/b")])
    d.table(["Week", "Item"], [["1", "线性代数"], ["2", "An ML course"]], [0.2, 0.8])
    return d


def test_chinese_text_is_embedded_and_extractable() -> None:
    data = pdf.render_pdf(doc(), created=CREATED)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("转行计划", "机器学习工程师", "李宏毅", "线性代数", "An ML course", "café"):
        assert expected in text
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts
    assert reader.metadata is not None and reader.metadata.title.startswith("转行计划")


def test_same_document_same_bytes() -> None:
    assert pdf.render_pdf(doc(), created=CREATED) == pdf.render_pdf(doc(), created=CREATED)


def test_packaged_font_is_found() -> None:
    font = pdf.choose_font("机器学习")
    assert font.path == pdf.BUNDLED_FONT and font.covers("学") and font.covers("A")


def test_the_bundled_font_covers_the_knowledge_base_and_its_licence_ships_with_it() -> None:
    from mlroute.services.kb import index

    font = pdf.choose_font("")
    kb = index().kb
    names = "".join(s.name.zh for s in kb.skills) + "".join(r.name.zh for r in kb.roles)
    assert [ch for ch in names if pdf.CJK.match(ch) and not font.covers(ch)] == []
    licence = (pdf.BUNDLED_FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and pdf.BUNDLED_FONT.name in licence


def test_no_chinese_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("needs DejaVu Sans (fonts-dejavu-core) as a font without Chinese glyphs")
    monkeypatch.setattr(pdf, "candidate_fonts", lambda preferred=None: [(dejavu, 0)])
    with pytest.raises(UserError) as err:
        pdf.render_pdf(doc(), created=CREATED)
    assert "Chinese text" in err.value.message
    assert "MLROUTE_PDF_FONT" in (err.value.hint or "") and "--format md" in (err.value.hint or "")
    # a document without Chinese still renders with that font
    plain = Document("Plan")
    plain.p("English only")
    assert pdf.render_pdf(plain, created=CREATED).startswith(b"%PDF")


def test_a_missing_font_file_in_the_settings_is_named(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"MLROUTE_PDF_FONT points to .*nope\.ttf"):
        pdf.choose_font("x", tmp_path / "nope.ttf")


def test_the_font_in_the_settings_is_tried_first() -> None:
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("needs DejaVu Sans (fonts-dejavu-core)")
    assert pdf.choose_font("plain text", dejavu).path == dejavu
    assert pdf.choose_font("机器学习", dejavu).path == pdf.BUNDLED_FONT  # DejaVu has no Chinese


def test_characters_the_font_lacks_print_as_question_marks() -> None:
    d = Document("Notes")
    d.p("shipped it \U0001f680")
    text = PdfReader(io.BytesIO(pdf.render_pdf(d, created=CREATED))).pages[0].extract_text()
    assert "shipped it ?" in text


def test_the_shipped_font_draws_every_fixed_word_of_the_documents() -> None:
    """A Chinese document's headings and sentences never need a system font."""
    from mlroute.export.words import T

    font = pdf._load(pdf.BUNDLED_FONT, 0)
    assert [c for en, zh in T.values() for c in en + zh if not font.covers(c)] == []


def test_a_chinese_document_wraps_between_characters() -> None:
    """Chinese has no spaces: a long sentence breaks where the line is full, not at the last space before it."""
    d = Document("转型计划", lang="zh")
    d.p("下表的里程碑按逐周安排表排定，每周安排约 7 小时学习。" * 6)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.render_pdf(d, created=CREATED))).pages)
    lines = [line for line in text.splitlines() if line.strip()][1:]
    assert len(lines) >= 3 and all(len(line) >= 40 for line in lines[:-1]), lines
