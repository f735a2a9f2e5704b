"""What the tracking commands print for people, in the language of the plan (``cli.words``): a logged session, a
status change, ``status``, ``current``, ``replan``, ``history`` and a review. Reads only the typed results (the
same documents as ``--json``), so a translation never changes the data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mlroute.cli.common import console, shown
from mlroute.cli.words import band, cells, day, duration, label, tr, word

if TYPE_CHECKING:
    from mlroute.services.drill_summary import DrillStatus
    from mlroute.services.plans import History
    from mlroute.services.quiz_levels import QuizLevel
    from mlroute.services.replan import Added, Moved, Removed, Replanned
    from mlroute.services.results import Band
    from mlroute.services.reviews import Reviewed
    from mlroute.services.status import Status
    from mlroute.services.study import Logged, StatusChange


def _band(lang: str, eta: Band) -> str:
    return band(lang, eta.p50, eta.p10, eta.p90)


def _quoted(lang: str, title: str) -> str:
    return tr(lang, "quoted", title=title)


def render_logged(r: Logged, lang: str) -> None:
    planned = tr(lang, "log.planned", h=r.item_hours_planned) if r.item_hours_planned else ""
    console.print(
        tr(
            lang,
            "log.logged",
            duration=r.duration if lang == "en" else duration(lang, r.minutes),
            title=r.title,
            day=day(lang, r.day),
            logged=r.item_hours_logged,
            planned=planned,
        ),
        highlight=False,
    )
    if r.started:
        console.print(tr(lang, "log.started", item=r.item), highlight=False)


def render_change(r: StatusChange, lang: str) -> None:
    """``done``, ``start`` and ``skip``: the item's new status, why, and the first review a finish schedules."""
    reason = "" if not r.reason else word(lang, "reason", r.reason) if lang == "zh" else r.reason
    console.print(
        tr(
            lang,
            "change",
            title=r.title,
            word=tr(lang, f"change.{r.status}"),
            extra=tr(lang, "change.reason", reason=shown(reason)) if reason else "",
            same=tr(lang, "change.same") if r.previous == r.status else "",
        ),
        highlight=False,
    )
    if r.review_due:
        console.print(tr(lang, "change.review", date=day(lang, r.review_due), item=r.item), highlight=False)


def render_undo(r: StatusChange, lang: str) -> None:
    """``undo``: the item back to in progress or to do, or why there was nothing to take back."""
    now = word(lang, "now", r.status)
    if r.previous == r.status:
        console.print(tr(lang, "undo.nothing", title=r.title, word=now), highlight=False)
        return
    console.print(tr(lang, "undo.back", title=r.title, word=now, before=word(lang, "now", r.previous)), highlight=False)


def _pace_line(r: Status, lang: str) -> str:
    p = r.pace
    if p.basis == "observed":
        return tr(lang, "st.pace_observed", h=p.hours_per_week, weeks=p.weeks_observed, planned=p.planned)
    if p.sparse:
        return tr(lang, "st.pace_sparse", planned=p.planned, h=p.observed, logged=p.weeks_logged, weeks=p.full_weeks)
    if p.weeks_needed == 0:
        return tr(lang, "st.pace_nothing", planned=p.planned, weeks=p.weeks_observed)
    so_far = tr(lang, "st.pace_so_far", h=p.observed) if p.observed is not None else ""
    return tr(lang, "st.pace_early", planned=p.planned, so_far=so_far, needed=p.weeks_needed)


def render_status(r: Status, lang: str = "en", role: str | None = None) -> None:
    from rich.table import Table

    who = f"{shown(r.name)} → " if r.name else ""
    when = tr(lang, "st.week", n=r.week) if r.week else tr(lang, "st.starts", date=day(lang, r.started_on))
    target = role or r.target_role
    console.print(f"[bold]{who}{target}[/] · {when} · {tr(lang, 'st.plan', v=r.plan_version)}", highlight=False)
    bar_len = 30
    filled = round(r.progress * bar_len)
    figures = tr(
        lang, "st.progress_figures", done=r.items_done, total=r.items_total, logged=r.hours_logged,
        remaining=r.hours_remaining,
    )  # fmt: skip
    bar = f"[green]{'█' * filled}[/][dim]{'░' * (bar_len - filled)}[/]"
    console.print(f"{label(lang, 'st.progress')}{bar} {r.progress:.0%}  {figures}", highlight=False)
    w, s = r.this_week, r.streak
    this_week = tr(lang, "st.this_week_figures", logged=w.hours_logged, planned=w.hours_planned)
    console.print(f"{label(lang, 'st.this_week')}{this_week}", highlight=False)
    streak = tr(
        lang, "st.streak_figures", days=s.current_days, weeks=s.current_weeks, longest_days=s.longest_days,
        longest_weeks=s.longest_weeks,
    )  # fmt: skip
    console.print(f"{label(lang, 'st.streak')}{streak}", highlight=False)
    console.print(f"{label(lang, 'st.pace')}{_pace_line(r, lang)}", highlight=False)
    eta = tr(
        lang, "st.eta_figures", band=_band(lang, r.eta_weeks), date=day(lang, r.eta_dates.p50),
        initial=_band(lang, r.eta_weeks_initial),
    )  # fmt: skip
    console.print(f"{label(lang, 'st.eta')}{eta}", highlight=False)
    console.print(" " * 10 + tr(lang, "st.grow", band=_band(lang, r.eta_weeks_grow)), highlight=False)
    if r.next_items:
        t = Table(title=tr(lang, "st.next"), title_justify="left", show_edge=False)
        for col in cells(lang, "st.columns"):
            t.add_column(col)
        for it in r.next_items:
            hours = f"{it.hours_logged:g}/{it.hours:g}" if it.hours is not None else ""
            status = word(lang, "state", it.status) if lang == "zh" else it.status
            t.add_row(it.id, it.title, status, str(it.week_start or ""), hours)
        console.print(t)
    if r.reviews_due:
        items = tr(lang, "sep").join(c.item for c in r.reviews_due)
        console.print(tr(lang, "st.reviews", items=items), highlight=False)
    if lang == "zh":
        render_practice(r.drills, r.quiz_levels, lang)
    else:
        from mlroute.cli.interview_render import render_practice as render_practice_en

        render_practice_en(r.drills, r.quiz_levels)


def render_practice(drills: DrillStatus | None, quiz_levels: list[QuizLevel], lang: str) -> None:
    """``status``'s drill and quiz lines in Chinese (``interview_render.render_practice`` prints the English)."""
    if drills is not None and drills.deck_size:
        kept = tr(lang, "st.kept_none")
        if drills.retention_30d is not None:
            kept = tr(lang, "st.kept", pct=f"{drills.retention_30d:.0%}")
        figures = tr(
            lang, "st.drills_figures", now=drills.due_now, today=drills.due_today, new=drills.new_left_today, kept=kept
        )
        console.print(f"{label(lang, 'st.drills')}{figures}", highlight=False)
    if quiz_levels:
        from mlroute.export.practice import WORDS, quiz_level_text

        w = WORDS[lang]
        texts = [
            quiz_level_text({**q.model_dump(mode="json"), "accepted_on": day(lang, q.accepted_on)}, w)
            for q in quiz_levels
        ]
        console.print(label(lang, "st.quizzes") + str(w["sep"]).join(texts), highlight=False)


def render_current(doc: dict[str, Any], lang: str | None = None) -> None:
    """Each item of the current plan by its weeks (journey weeks), with status and hours; then finished items."""
    from rich.table import Table

    lang = lang or ("zh" if doc.get("lang") == "zh" else "en")
    offset = int(doc.get("offset_weeks", 0))
    when = day(lang, doc.get("first_start_date")) if lang == "zh" else doc.get("first_start_date")
    t = Table(title=tr(lang, "cur.title", v=doc.get("plan_version"), date=when), title_justify="left", show_edge=False)
    for col in cells(lang, "cur.columns"):
        t.add_column(col)
    items = sorted(doc.get("items", []), key=lambda it: (it.get("week_start") or 0, it.get("order") or 0))
    for it in items:
        start, end = it.get("week_start"), it.get("week_end")
        weeks = f"{start + offset}–{end + offset}" if start is not None and end is not None else ""
        status = word(lang, "state", it.get("status", "todo"))
        t.add_row(weeks, it["id"], it.get("title", ""), status, f"{it.get('hours', 0):g}")
    console.print(t)
    _print_quiz_levels(doc, lang)
    finished = doc.get("finished", [])
    if finished:
        console.print(f"[dim]{tr(lang, 'cur.finished', n=len(finished))}[/]")
        for f in finished:
            console.print(f"  {word(lang, 'state', f['status'])} {f['id']}  {f['title']}", highlight=False)


def _print_quiz_levels(doc: dict[str, Any], lang: str) -> None:
    """The levels the plan took from quizzes, with their dates, under the table."""
    from mlroute.plan.explain_levels import evidenced_note

    note = evidenced_note(doc, lang)
    if note:
        console.print(note, highlight=False)


def render_replan(r: Replanned, lang: str = "en") -> None:
    from mlroute.services.replan import Moved

    head = tr(lang, "rp.head", a=r.previous_version, b=r.plan_version, week=r.week, date=day(lang, r.starts_on))
    console.print(head, highlight=False)
    console.print(
        tr(
            lang,
            "rp.eta",
            before=_band(lang, r.eta_weeks_before),
            after=_band(lang, r.eta_weeks_after),
            initial=_band(lang, r.eta_weeks_initial),
        ),
        highlight=False,
    )
    for reason in r.reasons:
        console.print(f"  · {reason}", highlight=False)
    ch = r.changes
    lists: tuple[tuple[str, Sequence[Added | Removed | Moved], str], ...] = (
        ("rp.added", ch.added, "green"),
        ("rp.removed", ch.removed, "red"),
        ("rp.moved", ch.moved, "yellow"),
    )
    for key, rows, color in lists:
        if not rows:
            continue
        console.print(f"[{color}]{tr(lang, 'rp.count', label=tr(lang, key), n=len(rows))}[/]")
        for it in rows[:15]:
            where = tr(lang, "rp.where", a=it.from_week, b=it.to_week) if isinstance(it, Moved) else ""
            console.print(tr(lang, "rp.row", id=it.id, where=where, why=it.why), highlight=False)
        if len(rows) > 15:
            console.print(tr(lang, "rp.more", n=len(rows) - 15))
    if r.unchanged:
        console.print(tr(lang, "rp.unchanged"))
    elif not (ch.added or ch.removed or ch.moved):
        console.print(tr(lang, "rp.same_items"))


def render_history(r: History, lang: str = "en") -> None:
    for p in r.plans:
        pace = tr(lang, "hi.pace", h=p.pace) if p.pace else ""
        reason = word(lang, "why", p.reason) if lang == "zh" else p.reason
        console.print(
            tr(
                lang,
                "hi.plan",
                v=p.version,
                date=day(lang, p.created_at.date()),
                reason=reason,
                n=p.items,
                starts=day(lang, p.starts_on),
                pace=pace,
                kb=p.kb_version,
            ),
            highlight=False,
        )
    for f in r.forecasts:
        console.print(
            tr(
                lang,
                "hi.forecast",
                date=day(lang, f.created_at.date()),
                v=f.plan_version,
                band=_band(lang, f.eta_weeks),
                logged=f.hours_logged,
            ),
            highlight=False,
        )


def render_review(r: Reviewed, lang: str = "en") -> None:
    console.print(tr(lang, "rv.next", item=r.item, date=day(lang, r.next_review)), highlight=False)
