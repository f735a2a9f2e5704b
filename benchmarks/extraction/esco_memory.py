"""Memory of an embedded ESCO label index: peak RSS of a process that loads the model, embeds every ESCO label
(+ alt labels and descriptions where the ESCO collections have them) and answers a query.

    python benchmarks/extraction/esco_memory.py --data ../shared/benchmarks/decorte-esco-skill-extraction \
        --semantic model2vec:benchmarks/out/minilm-static

Ends by printing one JSON line of figures (aim: under 500 MB RSS).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from mlroute.extract.linker import LabelSet, Linker
from mlroute.extract.semantic import LabelIndex, load_encoder


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with skills_en_label.txt")
    ap.add_argument("--esco", type=Path, default=None, help="ESCO CSV collections (default: ../esco-v1.2-subset)")
    ap.add_argument("--semantic", required=True, help="default or an embedding model spec (BACKEND:LOCATION)")
    ap.add_argument("--cache", type=Path, default=None, help="load the embedded index from this .npz if present")
    args = ap.parse_args()
    base = rss_mb()
    esco_dir = args.esco or args.data.parent / "esco-v1.2-subset"
    collections = sorted(esco_dir.glob("*SkillsCollection_en.csv")) if esco_dir.is_dir() else []
    labels = LabelSet.from_esco(args.data / "skills_en_label.txt", collections)
    encoder = load_encoder(args.semantic)
    after_model = rss_mb()
    t0 = time.perf_counter()
    cached = LabelIndex.load(args.cache) if args.cache and args.cache.exists() else None
    linker = Linker(labels, encoder, index=cached)
    index = linker.index
    build = time.perf_counter() - t0
    top = linker.rank("Experience with Python and machine learning is a big plus", limit=5)
    figures = {
        "benchmark": "esco_memory",
        "semantic": encoder.name,
        "labels": len(labels.names),
        "label_texts": len(index.texts),
        "matrix_mb": round(index.matrix.nbytes / 2**20, 1),
        "index_from_cache": cached is not None,
        "build_seconds": round(build, 1),
        "rss_start_mb": round(base, 1),
        "rss_after_model_mb": round(after_model, 1),
        "rss_now_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "example_top5": [label for label, _ in top],
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
