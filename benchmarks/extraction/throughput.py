"""Extraction throughput on real postings (the SkillSpan texts, sentences joined back into postings).

Runs the knowledge-base linker (lexical, then optionally the semantic stage) over every posting of a split and
reports postings per second, words per posting, and peak RSS. SkillNER, for scale, manages about 0.15–0.33
postings/s on a 450-word posting with a 32k-skill list.

    python benchmarks/extraction/throughput.py --data ../shared/benchmarks/skillspan --split dev \
        --semantic model2vec:benchmarks/out/minilm-static

Ends by printing one JSON line of figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from skillspan import load

from mlroute.extract import spans
from mlroute.extract.lexical import LexicalMatcher
from mlroute.extract.linker import LabelSet, Linker
from mlroute.extract.semantic import load_encoder, resolve_spec
from mlroute.kb import get_index


def postings(data: Path, split: str) -> list[str]:
    grouped: dict[tuple[str, int], list[str]] = {}
    for s in load(data, split):
        grouped.setdefault(s.posting, []).append(s.text)
    return ["\n".join(lines) for lines in grouped.values()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the SkillSpan folder")
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--semantic", default=None, help="default, none, or an embedding model spec (BACKEND:LOCATION)")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the corpus; the best is reported")
    ap.add_argument("--batch", type=int, default=64, help="postings per linker call")
    ap.add_argument("--spans", action="store_true", help="also run the span tagger (market --other-skills)")
    args = ap.parse_args()
    texts = postings(args.data, args.split)
    t0 = time.perf_counter()
    spec = resolve_spec(args.semantic or "none")
    encoder = load_encoder(spec) if spec else None
    linker = Linker(LabelSet.from_kb(get_index().kb), encoder)
    if encoder is not None:
        _ = linker.index
    tagger = spans.shipped(LexicalMatcher(LabelSet.from_kb(get_index().kb).aliases)) if args.spans else None
    setup = time.perf_counter() - t0
    best = float("inf")
    mentions = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = []
        for k in range(0, len(texts), args.batch):
            found.extend(linker.extract_many(texts[k : k + args.batch]))
        for text in texts if tagger is not None else []:
            tagger.spans(text)
        best = min(best, time.perf_counter() - t0)
        mentions = sum(len(m) for m in found)
    words = sum(len(t.split()) for t in texts)
    figures = {
        "benchmark": "throughput",
        "split": args.split,
        "semantic": encoder.name if encoder else None,
        "span_tagger": tagger is not None,
        "postings": len(texts),
        "words_per_posting": round(words / len(texts), 1),
        "kb_skills": len(linker.labels.names),
        "mentions": mentions,
        "seconds": round(best, 3),
        "postings_per_second": round(len(texts) / best, 1),
        "words_per_second": round(words / best),
        "x_skillner_upper": round(len(texts) / best / 0.33, 1),
        "setup_seconds": round(setup, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
