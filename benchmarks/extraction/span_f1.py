"""Span detection on SkillSpan: exact and overlap span-F1 for the SKILL and KNOWLEDGE layers and combined.

mlroute's extractor is a linker, not a trained tagger: its lexical hits (names of tools, technologies and skills
from a label set) are predicted as KNOWLEDGE spans, and the clauses its semantic stage links to a skill are
predicted as SKILL spans. "combined" pools both layers (a span must match in its own layer), as in the paper.

    python benchmarks/extraction/span_f1.py --data ../shared/benchmarks/skillspan --split dev \
        --labels kb+esco+onet --semantic minilm-package

Ends by printing one JSON line of figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from skillspan import LAYERS, Sentence, load, to_tokens

from mlroute.extract.linker import LabelSet, Linker
from mlroute.extract.semantic import load_encoder, resolve_spec
from mlroute.kb import get_index

Spans = dict[str, set[tuple[int, int]]]


def label_set(which: str, benchmarks: Path) -> LabelSet:
    """kb: mlroute's skills; esco: ESCO v1.1.0 labels (+ alt labels of the digital collection); onet: O*NET tools."""
    names: dict[str, str] = {}
    aliases: list[tuple[str, str]] = []
    texts: list[tuple[str, str]] = []
    parts = which.split("+")
    if "kb" in parts:
        kb = LabelSet.from_kb(get_index().kb)
        names |= kb.names
        aliases += kb.aliases
        texts += kb.texts
    if "esco" in parts:
        folder = benchmarks / "decorte-esco-skill-extraction"
        esco = LabelSet.from_esco(
            folder / "skills_en_label.txt", sorted((benchmarks / "esco-v1.2-subset").glob("*SkillsCollection_en.csv"))
        )
        names |= esco.names
        aliases += esco.aliases
        texts += esco.texts
    if "onet" in parts:
        path = benchmarks / "onet-29.2-technology-skills" / "Technology Skills.txt"
        with path.open(encoding="utf-8", newline="") as fh:
            tools = sorted({row["Example"].strip() for row in csv.DictReader(fh, delimiter="\t")})
        names |= {t: t for t in tools}
        aliases += [(t, t) for t in tools]
    return LabelSet(names, tuple(aliases), tuple(texts))


def predict(linker: Linker, sentences: list[Sentence], batch: int = 256) -> list[Spans]:
    out: list[Spans] = []
    for k in range(0, len(sentences), batch):
        chunk = sentences[k : k + batch]
        for sentence, mentions in zip(chunk, linker.extract_many([s.text for s in chunk]), strict=True):
            spans: Spans = {layer: set() for layer in LAYERS}
            for m in mentions:
                tok = to_tokens(sentence, m.start, m.end)
                if tok:
                    spans["knowledge" if m.method == "lexical" else "skill"].add(tok)
            out.append(spans)
    return out


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2)}


def evaluate(gold: list[Spans], pred: list[Spans]) -> dict[str, dict[str, dict[str, float]]]:
    def overlaps(a: tuple[int, int], spans: set[tuple[int, int]]) -> bool:
        return any(a[0] < e and s < a[1] for s, e in spans)

    counts = {mode: {layer: [0, 0, 0, 0] for layer in (*LAYERS, "combined")} for mode in ("exact", "overlap")}
    for g, p in zip(gold, pred, strict=True):
        for layer in LAYERS:
            for mode in ("exact", "overlap"):
                if mode == "exact":
                    tp_p = tp_g = len(g[layer] & p[layer])
                else:
                    tp_p = sum(overlaps(s, g[layer]) for s in p[layer])
                    tp_g = sum(overlaps(s, p[layer]) for s in g[layer])
                for key in (layer, "combined"):
                    c = counts[mode][key]
                    c[0] += tp_p
                    c[1] += len(p[layer])
                    c[2] += tp_g
                    c[3] += len(g[layer])
    return {mode: {layer: prf(*c) for layer, c in layers.items()} for mode, layers in counts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the SkillSpan folder (with json/{split}.json)")
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--labels", default="kb", help="label sets joined by +: kb, esco, onet (default kb)")
    ap.add_argument(
        "--benchmarks", type=Path, default=None, help="folder holding the ESCO/O*NET data (default: DATA/..)"
    )
    ap.add_argument("--semantic", default=None, help="default, none, or an embedding model spec (BACKEND:LOCATION)")
    ap.add_argument("--threshold", type=float, default=None, help="semantic linking threshold (default per backend)")
    args = ap.parse_args()
    sentences = load(args.data, args.split)
    labels = label_set(args.labels, args.benchmarks or args.data.parent)
    spec = resolve_spec(args.semantic or "none")
    encoder = load_encoder(spec) if spec else None
    linker = Linker(labels, encoder, threshold=args.threshold)
    t0 = time.perf_counter()
    pred = predict(linker, sentences)
    seconds = time.perf_counter() - t0
    scores = evaluate([s.gold for s in sentences], pred)
    figures = {
        "benchmark": "span_f1",
        "split": args.split,
        "labels": args.labels,
        "semantic": encoder.name if encoder else None,
        "threshold": linker.threshold if encoder else None,
        "sentences": len(sentences),
        "gold_spans": {layer: sum(len(s.gold[layer]) for s in sentences) for layer in LAYERS},
        "exact": scores["exact"],
        "overlap": scores["overlap"],
        "seconds": round(seconds, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
