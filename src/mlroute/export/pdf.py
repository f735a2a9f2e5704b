"""PDF rendering of a ``Document`` with fpdf2 and a Unicode font that has Chinese glyphs.

The font comes from, in order: the font the caller names (``MLROUTE_PDF_FONT``, a .ttf/.otf/.ttc file), the
subset of Noto Sans CJK SC that mlroute ships (``mlroute/fonts``, SIL OFL 1.1: Latin, punctuation, GB 2312 and
every character of the knowledge base), then common system fonts (Debian's ``fonts-noto-cjk`` and
``fonts-wqy-microhei``, then DejaVu) for characters outside the subset. When no font can draw the document's
Chinese text, the export stops with a message that says how to get one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mlroute.errors import UserError
from mlroute.export.document import Bullets, Document, Heading, Para, Table
from mlroute.export.escape import pdf_link

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
SYSTEM_FONTS = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # index 2: Simplified Chinese
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
)
FONT_HINT = (
    "Install Debian's fonts-noto-cjk, or set MLROUTE_PDF_FONT to a .ttf, .otf or .ttc font file with those glyphs. "
    "The Markdown and HTML formats need no font: --format md or --format html."
)
ACCENT = (47, 111, 235)
MUTED = (90, 96, 104)
TEXT = (31, 35, 40)


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int
    chars: frozenset[int]

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.chars


BUNDLED_FONT = Path(__file__).resolve().parents[1] / "fonts" / "NotoSansSC-mlroute-subset.ttf"
log = logging.getLogger(__name__)


def candidate_fonts(preferred: Path | None = None) -> list[tuple[Path, int]]:
    """Font files to try, best first: ``preferred`` (``MLROUTE_PDF_FONT``), the bundled one, system fonts."""
    found: list[tuple[Path, int]] = []
    if preferred is not None:
        if not preferred.is_file():
            raise UserError(f"MLROUTE_PDF_FONT points to {preferred}, which is not a file.", hint=FONT_HINT)
        found.append((preferred, 0))
    if BUNDLED_FONT.is_file():
        found.append((BUNDLED_FONT, 0))
    found += [(Path(p), i) for p, i in SYSTEM_FONTS if Path(p).is_file()]
    return found


def _load(path: Path, index: int) -> FontFile:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), fontNumber=index, lazy=True)
        chars = frozenset(font.getBestCmap() or {})
        font.close()
    except Exception as exc:  # a font file fontTools cannot read
        raise UserError(f"Cannot read the font {path}: {exc}", hint=FONT_HINT) from exc
    return FontFile(path, index, chars)


def choose_font(text: str, preferred: Path | None = None) -> FontFile:
    """The first candidate font that has every Chinese character of ``text``."""
    needed = {ch for ch in text if CJK.match(ch)}
    candidates = candidate_fonts(preferred)
    for path, index in candidates:
        font = _load(path, index)
        if all(font.covers(ch) for ch in needed):
            return font
        log.info("font %s lacks %d of the document's Chinese characters", path, sum(not font.covers(c) for c in needed))
    if not candidates:
        raise UserError("No Unicode font was found to write the PDF.", hint=FONT_HINT)
    raise UserError("This document has Chinese text and no installed font can draw it.", hint=FONT_HINT)


def _fit(text: str, font: FontFile) -> str:
    """Replace characters the font lacks (an emoji in a note, say) so they print as '?' rather than nothing."""
    return "".join(ch if ch in "\n\t" or font.covers(ch) else "?" for ch in text)


def render_pdf(doc: Document, *, created: datetime, font_file: Path | None = None) -> bytes:
    """``font_file``: a font to try first (``MLROUTE_PDF_FONT``)."""
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    font = choose_font(doc.text(), font_file)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(created)
    pdf.set_title(_fit(doc.title, font))
    pdf.set_creator("mlroute")
    pdf.set_lang(doc.lang)
    pdf.add_font("body", "", str(font.path), collection_font_number=font.index)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    width = pdf.epw
    # Chinese has no spaces between words: a line may break between any two characters, not only at spaces.
    wrap = WrapMode.CHAR if doc.lang.startswith("zh") else WrapMode.WORD

    def text_color(rgb: tuple[int, int, int]) -> None:
        pdf.set_text_color(*rgb)

    pdf.set_font("body", size=20)
    text_color(ACCENT)
    pdf.multi_cell(width, 10, _fit(doc.title, font), new_x="LMARGIN", new_y="NEXT", align="L", wrapmode=wrap)
    pdf.set_draw_color(*ACCENT)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.l_margin + width, pdf.get_y() + 1)
    pdf.ln(4)
    for b in doc.blocks:
        if isinstance(b, Heading):
            size = {1: 15, 2: 12.5}.get(b.level, 11)
            pdf.ln(3 if b.level > 1 else 5)
            pdf.set_font("body", size=size)
            text_color(ACCENT if b.level == 1 else TEXT)
            pdf.multi_cell(
                width, size * 0.55, _fit(b.text, font), new_x="LMARGIN", new_y="NEXT", align="L", wrapmode=wrap
            )
            pdf.ln(1.5)
        elif isinstance(b, Para):
            pdf.set_font("body", size=10.5)
            text_color(TEXT)
            pdf.multi_cell(width, 5.5, _fit(b.text, font), new_x="LMARGIN", new_y="NEXT", align="L", wrapmode=wrap)
            pdf.ln(2)
        elif isinstance(b, Bullets):
            _bullets(pdf, b, font, wrap)
        else:
            _table(pdf, b, font, wrap)
    return bytes(pdf.output())


def _bullets(pdf: Any, b: Bullets, font: FontFile, wrap: Any) -> None:
    pdf.set_font("body", size=10.5)
    for item in b.items:
        mark = "•" if item.checked is None else ("[x]" if item.checked else "[  ]")
        mark = mark if all(font.covers(c) for c in mark) else "-"
        pdf.set_text_color(*MUTED)
        pdf.cell(8, 5.5, mark)
        pdf.set_text_color(*(TEXT if not item.url else ACCENT))
        line = _fit(item.text, font)
        pdf.multi_cell(
            pdf.epw - 8, 5.5, line, link=pdf_link(item.url), new_x="LMARGIN", new_y="NEXT", align="L", wrapmode=wrap
        )
    pdf.ln(2)


def _table(pdf: Any, b: Table, font: FontFile, wrap: Any) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font("body", size=9)
    pdf.set_text_color(*TEXT)
    widths = tuple(b.widths) if b.widths else None
    heading = FontFace(emphasis=None, fill_color=(240, 243, 246), color=TEXT)
    with pdf.table(
        col_widths=widths,
        headings_style=heading,
        line_height=4.8,
        text_align="LEFT",
        padding=1.2,
        borders_layout="HORIZONTAL_LINES",
        wrapmode=wrap,
    ) as table:
        table.row([_fit(h, font) for h in b.header])
        for row in b.rows:
            table.row([_fit(c, font) for c in row])
    pdf.ln(3)
