"""Reading real files: PDF, DOCX, HTML, Markdown, text in UTF-8 and GBK, and collections of postings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlroute.errors import UserError
from mlroute.extract.limits import Limits
from mlroute.extract.readers import decode, html_text, iter_posting_files, read_document, read_postings

ZH = "熟悉PyTorch，有推荐系统经验者优先。精通Python。"


def make_pdf(path: Path, text: str | None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 100, 60, style="F")  # a page with a drawing and no text, like a scan
    else:
        pdf.set_font("helvetica", size=12)
        for line in text.splitlines():
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Skills"
    table.rows[0].cells[1].text = "Kubernetes"
    doc.save(str(path))
    return path


def test_pdf_with_text(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "p.pdf", "Requirements:\nPython and PyTorch"))
    assert doc.format == "pdf"
    assert "PyTorch" in doc.text


def test_pdf_without_text_layer_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no text layer") as info:
        read_document(make_pdf(tmp_path / "scan.pdf", None))
    assert "OCR" in (info.value.hint or "")


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage garbage")
    with pytest.raises(UserError):
        read_document(path)


def test_docx_paragraphs_and_tables_in_chinese(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "r.docx", ["任职要求：", ZH]))
    assert doc.format == "docx"
    assert ZH in doc.text and "Kubernetes" in doc.text


def test_not_really_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("just text", encoding="utf-8")
    with pytest.raises(UserError, match="DOCX"):
        read_document(path)


def test_html_keeps_inline_markup_inside_its_sentence() -> None:
    html = (
        "<html><head><style>p{}</style><script>var python=1</script></head><body><h2>Nice to have</h2>"
        "<ul><li>Experience with <b>Docker</b> is a plus</li><li>熟悉<i>PyTorch</i></li></ul></body></html>"
    )
    assert html_text(html).splitlines() == ["Nice to have", "Experience with Docker is a plus", "熟悉PyTorch"]


def test_gbk_and_gb18030_text(tmp_path: Path) -> None:
    for enc in ("gbk", "gb18030"):
        path = tmp_path / f"zh-{enc}.txt"
        path.write_bytes(ZH.encode(enc))
        doc = read_document(path)
        assert doc.text == ZH
        assert doc.encoding == "gb18030"


def test_utf8_bom_and_utf16() -> None:
    assert decode("\ufeffPython".encode()) == ("Python", "utf-8-sig")
    assert decode("熟悉Python".encode("utf-16"))[0] == "熟悉Python"


def test_empty_binary_missing_and_too_big(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="empty"):
        read_document(empty)
    blank = tmp_path / "blank.md"
    blank.write_text("  \n\n ", encoding="utf-8")
    with pytest.raises(UserError, match="no text"):
        read_document(blank)
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UserError, match="binary"):
        read_document(binary)
    with pytest.raises(UserError, match="does not exist"):
        read_document(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    big.write_text("Python " * 1000, encoding="utf-8")
    with pytest.raises(UserError, match="limit"):
        read_document(big, Limits(file_bytes=1000))
    with pytest.raises(UserError, match="directory"):
        read_document(tmp_path)


def test_csv_postings_with_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        'Title,Job_Description,Company,Seniority\nML Engineer,"Python, PyTorch",A,senior\n,,B,\n', encoding="utf-8"
    )
    postings = read_postings(path)
    assert len(postings) == 1
    assert postings[0].title == "ML Engineer" and postings[0].seniority == "senior"
    assert postings[0].description == "Python, PyTorch"


def test_csv_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_bytes("title,description\n算法工程师,熟悉PyTorch\n".encode("gbk"))
    assert read_postings(path)[0].title == "算法工程师"


def test_csv_without_a_description_column(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text("name,salary\nx,1\n", encoding="utf-8")
    with pytest.raises(UserError, match="columns found: name, salary"):
        read_postings(path)


def test_json_and_jsonl(tmp_path: Path) -> None:
    j = tmp_path / "jobs.json"
    j.write_text(json.dumps({"jobs": [{"title": "A", "text": "Python"}, {"title": "B", "body": "SQL"}]}))
    assert [p.description for p in read_postings(j)] == ["Python", "SQL"]
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"description": "Go"}))
    assert len(read_postings(one)) == 1
    jl = tmp_path / "jobs.jsonl"
    jl.write_text('{"description": "Python"}\n\n{"description": "Java"}\n', encoding="utf-8")
    assert len(read_postings(jl)) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"description": "Python"}\n{oops\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"bad\.jsonl:2"):
        read_postings(bad)


def test_a_single_document_is_one_posting_titled_by_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "job.md"
    path.write_text("# Data Engineer\n\nSQL and Python", encoding="utf-8")
    (posting,) = read_postings(path)
    assert posting.title == "Data Engineer"


def test_directory_listing_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("x")
    assert [p.name for p in iter_posting_files(tmp_path)] == ["a.txt"]
    with pytest.raises(UserError, match="no postings files"):
        iter_posting_files(_empty(tmp_path))


def _empty(tmp_path: Path) -> Path:
    d = tmp_path / "empty"
    d.mkdir()
    return d
