"""Bounded load on the web app's dashboard over loopback: N concurrent clients for T seconds.

Starts ``mlroute serve`` in a subprocess on a free loopback port against a temporary SQLite database holding the
demo persona's plan with a few weeks of progress (sessions, finished items, journal entries), then runs N httpx
async clients. Each client loads the page once every ``--interval`` seconds (default 1 s: 50 clients offer a
bounded 50 requests/s); ``--interval 0`` makes them ask back to back, which measures the saturation throughput
(latency then is just the queue: clients ÷ throughput). Prints requests, throughput, latency percentiles and
errors, and ends with one JSON line of the figures.

    .venv/bin/python benchmarks/web_load.py                      # 50 clients, 30 s, GET / once a second each
    .venv/bin/python benchmarks/web_load.py --seconds 10 --interval 0
    .venv/bin/python benchmarks/web_load.py --path /api/status
    .venv/bin/python benchmarks/web_load.py --team               # a cohort on PostgreSQL: benchmarks/team_load.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

MLROUTE = Path(sys.executable).with_name("mlroute")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed_database(url: str) -> None:
    """The demo persona's plan, started five weeks ago, with study logged most days and some items finished."""
    from mlroute.services import journal, onboarding, planning, study
    from mlroute.services.kb import index
    from mlroute.services.status import status
    from mlroute.store import Store

    store = Store(url)
    today = date.today()
    start = today - timedelta(weeks=5, days=today.weekday())
    onboarding.start(store, index(), planning.demo_profile().model_copy(update={"start_date": start}), today=today)
    items = status(store, today=today).next
    for day in range(30):
        if day % 7 in (2, 5):
            continue
        when = (today - timedelta(days=day)).isoformat()
        study.log(store, "1h30m", items[day % 3], note=f"session {day}", day=when, today=today)
    for item in items[:2]:
        study.done(store, item)
    for text in ("Set up a study routine", "Wrote down why ML", "Asked a mentor for a chat"):
        journal.journal_add(store, text, kind="insight", today=today)
    store.close()


def wait_for(port: int, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("mlroute serve did not start") from None
            time.sleep(0.1)


async def client(
    http: httpx.AsyncClient,
    url: str,
    stop: float,
    interval: float,
    offset: float,
    latencies: list[float],
    errors: list[str],
) -> None:
    """Request ``url`` every ``interval`` seconds (a person reading, then reloading), or back to back when 0."""
    await asyncio.sleep(offset)
    next_at = time.perf_counter()
    while time.perf_counter() < stop:
        t0 = time.perf_counter()
        try:
            r = await http.get(url)
            if r.status_code != 200:
                errors.append(f"HTTP {r.status_code}")
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__}: {exc}"[:120])
        else:
            latencies.append(time.perf_counter() - t0)
        next_at += interval
        if interval:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))


async def run(url: str, clients: int, seconds: float, interval: float) -> tuple[list[float], list[str], float]:
    # Idle connections are dropped by the client after 2 s, before uvicorn's 5 s keep-alive timeout closes them:
    # reusing one the server is closing at that very moment fails with a ReadError that is no fault of the app
    # (browsers retry such requests silently).
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0)
    # Requests as the app's own pages make them (web.security refuses API reads without a same-origin marker).
    browser = {"sec-fetch-site": "same-origin"}
    async with httpx.AsyncClient(limits=limits, timeout=30, headers=browser) as http:
        for _ in range(20):  # warm up: templates compiled, knowledge base and plan loaded
            await http.get(url)
        latencies: list[float] = []
        errors: list[str] = []
        start = time.perf_counter()
        stop = start + seconds
        # Clients start spread over one interval, as people would, not all in the same millisecond.
        offsets = [interval * i / clients for i in range(clients)]
        await asyncio.gather(*(client(http, url, stop, interval, o, latencies, errors) for o in offsets))
        return latencies, errors, time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30.0, help="how long the load runs (default 30)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--path", default="/", help="the page to request (default the dashboard, /)")
    ap.add_argument("--team", action="store_true", help="team mode on PostgreSQL (benchmarks/team_load.py)")
    ap.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between one client's requests (default 1: 50 clients offer 50 requests/s); "
        "0 = back to back, the saturation throughput",
    )
    args, rest = ap.parse_known_args()
    if args.team:
        import runpy

        sys.argv = [str(Path(__file__).with_name("team_load.py")), *rest]
        runpy.run_path(sys.argv[0], run_name="__main__")
        return

    with tempfile.TemporaryDirectory(prefix="mlroute-load-") as folder:
        db = f"sqlite:///{Path(folder) / 'mlroute.db'}"
        seed_database(db)
        port = free_port()
        env = {**os.environ, "MLROUTE_DB": db}
        proc = subprocess.Popen(
            [str(MLROUTE), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(port, proc)
            url = f"http://127.0.0.1:{port}{args.path}"
            load_before = os.getloadavg()[0]
            latencies, errors, elapsed = asyncio.run(run(url, args.clients, args.seconds, args.interval))
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    ms = [x * 1000 for x in latencies]
    if not ms:
        raise SystemExit(f"no request succeeded: {sorted(set(errors))}")
    figures = {
        "path": args.path,
        "clients": args.clients,
        "interval_s": args.interval,
        "seconds": round(elapsed, 1),
        "requests": len(ms),
        "requests_per_second": round(len(ms) / elapsed, 1),
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
        "mean_ms": round(statistics.fmean(ms), 1),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "cpus": os.cpu_count(),
        "load_average_1m_before": round(load_before, 2),  # other work on the machine skews every figure
    }
    print(
        f"GET {args.path} · {args.clients} clients, one request every {args.interval:g} s each · "
        f"{figures['seconds']} s · {figures['requests']} requests "
        f"({figures['requests_per_second']}/s)\n"
        f"latency p50 {figures['p50_ms']} ms · p95 {figures['p95_ms']} ms · p99 {figures['p99_ms']} ms · "
        f"max {figures['max_ms']} ms\nerrors {figures['errors']} {figures['error_kinds'] or ''}\n"
        f"machine: {figures['cpus']} CPUs, load average {figures['load_average_1m_before']} before the run",
        file=sys.stderr,
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
