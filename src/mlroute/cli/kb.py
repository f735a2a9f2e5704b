"""``mlroute kb …``: inspect and check the knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from mlroute.cli.common import JsonOpt, console, emit, err_console
from mlroute.cli.context import app_context
from mlroute.cli.interview_render import render_bank
from mlroute.services import kb as kb_service

if TYPE_CHECKING:
    from mlroute.services.results import Document

kb_app = typer.Typer(help="Inspect and check the knowledge base.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def check_cmd(
    ctx: typer.Context,
    path: Path | None = typer.Option(None, "--path", help="A knowledge-base directory (default: the embedded one)."),
    as_json: bool = JsonOpt,
) -> None:
    """Validate every file; exit 0 when valid, else list every problem and exit 1."""
    result = kb_service.check(path or app_context(ctx).settings.kb_dir())

    def render(r: kb_service.Check) -> None:
        if r.valid:
            console.print(f"[green]✓[/] knowledge base {r.version} is valid")
            return
        err_console.print(f"[bold red]{len(r.problems)} problem(s)[/]")
        for p in r.problems:
            where = " · ".join(x for x in (p.file, p.record, p.field) if x)
            err_console.print(f"  [bold]{where}[/]: {p.message}", highlight=False)

    emit(result, as_json, render)
    if not result.valid:
        raise typer.Exit(code=1)


@kb_app.command("stats")
def stats_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """Counts per kind and pillar, language and cost coverage, effort provenance."""

    def render(stats: kb_service.Stats) -> None:
        s = stats.model_dump()
        t = Table(title=f"Knowledge base {s['version']}", show_header=True)
        t.add_column("kind")
        t.add_column("count", justify="right")
        for kind, n in s["counts"].items():
            t.add_row(kind.replace("_", " "), str(n))
        console.print(t)
        p = Table(title="Skills per pillar")
        p.add_column("pillar")
        p.add_column("skills", justify="right")
        for pillar, n in s["skills_per_pillar"].items():
            p.add_row(pillar, str(n))
        console.print(p)
        share = Table(title="Coverage", show_header=False)
        for key in (
            "skills_with_chinese_name",
            "skills_with_chinese_alias",
            "skills_with_esco_or_onet",
            "resources_with_provider_effort",
            "resources_free",
            "resources_free_or_audit",
            "resources_with_chinese",
        ):
            share.add_row(key.replace("_", " "), f"{s[key]:.0%}")
        console.print(share)
        console.print(
            "effort basis: " + ", ".join(f"{k} {v}" for k, v in s["resources_effort_basis"].items()),
            highlight=False,
        )
        render_bank(s["interview_bank"], s["quizzes"])

    emit(kb_service.stats(app_context(ctx).kb), as_json, render)


@kb_app.command("show")
def show_cmd(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An id, optionally prefixed: skill:, res:, proj:, act:, role:, route:"),
    as_json: bool = JsonOpt,
) -> None:
    """Everything the knowledge base holds on one record."""

    def render(record: Document) -> None:
        import yaml

        d = record.root
        console.print(f"[bold cyan]{d['ref']}[/]")
        body = {k: v for k, v in d.items() if k not in ("ref", "kind")}
        console.print(yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=110), highlight=False)

    emit(kb_service.show(ref, app_context(ctx).kb), as_json, render)


@kb_app.command("search")
def search_cmd(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="Words in English or Chinese, e.g. 'pytorch' or '推荐系统'."),
    limit: int = typer.Option(20, "--limit", min=1, max=200),
    lang: str = typer.Option("en", "--lang", help="Language of the names shown: en or zh."),
    as_json: bool = JsonOpt,
) -> None:
    """Find records by id, name or alias."""

    def render(found: kb_service.SearchHits) -> None:
        hits = found.root
        if not hits:
            console.print(f"Nothing matches {text!r}.")
            return
        t = Table()
        for col in ("ref", "name", "matched"):
            t.add_column(col)
        for h in hits:
            t.add_row(h.ref, h.name, h.matched)
        console.print(t)

    emit(kb_service.search(text, limit=limit, lang=lang, idx=app_context(ctx).kb), as_json, render)


@kb_app.command("export")
def export_cmd(
    ctx: typer.Context, as_json: bool = typer.Option(True, "--json", help="JSON is the only export format.")
) -> None:
    """The whole knowledge base as one JSON document."""
    emit(kb_service.export(app_context(ctx).kb), True, lambda _: None)
