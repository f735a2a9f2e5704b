"""Comments on a learner's plan items and journal entries: their mentor writes them, the learner reads and
answers them. They are the learner's data (stored in the learner's scope), so the mentor's calls go through the
learner's store after ``services.cohort.mentee`` has checked the assignment.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select

from mlroute.errors import UserError
from mlroute.services.journey import now_or
from mlroute.services.results import IsoDateTime, Result
from mlroute.store import Store, team_repo
from mlroute.store.models import JournalEntryRow, PlanRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

MAX_TEXT = 4_000
TargetKind = Literal["item", "journal"]


class Comment(Result):
    id: int
    author: str
    target_kind: str
    target: str
    text: str
    created_at: IsoDateTime
    read: bool


class Thread(Result):
    target_kind: str
    target: str
    title: str
    comments: list[Comment]


class Feedback(Result):
    threads: list[Thread]
    unread: int


def _titles(s: DbSession) -> tuple[dict[str, str], dict[str, str]]:
    """Item id → title over every plan version, journal entry id → its first words."""
    items: dict[str, str] = {}
    for plan in s.scalars(select(PlanRow).order_by(PlanRow.version)):
        items.update({str(it["id"]): str(it.get("title", it["id"])) for it in plan.data.get("items", [])})
    journal = {str(j.id): f"{j.day.isoformat()} · {j.text[:80]}" for j in s.scalars(select(JournalEntryRow))}
    return items, journal


def add(
    store: Store,
    *,
    author_id: int,
    author: str,
    target_kind: str,
    target: str,
    text: str,
    now: datetime | None = None,
) -> Comment:
    """A comment on one of the store's owner's items or journal entries (which must exist)."""
    body = text.strip()
    if not body:
        raise UserError("The comment is empty.", hint="Write something first.")
    if len(body) > MAX_TEXT:
        raise UserError(f"The comment is longer than {MAX_TEXT:,} characters.", hint="Shorten it.")
    if target_kind not in ("item", "journal"):
        raise UserError(f"Cannot comment on {target_kind!r}.", hint="Comment on a plan item or a journal entry.")
    now = now_or(now)

    def tx(s: DbSession) -> Comment:
        items, journal = _titles(s)
        if target not in (items if target_kind == "item" else journal):
            what = "plan item" if target_kind == "item" else "journal entry"
            raise UserError(f"There is no {what} {target!r} to comment on.", hint="Pick one from the learner's page.")
        row = team_repo.add_comment(
            s,
            author_id=author_id,
            author=author,
            target_kind=target_kind,
            target=target,
            text=body,
            now=now,
            read=author_id == store.owner,
        )
        return _comment(row)

    return store.write(tx)


def _comment(row: object) -> Comment:
    from mlroute.store.team_models import CommentRow

    assert isinstance(row, CommentRow)
    return Comment(
        id=row.id,
        author=row.author,
        target_kind=row.target_kind,
        target=row.target,
        text=row.text,
        created_at=row.created_at,
        read=row.read_at is not None,
    )


def feedback(store: Store, *, reader_id: int, mark_read: bool = False, now: datetime | None = None) -> Feedback:
    """Every comment thread on the store owner's items and entries, newest thread first; ``mark_read`` (the
    learner opening their feedback) marks what others wrote as read."""
    now = now_or(now)

    def tx(s: DbSession) -> Feedback:
        rows = team_repo.comments(s)
        items, journal = _titles(s)
        unread = sum(1 for r in rows if r.read_at is None and r.author_id != reader_id)
        threads: dict[tuple[str, str], Thread] = {}
        for r in rows:
            key = (r.target_kind, r.target)
            if key not in threads:
                title = (items if r.target_kind == "item" else journal).get(r.target, r.target)
                threads[key] = Thread(target_kind=r.target_kind, target=r.target, title=title, comments=[])
            threads[key].comments.append(_comment(r))
        if mark_read and unread:
            team_repo.mark_comments_read(s, reader_id, now)
        ordered = sorted(threads.values(), key=lambda t: t.comments[-1].created_at, reverse=True)
        return Feedback(threads=ordered, unread=unread)

    return store.write(tx) if mark_read else store.read(tx)
