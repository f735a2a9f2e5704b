"""``mlroute extract | profile from-resume | match | market``: text → skills, readiness, demand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
import yaml
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from mlroute.cli.common import JsonOpt, console, emit, err_console
from mlroute.cli.context import app_context
from mlroute.services import extraction

SemanticOpt = typer.Option(
    None,
    "--semantic",
    help="The embedding model that links phrases the aliases miss: default (the linker shipped with mlroute), "
    "none (aliases only), or BACKEND:LOCATION, e.g. model2vec:./model, minilm-package "
    "(default: $MLROUTE_EMBEDDINGS, else default).",
)
KindOpt = typer.Option(
    "auto", "--kind", help="posting, resume or auto: requirement strength is read only from postings."
)
profile_app = typer.Typer(help="Work with your profile.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)
    app.command("match")(match_cmd)
    app.command("market")(market_cmd)
    existing = next((g.typer_instance for g in app.registered_groups if g.name == "profile"), None)
    (existing or profile_app).command("from-resume")(from_resume_cmd)
    if existing is None:
        app.add_typer(profile_app, name="profile")


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _asked(g: dict[str, Any], kind: str) -> str:
    if g["negated"]:
        return "ruled out"
    if g["hedged"]:
        return "hoped for" if kind == "resume" else "to learn"
    words = [] if kind == "resume" else [g["requirement"]]
    if g["level"] is not None:
        words.append(f"level {g['level']}")
    if g["one_of"]:
        words.append("one of " + "/".join(g["one_of"]))
    return ", ".join(words) or "—"


def extract_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., help="A posting or resume: PDF, DOCX, HTML, Markdown, text, CSV/JSON/JSONL (or any of them .gz)."
    ),
    semantic: str | None = SemanticOpt,
    kind: str = KindOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Skills named or described in a file, grouped by skill, with the evidence for each."""

    def render(r: dict[str, Any]) -> None:
        mode = f"semantic: {r['semantic']}" if r["semantic"] else "lexical only"
        head = f"[bold]{r['source']}[/] · {r['kind']} · {r['format']} · {r['language']} · {mode}"
        console.print(head, highlight=False)
        t = Table(show_lines=False)
        for col in ("skill", "asked" if r["kind"] == "posting" else "stated", "n", "conf", "evidence"):
            t.add_column(col)
        for g in r["skills"]:
            first = g["evidence"][0]
            style = "dim" if g["negated"] or g["hedged"] else None
            t.add_row(
                g["skill_id"],
                _asked(g, r["kind"]),
                str(g["count"]),
                f"{g['confidence']:.2f}",
                _short(first["sentence"]),
                style=style,
            )
        console.print(t if r["skills"] else "No skills found.")
        if r["other_skills"]:
            others = ", ".join(
                f"{o['text']} ({o['count']})" if o["count"] > 1 else o["text"] for o in r["other_skills"]
            )
            console.print(f"Skills outside mlroute's knowledge base: {others}", highlight=False, soft_wrap=True)

    found = extraction.extract(file, semantic=semantic, kind=kind, settings=app_context(ctx).settings)
    emit(found.model_dump(mode="json"), as_json, render)


def from_resume_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="Your resume: PDF, DOCX, HTML, Markdown or text, English or Chinese."),
    profile: Path | None = typer.Option(None, "--profile", help="Your profile, to compare with the current levels."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the proposal as a new profile file (never overwrites an existing one)."
    ),
    semantic: str | None = SemanticOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Propose skill levels from a resume, with the evidence for each, for you to confirm or edit."""
    from mlroute.errors import UserError
    from mlroute.profile import load_profile

    if output is not None and output.exists():
        raise UserError(
            f"{str(output)!r} already exists; mlroute never overwrites a profile.",
            hint="Choose a new file name, then merge the levels you agree with by hand.",
        )
    current = load_profile(profile) if profile else None
    settings = app_context(ctx).settings
    proposal = extraction.profile_from_resume(file, profile=current, semantic=semantic, settings=settings)
    result = proposal.model_dump(mode="json")
    if output is not None:
        output.write_text(
            yaml.safe_dump({"skills": result["profile_skills"]}, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        result["written"] = str(output)

    def render(r: dict[str, Any]) -> None:
        t = Table(title=f"Proposed levels from {r['source']}")
        for col in ("skill", "level", "now", "years", "last used", "why"):
            t.add_column(col)
        for p in r["skills"]:
            now = "" if p["current_level"] is None else str(p["current_level"])
            t.add_row(
                p["skill_id"],
                f"{p['proposed_level']} {p['level_name']}",
                now,
                "" if p["years"] is None else f"{p['years']:g}",
                str(p["last_used"] or ""),
                "; ".join(p["reasons"]),
            )
        console.print(t if r["skills"] else "No skills found in this resume.")
        if r["skills"]:
            console.print(r["note"], highlight=False)
            console.print(
                yaml.safe_dump({"skills": r["profile_skills"]}, allow_unicode=True, sort_keys=False), highlight=False
            )
        if r.get("written"):
            err_console.print(f"Wrote {r['written']}", highlight=False)

    emit(result, as_json, render)


def match_cmd(
    ctx: typer.Context,
    posting: Path = typer.Argument(..., help="A job posting: PDF, DOCX, HTML, Markdown or text."),
    profile: Path | None = typer.Option(None, "--profile", help="Your profile (YAML or JSON)."),
    semantic: str | None = SemanticOpt,
    as_json: bool = JsonOpt,
) -> None:
    """How ready you are for a posting, what is missing, which items close it, and hours until ready."""
    from mlroute.profile import load_profile

    person = load_profile(profile) if profile else None
    found = extraction.match(posting, person, semantic=semantic, settings=app_context(ctx).settings)
    result = found.model_dump(mode="json")

    def render(r: dict[str, Any]) -> None:
        pct = r["readiness"] * 100
        console.print(f"[bold]Readiness for {r['source']}: {pct:.0f}%[/]", highlight=False)
        if r["note"]:
            err_console.print(r["note"], highlight=False)
        if r["missing"]:
            t = Table(title="Missing, most important first")
            for col in ("skill", "asked", "you", "needed", "priority"):
                t.add_column(col)
            for m in r["missing"]:
                t.add_row(
                    m["skill_id"],
                    m["requirement"],
                    str(m["your_level"]),
                    str(m["needed_level"]),
                    f"{m['priority']:.2f}",
                )
            console.print(t)
        if r["items"]:
            t = Table(title="What would close the gaps")
            for col in ("item", "hours", "closes", "from"):
                t.add_column(col)
            for item in r["items"]:
                t.add_row(
                    f"{item['id']} {_short(item['title'], 40)}",
                    f"{item['hours']:g}",
                    ", ".join(item["closes"]),
                    item["source"],
                )
            console.print(t)
        weeks = r["weeks_until_ready"]
        eta = f" ≈ {weeks:g} weeks at {r['hours_per_week']:g} h/week" if weeks is not None else ""
        console.print(f"Hours until ready: {r['hours_until_ready']:g}{eta}", highlight=False)

    emit(result, as_json, render)


def market_cmd(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="Postings: a CSV/JSON/JSONL file or a directory of files."),
    semantic: str | None = SemanticOpt,
    top: int = typer.Option(20, "--top", min=1, help="Skills shown in the table."),
    other_skills: bool = typer.Option(
        False, "--other-skills", help="Also count skills outside the knowledge base (span tagger; ~30 ms a posting)."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """Demand over many postings: skill frequency, co-occurrence, split by role and seniority."""
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("Reading postings", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description="Extracting skills")

        settings = app_context(ctx).settings
        found = extraction.market(path, semantic=semantic, progress=progress, spans_too=other_skills, settings=settings)
    result = found.model_dump(mode="json")

    def render(r: dict[str, Any]) -> None:
        t = Table(title=f"Demand over {r['postings']} postings ({r['files']} files)")
        for col in ("skill", "postings", "share", "required", "preferred"):
            t.add_column(col)
        for row in r["skills"][:top]:
            t.add_row(
                row["skill_id"],
                str(row["postings"]),
                f"{row['share']:.0%}",
                str(row["required"]),
                str(row["preferred"]),
            )
        console.print(t)
        if r["cooccurrence"]:
            c = Table(title="Asked for together")
            for col in ("skills", "postings", "lift"):
                c.add_column(col)
            for row in r["cooccurrence"][:10]:
                c.add_row(f"{row['a']} + {row['b']}", str(row["postings"]), f"{row['lift']:.2f}")
            console.print(c)
        if r["other_skills"]:
            o = Table(title="Asked for, outside mlroute's knowledge base")
            for col in ("words", "kind", "postings", "share"):
                o.add_column(col)
            for row in r["other_skills"][:top]:
                o.add_row(row["text"], row["kind"], str(row["postings"]), f"{row['share']:.0%}")
            console.print(o)
        for split in ("by_seniority", "by_role"):
            parts = [f"{k} {v['postings']}" for k, v in r[split].items()]
            console.print(f"{split.replace('_', ' ')}: " + ", ".join(parts), highlight=False)
        for s in r["skipped"]:
            err_console.print(f"skipped {s['file']}: {s['reason']}", highlight=False)

    emit(result, as_json, render)
