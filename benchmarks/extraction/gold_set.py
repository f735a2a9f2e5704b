"""Precision and recall per cue type on mlroute's bilingual gold set (benchmarks/extraction/gold/bilingual.txt).

Each item (a sentence from a posting or a resume, English, Simplified or Traditional Chinese) is extracted on its
own, with the knowledge base's skills, and compared with its annotations:

    skills        which skills the text names or describes (a pair = item × skill)
    traps         names that are not skills here (degree fields, job titles, books, addresses): share avoided
    negation      skills ruled out ("无需 Java", "no prior Java experience required")
    hedge         skills only hoped for or to be learnt ("looking to move into ML", "计划学习 Kubernetes")
    requirement   required / preferred, postings only (a pair = item × skill × strength)
    level         the level proficiency words state (了解 1 … 精通 4)
    alternative   skills asked as one of several ("PyTorch 或 TensorFlow")

    .venv/bin/python benchmarks/extraction/gold_set.py [--data benchmarks/extraction/gold] [--semantic default]

Ends with one JSON line of figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
_ANNOTATION = re.compile(r"(!?)([a-z0-9-]+)(?:\(([^)]*)\))?")


@dataclass
class Gold:
    id: str
    lang: str
    kind: str
    text: str
    skills: dict[str, dict[str, object]] = field(default_factory=dict)
    traps: set[str] = field(default_factory=set)


def parse(path: Path) -> list[Gold]:
    """The items of a gold file (format in its header)."""
    items: list[Gold] = []
    lang = kind = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            lang, kind = line[1:].split()
            continue
        text, sep, notes = line.rpartition("|")
        if not sep:
            raise ValueError(f"{path}:{number}: no '|' between text and annotations")
        item = Gold(f"{lang}-{kind}-{number}", lang, kind, text.strip().replace("\\n", "\n"))
        for trap, skill, flags in _ANNOTATION.findall(notes):
            if trap:
                item.traps.add(skill)
                continue
            marks = [f.strip() for f in flags.split(",") if f.strip()]
            item.skills[skill] = {
                "requirement": "required" if "r" in marks else "preferred" if "p" in marks else "unknown",
                "negated": "n" in marks,
                "hedged": "h" in marks,
                "level": next((int(m[1]) for m in marks if re.fullmatch(r"L[1-4]", m)), None),
                "alternative": "or" in marks,
            }
        items.append(item)
    return items


def predict(items: list[Gold], semantic: str | None) -> tuple[str | None, list[dict[str, dict[str, object]]]]:
    from mlroute.services.extraction import group_mentions, linker
    from mlroute.services.kb import index

    lk = linker(semantic)
    idx = index()
    out = []
    for item, mentions in zip(items, lk.extract_many([i.text for i in items]), strict=True):
        groups = group_mentions(idx, mentions, "resume" if item.kind == "resume" else "posting")
        out.append(
            {
                g.skill_id: {
                    "requirement": g.requirement,
                    "negated": g.negated,
                    "hedged": g.hedged,
                    "level": g.level,
                    "alternative": bool(g.one_of),
                }
                for g in groups
            }
        )
    return (lk.encoder.name if lk.encoder else None), out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1), "gold": tp + fn}


def score(items: list[Gold], predicted: list[dict[str, dict[str, object]]]) -> dict[str, dict[str, float]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])

    def tally(name: str, gold: set[object], pred: set[object]) -> None:
        c = counts[name]
        c[0] += len(gold & pred)
        c[1] += len(pred - gold)
        c[2] += len(gold - pred)

    traps = avoided = 0
    for item, pred in zip(items, predicted, strict=True):
        group = "zh" if item.lang.startswith("zh") else "en"
        gold = item.skills
        for name in ("skills", f"skills ({group})", f"skills ({item.kind})"):
            tally(name, set(gold), set(pred))
        for cue in ("negated", "hedged", "alternative"):
            tally(cue, {s for s, a in gold.items() if a[cue]}, {s for s, a in pred.items() if a[cue]})
        tally(
            "level",
            {(s, a["level"]) for s, a in gold.items() if a["level"]},
            {(s, a["level"]) for s, a in pred.items() if a["level"]},
        )
        if item.kind == "posting":
            for strength in ("required", "preferred"):
                tally(
                    strength,
                    {s for s, a in gold.items() if a["requirement"] == strength and not a["negated"]},
                    {s for s, a in pred.items() if a["requirement"] == strength and not a["negated"]},
                )
        traps += len(item.traps)
        avoided += len(item.traps - set(pred))
    out = {name: _prf(*c) for name, c in sorted(counts.items())}
    out["traps avoided"] = {"share": round(100 * avoided / traps, 1) if traps else 100.0, "gold": traps}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=HERE / "gold", help="folder holding bilingual.txt")
    parser.add_argument("--semantic", default="default", help="default, none, or BACKEND:LOCATION")
    args = parser.parse_args()
    items = parse(args.data / "bilingual.txt")
    model, predicted = predict(items, args.semantic)
    figures = score(items, predicted)
    langs = defaultdict(int)
    for item in items:
        langs[f"{item.lang} {item.kind}"] += 1
    print(f"{len(items)} items ({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}); semantic: {model}")
    print(f"{'cue':<22}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    for name, row in figures.items():
        if "share" in row:
            print(f"{name:<22}{row['share']:>7}{'':>14}{row['gold']:>7}")
        else:
            print(f"{name:<22}{row['precision']:>7}{row['recall']:>7}{row['f1']:>7}{row['gold']:>7}")
    print(json.dumps({"items": len(items), "semantic": model, "figures": figures}, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
