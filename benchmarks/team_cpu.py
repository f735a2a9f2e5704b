"""The team server's CPU per request, in process: what ``/``, ``/api/status``, ``/cohort`` and ``/api/cohort`` cost
when nothing else competes, so a change to the code can be judged apart from the machine's load.

The database is seeded as ``team_load.py`` seeds it (the demo persona's plan and a few weeks of study sessions per
learner, twenty mentees per mentor; a throwaway PostgreSQL cluster unless ``--db``). The app runs in this process
(``create_app``, team mode) behind Starlette's TestClient; every account signs in through ``/login``. Each round,
every person asks for their two pages once, as in the load test. The figures are CPU time (``time.process_time``:
this process, every thread) per request, median and mean over the rounds after the first:

- ``steady``: nothing changed since the person's last visit (what almost every request of the load test is);
- ``after a write``: the first request after the person logged five minutes of study (the cost of a stale cache).

The app runs on this thread (an ASGI client on its event loop, FastAPI's thread pool work inline), so the time is
the request's own; the client's share is in every figure, and ``/static/favicon.svg`` through the same client and
the app's middleware shows how much.
``--profile PATH`` prints the top of a cProfile of ``PATH``'s steady requests.

    nice -n 19 .venv/bin/python benchmarks/team_cpu.py
    nice -n 19 .venv/bin/python benchmarks/team_cpu.py --rounds 20 --profile /
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.team_load import PASSWORD, seed  # noqa: E402

PAGES = {"learner": ("/", "/api/status"), "mentor": ("/cohort", "/api/cohort")}


def sign_in(app: Any, name: str) -> Any:
    import re

    from fastapi.testclient import TestClient

    client = TestClient(app, base_url="http://127.0.0.1:8000", headers={"sec-fetch-site": "same-origin"})
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    r = client.post("/login", data={"csrf_token": token.group(1), "username": name, "password": PASSWORD})
    assert r.status_code == 200, r.text[:200]
    return client


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.process_time()
    fn()
    return (time.process_time() - t0) * 1000


class Inline:
    """The app on this thread: an ASGI client on this thread's event loop, and the work FastAPI hands to its thread
    pool run inline, so ``time.process_time`` around a request is that request's CPU (and cProfile sees it)."""

    def __init__(self, app: Any) -> None:
        import asyncio

        import anyio.to_thread
        import httpx

        async def inline(fn: Callable[..., Any], *args: Any, **_: Any) -> Any:
            return fn(*args)

        self.loop = asyncio.new_event_loop()
        self.transport = httpx.ASGITransport(app=app)
        self._saved = anyio.to_thread.run_sync
        anyio.to_thread.run_sync = inline  # type: ignore[assignment]

    def client(self, signed_in: Any) -> Any:
        import httpx

        cookie = "; ".join(f"{k}={v}" for k, v in dict(signed_in.cookies).items())
        headers = {"sec-fetch-site": "same-origin", "cookie": cookie}
        return httpx.AsyncClient(transport=self.transport, base_url="http://127.0.0.1:8000", headers=headers)

    def get(self, client: Any, path: str) -> None:
        r = self.loop.run_until_complete(client.get(path))
        assert r.status_code == 200, (path, r.status_code, r.text[:200])

    def close(self) -> None:
        import anyio.to_thread

        anyio.to_thread.run_sync = self._saved  # type: ignore[assignment]
        self.loop.close()


def log_five_minutes(app: Any, learner: str) -> None:
    """A write to the learner's data through the services (as the CLI or a form would make it)."""
    from mlroute.services import study, users
    from mlroute.services.status import status

    store = app.state.store.for_owner(users.account_id(app.state.store, learner))
    study.log(store, "5m", status(store).next[0])


def measure(url: str, learners: int, mentors: int, rounds: int, profile: str | None) -> dict[str, Any]:
    from mlroute.settings import Settings
    from mlroute.web.app import create_app

    app = create_app(settings=Settings(db=url, team=True))
    people = [(f"learner{n:03d}", "learner") for n in range(learners)]
    people += [(f"mentor{m}", "mentor") for m in range(mentors)]
    signed_in = {name: sign_in(app, name) for name, _ in people}
    run = Inline(app)
    try:
        clients = {name: run.client(c) for name, c in signed_in.items()}
        result = _measure(app, run, clients, people, rounds, mentors)
        if profile:
            role = "mentor" if profile in PAGES["mentor"] else "learner"
            print_profile(run, [clients[n] for n, r in people if r == role], profile)
    finally:
        run.close()
    return result


def _measure(
    app: Any, run: Inline, clients: dict[str, Any], people: list[tuple[str, str]], rounds: int, mentors: int
) -> dict[str, Any]:
    steady: dict[str, list[float]] = {}
    for r in range(rounds):
        for name, role in people:
            for path in PAGES[role]:
                ms = timed(lambda c=clients[name], p=path: run.get(c, p))  # type: ignore[misc]
                if r > 0:
                    steady.setdefault(path, []).append(ms)
    fresh: dict[str, list[float]] = {}
    for m in range(mentors):  # a mentee of each mentor logged time: one summary of twenty is stale
        for path in PAGES["mentor"]:
            log_five_minutes(app, f"learner{m:03d}")
            fresh.setdefault(path, []).append(timed(lambda c=clients[f"mentor{m}"], p=path: run.get(c, p)))  # type: ignore[misc]
    learners = [(n, r) for n, r in people if r == "learner"][:20]
    for name, role in learners:
        for path in PAGES[role]:
            log_five_minutes(app, name)
            fresh.setdefault(path, []).append(timed(lambda c=clients[name], p=path: run.get(c, p)))  # type: ignore[misc]
    client = clients[people[0][0]]
    static = [timed(lambda: run.get(client, "/static/favicon.svg")) for _ in range(200)]
    return {
        "steady": {p: summary(xs) for p, xs in steady.items()},
        "after_write": {p: summary(xs) for p, xs in fresh.items()},
        "static_file": summary(static),
    }


def print_profile(run: Inline, clients: list[Any], path: str) -> None:
    """cProfile (CPU time) of ``path``'s steady requests, by cumulative and by own time."""
    for http in clients:  # warm
        run.get(http, path)
    prof = cProfile.Profile(time.process_time)  # CPU, not the wait for the database
    prof.enable()
    for _ in range(5):
        for http in clients:
            run.get(http, path)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(60)
    print(out.getvalue(), file=sys.stderr)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
    if os.environ.get("MLROUTE_PROFILE_CALLERS"):  # who calls what matches this pattern
        pstats.Stats(prof, stream=out).print_callers(os.environ["MLROUTE_PROFILE_CALLERS"])
    print(out.getvalue(), file=sys.stderr)


def summary(ms: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(ms), 2), "mean_ms": round(statistics.fmean(ms), 2), "n": len(ms)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a database URL to seed (default: a throwaway PostgreSQL cluster)")
    ap.add_argument("--learners", type=int, default=40)
    ap.add_argument("--mentors", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--profile", help="a path to profile (/, /api/status, /cohort or /api/cohort)")
    args = ap.parse_args()
    server = None
    url = args.db
    if url is None:
        from tests.store import pgserver

        server = pgserver.start()
        url = server.new_database()
    try:
        seed(url, args.learners, args.mentors)
        load = os.getloadavg()[0]
        result = measure(url, args.learners, args.mentors, args.rounds, args.profile)
        print(f"CPU per request, in process ({args.learners} learners, {args.mentors} mentors, load average "
              f"{load:.1f} on {os.cpu_count()} CPUs):", file=sys.stderr)  # fmt: skip
        for kind in ("steady", "after_write"):
            for path, f in result[kind].items():
                print(f"  {kind:12} {path:12} median {f['median_ms']:6.2f} ms · mean {f['mean_ms']:6.2f} ms "
                      f"({f['n']} requests)", file=sys.stderr)  # fmt: skip
        f = result["static_file"]
        print(f"  the client's share (a static file): median {f['median_ms']:.2f} ms", file=sys.stderr)
        print(json.dumps({**result, "load_average_1m": round(load, 2)}))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
