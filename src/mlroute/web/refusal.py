"""The answer every guard of the web app gives when it refuses a request: JSON under /api/, a small page with the
message elsewhere (HTMX puts it in the notice area). One module, so the guards need not import each other."""

from __future__ import annotations

import json
from html import escape

from starlette.responses import Response
from starlette.types import Scope


def refusal(scope: Scope, status: int, message: str, hint: str) -> Response:
    """JSON under /api/, a small page elsewhere (HTMX puts it in the notice area)."""
    if scope.get("path", "").startswith("/api/"):
        return Response(json.dumps({"error": message, "hint": hint}), status, media_type="application/json")
    body = (
        '<!doctype html><html><head><meta charset="utf-8"><title>mlroute</title></head><body>'
        f'<div id="error-card" class="card error" role="alert"><p>{escape(message)}</p><p>{escape(hint)}</p></div>'
        "</body></html>"
    )
    headers = {"hx-retarget": "#flash", "hx-reswap": "innerHTML", "hx-reselect": "#error-card"}
    return Response(body, status, headers=headers, media_type="text/html")
