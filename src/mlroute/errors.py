"""Errors a user can act on.

Anything raised as ``UserError`` is the user's to fix (a bad path, a malformed file, an unknown id);
the shells print its message and exit with code 2, never a traceback. Everything else is a bug in mlroute.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input, with a message that says what is wrong and how to fix it."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class UnknownIdError(UserError):
    """An id that is not in the knowledge base (or the user's plan); carries the closest matches."""

    def __init__(self, kind: str, given: str, suggestions: list[str]) -> None:
        hint = f"Did you mean: {', '.join(suggestions)}?" if suggestions else "List them with `mlroute kb search`."
        super().__init__(f"Unknown {kind} id {given!r}.", hint=hint)
        self.kind = kind
        self.given = given
        self.suggestions = suggestions
