"""A cohort on one team server: 200 learners and 10 mentors signed in, each sending one request a second,
alternately to their dashboard and to the API (learners ``/`` and ``/api/status``, mentors ``/cohort`` and
``/api/cohort``), against ``mlroute serve --team --workers N`` on PostgreSQL.

A throwaway PostgreSQL cluster is started (``tests/store/pgserver.py``; or ``--db URL``) and seeded: the demo
persona's plan for every learner with its own start date (five to eight weeks ago) and a few weeks of study
sessions (some learners idle, so mentors see stuck learners), twenty mentees per mentor, one admin. Every account
signs in through ``/login``. Then, for each worker count, the load runs for ``--seconds``; the script prints p50,
p95, p99 and errors per worker count and per kind of page, then the single-worker throughput of the dashboard
(``--saturation-clients`` learners loading ``/`` back to back). The load generator shares the machine with the
server; the last line is the figures as JSON.

    nice -n 19 .venv/bin/python benchmarks/web_load.py --team                  # 1 and 2 workers, 60 s each
    nice -n 19 .venv/bin/python benchmarks/team_load.py --workers 2 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MLROUTE = Path(sys.executable).with_name("mlroute")
PASSWORD = "benchmark password 2027"

from benchmarks.web_load import free_port, percentile, wait_for  # noqa: E402


def seed(url: str, learners: int, mentors: int) -> None:
    """Accounts (one hash computed once: seeding measures nothing), plans and study logs, through the store."""
    from mlroute.services import onboarding, planning
    from mlroute.services.kb import index
    from mlroute.store import Store, repo, team_repo
    from mlroute.team.accounts import hash_password

    store = Store(url)
    now = datetime.now(UTC)
    hashed = hash_password(PASSWORD)
    kb = index()
    template = Store("sqlite://")
    onboarding.start(template, kb, planning.demo_profile(), today=date.today())
    profile, plan = template.read(repo.latest_profile), template.read(repo.latest_plan)
    assert profile is not None and plan is not None
    items = [it["id"] for it in plan.data["items"]][:6]

    def accounts(s: Any) -> dict[str, int]:
        ids = {"admin": team_repo.add_user(s, username="admin", role="admin", password_hash=hashed, now=now).id}
        for m in range(mentors):
            ids[f"mentor{m}"] = team_repo.add_user(
                s, username=f"mentor{m}", role="mentor", password_hash=hashed, now=now
            ).id
        for n in range(learners):
            name = f"learner{n:03d}"
            ids[name] = team_repo.add_user(s, username=name, role="learner", password_hash=hashed, now=now).id
            team_repo.assign(s, ids[f"mentor{n % mentors}"], ids[name], now)
        return ids

    ids = store.system().write(accounts)
    today = date.today()
    for n in range(learners):
        start = today - timedelta(weeks=5 + n % 4, days=today.weekday())
        idle = n % 7 == 0  # every seventh learner stopped three weeks ago: the mentors' stuck learners

        def fill(s: Any, start: date = start, idle: bool = idle, n: int = n) -> None:
            data = {**profile.data, "start_date": start.isoformat(), "name": f"Learner {n}"}
            version = repo.add_profile(s, data, name=f"Learner {n}", now=now)
            repo.add_plan(s, {**plan.data, "start_date": start.isoformat()}, profile_version=version,
                          kb_version=plan.kb_version, starts_on=start, reason="init", pace=None, now=now)  # fmt: skip
            for day in range(21 if idle else 0, 35):
                if day % 7 not in (2, 5):
                    item = items[day % 3]
                    repo.add_session(s, day=today - timedelta(days=day), minutes=90, item_id=item, note=None, now=now)
                    repo.set_status(s, item, "doing", now=now)
            repo.set_status(s, items[3], "done", now=now)

        store.for_owner(ids[f"learner{n:03d}"]).write(fill)
    template.close()
    store.close()


async def sign_in(http: httpx.AsyncClient, base: str, name: str) -> str:
    page = await http.get(f"{base}/login", headers={"cookie": "fresh=1"})  # not the client's jar: a new browser
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text[:200]
    nonce = page.cookies.get("mlroute_csrf") or ""
    response = await http.post(
        f"{base}/login",
        data={"csrf_token": token.group(1), "username": name, "password": PASSWORD},
        headers={"cookie": f"mlroute_csrf={nonce}"},
    )
    if response.status_code != 303:
        raise SystemExit(f"sign-in of {name} failed: HTTP {response.status_code}")
    return f"mlroute_csrf={nonce}; mlroute_session={response.cookies['mlroute_session']}"


async def person(
    http: httpx.AsyncClient,
    base: str,
    cookie: str,
    paths: tuple[str, str],
    stop: float,
    offset: float,
    out: dict[str, Any],
) -> None:
    """One request a second, alternating between ``paths``."""
    await asyncio.sleep(offset)
    next_at, turn = time.perf_counter(), 0
    while time.perf_counter() < stop:
        path = paths[turn % 2]
        turn += 1
        t0 = time.perf_counter()
        try:
            r = await http.get(base + path, headers={"cookie": cookie})
            if r.status_code != 200:
                out["errors"].append(f"{path} HTTP {r.status_code}")
            else:
                out["latency"].setdefault(path, []).append(time.perf_counter() - t0)
        except httpx.HTTPError as exc:
            out["errors"].append(f"{path} {type(exc).__name__}")
        next_at += 1.0
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))


def cpu_seconds(root: int) -> float:
    """CPU time (user + system) of ``root`` and every process under it (the uvicorn workers), from /proc."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    tree, grew = {root}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    return sum(times.get(p, 0.0) for p in tree)


def serve(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "MLROUTE_DB": url}
    cmd = [str(MLROUTE), "serve", "--team", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    wait_for(port, proc, timeout=60)
    return proc, f"http://127.0.0.1:{port}"


async def bounded(url: str, workers: int, seconds: float, learners: int, mentors: int) -> dict[str, Any]:
    proc, base = serve(url, workers)
    try:
        limits = httpx.Limits(max_connections=300, max_keepalive_connections=300, keepalive_expiry=2.0)
        async with httpx.AsyncClient(limits=limits, timeout=30, headers={"sec-fetch-site": "same-origin"}) as http:
            names = [f"learner{n:03d}" for n in range(learners)] + [f"mentor{m}" for m in range(mentors)]
            gate = asyncio.Semaphore(8)

            async def one(name: str) -> str:
                async with gate:
                    return await sign_in(http, base, name)

            t0 = time.perf_counter()
            cookies = await asyncio.gather(*(one(n) for n in names))
            sign_in_s = time.perf_counter() - t0
            for cookie, name in zip(cookies, names, strict=True):  # warm-up: caches, templates, connections
                await http.get(base + ("/cohort" if name.startswith("mentor") else "/"), headers={"cookie": cookie})
            out: dict[str, Any] = {"latency": {}, "errors": []}
            cpu_before, client_before = cpu_seconds(proc.pid), time.process_time()
            stop = time.perf_counter() + seconds
            load_before = os.getloadavg()[0]
            tasks = []
            for i, (cookie, name) in enumerate(zip(cookies, names, strict=True)):
                paths = ("/cohort", "/api/cohort") if name.startswith("mentor") else ("/", "/api/status")
                tasks.append(person(http, base, cookie, paths, stop, i / len(names), out))
            await asyncio.gather(*tasks)
            cpu_used = cpu_seconds(proc.pid) - cpu_before
            client_used = time.process_time() - client_before
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    every = [x for xs in out["latency"].values() for x in xs]
    served = max(1, len(every))
    return {
        "workers": workers,
        "people": len(names),
        "sign_in_seconds": round(sign_in_s, 1),
        "requests": len(every) + len(out["errors"]),
        "requests_per_second": round(len(every) / seconds, 1),
        **figures(every),
        "errors": len(out["errors"]),
        "error_kinds": sorted(set(out["errors"]))[:10],
        "by_path": {p: figures(xs) for p, xs in sorted(out["latency"].items())},
        # The server's own CPU per request (all workers): what the load costs, whatever else the machine runs.
        "server_cpu_ms_per_request": round(cpu_used * 1000 / served, 1),
        # The load generator's own CPU per request: it shares the cores, and when it falls behind so does the pace.
        "client_cpu_ms_per_request": round(client_used * 1000 / served, 1),
        "load_average_1m_before": round(load_before, 2),
    }


def figures(seconds: list[float]) -> dict[str, float]:
    ms = [x * 1000 for x in seconds] or [float("nan")]
    return {k: round(percentile(ms, p), 1) for k, p in (("p50_ms", 50), ("p95_ms", 95), ("p99_ms", 99))}


async def saturation(url: str, seconds: float, clients: int) -> dict[str, Any]:
    """Back-to-back dashboards from ``clients`` learners against one worker: the throughput of one process."""
    proc, base = serve(url, 1)
    try:
        async with httpx.AsyncClient(timeout=60, headers={"sec-fetch-site": "same-origin"}) as http:
            cookies = [await sign_in(http, base, f"learner{n:03d}") for n in range(clients)]
            for cookie in cookies:  # warm-up, as in the bounded runs: the knowledge base, templates, caches
                await http.get(base + "/", headers={"cookie": cookie})
            done: list[float] = []
            stop = time.perf_counter() + seconds

            async def hammer(cookie: str) -> None:
                while time.perf_counter() < stop:
                    t0 = time.perf_counter()
                    r = await http.get(base + "/", headers={"cookie": cookie})
                    if r.status_code == 200:
                        done.append(time.perf_counter() - t0)

            t0 = time.perf_counter()
            await asyncio.gather(*(hammer(c) for c in cookies))
            elapsed = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return {"clients": clients, "dashboards": len(done), "per_second": round(len(done) / elapsed, 1), **figures(done)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a PostgreSQL URL to seed (default: a throwaway cluster)")
    ap.add_argument("--learners", type=int, default=200)
    ap.add_argument("--mentors", type=int, default=10)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--saturation-seconds", type=float, default=20.0)
    ap.add_argument("--saturation-clients", type=int, default=10)
    args = ap.parse_args()
    server = None
    url = args.db
    if url is None:
        from tests.store import pgserver

        server = pgserver.start()
        url = server.new_database()
    try:
        t0 = time.perf_counter()
        seed(url, args.learners, args.mentors)
        print(
            f"seeded {args.learners} learners, {args.mentors} mentors in {time.perf_counter() - t0:.0f} s",
            file=sys.stderr,
        )
        results = []
        for workers in args.workers:
            r = asyncio.run(bounded(url, workers, args.seconds, args.learners, args.mentors))
            results.append(r)
            print(
                f"{workers} worker(s): {r['people']} people, {r['requests']} requests ({r['requests_per_second']}/s) · "
                f"p50 {r['p50_ms']} ms · p95 {r['p95_ms']} ms · p99 {r['p99_ms']} ms · errors {r['errors']} "
                f"{r['error_kinds'] or ''} · server CPU {r['server_cpu_ms_per_request']} ms a request "
                f"(the load generator's {r['client_cpu_ms_per_request']} ms) · "
                f"load average {r['load_average_1m_before']} before",
                file=sys.stderr,
            )
            for path, f in r["by_path"].items():
                print(f"    {path:14} p50 {f['p50_ms']} · p95 {f['p95_ms']} · p99 {f['p99_ms']} ms", file=sys.stderr)
        sat = asyncio.run(saturation(url, args.saturation_seconds, args.saturation_clients))
        print(f"1 worker, dashboards back to back ({sat['clients']} clients): {sat['per_second']}/s, "
              f"p50 {sat['p50_ms']} ms", file=sys.stderr)  # fmt: skip
        print(json.dumps({"bounded": results, "saturation": sat, "cpus": os.cpu_count()}))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
