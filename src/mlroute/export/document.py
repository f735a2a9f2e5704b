"""A small document model (headings, paragraphs, lists, checklists, tables) and its Markdown and HTML renderers.

Every mlroute document is built once as a list of blocks and rendered to each format from the same blocks, so
the Markdown, HTML and PDF versions cannot drift apart. The PDF renderer lives in ``export.pdf``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from mlroute.export.escape import md_link, md_text, web_url


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullet:
    text: str
    url: str | None = None
    checked: bool | None = None  # None: a plain bullet; True/False: a checklist box


@dataclass(frozen=True)
class Bullets:
    items: list[Bullet]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)  # relative column widths for the PDF


Block = Heading | Para | Bullets | Table


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    lang: str = "en"

    def h(self, level: int, text: str) -> None:
        self.blocks.append(Heading(level, text))

    def p(self, text: str) -> None:
        self.blocks.append(Para(text))

    def ul(self, items: list[Bullet] | list[str]) -> None:
        self.blocks.append(Bullets([b if isinstance(b, Bullet) else Bullet(b) for b in items]))

    def table(self, header: list[str], rows: list[list[str]], widths: list[float] | None = None) -> None:
        self.blocks.append(Table(header, rows, widths or []))

    def text(self) -> str:
        """All visible text, for checking which glyphs a font must have."""
        parts = [self.title]
        for b in self.blocks:
            if isinstance(b, Heading | Para):
                parts.append(b.text)
            elif isinstance(b, Bullets):
                parts += [i.text for i in b.items]
            else:
                parts += b.header + [c for row in b.rows for c in row]
        return "\n".join(parts)


def _md(text: str) -> str:
    return md_text(text)  # export.escape: user text shown as typed, never markup or raw HTML


def to_markdown(doc: Document) -> str:
    out = [f"# {_md(doc.title)}", ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += ["#" * (b.level + 1) + " " + _md(b.text), ""]
        elif isinstance(b, Para):
            out += ["  \n".join(_md(line) for line in b.text.splitlines()), ""]
        elif isinstance(b, Bullets):
            for item in b.items:
                box = "" if item.checked is None else ("[x] " if item.checked else "[ ] ")
                text = md_link(item.text, item.url)  # export.escape: web links only, percent-encoded
                out.append(f"- {box}{text}")
            out.append("")
        else:
            out.append("| " + " | ".join(_md(h) for h in b.header) + " |")
            out.append("|" + "---|" * len(b.header))
            for row in b.rows:
                out.append("| " + " | ".join(_md(c).replace("\n", " ") for c in row) + " |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5;
       color: #1f2328; }
h1 { font-size: 1.8rem; border-bottom: 2px solid #2f6feb; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; color: #2f6feb; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
ul.checklist { list-style: none; padding-left: 1rem; }
p { white-space: pre-line; }
"""


def to_html(doc: Document) -> str:
    e = html.escape
    out = [
        "<!doctype html>",
        f'<html lang="{e(doc.lang)}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(doc.title)}</title><style>{CSS}</style></head>",
        "<body>",
        f"<h1>{e(doc.title)}</h1>",
    ]
    for b in doc.blocks:
        if isinstance(b, Heading):
            tag = f"h{min(b.level + 1, 6)}"
            out.append(f"<{tag}>{e(b.text)}</{tag}>")
        elif isinstance(b, Para):
            out.append(f"<p>{e(b.text)}</p>")
        elif isinstance(b, Bullets):
            checklist = any(i.checked is not None for i in b.items)
            out.append('<ul class="checklist">' if checklist else "<ul>")
            for item in b.items:
                box = ""
                if item.checked is not None:
                    box = f'<input type="checkbox" disabled{" checked" if item.checked else ""}> '
                url = web_url(item.url)  # export.escape: http(s) only, so no javascript: link
                text = f'<a href="{e(url)}">{e(item.text)}</a>' if url else e(item.text)
                out.append(f"<li>{box}{text}</li>")
            out.append("</ul>")
        else:
            out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in b.header) + "</tr></thead>")
            out.append("<tbody>")
            for row in b.rows:
                out.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
            out.append("</tbody></table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
