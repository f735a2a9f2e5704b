"""``mlroute plan``, ``mlroute demo`` and ``mlroute init``: shells over ``services.planning``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import typer
from rich.padding import Padding
from rich.panel import Panel
from rich.prompt import Confirm, FloatPrompt, Prompt
from rich.table import Table
from rich.text import Text

from mlroute.cli.common import JsonOpt, console, emit, err_console
from mlroute.errors import UserError
from mlroute.kb.models import BACKGROUNDS
from mlroute.profile import Profile, load_profile
from mlroute.profile.questionnaire import BACKGROUND_LABELS
from mlroute.services import kb as kb_service
from mlroute.services import planning

KIND_LABEL = {"resource": "learn", "project": "build", "career_action": "career"}
WHEN_LABEL = {
    "start": "at the start",
    "foundations": "early",
    "core": "after the core",
    "specialise": "while specialising",
    "job-search": "at the end",
    "throughout": "every week",
}


# The ETA simulation's random generator takes a seed from 0 to 2**32 - 1; typer refuses others with exit code 2.
SeedOpt = typer.Option(0, "--seed", min=0, max=2**32 - 1, help="Seed of the ETA simulation (0 to 4294967295).")


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_cmd)
    app.command("demo")(demo_cmd)
    app.command("init")(init_cmd)


# -- rendering -----------------------------------------------------------------------------------------------


def _weeks(a: int, b: int) -> str:
    return f"week {a}" if a == b else f"weeks {a}–{b}"


def _date(iso: str | None) -> str:
    return dt.date.fromisoformat(iso).strftime("%d %b %Y") if iso else "—"


def _short(title: str, width: int = 38) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"


def render_header(doc: dict[str, Any]) -> None:
    p = doc["profile"]
    who = p.get("name") or "you"
    eta, dates = doc["eta_weeks"], doc["eta_dates"]
    body = Text()
    role = p.get("target_role_name") or p["target_role"]
    body.append(f"{who} · {p['background'].replace('_', ' ')} → {role}\n", style="bold")
    body.append(f"{p['hours_per_week']:g} h a week from {_date(doc['start_date'])}")
    budget = "free resources only" if not p["budget_usd"] else f"budget ${p['budget_usd']:g}"
    body.append(f" · {budget} · languages {', '.join(p['languages'])}\n")
    body.append("\nRoute: ", style="bold")
    body.append(f"{doc['route_name']}", style="bold cyan")
    body.append(f" — {doc['route_reason']}.\n")
    body.append("\nReady in about ", style="bold")
    body.append(f"{eta['p50']} weeks", style="bold green")
    body.append(f" ({_date(dates['p50'])}); 80% band {eta['p10']}–{eta['p90']} weeks ")
    body.append(f"({_date(dates['p10'])} – {_date(dates['p90'])}).\n")
    pacing = doc["pacing"]
    body.append(
        f"{doc['total_hours']:g} h of work. If every week gave the full {p['hours_per_week']:g} h the schedule "
        f"would end in week {doc['scheduled_weeks']}; the band allows for real life (about "
        f"{pacing['expected_weekly_hours']:g} h a typical week, lost weeks, figures that run over).",
        style="dim",
    )
    console.print(Panel(body, title="[bold]Your plan[/]", border_style="cyan", expand=True))


def render_items(doc: dict[str, Any]) -> None:
    items = doc["items"]
    for ph in doc["phases"]:
        mine = [i for i in items if i["phase"] == ph["id"]]
        if not mine:
            if set(ph["pillars"]) <= {"career"}:
                console.print(f"\n[bold cyan]{ph['name']}[/] [dim]— the career steps below.[/]")
            else:
                console.print(f"\n[bold cyan]{ph['name']}[/] [dim]— nothing to learn: you already have it.[/]")
            continue
        console.print(
            f"\n[bold cyan]{ph['name']}[/] [dim]({_weeks(ph['week_start'], ph['week_end'])}) — {ph['description']}[/]"
        )
        for it in sorted(mine, key=lambda i: (i["week_start"], i["order"])):
            _render_item(it)
    actions = [i for i in items if i["kind"] == "career_action"]
    if actions:
        console.print("\n[bold cyan]Career steps[/]")
        for it in sorted(actions, key=lambda i: (i["week_start"], i["order"])):
            _render_item(it)


def _render_item(it: dict[str, Any]) -> None:
    cost = "" if not it["cost_usd"] else f" · ${it['cost_usd']:g}"
    when = f" · {WHEN_LABEL.get(it['when'] or '', '')}" if it["when"] else ""
    star = "★ " if it["flagship"] else ""
    head = Text("  ▸ ")
    head.append(f"{star}{it['title']}", style="bold")
    head.append(
        f"  [{KIND_LABEL[it['kind']]} · {it['hours']:g} h · {_weeks(it['week_start'], it['week_end'])}"
        f"{cost}{when}]  {it['id']}",
        style="dim",
    )
    console.print(head)
    if it.get("url"):
        console.print(Padding(Text(it["url"], style=f"blue link {it['url']}"), (0, 0, 0, 4)))
    console.print(Padding(Text(it["why"]), (0, 0, 0, 4)))


def render_weeks(doc: dict[str, Any]) -> None:
    titles = {i["id"]: i["title"] for i in doc["items"]}
    every = {i["id"] for i in doc["items"] if i["when"] == "throughout"}
    t = Table(title="Week by week", show_lines=False, expand=False)
    t.add_column("weeks", no_wrap=True)
    t.add_column("from", no_wrap=True)
    t.add_column("h/wk", justify="right")
    t.add_column("what")
    groups: list[tuple[int, int, tuple[str, ...], float, str | None]] = []
    for w in doc["weeks"]:
        key = tuple(r for r in w["items"] if r not in every)
        if groups and groups[-1][2] == key and abs(groups[-1][3] - w["hours"]) < 0.05:
            a, _, k, h, start = groups[-1]
            groups[-1] = (a, w["week"], k, h, start)
        else:
            groups.append((w["week"], w["week"], key, w["hours"], w["start"]))
    for a, b, key, hours, start in groups:
        what = ", ".join(_short(titles[r], 40) for r in key) or "[dim]no work planned[/]"
        t.add_row(str(a) if a == b else f"{a}–{b}", _date(start), f"{hours:g}", what)
    console.print(t)
    if every:
        names = ", ".join(titles[r] for r in sorted(every))
        console.print(f"[dim]Every week as well: {names}.[/]")


def render_milestones(doc: dict[str, Any]) -> None:
    t = Table(title="Milestones")
    t.add_column("week", justify="right")
    t.add_column("likely (P10–P90)", no_wrap=True)
    t.add_column("milestone")
    t.add_column("skills reached")
    names = {g["skill"]: g["name"] for g in doc["gaps"]}
    for m in doc["milestones"]:
        band = m["eta_weeks"]
        skills = ", ".join(f"{names.get(s, s)} {lvl}" for s, lvl in m["levels"].items())
        t.add_row(str(m["week"]), f"{band['p50']} ({band['p10']}–{band['p90']})", m["title"], skills)
    console.print(t)


def render_footer(doc: dict[str, Any]) -> None:
    for nc in doc["not_closable"]:
        console.print(
            f"[yellow]Not closable:[/] {nc['skill']} (level {nc['current']} → {nc['target']}): {nc['reason']}"
        )
    for w in doc["warnings"]:
        console.print(f"[yellow]Note:[/] {w}")
    opt = doc["optimality"]
    status = {"optimal": "proven optimal", "feasible": f"within {opt['gap']:.1%} of optimal", "greedy": "greedy"}
    saved = opt["hours_saved_vs_greedy"]
    line = (
        f"Selection: {status.get(opt['status'], opt['status'])} ({opt['solver']}, {opt['candidates']} candidates, "
        f"{opt['covers']} gaps to cover, {opt['seconds']:.2f} s)"
    )
    if saved > 0.01:
        line += f"; {saved:g} h fewer than a greedy pick"
    console.print(f"[dim]{line}. Knowledge base {doc['kb_version']}, seed {doc['seed']}.[/]")


def render_plan(doc: dict[str, Any]) -> None:
    render_header(doc)
    render_items(doc)
    console.print()
    render_weeks(doc)
    render_milestones(doc)
    render_footer(doc)


# -- commands ----------------------------------------------------------------------------------------------


def plan_cmd(
    profile: Path = typer.Option(..., "--profile", "-p", help="A profile file (YAML or JSON); see docs/planning.md."),
    skip: list[str] = typer.Option([], "--skip", help="An item you already know (res:…, proj:…, act:…); repeatable."),
    seed: int = SeedOpt,
    market: Path | None = typer.Option(
        None, "--market", help="Job postings (a CSV/JSON/JSONL file or a directory): weight gaps by their demand."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """Plan your way from a profile to the target role: route, items with reasons, weeks, milestones, ETA."""
    demand = None
    if market is not None:
        from mlroute.services import extraction

        demand = extraction.demand_weights(extraction.market(market))
    doc = planning.plan_file(profile, skipped=skip, seed=seed, demand=demand)
    emit(doc, as_json, render_plan)


def demo_cmd(seed: int = SeedOpt, as_json: bool = JsonOpt) -> None:
    """A plan for a sample persona: a DevOps engineer with 10 h a week who is interested in LLM applications."""
    doc = planning.demo(seed=seed)
    if not as_json:
        err_console.print(
            "[dim]Demo persona (bundled): a DevOps engineer, 10 h a week, free resources, interested in LLM "
            "applications. Make your own with `mlroute init`.[/]"
        )
    emit(doc, as_json, render_plan)


def _parse_skill(text: str) -> tuple[str, int]:
    name, sep, level = text.replace(":", "=").partition("=")
    if not sep or not level.strip().isdigit() or not 0 <= int(level) <= 4:
        raise UserError(
            f"--skill {text!r} is not allowed — expected SKILL=LEVEL with a level 0–4, e.g. python=3.",
            hint="Levels: 0 none · 1 aware · 2 working · 3 proficient · 4 expert.",
        )
    return name.strip(), int(level)


def _ask_list(question: str, default: list[str]) -> list[str]:
    raw = Prompt.ask(question, default=", ".join(default), console=err_console)
    return [x.strip() for x in raw.replace(";", ",").split(",") if x.strip()]


def gather_answers(
    *,
    interactive: bool,
    name: str | None,
    background: str | None,
    years: float | None,
    hours: float | None,
    start: str | None,
    role: str | None,
    interests: list[str],
    budget: float | None,
    languages: list[str],
    skills: list[str],
) -> dict[str, Any]:
    """Answers from flags, asking (Rich prompts on stderr) only for what no flag gave when interactive."""
    if background is None and interactive:
        for key, label in BACKGROUND_LABELS.items():
            err_console.print(f"  [bold]{key}[/]: {label}")
        background = Prompt.ask(
            "Your background", choices=list(BACKGROUNDS), default="software_engineer", console=err_console
        )
    background = background or "other"
    if background not in BACKGROUNDS:
        raise UserError(
            f"--background {background!r} is not allowed — expected one of {', '.join(BACKGROUNDS)}.",
        )
    d = planning.questionnaire_defaults(background)
    answers: dict[str, Any] = {"background": background}

    def ask(value: Any, key: str, prompt: str, cast: type = str) -> Any:
        if value is not None:
            return value
        if not interactive:
            return d.get(key, "")
        if cast is float:
            return FloatPrompt.ask(prompt, default=float(d[key]), console=err_console)
        return Prompt.ask(prompt, default=str(d.get(key, "")), console=err_console)

    answers["name"] = ask(name, "name", "Your name (for the plan's title)") or ""
    answers["years_experience"] = ask(years, "years_experience", "Years of work experience", float)
    answers["hours_per_week"] = ask(hours, "hours_per_week", "Hours a week you can give", float)
    answers["start_date"] = ask(start, "start_date", "Start date (YYYY-MM-DD)")
    if interactive and role is None:
        roles = sorted(kb_service.index().roles)
        err_console.print(f"[dim]Roles: {', '.join(roles)}[/]")
    answers["target_role"] = ask(role, "target_role", "Target role")
    if interests:
        answers["interests"] = interests
    elif interactive:
        domains = sorted(s.id for s in kb_service.index().kb.skills if s.pillar == "domains")
        err_console.print(f"[dim]Domains: {', '.join(domains)}[/]")
        answers["interests"] = _ask_list("Domains you care about (comma-separated, may be empty)", d["interests"])
    else:
        answers["interests"] = d["interests"]
    answers["budget_usd"] = ask(budget, "budget_usd", "Budget in USD (0 = free resources only)", float)
    if languages:
        answers["languages"] = languages
    elif interactive:
        answers["languages"] = _ask_list("Languages you can learn in, first preferred (e.g. en, zh)", d["languages"])
    else:
        answers["languages"] = d["languages"]
    levels = dict(d["skills"])
    given = dict(_parse_skill(s) for s in skills)
    if interactive and not skills:
        t = Table(title=f"Typical levels for a {BACKGROUND_LABELS[background]} (0 none … 4 expert)")
        t.add_column("skill")
        t.add_column("level", justify="right")
        for s, lvl in levels.items():
            t.add_row(s, str(lvl))
        err_console.print(t)
        if not Confirm.ask("Are these about right for you?", default=True, console=err_console):
            raw = Prompt.ask("Change levels, e.g. 'python=3 pytorch=1 docker=0'", default="", console=err_console)
            given = dict(_parse_skill(s) for s in raw.replace(",", " ").split())
    levels.update(given)
    answers["skills"] = {s: lvl for s, lvl in levels.items() if lvl > 0}
    if isinstance(answers["start_date"], dt.date):
        answers["start_date"] = answers["start_date"].isoformat()
    return answers


def init_cmd(
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
    as_json: bool = JsonOpt,
) -> None:
    """Answer a few questions (or pass flags) to write your profile and see your first plan."""
    if profile_in is not None:
        run_init(load_profile(profile_in), None, force=force, as_json=as_json)
        return
    interactive = not yes and not as_json and sys.stdin.isatty()
    answers = gather_answers(
        interactive=interactive,
        name=name,
        background=background,
        years=years,
        hours=hours,
        start=start,
        role=role,
        interests=interest,
        budget=budget,
        languages=language,
        skills=skill,
    )
    run_init(planning.profile_from_answers(answers), out, force=force, as_json=as_json)


def run_init(profile: Profile, out: Path | None, *, force: bool, as_json: bool) -> None:
    """Write the profile (unless it came from a file), make the first plan and show it: the body of ``init``."""
    result = planning.init_profile(profile, out, force=force)
    from mlroute.services import tracking  # stores the profile and this plan for `mlroute status`, `log`, …

    result["stored"] = tracking.init_profile(profile, plan=result["plan"])

    def render(r: dict[str, Any]) -> None:
        render_plan(r["plan"])
        console.print(
            f"\n[green]✓[/] Saved as plan v{r['stored']['plan_version']} in {r['stored']['database']}; "
            "log study with `mlroute log 1h --item ID`, see progress with `mlroute status`."
        )
        if r["profile_file"]:
            console.print(
                f"\n[green]✓[/] Profile written to [bold]{r['profile_file']}[/]; "
                f"re-plan any time with `mlroute plan --profile {r['profile_file']}`."
            )

    emit(result, as_json, render)
