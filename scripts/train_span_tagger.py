"""Train mlroute's span tagger (two CRFs, SKILL and KNOWLEDGE) on SkillSpan train; report exact span-F1 on dev.

    nice -n 19 .venv/bin/python scripts/train_span_tagger.py --data ../shared/benchmarks/skillspan \
        --out src/mlroute/extract/data/spans

Reproducible on one CPU thread: k-means word clusters (fixed seed) over the shipped static linker's vectors of
the training vocabulary, then L-BFGS training of each CRF (python-crfsuite) with L1/L2 regularisation. The test
split is never read. ``--c1/--c2`` are chosen on dev (the script prints dev figures for the values given);
``--folds K`` reports K-fold cross-validation on train instead. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks" / "extraction"))

from skillspan import LAYERS, Sentence, load  # noqa: E402
from span_f1 import evaluate  # noqa: E402

from mlroute.extract.lexical import LexicalMatcher  # noqa: E402
from mlroute.extract.linker import LabelSet  # noqa: E402
from mlroute.extract.semantic import load_encoder  # noqa: E402
from mlroute.extract.spans import Clusters, bio_to_spans, name_tags, sentence_features  # noqa: E402
from mlroute.kb import load_kb  # noqa: E402

NAMES = LexicalMatcher(LabelSet.from_kb(load_kb()).aliases)


def features(s: Sentence, clusters: Clusters) -> list[dict]:
    """The tagger's features of a SkillSpan sentence, with the knowledge-base names found in its text."""
    toks = [(w, a, b) for w, (a, b) in zip(s.tokens, s.offsets, strict=True)]
    names = name_tags(toks, [(h.start, h.end) for h in NAMES.find(s.text)])
    return sentence_features(s.tokens, clusters(s.tokens), names)


def kmeans(vectors: np.ndarray, k: int, seed: int, rounds: int = 25) -> np.ndarray:
    """Spherical k-means (cosine), plain numpy, fixed seed."""
    rng = np.random.default_rng(seed)
    centroids = vectors[rng.choice(len(vectors), k, replace=False)]
    for _ in range(rounds):
        assign = (vectors @ centroids.T).argmax(axis=1)
        for j in range(k):
            members = vectors[assign == j]
            if len(members):
                c = members.sum(axis=0)
                centroids[j] = c / max(np.linalg.norm(c), 1e-9)
    return centroids.astype(np.float32)


def bio(sentence: Sentence, layer: str) -> list[str]:
    tags = ["O"] * len(sentence.tokens)
    for s, e in sentence.gold[layer]:
        tags[s] = "B"
        for i in range(s + 1, e):
            tags[i] = "I"
    return tags


def train_layer(sentences: list[Sentence], feats: list[list[dict]], layer: str, path: Path, args) -> None:  # type: ignore[no-untyped-def]
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s, f in zip(sentences, feats, strict=True):
        trainer.append(f, bio(s, layer))
    trainer.set_params(
        {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(path))


def predict(sentences: list[Sentence], feats: list[list[dict]], folder: Path) -> list[dict[str, set]]:
    import pycrfsuite

    out: list[dict[str, set]] = [{layer: set() for layer in LAYERS} for _ in sentences]
    for layer in LAYERS:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(folder / f"{layer}.crfsuite"))
        for n, f in enumerate(feats):
            out[n][layer] = set(bio_to_spans(tagger.tag(f)))
    return out


def fit_and_score(train: list[Sentence], held: list[Sentence], clusters: Clusters, folder: Path, args) -> dict:  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)
    train_feats = [features(s, clusters) for s in train]
    held_feats = [features(s, clusters) for s in held]
    for layer in LAYERS:
        train_layer(train, train_feats, layer, folder / f"{layer}.crfsuite", args)
    return evaluate([s.gold for s in held], predict(held, held_feats, folder))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the SkillSpan folder (json/train.json, json/dev.json)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "spans")
    ap.add_argument("--clusters", default="64,256,1024", help="k of each k-means granularity")
    ap.add_argument("--c1", type=float, default=0.01)
    ap.add_argument("--c2", type=float, default=0.1)
    ap.add_argument("--iterations", type=int, default=400)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    train, dev = load(args.data, "train"), load(args.data, "dev")
    encoder = load_encoder("default")
    vocab = sorted({w.lower() for s in train for w in s.tokens})
    vectors = encoder.encode(vocab)
    vectors = vectors[np.linalg.norm(vectors, axis=1) > 0]
    centroids = [kmeans(vectors, int(k), args.seed) for k in args.clusters.split(",")]
    clusters = Clusters(encoder, centroids)
    if args.folds:
        rng = random.Random(args.seed)
        order = rng.sample(range(len(train)), len(train))
        scores = []
        for k in range(args.folds):
            held = {i for n, i in enumerate(order) if n % args.folds == k}
            figures = fit_and_score(
                [s for i, s in enumerate(train) if i not in held],
                [s for i, s in enumerate(train) if i in held],
                clusters,
                args.out / f"fold{k}",
                args,
            )
            scores.append(figures["exact"]["combined"]["f1"])
            print(json.dumps({"fold": k, "exact_f1": scores[-1]}), file=sys.stderr, flush=True)
        print(json.dumps({"folds": args.folds, "exact_f1": scores, "mean": round(float(np.mean(scores)), 2)}))
        return
    figures = fit_and_score(train, dev, clusters, args.out, args)
    np.savez(args.out / "clusters.npz", **{f"k{i}": c.astype(np.float16) for i, c in enumerate(centroids)})
    meta = {
        "benchmark": "span_tagger",
        "train_sentences": len(train),
        "dev_sentences": len(dev),
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "dev": figures,
        "seconds": round(time.perf_counter() - t0),
    }
    (args.out / "training.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
