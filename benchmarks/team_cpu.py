"""The team server's CPU per request, in process: what ``/``, ``/api/status``, ``/cohort`` and ``/api/cohort`` cost
when nothing else competes, so a change to the code can be judged apart from the machine's load.

The database is seeded as ``team_load.py`` seeds it (the demo persona's plan and a few weeks of study sessions per
learner, twenty mentees per mentor; a throwaway PostgreSQL cluster unless ``--db``). The app runs in this process
(``create_app``, team mode) behind Starlette's TestClient; every account signs in through ``/login``. Each round,
every person asks for their two pages once, as in the load test. The figures are CPU time (``time.process_time``:
this process, every thread) per request, median and mean over the rounds after the first:

- ``steady``: nothing changed since the person's last visit (what almost every request of the load test is);
- ``after a write``: the first request after the person logged five minutes of study (the cost of a stale cache).

The client's own share is in every figure; ``/static/favicon.svg`` through the same client shows how much.
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


def get(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code, r.text[:200])


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
    clients = {name: sign_in(app, name) for name, _ in people}
    steady: dict[str, list[float]] = {}
    for r in range(rounds):
        for name, role in people:
            for path in PAGES[role]:
                ms = timed(lambda c=clients[name], p=path: get(c, p))  # type: ignore[misc]
                if r > 0:
                    steady.setdefault(path, []).append(ms)
    fresh: dict[str, list[float]] = {}
    for m in range(mentors):  # a mentee of each mentor logged time: one summary of twenty is stale
        for path in PAGES["mentor"]:
            log_five_minutes(app, f"learner{m:03d}")
            fresh.setdefault(path, []).append(timed(lambda c=clients[f"mentor{m}"], p=path: get(c, p)))  # type: ignore[misc]
    for name, role in people[: min(learners, 20)]:
        for path in PAGES[role]:
            log_five_minutes(app, name)
            fresh.setdefault(path, []).append(timed(lambda c=clients[name], p=path: get(c, p)))  # type: ignore[misc]
    client = clients[people[0][0]]
    static = [timed(lambda: get(client, "/static/favicon.svg")) for _ in range(200)]
    if profile:
        role = "mentor" if profile in PAGES["mentor"] else "learner"
        print_profile(app, [clients[n] for n, r in people if r == role], profile)
    return {
        "steady": {p: summary(xs) for p, xs in steady.items()},
        "after_write": {p: summary(xs) for p, xs in fresh.items()},
        "static_file": summary(static),
    }


def print_profile(app: Any, clients: list[Any], path: str) -> None:
    """cProfile of ``path``'s steady requests. cProfile sees one thread, so here the app runs in this one: an
    ASGI client on this thread's event loop, and the work FastAPI hands to its thread pool run inline."""
    import asyncio

    import anyio.to_thread
    import httpx

    async def inline(fn: Callable[..., Any], *args: Any, **_: Any) -> Any:
        return fn(*args)

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        jars = [httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000", headers={
            "sec-fetch-site": "same-origin", "cookie": "; ".join(f"{k}={v}" for k, v in dict(c.cookies).items())
        }) for c in clients]  # fmt: skip
        for http in jars:  # warm
            (await http.get(path)).raise_for_status()
        prof = cProfile.Profile(time.process_time)  # CPU, not the wait for the database
        prof.enable()
        for _ in range(5):
            for http in jars:
                await http.get(path)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(60)
        print(out.getvalue(), file=sys.stderr)
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue().split("Ordered by: internal time")[-1], file=sys.stderr)

    saved = anyio.to_thread.run_sync
    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    try:
        asyncio.run(run())
    finally:
        anyio.to_thread.run_sync = saved


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
