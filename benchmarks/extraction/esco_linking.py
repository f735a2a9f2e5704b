"""ESCO skill linking on the Decorte et al. TECH / HOUSE sentences (or SkillSkape dev): RP@5, RP@10 and MRR.

Every ESCO v1.1.0 skill (``skills_en_label.txt``, 13,895 labels) is ranked for each sentence with at least one ESCO
label (``LABEL NOT PRESENT`` and ``UNDERSPECIFIED`` rows dropped, duplicates removed), by mlroute's own linker
(``Linker.rank``): labels named in the sentence first, then by embedding similarity to the sentence and its clauses.
RP@k = |top-k ∩ gold| / min(k, |gold|), averaged over sentences; MRR = mean of 1 / rank of the first gold label.

    python benchmarks/extraction/esco_linking.py --data ../shared/benchmarks/decorte-esco-skill-extraction \
        --set tech --split validation --semantic minilm-package
    python benchmarks/extraction/esco_linking.py --data ../shared/benchmarks/skillskape-synthetic \
        --set skillskape --split dev --semantic default

Ends by printing one JSON line of figures.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import sys
import time
from pathlib import Path

from mlroute.extract.linker import LabelSet, Linker
from mlroute.extract.semantic import LabelIndex, load_encoder, resolve_spec

DROP = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}


def gold_sentences(path: Path) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label = row["label"].strip()
            if label and label not in DROP:
                gold.setdefault(row["sentence"], set()).add(label)
    return gold


def skillskape_sentences(path: Path) -> dict[str, set[str]]:
    """SkillSkape (``,sentence,skills`` with a Python-list string of ESCO labels; ``UNK`` = none)."""
    gold: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            labels = {s for s in ast.literal_eval(row["skills"]) if s and s != "UNK"}
            if labels:
                gold.setdefault(row["sentence"].strip(), set()).update(labels)
    return gold


def score(ranked: list[str], gold: set[str]) -> dict[str, float]:
    out = {}
    for k in (1, 5, 10):
        out[f"rp@{k}"] = len(set(ranked[:k]) & gold) / min(k, len(gold))
    rank = next((i + 1 for i, label in enumerate(ranked) if label in gold), None)
    out["mrr"] = 1.0 / rank if rank else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with {set}_{split}_annotations.csv and labels")
    ap.add_argument("--set", choices=["tech", "house", "skillskape"], required=True)
    ap.add_argument("--split", default="validation")
    ap.add_argument("--semantic", default=None, help="default, none, or an embedding model spec (BACKEND:LOCATION)")
    ap.add_argument("--labels", type=Path, default=None, help="ESCO label list (default: next to the annotations)")
    ap.add_argument(
        "--esco",
        type=Path,
        default=None,
        help="folder of ESCO CSV collections for alt labels and descriptions (default: ../esco-v1.2-subset if present)",
    )
    ap.add_argument("--cache", type=Path, default=None, help="reuse the embedded label index saved in this .npz")
    args = ap.parse_args()
    if args.split == "test" or "test" in args.split:
        sys.exit("The test split is held back for independent evaluation; tune and report on validation.")
    if args.set == "skillskape":
        gold = skillskape_sentences(args.data / f"{args.split}.csv")
        label_file = args.labels or args.data.parent / "decorte-esco-skill-extraction" / "skills_en_label.txt"
    else:
        gold = gold_sentences(args.data / f"{args.set}_{args.split}_annotations.csv")
        label_file = args.labels or args.data / "skills_en_label.txt"
    esco_dir = args.esco or args.data.parent / "esco-v1.2-subset"
    collections = sorted(esco_dir.glob("*SkillsCollection_en.csv")) if esco_dir.is_dir() else []
    labels = LabelSet.from_esco(label_file, collections)
    spec = resolve_spec(args.semantic or "none")
    encoder = load_encoder(spec) if spec else None
    cached = LabelIndex.load(args.cache) if args.cache and args.cache.exists() else None
    if cached is not None and cached.texts != [t for _, t in labels.texts]:
        cached = None
    linker = Linker(labels, encoder, index=cached)
    t0 = time.perf_counter()
    if encoder is not None:
        index = linker.index
        if args.cache and cached is None:
            args.cache.parent.mkdir(parents=True, exist_ok=True)
            index.save(args.cache)
    t_index = time.perf_counter() - t0
    sentences = sorted(gold)
    t0 = time.perf_counter()
    ranked = linker.rank_many(sentences, limit=100)
    t_rank = time.perf_counter() - t0
    totals = {"rp@1": 0.0, "rp@5": 0.0, "rp@10": 0.0, "mrr": 0.0}
    for sentence, ranking in zip(sentences, ranked, strict=True):
        for key, value in score([label for label, _ in ranking], gold[sentence]).items():
            totals[key] += value
    n = len(sentences)
    figures = {
        "benchmark": "esco_linking",
        "set": args.set,
        "split": args.split,
        "semantic": encoder.name if encoder else None,
        "sentences": n,
        "labels": len(labels.names),
        "label_texts": len(labels.texts),
        "alt_label_collections": [p.name for p in collections],
        **{k: round(100 * v / n, 2) if k != "mrr" else round(v / n, 4) for k, v in totals.items()},
        "index_seconds": round(t_index, 2),
        "rank_seconds": round(t_rank, 2),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
