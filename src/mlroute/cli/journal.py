"""``mlroute journal add|list`` and ``mlroute evidence add|list``: the learning journal and links to your work."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mlroute.cli.common import JsonOpt, console, emit, shown
from mlroute.cli.context import app_context
from mlroute.cli.words import check, day, tr, word

if TYPE_CHECKING:
    from mlroute.services.journal import EvidenceList, JournalList

journal_app = typer.Typer(
    help="Your learning journal: design notes, insights, challenges, solutions, feedback.", no_args_is_help=True
)
evidence_app = typer.Typer(help="Links that show your work: repositories, posts, talks.", no_args_is_help=True)
LangOpt = typer.Option(None, "--lang", help="en or zh: the language of what is printed (default: your plan's).")


def _lang(ctx: typer.Context, lang: str | None) -> str:
    return app_context(ctx).reading(lang).lang


def _day(lang: str, value: object) -> str:
    """Dates as these lists have always printed them in English; in Chinese form in Chinese."""
    return day(lang, str(value)) if lang == "zh" else str(value)


def register(app: typer.Typer) -> None:
    app.add_typer(journal_app, name="journal")
    app.add_typer(evidence_app, name="evidence")


@journal_app.command("add")
def journal_add_cmd(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="The entry."),
    kind: str = typer.Option("insight", "--kind", "-k", help="design-note, insight, challenge, solution or feedback."),
    tag: list[str] = typer.Option([], "--tag", "-t", help="A tag (repeat for more)."),
    item: list[str] = typer.Option([], "--item", "-i", help="A plan item it is about (repeat for more)."),
    day: str | None = typer.Option(None, "--date", "-d", help="YYYY-MM-DD (default today)."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Add a journal entry."""
    from mlroute.services.journal import JournalEntry, journal_add

    check(lang)

    def render(r: JournalEntry) -> None:
        words = _lang(ctx, lang)
        kind_word = word(words, "jk", r.kind) if words == "zh" else r.kind
        console.print(tr(words, "jn.added", id=r.id, kind=kind_word, day=_day(words, r.day)), highlight=False)

    emit(journal_add(app_context(ctx).store, text, kind=kind, tags=tag, items=item, day=day), as_json, render)


@journal_app.command("list")
def journal_list_cmd(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", "-k"),
    tag: str | None = typer.Option(None, "--tag", "-t"),
    item: str | None = typer.Option(None, "--item", "-i"),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Only the latest N entries."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """List journal entries, oldest first."""
    from mlroute.services.journal import journal_list

    check(lang)

    def render(r: JournalList) -> None:
        words = _lang(ctx, lang)
        if not r.entries:
            console.print(tr(words, "jn.empty"))
        for e in r.entries:
            tags = f" [dim]#{shown(' #'.join(e.tags))}[/]" if e.tags else ""
            items = f" [dim]({', '.join(e.items)})[/]" if e.items else ""
            kind_word = word(words, "jk", e.kind) if words == "zh" else e.kind
            console.print(f"{_day(words, e.day)} [bold]{kind_word}[/] {shown(e.text)}{tags}{items}", highlight=False)

    emit(journal_list(app_context(ctx).store, kind=kind, tag=tag, item=item, limit=limit), as_json, render)


@evidence_app.command("add")
def evidence_add_cmd(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="https://… link to the repository, post or talk."),
    kind: str | None = typer.Option(
        None, "--kind", "-k", help="repository, post, talk, certificate or other (default: guessed from the link)."
    ),
    title: str | None = typer.Option(None, "--title"),
    item: str | None = typer.Option(None, "--item", "-i", help="The plan item it shows, e.g. a project."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Add an evidence link."""
    from mlroute.services.journal import EvidenceAdded, evidence_add

    check(lang)

    def render(r: EvidenceAdded) -> None:
        words = _lang(ctx, lang)
        kind_word = word(words, "ek", r.kind) if words == "zh" else r.kind
        console.print(tr(words, "ev.added", kind=kind_word, url=shown(r.url)), highlight=False)

    emit(evidence_add(app_context(ctx).store, url, kind=kind, title=title, item=item), as_json, render)


@evidence_app.command("list")
def evidence_list_cmd(ctx: typer.Context, lang: str | None = LangOpt, as_json: bool = JsonOpt) -> None:
    """List evidence links."""
    from mlroute.services.journal import evidence_list

    check(lang)

    def render(r: EvidenceList) -> None:
        words = _lang(ctx, lang)
        for e in r.links:
            item = f" [dim]({e.item})[/]" if e.item else ""
            kind_word = word(words, "ek", e.kind) if words == "zh" else e.kind
            title = shown(e.title or "")
            console.print(f"{_day(words, e.added)} [bold]{kind_word}[/] {title} {shown(e.url)}{item}", highlight=False)
        if not r.links:
            console.print(tr(words, "ev.empty"))

    emit(evidence_list(app_context(ctx).store), as_json, render)
