"""What the last action did, said on the next page: "“Deep Learning” is done. Undo".

A form posts, the route records the change and answers with a redirect that carries a short-lived cookie naming
the notice (a key from the table below, the item's title, one figure); the page that follows shows it in the
notice area and clears the cookie. HTMX follows the same redirect, so a partial update shows the notice too
(``static/js/app.js`` copies it into place). Only the keys below are ever shown: the cookie chooses a sentence,
it never carries one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from mlroute.web.i18n import translations

COOKIE = "mlroute_notice"
MAX_AGE = 60


def _(text: str) -> str:
    """Marks a sentence for the catalogs; translated when shown."""
    return text


TEXTS = {
    "doing": _("Started “%(title)s”. Log your time on it as you go."),
    "done": _("“%(title)s” is done. Well done!"),
    "skipped": _("Skipped “%(title)s”: it no longer counts as work to do."),
    "undone": _("“%(title)s” is back on your list."),
    "undone-earlier": _("“%(title)s” is back on your list. Re-plan to give it weeks again."),
    "logged": _("Logged %(extra)s on “%(title)s”."),
    "journal": _("Journal entry saved."),
    "evidence": _("Link saved: it will show in your portfolio checklist and transition plan."),
    "reviewed": _("Review saved; “%(title)s” comes back on %(extra)s."),
    "settings": _("Settings saved."),
}
UNDOABLE = frozenset({"done", "skipped"})


@dataclass(frozen=True)
class Notice:
    text: str
    kind: str  # ok | error
    undo: str | None  # the item whose change an Undo button takes back


def tell(response: Response, key: str, *, title: str = "", extra: str = "", item: str = "") -> Response:
    """Attach the notice ``key`` (one of ``TEXTS``) to a redirect."""
    assert key in TEXTS, key
    value = json.dumps({"k": key, "t": title[:200], "x": extra[:40], "i": item[:200]}, ensure_ascii=True)
    response.set_cookie(COOKIE, value, max_age=MAX_AGE, path="/", samesite="strict", httponly=True)
    return response


def read(request: Request, lang: str) -> Notice | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        key, title, extra, item = (str(data.get(k, "")) for k in ("k", "t", "x", "i"))
    except (ValueError, AttributeError):
        return None
    if key not in TEXTS:
        return None
    text = translations(lang).gettext(TEXTS[key]) % {"title": title, "extra": extra}
    return Notice(text=text, kind="ok", undo=item if key in UNDOABLE and item else None)


def clear(request: Request, response: Response) -> None:
    """Drop the cookie once its notice has been shown."""
    if COOKIE in request.cookies:
        response.delete_cookie(COOKIE, path="/", samesite="strict", httponly=True)
