"""Reading SkillSpan (Zhang et al., NAACL 2022): sentences as text with token offsets, gold spans per layer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

LAYERS = ("skill", "knowledge")


@dataclass(frozen=True)
class Sentence:
    posting: tuple[str, int]  # (source, idx): a posting id, restarting per split
    tokens: list[str]
    offsets: list[tuple[int, int]]  # character span of each token in ``text``
    text: str
    gold: dict[str, set[tuple[int, int]]]  # layer → {(first token, last token + 1)}


def bio_spans(tags: list[str]) -> set[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    start = None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B") or tag == "O" or (tag.startswith("I") and start is None):
            if start is not None:
                spans.add((start, i))
                start = None
            if tag.startswith(("B", "I")):
                start = i
    return spans


def load(data: Path, split: str) -> list[Sentence]:
    if split == "test":
        raise SystemExit("The test split is held back for independent evaluation; use train or dev.")
    out = []
    with (data / "json" / f"{split}.json").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            tokens = rec["tokens"]
            offsets, pos = [], 0
            for tok in tokens:
                offsets.append((pos, pos + len(tok)))
                pos += len(tok) + 1
            out.append(
                Sentence(
                    posting=(rec["source"], rec["idx"]),
                    tokens=tokens,
                    offsets=offsets,
                    text=" ".join(tokens),
                    gold={layer: bio_spans(rec[f"tags_{layer}"]) for layer in LAYERS},
                )
            )
    return out


def to_tokens(sentence: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """Character span → token span (every token the characters touch)."""
    idx = [i for i, (s, e) in enumerate(sentence.offsets) if s < end and start < e]
    return (idx[0], idx[-1] + 1) if idx else None
