"""How long the commands people run many times a day take, start to exit, as a real process.

Makes a throwaway SQLite database holding the demo persona's plan, then runs each command N times and prints the
median and the fastest wall-clock time (seconds) as one JSON line. ``mlroute log`` must stay fast: scripts and
people run it after every session.

    .venv/bin/python benchmarks/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MLROUTE = str(Path(sys.executable).with_name("mlroute"))


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([MLROUTE, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "MLROUTE_DB": f"sqlite:///{folder}/bench.db", "NO_COLOR": "1"}
        profile = Path(__file__).resolve().parents[1] / "examples" / "profiles" / "devops.yaml"
        subprocess.run([MLROUTE, "init", "--profile", str(profile), "--json"], env=env, check=True, capture_output=True)
        status = json.loads(
            subprocess.run([MLROUTE, "status", "--json"], env=env, check=True, capture_output=True).stdout
        )
        item = status["next"][0]
        commands = {
            "log": ["log", "5m", "--item", item, "--json"],
            "status": ["status", "--json"],
            "done": ["start", item, "--json"],
            "--help": ["--help"],
        }
        figures: dict[str, dict[str, float]] = {}
        for name, args in commands.items():
            times = [timed(args, env) for _ in range(runs)]
            figures[name] = {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3)}
    print(json.dumps({"runs": runs, **figures}))


if __name__ == "__main__":
    main()
