"""``mlroute serve``: the local web app."""

from __future__ import annotations

import ipaddress

import typer

from mlroute.errors import UserError


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; the default keeps it on this machine."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
) -> None:
    """Start the web app (dashboard, roadmap, timeline, journal, documents) in your browser."""
    import socket

    import uvicorn

    from mlroute.web.app import create_app

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise UserError(
            f"Cannot listen on {host}:{port}: {exc.strerror}.",
            hint="Another program may be using the port; choose another with --port.",
        ) from None
    if not is_loopback(host):
        typer.echo(
            f"Warning: {host} is reachable from other machines and the app has no login; "
            "anyone who can reach it can read and change your plan.",
            err=True,
        )
    typer.echo(f"mlroute web app on http://{host}:{port}  (Ctrl+C to stop)", err=True)
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")
