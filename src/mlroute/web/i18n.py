"""UI strings in English and Chinese through gettext catalogs.

The catalogs are the ``.po`` files under ``web/locale``; they are compiled in memory on first use (Babel), so the
package ships reviewable text only and needs no build step.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext.NullTranslations:
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    po_path = resources.files("mlroute.web") / "locale" / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.is_file():
        return gettext.NullTranslations()
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def pick_language(cookie: str | None, accept_language: str | None) -> str:
    """The cookie wins; otherwise the browser's first supported language; otherwise English."""
    if cookie in LANGUAGES:
        return cookie
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE
