"""Readable contrast in both themes (WCAG 2.1 AA): text ≥ 4.5:1 against what it sits on, the shapes that carry
meaning (card edges, bars, the focus ring) ≥ 3:1. Checked on the stylesheet's own colour variables, each written
once as ``light-dark(light, dark)``."""

from __future__ import annotations

import re

import pytest

from mlroute.web.app import WEB_DIR

CSS = (WEB_DIR / "static" / "css" / "app.css").read_text()

TEXT = [
    ("fg", "bg"),
    ("fg", "card"),
    ("fg", "zebra"),
    ("muted", "bg"),
    ("muted", "card"),
    ("accent", "bg"),
    ("accent", "card"),
    ("accent-fg", "accent"),
    ("ok-fg", "ok"),
    ("fg", "doing-bg"),
    ("fg", "done-bg"),
    ("fg", "skill-bg"),
    ("fg", "open-bg"),
    ("muted", "skipped-bg"),
    ("doing", "doing-bg"),
    ("done", "done-bg"),
    ("skipped", "skipped-bg"),
    ("open", "open-bg"),
    ("todo", "bg"),
    ("skill", "bg"),
    ("skill", "skill-bg"),
    ("bg", "skill"),
]
SHAPES = [
    ("todo", "bg"),
    ("doing", "bg"),
    ("done", "bg"),
    ("skipped", "bg"),
    ("open", "bg"),
    ("skill", "bg"),
    ("edge", "bg"),
    ("focus", "bg"),
    ("focus", "card"),
    ("band", "card"),
    ("band-now", "card"),
    ("control", "bg"),
    ("control", "card"),
    ("doing", "doing-bg"),
    ("done", "done-bg"),
    ("skill", "skill-bg"),
    ("open", "open-bg"),
    ("skill", "grow-bg"),
    ("todo", "zebra"),
    ("doing", "zebra"),
    ("done", "zebra"),
]


def variables(theme: str) -> dict[str, str]:
    """``--name: light-dark(#light, #dark)`` → {name: colour} for ``theme`` (light or dark)."""
    block = re.search(r":root\s*\{(.*?)\}", CSS, flags=re.S)
    assert block
    pairs = re.findall(r"--([\w-]+):\s*light-dark\((#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\)", block.group(1))
    assert len(pairs) > 25, "the colours are no longer written as light-dark()"
    return {name: light if theme == "light" else dark for name, light, dark in pairs}


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_ratio_matches_known_values() -> None:
    assert round(ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(ratio("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_contrast(theme: str) -> None:
    colours = variables(theme)
    failures = [
        f"text {fg} on {bg}: {ratio(colours[fg], colours[bg]):.2f}"
        for fg, bg in TEXT
        if ratio(colours[fg], colours[bg]) < 4.5
    ] + [
        f"shape {fg} on {bg}: {ratio(colours[fg], colours[bg]):.2f}"
        for fg, bg in SHAPES
        if ratio(colours[fg], colours[bg]) < 3.0
    ]
    assert not failures, failures
