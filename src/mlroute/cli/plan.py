"""``mlroute plan``, ``mlroute demo`` and ``mlroute init``: shells over ``services.planning`` and
``services.onboarding``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import typer

from mlroute.cli.common import JsonOpt, console, emit, err_console
from mlroute.cli.context import app_context
from mlroute.cli.render_plan import render_plan
from mlroute.cli.words import tr
from mlroute.errors import UserError
from mlroute.kb.models import BACKGROUNDS
from mlroute.profile import Profile, load_profile
from mlroute.services import planning

LangOpt = typer.Option(None, "--lang", help="Language of the plan: en or zh (default: your first language).")


def _by_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise UserError(
            f"--by {text!r} is not a date.", hint="Give the date to be ready by as YYYY-MM-DD, e.g. --by 2027-06-30."
        ) from exc


# The ETA simulation's random generator takes a seed from 0 to 2**32 - 1; typer refuses others with exit code 2.
SeedOpt = typer.Option(0, "--seed", min=0, max=2**32 - 1, help="Seed of the ETA simulation (0 to 4294967295).")


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_cmd)
    app.command("demo")(demo_cmd)
    app.command("init")(init_cmd)


def _lang_of(doc: dict[str, Any]) -> str:
    """The plan document's language, the one its terminal lines follow."""
    return "zh" if doc.get("lang") == "zh" else "en"


# -- commands ----------------------------------------------------------------------------------------------


def plan_cmd(
    ctx: typer.Context,
    profile: Path = typer.Option(..., "--profile", "-p", help="A profile file (YAML or JSON); see docs/planning.md."),
    skip: list[str] = typer.Option([], "--skip", help="An item you already know (res:…, proj:…, act:…); repeatable."),
    seed: int = SeedOpt,
    market: Path | None = typer.Option(
        None, "--market", help="Job postings (a CSV/JSON/JSONL file or a directory): weight gaps by their demand."
    ),
    by: str | None = typer.Option(
        None, "--by", help="Be ready by this date (YYYY-MM-DD): the best plan that fits, and what it defers."
    ),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Plan your way from a profile to the target role: route, items with reasons, weeks, milestones, ETA."""
    demand = None
    if market is not None:
        from mlroute.services import extraction

        demand = extraction.demand_weights(extraction.market(market, settings=app_context(ctx).settings))
    from mlroute.services.quiz_levels import saved_evidence

    app = app_context(ctx)
    person = load_profile(profile)
    evidenced = saved_evidence(app.settings.database_url(), lambda: app.store, person.skills)  # quiz levels
    doc = planning.plan_profile(
        person, skipped=skip, seed=seed, demand=demand, by=_by_date(by), lang=lang, index=app.kb, evidenced=evidenced
    )
    emit(doc, as_json, lambda d: render_plan(d.root))


def demo_cmd(
    ctx: typer.Context,
    seed: int = SeedOpt,
    by: str | None = typer.Option(None, "--by", help="Be ready by this date (YYYY-MM-DD)."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """A plan for a sample persona: a DevOps engineer with 10 h a week who is interested in LLM applications."""
    doc = planning.demo(seed=seed, by=_by_date(by), lang=lang, index=app_context(ctx).kb)
    if not as_json:
        err_console.print(tr(_lang_of(doc.root), "demo.persona"))
    emit(doc, as_json, lambda d: render_plan(d.root))


def _parse_skill(text: str) -> tuple[str, int]:
    name, sep, level = text.replace(":", "=").partition("=")
    if not sep or not level.strip().isdigit() or not 0 <= int(level) <= 4:
        raise UserError(
            f"--skill {text!r} is not allowed — expected SKILL=LEVEL with a level 0–4, e.g. python=3.",
            hint="Levels: 0 none · 1 aware · 2 working · 3 proficient · 4 expert.",
        )
    return name.strip(), int(level)


def init_cmd(
    ctx: typer.Context,
    profile_in: Path | None = typer.Option(
        None, "--profile", "-p", help="Start from this profile file instead of asking (nothing is written)."
    ),
    out: Path = typer.Option(Path("profile.yaml"), "--out", "-o", help="Where to write the profile."),
    force: bool = typer.Option(False, "--force", help="Overwrite --out if it exists."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Ask nothing: flags, then defaults for the background."),
    name: str | None = typer.Option(None, "--name"),
    background: str | None = typer.Option(None, "--background", help=", ".join(BACKGROUNDS)),
    years: float | None = typer.Option(None, "--years", help="Years of work experience."),
    hours: float | None = typer.Option(None, "--hours", help="Hours a week you can give."),
    start: str | None = typer.Option(None, "--start", help="Start date, YYYY-MM-DD (default: next Monday)."),
    role: str | None = typer.Option(None, "--role", help="Target role id (default ml-engineer)."),
    interest: list[str] = typer.Option([], "--interest", help="A domain skill id you care about; repeatable."),
    budget: float | None = typer.Option(None, "--budget", help="USD for paid resources (0 = free only)."),
    language: list[str] = typer.Option([], "--language", help="A language you learn in (en, zh…); repeatable."),
    skill: list[str] = typer.Option([], "--skill", help="SKILL=LEVEL (0–4), e.g. python=3; repeatable."),
    replace: bool = typer.Option(
        False, "--replace", help="Plan again over your current plan (it stays in history; done work is kept)."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """Answer a few questions (on a terminal, from a pipe, or as flags) to write your profile and see your plan."""
    from mlroute.cli import questions

    app = app_context(ctx)
    if profile_in is not None:
        run_init(ctx, load_profile(profile_in), None, force=force, replace=replace, as_json=as_json)
        return
    _refuse_replacing(app, replace)  # before any question, so no answer is typed in vain
    terminal = sys.stdin.isatty()
    asker = None if yes or (terminal and as_json) else questions.Asker(sys.stdin, terminal=terminal)
    given = {
        "name": name,
        "background": background,
        "years_experience": years,
        "hours_per_week": hours,
        "start_date": start,
        "target_role": role,
        "interests": interest,
        "budget_usd": budget,
        "languages": language,
        "skills": dict(_parse_skill(s) for s in skill),
    }
    answers = questions.ask_all(asker, given, app.kb, dt.date.today())
    run_init(ctx, planning.profile_from_answers(answers, app.kb), out, force=force, replace=replace, as_json=as_json)


def _refuse_replacing(app: Any, replace: bool) -> None:
    from mlroute.services.onboarding import refuse_replacing

    refuse_replacing(app.store, replace)


def run_init(
    ctx: typer.Context, profile: Profile, out: Path | None, *, force: bool, replace: bool, as_json: bool
) -> None:
    """Write the profile (unless it came from a file), make the first plan, store both and show the plan."""
    from mlroute.services.onboarding import Started, start

    app = app_context(ctx)
    result = start(app.store, app.kb, profile, out=out, force=force, replace=replace)

    def render(r: Started) -> None:
        render_plan(r.plan)
        lang = _lang_of(r.plan)
        console.print(tr(lang, "init.saved", v=r.stored.plan_version, db=r.stored.database))
        if r.profile_file:
            console.print(tr(lang, "init.profile", file=r.profile_file))

    emit(result, as_json, render)
