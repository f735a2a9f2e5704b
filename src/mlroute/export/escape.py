"""Escaping user text and links for each output format, so an exported document runs nothing when opened.

The documents carry text people typed (journal entries, notes, evidence titles) and links they gave. Each format
has its own active syntax: raw HTML and link destinations in Markdown, markup and ``href`` in HTML, property
and line syntax in iCalendar, link actions in PDF. Links are also checked on output, not only on input, because a
backup restored from elsewhere can hold anything.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

WEB_SCHEMES = ("http", "https")
# Characters that are never literal in a link we write: they end a Markdown destination, an HTML attribute, or
# open markup. Everything else the URL standard allows is kept as it is so links stay readable.
URL_SAFE = "/:?#[]@!$&'*+,;=%-._~"
URL_UNSAFE = re.compile(r"[\x00-\x20\x7f\"'<>\\^`{|}()]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# Markdown: every ASCII punctuation character may be backslash-escaped in CommonMark. These are the ones that can
# start markup inline (emphasis, code, links and images, raw HTML, entities, autolinks, tables, strikethrough).
MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# At the start of a line these open a block (heading, list, thematic break, setext underline); `>` and fences are
# escaped inline already.
MD_BLOCK_START = re.compile(r"^([-+=#]|\d{1,9}[.)](?=\s|$))")


def web_url(url: str | None) -> str | None:
    """The link as it may be written into a document: an http(s) URL with its unsafe characters percent-encoded,
    or None when it is no web address (``javascript:``, ``data:``, a bare word)."""
    if not url:
        return None
    url = CONTROL.sub("", url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return None
    return URL_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), url)


def md_text(text: str) -> str:
    """Text for a Markdown paragraph, list item, heading or table cell: one line, shown exactly as typed."""
    line = CONTROL.sub(" ", text).replace("\n", " ").replace("\t", " ").strip()  # inner spacing kept
    escaped = MD_INLINE.sub(r"\\\1", line)
    # "1." and "1)" keep their digits and escape the punctuation (a backslash before a digit is printed as is).
    return MD_BLOCK_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def md_lines(text: str) -> list[str]:
    """Text that keeps its line breaks (a paragraph): each line escaped as ``md_text``."""
    return [md_text(line) for line in text.splitlines() if line.strip()] or [""]


def md_link(text: str, url: str | None) -> str:
    """``[text](<url>)`` for a web link; just the escaped text, then the escaped address, for anything else."""
    safe = web_url(url)
    if safe is None:
        return md_text(text) if not url or url == text else f"{md_text(text)} ({md_text(url)})"
    return f"[{md_text(text)}](<{safe}>)"


def ics_text(text: str) -> str:
    """Text for an iCalendar property: no control characters (the library escapes commas, semicolons and line
    breaks; a bare carriage return or a NUL would still break or smuggle lines in some readers)."""
    return CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def ics_line(text: str) -> str:
    """Text for a one-line iCalendar property (a summary, the calendar's name): line breaks become spaces
    (``X-WR-CALNAME`` is not escaped by the library at all, and a break in it was a traceback)."""
    return " ".join(ics_text(text).split("\n")).strip()


def pdf_link(url: str | None) -> str:
    """A PDF link action only for web addresses (a ``javascript:`` or ``file:`` action would run in some
    readers); empty means no link."""
    return web_url(url) or ""


MAX_URL = 2000
URL_REFUSED = re.compile(r"[\s\"'<>\\`^{|}\x00-\x1f\x7f]")


def check_web_url(url: str) -> str:
    """An evidence link as given, or a UserError saying what is wrong with it (the scheme, a space, a quote…).

    Documents escape links anyway; refusing them at the door keeps the stored data clean and tells the person
    at once, while they still have the right link at hand."""
    from mlroute.errors import UserError

    url = url.strip()
    hint = "Give the full link as the browser shows it, e.g. https://github.com/you/project"
    bad = URL_REFUSED.search(url)
    if bad:
        what = {" ": "a space", '"': "a quote", "'": "a quote", "<": "a '<'", ">": "a '>'"}.get(
            bad.group(0), f"the character {bad.group(0)!r}"
        )
        raise UserError(f"The link {url[:200]!r} has {what}, which a web address cannot contain.", hint=hint)
    if len(url) > MAX_URL:
        raise UserError(f"The link is {len(url)} characters long; the limit is {MAX_URL}.", hint=hint)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme.lower() not in WEB_SCHEMES:
        raise UserError(f"{url[:200]!r} is not a web address: links must start with https:// or http://.", hint=hint)
    if not host or ("." not in host and host != "localhost" and ":" not in host):
        raise UserError(f"{url[:200]!r} has no site name after {parts.scheme}://.", hint=hint)
    return url
