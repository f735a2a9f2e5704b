"""Worst cases of extraction (issue 11): time on unpunctuated text of 10 KB … 10 MB, and peak memory of bombs.

Extraction time must grow linearly: the script prints seconds per MB for each size and the ratio of the largest
to the smallest (1.0 = perfectly linear). Peak memory is the maximum resident set size of a fresh process that
reads the hostile file (a DOCX that expands to 200 MB, a PDF stream that inflates to 80 MB, a gzip bomb),
next to the same process reading a small file. Ends with one JSON line.

    .venv/bin/python benchmarks/extraction/worst_case.py [--semantic default|none|SPEC] [--sizes 10000,100000,...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.extract import hostile  # noqa: E402

READ_AND_REPORT = """
import sys, time
from mlroute.errors import UserError
from mlroute.extract.readers import read_document
start = time.perf_counter()
try:
    read_document(sys.argv[1]); outcome = "read"
except UserError as exc:
    outcome = exc.message.split(" (")[-1].rstrip(").") if "MLROUTE_" in exc.message else exc.message[:60]
# VmHWM (not ru_maxrss, which a child inherits from the parent it was forked from)
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(hwm // 1024, round(time.perf_counter() - start, 3), outcome)
"""


def time_extraction(sizes: list[int], semantic: str | None) -> list[dict[str, float]]:
    from mlroute.services.extraction import linker

    lk = linker(semantic)
    lk.extract("warm-up: Python and SQL")
    rows = []
    for size in sizes:
        text = hostile.unpunctuated(size)
        start = time.perf_counter()
        mentions = lk.extract(text)
        seconds = time.perf_counter() - start
        rows.append(
            {
                "bytes": size,
                "seconds": round(seconds, 3),
                "seconds_per_mb": round(seconds / (size / 1e6), 3),
                "mentions": len(mentions),
            }
        )
        print(f"{size:>12,} bytes  {seconds:8.3f} s  {seconds / (size / 1e6):7.3f} s/MB  {len(mentions):,} mentions")
    return rows


def peak_memory(folder: Path) -> dict[str, dict[str, object]]:
    cases = {
        "small text file": lambda p: p.write_text("Python and SQL\n", encoding="utf-8") and p,
        "DOCX bomb (0.6 MB → 200 MB)": lambda p: hostile.docx_bomb(p),
        "PDF stream bomb (80 MB)": lambda p: hostile.pdf_stream_bomb(p),
        "gzip bomb (100 MB)": lambda p: hostile.gzip_bomb(p),
    }
    names = {0: "small.txt", 1: "bomb.docx", 2: "bomb.pdf", 3: "bomb.txt.gz"}
    out: dict[str, dict[str, object]] = {}
    for n, (label, make) in enumerate(cases.items()):
        path = folder / names[n]
        make(path)
        done = subprocess.run(
            [sys.executable, "-c", READ_AND_REPORT, str(path)], capture_output=True, text=True, check=True
        )
        rss, seconds, outcome = done.stdout.strip().split(" ", 2)
        out[label] = {
            "file_bytes": path.stat().st_size,
            "peak_rss_mb": int(rss),
            "seconds": float(seconds),
            "outcome": outcome,
        }
        print(f"{label:<30} {path.stat().st_size:>10,} B on disk  peak RSS {rss:>5} MB  {seconds} s  {outcome}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--semantic", default="none", help="default, none, or BACKEND:LOCATION (as --semantic)")
    parser.add_argument("--sizes", default="10000,100000,1000000,10000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Extraction of unpunctuated text (semantic: {args.semantic})")
    rows = time_extraction(sizes, args.semantic)
    growth = rows[-1]["seconds_per_mb"] / max(rows[0]["seconds_per_mb"], 1e-9)
    print(
        f"s/MB at {sizes[-1]:,} B ÷ s/MB at {sizes[0]:,} B = {growth:.2f} (1.0 = linear; quadratic would be "
        f"{sizes[-1] / sizes[0]:,.0f})"
    )
    with tempfile.TemporaryDirectory() as folder:
        memory = peak_memory(Path(folder))
    print(json.dumps({"semantic": args.semantic, "extraction": rows, "growth": round(growth, 2), "memory": memory}))


if __name__ == "__main__":
    main()
