"""``mlroute serve``: the local web app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; the default keeps it on this machine."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
) -> None:
    """Start the web app (dashboard, roadmap, timeline, journal, documents) in your browser."""
    import uvicorn

    from mlroute.web.app import create_app

    typer.echo(f"mlroute web app on http://{host}:{port}  (Ctrl+C to stop)", err=True)
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")
