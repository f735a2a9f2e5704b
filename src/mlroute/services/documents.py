"""Documents: the transition plan, the learning log, the portfolio checklist (Markdown, HTML or PDF) and the
calendar (iCalendar), rendered to bytes from the stored journey.

The CLI writes the bytes to the file the person names (``save``); the web app streams them. What the documents
say is assembled by ``mlroute.export.context``; this module only reads the store and picks the renderer.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import model_serializer
from pydantic_core.core_schema import SerializerFunctionWrapHandler

from mlroute.errors import UserError
from mlroute.services.interview_readiness import for_documents
from mlroute.services.journey import load_journey, now_or, plan_version, today_or
from mlroute.services.quiz_levels import evidenced_profile
from mlroute.services.results import Result
from mlroute.services.status import end_of_week, make_status
from mlroute.store import Store, repo
from mlroute.track.duration import parse_duration
from mlroute.track.journey import Journey, PlanVersion

if TYPE_CHECKING:
    from mlroute.export.document import Document
    from mlroute.export.names import Names
    from mlroute.kb import KBIndex

log = logging.getLogger(__name__)
FORMATS = ("md", "html", "pdf")
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
}


@dataclass(frozen=True)
class Rendered:
    """A document as bytes, with what the CLI reports about it (sections, weeks, projects, events…)."""

    data: bytes
    format: str
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


class Written(Result):
    """What ``mlroute export …`` and ``mlroute backup`` print: the file, its format and size, and the facts of
    that kind of document (``sections``; ``weeks``; ``projects``; ``events`` and ``weeks``; ``counts``)."""

    path: str
    format: str | None = None
    bytes: int
    sections: list[str] | None = None
    events: int | None = None
    weeks: int | None = None
    projects: int | None = None
    counts: dict[str, int] | None = None

    @model_serializer(mode="wrap")
    def _only_the_facts_of_this_kind(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}


def format_of(path: Path, fmt: str | None, allowed: tuple[str, ...] = FORMATS) -> str:
    """The format from ``--format`` or else the file name's suffix."""
    chosen = (fmt or path.suffix.lstrip(".") or allowed[0]).lower()
    chosen = {"markdown": "md", "htm": "html"}.get(chosen, chosen)
    if chosen not in allowed:
        raise UserError(f"Unknown format {chosen!r} for {path.name}.", hint=f"Use --format {' | '.join(allowed)}.")
    return chosen


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UserError(f"Unknown format {fmt!r}.", hint=f"Choose one of: {', '.join(FORMATS)}.")
    return fmt


def save(path: Path, rendered: Rendered) -> Written:
    """Write to a temporary file beside ``path`` and rename it over: a crash never leaves half a file."""
    path = path.expanduser()
    if path.is_dir():
        raise UserError(f"{path} is a folder.", hint="Give a file name, e.g. -o plan.pdf")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(rendered.data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; a document is for showing
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror}.", hint="Choose a writable location.") from exc
    fmt = None if rendered.format == "json" else rendered.format
    return Written(path=str(path), format=fmt, bytes=len(rendered.data), **rendered.facts)


def _mode_for(path: Path) -> int:
    """The file's mode when it exists (the person chose it), else what a new file gets under their umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _render(doc: Document, fmt: str, now: datetime, font: Path | None) -> bytes:
    from mlroute.export.document import to_html, to_markdown

    if fmt == "md":
        return to_markdown(doc).encode("utf-8")
    if fmt == "html":
        return to_html(doc).encode("utf-8")
    from mlroute.export.pdf import render_pdf

    return render_pdf(doc, created=now, font_file=font)


def _sections(doc: Document) -> list[str]:
    from mlroute.export.document import Heading

    return [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]


@dataclass(frozen=True)
class Sources:
    """What every document is made from, read once: the journey, its status (the one forecast), the items finished
    under earlier plan versions, every plan version, and names in the document's language."""

    journey: Journey
    status: dict[str, Any]
    finished: list[dict[str, Any]]
    plans: list[PlanVersion]
    names: Names

    def ends(self, week: int) -> date:
        return end_of_week(self.journey.first.starts_on, week)


def check_lang(lang: str | None) -> str | None:
    """``--lang``: en or zh (any Chinese code is zh); None leaves the choice to the plan and the profile."""
    if lang is None or not lang.strip():
        return None
    code = lang.strip().lower().replace("_", "-")
    if code == "en" or code.startswith("en-"):
        return "en"
    if code == "zh" or code.startswith("zh-"):
        return "zh"
    raise UserError(f"Documents are written in English or Chinese, not {lang!r}.", hint="Use --lang en or --lang zh.")


def sources(store: Store, kb: KBIndex | None, lang: str | None, today: date) -> Sources:
    from mlroute.export.names import Names
    from mlroute.export.words import document_language
    from mlroute.services.current import current_plan

    requested = check_lang(lang)
    journey, plans = store.read(lambda s: (load_journey(s, records=True), [plan_version(p) for p in repo.plans(s)]))
    journey = replace(journey, profile=evidenced_profile(store, journey.profile))  # strengths count quiz levels
    current = current_plan(store)
    finished = [f.model_dump(mode="json") for f in current.finished] if current else []
    chosen = document_language(requested, journey.plan.data.get("lang"), journey.profile.get("languages"))
    status = make_status(journey, today, []).model_dump(mode="json", by_alias=True)
    return Sources(journey, status, finished, plans, Names(kb, chosen))


def transition_plan(
    store: Store,
    kb: KBIndex | None,
    fmt: str,
    *,
    font: Path | None = None,
    today: date | None = None,
    now: datetime | None = None,
    lang: str | None = None,
) -> Rendered:
    """The plan to discuss with a manager (or a mentor, without an employer). ``kb`` None: names fall back to ids
    (the KB could not be loaded). ``lang``: en or zh; default the plan's language."""
    from mlroute.export.context import transition_plan_context
    from mlroute.export.transition_plan import transition_plan as build

    today, now = today_or(today), now_or(now)
    src = sources(store, kb, lang, today)
    ctx = transition_plan_context(src.journey, src.status, src.finished, src.names, today=today, ends=src.ends)
    ctx.update(for_documents(store, kb, now=now, lang=ctx["lang"]))  # interview readiness, quiz levels
    doc = build(ctx)
    return Rendered(_render(doc, check_format(fmt), now, font), fmt, {"sections": _sections(doc)})


def learning_log(
    store: Store,
    kb: KBIndex | None,
    fmt: str,
    *,
    font: Path | None = None,
    today: date | None = None,
    now: datetime | None = None,
    lang: str | None = None,
) -> Rendered:
    from mlroute.export.learning_log import learning_log as build
    from mlroute.export.log_context import learning_log_context, planned_hours

    today, now = today_or(today), now_or(now)
    src = sources(store, kb, lang, today)
    planned = planned_hours(src.plans, src.journey.first.starts_on)
    ctx = learning_log_context(src.journey, src.status, src.names, planned, today=today)
    return Rendered(_render(build(ctx), check_format(fmt), now, font), fmt, {"weeks": len(ctx["weeks"])})


def portfolio(
    store: Store,
    kb: KBIndex | None,
    fmt: str,
    *,
    font: Path | None = None,
    today: date | None = None,
    now: datetime | None = None,
    lang: str | None = None,
) -> Rendered:
    from mlroute.export.context import portfolio_context
    from mlroute.export.portfolio import portfolio as build

    today, now = today_or(today), now_or(now)
    src = sources(store, kb, lang, today)
    ctx = portfolio_context(src.journey, src.finished, src.names, today=today)
    ctx.update(for_documents(store, kb, now=now, lang=ctx["lang"]))  # interview readiness, quiz levels
    return Rendered(_render(build(ctx), check_format(fmt), now, font), fmt, {"projects": len(ctx["projects"])})


def calendar(
    store: Store,
    kb: KBIndex | None = None,
    *,
    at: str = "19:00",
    block: str = "2h",
    now: datetime | None = None,
    today: date | None = None,
    lang: str | None = None,
) -> Rendered:
    """What is left of the current plan as study blocks, and the milestones as all-day events, in iCalendar.
    Ready to apply and keep growing fall on the forecast's dates (``mlroute status``)."""
    from mlroute.export.calendar import calendar_ics, study_weeks
    from mlroute.export.context import eta, milestones

    try:
        at_time = time.fromisoformat(at)
    except ValueError:
        raise UserError(f"Cannot read the time {at!r}.", hint="Use HH:MM, e.g. --at 19:30") from None
    block_hours = parse_duration(block) / 60
    now = now_or(now)
    src = sources(store, kb, lang, today if today is not None else now.date())
    weeks = study_weeks(src.journey, src.names)
    figures = eta(src.status, src.ends)
    events = [_calendar_milestone(m, figures, src) for m in milestones(src.journey, src.names, src.ends)]
    data = calendar_ics(
        weeks,
        events,
        plan_version=src.journey.plan.version,
        at=at_time,
        block_hours=block_hours,
        now=now,
        title=_tr(src.names.lang, "cal.name", name=src.journey.name or _tr(src.names.lang, "cal.plan")),
        lang=src.names.lang,
    )
    return Rendered(data, "ics", {"events": data.count(b"BEGIN:VEVENT"), "weeks": len(weeks)})


def _calendar_milestone(m: dict[str, Any], figures: dict[str, Any], src: Sources) -> dict[str, Any]:
    """A milestone event: phases on their schedule date; ready to apply and keep growing on the forecast's."""
    lang = src.names.lang
    if m["id"] == "ready":
        note = _tr(lang, "cal.forecast", w=m["week"], **figures["ready"])
        return {**m, "date": date.fromisoformat(figures["ready_dates"]["p50"]), "note": note}
    if m["id"] == "grow":
        note = _tr(lang, "cal.forecast", w=m["week"], **figures["grow"])
        return {**m, "date": date.fromisoformat(figures["grow_dates"]["p50"]), "note": note}
    return {**m, "date": date.fromisoformat(m["date"])}


def _tr(lang: str, key: str, **kw: object) -> str:
    from mlroute.export.words import tr

    return tr(lang, key, **kw)


RENDERERS = {"transition-plan": transition_plan, "learning-log": learning_log, "portfolio": portfolio}
