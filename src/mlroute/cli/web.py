"""``mlroute serve``: the local web app, for its owner only; ``mlroute serve --team``: a team server.

Without ``--team`` it listens on loopback, answers only to loopback host names (``web.security``), and refuses to
listen anywhere else: the app has no login, so a reachable port would be an open door to the plan, the journal
and the backup. With ``--team`` accounts are on (sign-in at /login, each person's data their own: ``web.auth``),
it may listen on any address, and ``--workers N`` runs N processes (they share the database and its keys).
"""

from __future__ import annotations

import ipaddress

import typer

from mlroute.errors import UserError
from mlroute.settings import Settings

GRACE_SECONDS = 5  # after SIGTERM or Ctrl+C, running requests get this long before they are cancelled
API_TOKEN_ENV = "MLROUTE_API_TOKEN"


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def display_url(host: str, port: int) -> str:
    """The address to open: IPv6 in brackets (``http://[::1]:8000``); for a wildcard bind, this machine's."""
    bare = host.strip("[]")
    if bare in ("0.0.0.0", ""):
        bare = "127.0.0.1"
    elif bare == "::":
        bare = "::1"
    return f"http://[{bare}]:{port}" if ":" in bare else f"http://{bare}:{port}"


def check_bind(host: str, port: int, *, authenticated: bool = False) -> None:
    """Refuse an address other machines can reach unless authentication is on (the team mode)."""
    if is_loopback(host) or authenticated:
        return
    loopback = display_url("::1" if ":" in host else "127.0.0.1", port)
    raise UserError(
        f"Refusing to serve on {host}: other machines could reach it, and this app has no login, so anyone "
        "could read and change your plan, journal and backup.",
        hint=f"Serve on this machine only (the default, {loopback}), or serve a team with authentication "
        "turned on: mlroute serve --team (team mode).",
    )


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind: 127.0.0.1, localhost or ::1."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    allow_host: list[str] = typer.Option(
        [], "--allow-host", help="Another name the browser may use for this server (repeatable), e.g. mlroute.lan."
    ),
    team: bool = typer.Option(False, "--team", help="Team mode: accounts and sign-in; may serve other machines."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes (team mode)."),
) -> None:
    """Start the web app (dashboard, roadmap, timeline, journal, documents) in your browser."""
    import socket

    import uvicorn

    from mlroute.web.app import create_app
    from mlroute.web.csrf import Tokens
    from mlroute.web.limits import stop_workers
    from mlroute.web.security import LOOPBACK_HOSTS, split_host

    check_bind(host, port, authenticated=team)
    if workers > 1 and not team:
        raise UserError("--workers needs --team.", hint="The single-user app runs in one process.")
    bare = host.strip("[]")
    try:
        with socket.socket(socket.AF_INET6 if ":" in bare else socket.AF_INET) as probe:
            probe.bind((bare, port))
    except OSError as exc:
        raise UserError(
            f"Cannot listen on {host}:{port}: {exc.strerror}.",
            hint="Another program may be using the port; choose another with --port.",
        ) from None
    names = [n.strip().lower() for n in allow_host if n.strip()]
    for name in names:
        parsed = split_host(name)
        if parsed is None or parsed[1] is not None or "*" in name[1:]:
            raise UserError(f"--allow-host {name!r} is not a host name.", hint="Give a name such as mlroute.lan.")
    hosts = (*LOOPBACK_HOSTS, bare.lower(), *names)
    fixed = Settings().api_token or ""
    if fixed and (len(fixed) < 20 or not fixed.isascii() or not fixed.isprintable() or " " in fixed):
        raise UserError(
            f"{API_TOKEN_ENV} is too weak or has spaces: use at least 20 printable ASCII characters.",
            hint="Make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))', or unset it.",
        )
    if team:
        serve_team(host, port, hosts, workers)
        return
    refuse_team_database()
    tokens = Tokens(api_token=fixed or None)
    app = create_app(allowed_hosts=hosts, tokens=tokens)
    typer.echo(f"mlroute web app on {display_url(host, port)}  (Ctrl+C to stop)", err=True)
    typer.echo(f"API token for scripts (Authorization: Bearer …): {tokens.api}", err=True)
    try:
        uvicorn.run(app, host=bare, port=port, log_level="warning", timeout_graceful_shutdown=GRACE_SECONDS)
    finally:
        stop_workers()


def refuse_team_database() -> None:
    """The single-user app on a team's database would show nobody's data: say what to run instead."""
    from mlroute.store import Store

    store = Store(Settings().database_url())
    try:
        if store.has_accounts():
            raise UserError(
                "This database has accounts (team mode).", hint="Serve it with sign-in: mlroute serve --team"
            )
    finally:
        store.close()


def serve_team(host: str, port: int, hosts: tuple[str, ...], workers: int) -> None:
    """Serve with accounts: ``create_app`` reads ``MLROUTE_TEAM`` and ``MLROUTE_ALLOW_HOSTS`` in each worker."""
    import uvicorn

    from mlroute.settings import Settings, use_environment
    from mlroute.store import Store
    from mlroute.web.limits import stop_workers

    settings = Settings(team=True, allow_hosts=",".join(hosts))
    store = Store(settings.database_url())
    try:
        if not store.has_accounts():
            raise UserError(
                "Team mode needs an account to sign in with, and this database has none.",
                hint="Add an admin first: mlroute users add NAME --role admin",
            )
    finally:
        store.close()
    use_environment(settings.environment())
    typer.echo(f"mlroute team server on {display_url(host, port)} with {workers} worker(s)  (Ctrl+C to stop)", err=True)
    try:
        uvicorn.run(
            "mlroute.web.app:create_app",
            factory=True,
            host=host.strip("[]"),
            port=port,
            workers=workers,
            log_level="warning",
            timeout_graceful_shutdown=GRACE_SECONDS,
        )
    finally:
        stop_workers()
