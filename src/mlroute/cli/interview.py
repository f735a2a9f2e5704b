"""``mlroute interview …`` (drills, mock interviews, due counts, readiness) and ``mlroute quiz`` (levels earned by
answering). Thin: parse, call ``mlroute.services.interview*`` and ``services.quiz``, render.

Without ``--json`` the drill and the mock are interactive: the question, Enter (or space) to reveal the answer,
then your own rating 1–4. With ``--json`` (or ``--rate`` / ``--ratings``) they run without a terminal.
"""

from __future__ import annotations

import time
from typing import Any

import typer

from mlroute.cli.common import JsonOpt, console, emit, jsonable
from mlroute.cli.context import app_context
from mlroute.cli.interview_render import (
    ask,
    render_card,
    render_mock_summary,
    render_next,
    render_readiness,
    render_summary,
)
from mlroute.errors import UserError

interview_app = typer.Typer(
    help="Practise interview questions with spaced repetition (FSRS); mock interviews; readiness.",
    invoke_without_command=True,
)

KindOpt = typer.Option(None, "--kind", help="concept, coding, system-design or behavioural.")
SkillOpt = typer.Option(None, "--skill", help="Only questions on this skill, e.g. sql or pytorch.")
RoleOpt = typer.Option(None, "--role", help="Only questions on this role's skills, e.g. mlops-engineer.")
LangOpt = typer.Option("en", "--lang", help="Language of the questions and answers: en or zh.")
AllOpt = typer.Option(False, "--all", help="Practise the whole bank, not only what your plan has reached.")


def register(app: typer.Typer) -> None:
    from mlroute.cli.interview_quiz import quiz_cmd

    app.add_typer(interview_app, name="interview")
    app.command("quiz")(quiz_cmd)


def _dump(model: Any) -> Any:
    return jsonable(model)


@interview_app.callback()
def drill_cmd(
    ctx: typer.Context,
    kind: str | None = KindOpt,
    skill: str | None = SkillOpt,
    role: str | None = RoleOpt,
    lang: str = LangOpt,
    all_questions: bool = AllOpt,
    rate: str | None = typer.Option(None, "--rate", help="Rate your answer: again, hard, good, easy (or 1–4)."),
    card: str | None = typer.Option(None, "--card", help="The question id --rate is for (default: the next due)."),
    seconds: int | None = typer.Option(None, "--seconds", min=0, help="How long you took to answer (with --rate)."),
    as_json: bool = JsonOpt,
) -> None:
    """Show the next due interview card, take your own rating, schedule it (FSRS)."""
    if ctx.invoked_subcommand is not None:
        return
    from mlroute.services import interview

    app = app_context(ctx)
    store, kb = app.store, app.kb
    filters: dict[str, Any] = {"kind": kind, "skill": skill, "role": role, "lang": lang, "all_questions": all_questions}
    if rate is not None:
        target = card
        if target is None:
            nxt = interview.next_card(store, kb, **filters)
            if nxt.card is None:
                raise UserError("Nothing is due, so there is no card to rate.", hint="Name one with --card ID.")
            target = nxt.card.id
        rated = interview.rate(store, kb, target, rate, seconds=seconds)
        after = interview.next_card(store, kb, **filters)
        emit({"rated": _dump(rated), "next": _dump(after)}, as_json, lambda d: _render_rated(d))
        return
    if as_json:
        emit(_dump(interview.next_card(store, kb, **filters)), True, lambda _: None)
        return
    _interactive_drill(ctx, lang, filters)


def _render_rated(d: dict[str, Any]) -> None:
    r = d["rated"]
    console.print(f"[green]✓[/] {r['id']}: {r['rating']} · next on {r['next_due'][:16].replace('T', ' ')}")
    render_next(d["next"])


def _interactive_drill(ctx: typer.Context, lang: str, filters: dict[str, Any]) -> None:
    from mlroute.services import interview
    from mlroute.services.drill_summary import summary

    app = app_context(ctx)
    store, kb = app.store, app.kb
    done = 0
    while True:
        nxt = interview.next_card(store, kb, **filters)
        if nxt.card is None:
            render_next(_dump(nxt))
            break
        card = _dump(nxt.card)
        render_card(card, lang, reveal=False, due_now=nxt.due_now, new_left=nxt.new_left)
        started = time.monotonic()
        if ask(lang, "reveal") == "q":
            break
        render_card(card, lang, reveal=True)
        rating = ask(lang, "rating")
        if rating == "q":
            break
        interview.rate(store, kb, card["id"], rating, seconds=int(time.monotonic() - started))
        done += 1
    if done:
        render_summary(_dump(summary(store, kb)), lang)


@interview_app.command("stats")
def stats_cmd(ctx: typer.Context, lang: str = LangOpt, as_json: bool = JsonOpt) -> None:
    """Due counts and retention of your deck."""
    from mlroute.services.drill_summary import summary

    app = app_context(ctx)
    emit(_dump(summary(app.store, app.kb)), as_json, lambda d: render_summary(d, lang))


@interview_app.command("readiness")
def readiness_cmd(
    ctx: typer.Context,
    role: str | None = typer.Option(None, "--role", help="A role id (default: your target role)."),
    lang: str = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """How ready you are for the interviews of your target role, per skill and per kind of question."""
    from mlroute.services.interview_readiness import readiness

    app = app_context(ctx)
    emit(_dump(readiness(app.store, app.kb, role=role, lang=lang)), as_json, lambda d: render_readiness(d, lang))


@interview_app.command("show")
def show_cmd(
    ctx: typer.Context,
    question_id: str = typer.Argument(..., help="A question id."),
    lang: str = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """One question with its key points and worked answer."""
    from mlroute.services import interview

    doc = _dump(interview.show(app_context(ctx).kb, question_id, lang=lang))
    emit(doc, as_json, lambda d: render_card(d, lang, reveal=True))


@interview_app.command("mock")
def mock_cmd(
    ctx: typer.Context,
    minutes: int = typer.Option(45, "--minutes", help="Length of the session."),
    role: str | None = typer.Option(None, "--role", help="A role id (default: your target role)."),
    ratings: str | None = typer.Option(
        None, "--ratings", help="Without a terminal: your ratings in order, e.g. good,hard,again (the rest: no time)."
    ),
    seconds: str | None = typer.Option(None, "--seconds", help="With --ratings: seconds per answer, e.g. 240,600."),
    seed: int | None = typer.Option(None, "--seed", help="Choose the questions reproducibly."),
    lang: str = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """A timed mock interview shaped by your target role, then a summary."""
    from mlroute.services import interview_mock

    app = app_context(ctx)
    if ratings is not None:
        given = [r.strip() for r in ratings.split(",") if r.strip()]
        times = _ints(seconds) if seconds else None
        session, summary = interview_mock.run(
            app.store, app.kb, minutes, given, seconds=times, role=role, seed=seed, lang=lang
        )
        emit({"session": _dump(session), "summary": _dump(summary)}, as_json, lambda d: _render_mock(d, lang))
        return
    if as_json:
        raise UserError(
            "A mock interview with --json needs your ratings.",
            hint="Give --ratings good,hard,… (in question order), or leave out --json to take it interactively.",
        )
    session = interview_mock.start(app.store, app.kb, minutes, role=role, seed=seed, lang=lang)
    _interactive_mock(ctx, _dump(session), lang)


def _ints(text: str) -> list[int]:
    try:
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise UserError(f"--seconds must be whole numbers separated by commas, not {text!r}.") from None


def _render_mock(d: dict[str, Any], lang: str) -> None:
    s = d["session"]
    console.print(f"[bold]Mock interview[/] {s['id']} · {s['role_name']} · {s['minutes']} min")
    render_mock_summary(d["summary"], lang)


def _interactive_mock(ctx: typer.Context, session: dict[str, Any], lang: str) -> None:
    from mlroute.services import interview_mock

    app = app_context(ctx)
    zh = lang == "zh"
    total = session["minutes"] * 60
    console.print(
        (f"[bold]模拟面试[/] · {session['role_name']} · {session['minutes']} 分钟 · {len(session['questions'])} 道题")
        if zh
        else f"[bold]Mock interview[/] · {session['role_name']} · {session['minutes']} min · "
        f"{len(session['questions'])} questions"
    )
    began = time.monotonic()
    for q in session["questions"]:
        left = total - (time.monotonic() - began)
        if left <= 0:
            console.print("[yellow]时间到。[/]" if zh else "[yellow]Time is up.[/]")
            break
        console.rule(
            f"{q['number']}/{len(session['questions'])} · {q['card']['kind']} · "
            + (
                f"预算 {q['budget_seconds'] // 60} 分钟 · 剩余 {int(left // 60)} 分钟"
                if zh
                else f"budget {q['budget_seconds'] // 60} min · {int(left // 60)} min left"
            )
        )
        started = time.monotonic()
        render_card(q["card"], lang, reveal=False)
        if ask(lang, "reveal") == "q":
            break
        spent = int(time.monotonic() - started)
        render_card(q["card"], lang, reveal=True)
        rating = ask(lang, "rating")
        if rating == "q":
            break
        interview_mock.answer(app.store, app.kb, session["id"], q["card"]["id"], rating, seconds=spent)
    render_mock_summary(_dump(interview_mock.finish(app.store, app.kb, session["id"], lang=lang)), lang)
