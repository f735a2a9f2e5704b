"""The learning journal and evidence links: ``mlroute journal add|list`` and ``mlroute evidence add|list``."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from mlroute.errors import UserError
from mlroute.export.escape import check_web_url
from mlroute.services.journey import choice, load_journey, now_or, parse_day, resolve_item, today_or
from mlroute.services.results import Result
from mlroute.store import Store, repo
from mlroute.store.models import EVIDENCE_KINDS as EVIDENCE_KINDS
from mlroute.store.models import JOURNAL_KINDS as JOURNAL_KINDS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession


class JournalEntry(Result):
    id: int
    day: date
    kind: str
    text: str
    tags: list[str]
    items: list[str]


class JournalList(Result):
    entries: list[JournalEntry]
    count: int


class EvidenceAdded(Result):
    id: int
    kind: str
    url: str
    title: str | None
    item: str | None


class Evidence(EvidenceAdded):
    added: date


class EvidenceList(Result):
    links: list[Evidence]
    count: int


def journal_add(
    store: Store,
    text: str,
    *,
    kind: str = "insight",
    tags: list[str] | None = None,
    items: list[str] | None = None,
    day: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> JournalEntry:
    kind = choice(kind, JOURNAL_KINDS, "journal kind")
    if not text.strip():
        raise UserError("The journal entry is empty.", hint="Write what you designed, learned or struggled with.")
    today, now = today_or(today), now_or(now)
    when = parse_day(day, today)
    clean_tags = sorted({t.strip().lstrip("#").lower() for t in tags or [] if t.strip()})

    def tx(s: DbSession) -> JournalEntry:
        linked: list[str] = []
        if items:
            journey = load_journey(s)
            linked = [resolve_item(i, journey) for i in items]
        entry_id = repo.add_journal(s, day=when, kind=kind, text=text.strip(), tags=clean_tags, items=linked, now=now)
        return JournalEntry(id=entry_id, day=when, kind=kind, text=text.strip(), tags=clean_tags, items=linked)

    return store.write(tx)


def journal_list(
    store: Store,
    *,
    kind: str | None = None,
    tag: str | None = None,
    item: str | None = None,
    limit: int | None = None,
) -> JournalList:
    if kind:
        kind = choice(kind, JOURNAL_KINDS, "journal kind")

    def read(s: DbSession) -> list[JournalEntry]:
        wanted_item = resolve_item(item, load_journey(s)) if item else None
        rows = [
            JournalEntry(id=r.id, day=r.day, kind=r.kind, text=r.text, tags=r.tags, items=r.items)
            for r in repo.journal(s)
            if (kind is None or r.kind == kind)
            and (tag is None or tag.lstrip("#").lower() in r.tags)
            and (wanted_item is None or wanted_item in r.items)
        ]
        return rows[-limit:] if limit else rows

    entries = store.read(read)
    return JournalList(entries=entries, count=len(entries))


def guess_evidence_kind(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    if any(h in host for h in ("github.", "gitlab.", "bitbucket.", "gitee.", "huggingface.")):
        return "repository"
    if any(h in host for h in ("youtube.", "youtu.be", "bilibili.", "vimeo.", "slideshare.", "speakerdeck.")):
        return "talk"
    return "post"


def evidence_add(
    store: Store,
    url: str,
    *,
    kind: str | None = None,
    title: str | None = None,
    item: str | None = None,
    now: datetime | None = None,
) -> EvidenceAdded:
    url = check_web_url(url)  # export.escape: http(s) only; no spaces, quotes or angle brackets
    chosen = choice(kind, EVIDENCE_KINDS, "evidence kind") if kind else guess_evidence_kind(url)
    now = now_or(now)

    def tx(s: DbSession) -> EvidenceAdded:
        item_id = resolve_item(item, load_journey(s)) if item else None
        link_id = repo.add_evidence(s, kind=chosen, url=url, title=title, item_id=item_id, now=now)
        return EvidenceAdded(id=link_id, kind=chosen, url=url, title=title, item=item_id)

    return store.write(tx)


def evidence_list(store: Store) -> EvidenceList:
    links = store.read(
        lambda s: [
            Evidence(id=e.id, kind=e.kind, url=e.url, title=e.title, item=e.item_id, added=e.created_at.date())
            for e in repo.evidence(s)
        ]
    )
    return EvidenceList(links=links, count=len(links))
