"""Skill and knowledge spans, named or not in the knowledge base: a CRF tagger trained on SkillSpan train.

Used where spans matter more than links: skills a posting asks for that mlroute's knowledge base does not know
("other skills" of ``extract`` and ``market``). Two linear-chain CRFs (python-crfsuite), one per SkillSpan
layer: SKILL spans ("partner with stakeholders") and KNOWLEDGE spans ("Kubernetes", "machine learning").

Features per token, in a window of ±2: the lower-cased word, its shape, prefixes and suffixes, and the cluster of
its vector in the shipped static linker (k-means centroids saved with the model), which lets the tagger
generalise from the words it saw in training to their neighbours. Linear in the text; English only (SkillSpan is
English), so Chinese text yields no spans. ``scripts/train_span_tagger.py`` trains it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mlroute.extract.limits import SENTENCE_CHARS

MODEL_DIR = Path(__file__).parent / "data" / "spans"
LAYERS = ("skill", "knowledge")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[+#.'’/-][A-Za-z0-9]+)*[+#]*|[^\sA-Za-z0-9]")
_MAX_SPAN_TOKENS = 12


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    layer: str  # "skill" | "knowledge"


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Words and punctuation with their character offsets."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]", "X", word)
    shape = re.sub(r"[a-z]", "x", shape)
    shape = re.sub(r"[0-9]", "d", shape)
    return re.sub(r"(.)\1+", r"\1\1", shape)


def word_features(word: str, cluster: tuple[int, ...] | None) -> dict[str, str | float]:
    low = word.lower()
    out: dict[str, str | float] = {
        "w": low,
        "shape": _shape(word),
        "p2": low[:2],
        "p3": low[:3],
        "s2": low[-2:],
        "s3": low[-3:],
    }
    if word[:1].isupper():
        out["title"] = 1.0
    if word.isupper() and len(word) > 1:
        out["upper"] = 1.0
    for level, c in enumerate(cluster or ()):
        out[f"c{level}"] = str(c)
    return out


def sentence_features(
    words: Sequence[str], clusters: Sequence[tuple[int, ...] | None], names: Sequence[str] | None = None
) -> list[dict[str, str | float]]:
    """CRF features of each token: its own and its neighbours' (prefixed by the offset). ``names``: per token,
    "B"/"I" where it is part of a skill name of the knowledge base, else "O"."""
    own = [word_features(w, c) for w, c in zip(words, clusters, strict=True)]
    for word_feats, name in zip(own, names or [], strict=False):
        if name != "O":
            word_feats["kb"] = name
    out = []
    for i in range(len(words)):
        feats: dict[str, str | float] = {"bias": 1.0}
        for off in (-2, -1, 0, 1, 2):
            j = i + off
            if 0 <= j < len(words):
                far = {k: v for k, v in own[j].items() if k == "w" or k.startswith("c")}
                keys = own[j] if off in (-1, 0, 1) else far
                feats.update({f"{off}:{k}": v for k, v in keys.items()})
            else:
                feats[f"{off}:edge"] = 1.0
        out.append(feats)
    return out


class Clusters:
    """Word → the nearest k-means centroid of its vector in the static linker, at each granularity (cached)."""

    def __init__(self, encoder: object, centroids: Sequence[np.ndarray]) -> None:
        self.encoder = encoder
        self.centroids = list(centroids)
        self.cache: dict[str, tuple[int, ...] | None] = {}

    def __call__(self, words: Sequence[str]) -> list[tuple[int, ...] | None]:
        new = [w for w in dict.fromkeys(w.lower() for w in words) if w not in self.cache]
        if new:
            vectors = self.encoder.encode(new)  # type: ignore[attr-defined]
            norms = np.linalg.norm(vectors, axis=1)
            best = [(vectors @ c.T).argmax(axis=1) for c in self.centroids]
            for n, (word, norm) in enumerate(zip(new, norms, strict=True)):
                self.cache[word] = tuple(int(b[n]) for b in best) if norm > 0 else None
        return [self.cache[w.lower()] for w in words]

    @classmethod
    def load(cls, encoder: object, path: Path) -> Clusters:
        with np.load(path) as data:
            return cls(encoder, [data[k].astype(np.float32) for k in sorted(data.files)])


def name_tags(toks: Sequence[tuple[str, int, int]], names: Sequence[tuple[int, int]]) -> list[str]:
    """Per token, B/I where a name (character span) covers it, else O."""
    tags = ["O"] * len(toks)
    starts = [s for _, s, _ in toks]
    from bisect import bisect_left

    for start, end in names:
        i = bisect_left(starts, start)
        first = True
        while i < len(toks) and toks[i][1] < end:
            tags[i] = "B" if first else "I"
            first = False
            i += 1
    return tags


def bio_to_spans(tags: Sequence[str]) -> list[tuple[int, int]]:
    """Token spans ``(first, last + 1)`` of a BIO sequence (an I without a B starts a span)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, tag in enumerate([*tags, "O"]):
        if tag != "I" or start is None:
            if start is not None:
                spans.append((start, i))
                start = None
            if tag in ("B", "I"):
                start = i
    return [(s, e) for s, e in spans if e - s <= _MAX_SPAN_TOKENS]


class SpanTagger:
    """The two CRFs and the word clusters; ``spans(text)`` gives skill and knowledge spans with offsets."""

    def __init__(self, folder: Path, encoder: object, names: object = None) -> None:
        """``names``: anything with ``find(text) -> hits`` (a ``LexicalMatcher``), for the knowledge-base feature."""
        import pycrfsuite

        self.names = names
        self.lock = threading.Lock()  # a CRFsuite tagger holds state while tagging: one sentence at a time
        self.taggers = {}
        for layer in LAYERS:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(folder / f"{layer}.crfsuite"))
            self.taggers[layer] = tagger
        self.clusters = Clusters.load(encoder, folder / "clusters.npz")

    def spans(self, text: str, window: int = SENTENCE_CHARS.default) -> list[Span]:
        """Spans in ``text``, read one sentence window (at most ``window`` characters) at a time."""
        out: list[Span] = []
        for line_start, line in _lines(text, window):
            toks = tokens(line)
            if not toks or not any(w.isascii() and w.isalpha() for w, _, _ in toks):
                continue
            words = [w for w, _, _ in toks]
            hits = self.names.find(line) if self.names is not None else []  # type: ignore[attr-defined]
            feats = sentence_features(words, self.clusters(words), name_tags(toks, [(h.start, h.end) for h in hits]))
            for layer, tagger in self.taggers.items():
                with self.lock:
                    tags = tagger.tag(feats)
                for s, e in bio_to_spans(tags):
                    while s < e and not toks[e - 1][0][0].isalnum():  # "SQL." → "SQL"
                        e -= 1
                    while s < e and not toks[s][0][0].isalnum():
                        s += 1
                    if s < e:
                        start, end = line_start + toks[s][1], line_start + toks[e - 1][2]
                        out.append(Span(start, end, text[start:end], layer))
        return sorted(out, key=lambda sp: (sp.start, sp.end))


def other_skills(spans: Sequence[Span], named: Sequence[tuple[int, int]], known: frozenset[str]) -> list[Span]:
    """Spans that name no skill of the knowledge base: not overlapping a name found, not an alias itself."""
    from bisect import bisect_left

    named = sorted(named)
    starts = [s for s, _ in named]
    out = []
    for sp in spans:
        i = bisect_left(starts, sp.end)
        if any(s < sp.end and sp.start < e for s, e in named[max(0, i - 4) : i]):
            continue
        if " ".join(sp.text.lower().split()) in known:
            continue
        out.append(sp)
    return out


def _words(sp: Span) -> tuple[str, str]:
    return " ".join(sp.text.lower().split()), sp.layer


def grouped(text: str, found: Sequence[Span]) -> list[dict[str, object]]:
    """Spans grouped by their words and layer, most frequent first, with the line of the first."""
    groups: dict[tuple[str, str], list[Span]] = {}
    for sp in found:
        groups.setdefault(_words(sp), []).append(sp)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0][1], kv[1][0].text.lower()))
    out: list[dict[str, object]] = []
    for (_, layer), group in ranked:
        start = text.rfind("\n", 0, group[0].start) + 1
        end = text.find("\n", group[0].start)
        line = text[start : end if end != -1 else len(text)].strip()[:300]
        out.append({"text": group[0].text, "kind": layer, "count": len(group), "sentence": line})
    return out


def demand(per_posting: Sequence[Sequence[Span]], postings: int, top: int = 30) -> list[dict[str, object]]:
    """The spans most postings ask for: each counted once per posting."""
    counts: dict[tuple[str, str], int] = {}
    shown: dict[tuple[str, str], str] = {}
    for found in per_posting:
        for key, sp in {_words(sp): sp for sp in found}.items():
            counts[key] = counts.get(key, 0) + 1
            shown.setdefault(key, sp.text)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [{"text": shown[k], "kind": k[1], "postings": n, "share": round(n / postings, 4)} for k, n in ranked]


def _lines(text: str, window: int) -> list[tuple[int, str]]:
    """Sentences (the extractor's windows) with their offsets: the CRF reads one at a time."""
    from mlroute.extract.sentences import split_sentences

    return [(s.start, s.text) for s in split_sentences(text, window)]


def shipped(names: object = None) -> SpanTagger | None:
    """The tagger shipped with mlroute (``names``: the knowledge base's ``LexicalMatcher``, for its feature), or None
    when it, python-crfsuite or the shipped linker is not installed."""
    import importlib.util

    from mlroute.extract.semantic import default_available, load_encoder

    if not (MODEL_DIR / "skill.crfsuite").exists() or importlib.util.find_spec("pycrfsuite") is None:
        return None
    if not default_available():
        return None
    return SpanTagger(MODEL_DIR, load_encoder("default"), names)
