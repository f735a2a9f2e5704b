"""Errors in the browser's words and the reader's language: the figures kept, no command-line hints, no server
paths, and a Chinese sentence (with the original under details) for an error no rule knows."""

from __future__ import annotations

import re

import pytest

from mlroute.web.messages import localize

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("message", "hint", "kept"),
    [
        ("Cannot read the duration 'ten minutes'.", "Write it like 1h30m.", "ten minutes"),
        ("The duration '30h' is longer than a day.", "use --date for earlier days", "30h"),
        ("The date 2031-01-01 is in the future.", "Log study after it happened.", "2031-01-01"),
        ("Cannot read the time '7pm'.", "Use HH:MM, e.g. --at 19:30", "7pm"),
        ("'/tmp/x/backup.json' is backup format 9; this mlroute reads up to format 1.", None, "9"),
        ("The upload is larger than the 97 KB limit.", "Paste the text of the posting instead", "97 KB"),
        ("Reading the posting took longer than the 60 s limit and was stopped.", "Paste only…", "60 s"),
        ("CSRF check failed: reload the page and submit the form again.", "…", "CSRF"),
    ],
)
def test_known_errors_say_it_again_in_both_languages(message: str, hint: str | None, kept: str) -> None:
    for lang in ("en", "zh"):
        said = localize(message, hint, lang, "/match")
        assert kept in said.message and said.original is None
        text = said.message + (said.hint or "")
        assert "--" not in text and "mlroute backup" not in text and "/tmp/" not in text
        assert bool(CJK.search(text)) == (lang == "zh")


def test_the_upload_limit_hint_fits_the_form() -> None:
    backup = localize(
        "The upload is larger than the 5 MB limit.", "Paste the text of the posting", "en", "/documents/restore"
    )
    assert "posting" not in (backup.hint or "") and "backup" in (backup.hint or "")
    assert "Paste the text" in (localize("The upload is larger than the 5 MB limit.", None, "en", "/match").hint or "")


def test_an_unknown_error_keeps_its_words_in_english_without_a_cli_hint() -> None:
    en = localize("Something odd happened.", "Run `mlroute doctor` to check.", "en")
    assert (en.message, en.hint, en.original) == ("Something odd happened.", None, None)
    zh = localize("Something odd happened.", "Run `mlroute doctor` to check.", "zh")
    assert CJK.search(zh.message) and CJK.search(zh.hint or "")
    assert zh.original == "Something odd happened.\nRun `mlroute doctor` to check."
