"""Link text to labels: lexical first, then (optionally) semantic, then requirement and negation cues.

Names that do not name a skill are dropped first (addresses, book titles, degree fields, job titles, and a short
Chinese name that ends a longer term: 算法 in 机器学习算法); alternatives are marked before the cues are read.

Works over any label set: the knowledge base's skills (``LabelSet.from_kb``) or ESCO's (``LabelSet.from_esco``),
so results can be exchanged with HR systems that speak ESCO.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from mlroute.extract.alternatives import mark_alternatives
from mlroute.extract.cues import apply_cues
from mlroute.extract.lexical import Hit, LexicalMatcher, fold, is_cjk
from mlroute.extract.limits import SENTENCE_CHARS
from mlroute.extract.models import Mention
from mlroute.extract.nonskill import Masked, job_title_at, masked_spans
from mlroute.extract.script import to_simplified
from mlroute.extract.semantic import Encoder, LabelIndex
from mlroute.extract.sentences import Span, split_clauses, split_sentences, strip_bullet
from mlroute.kb.models import KnowledgeBase

# Cosine similarity a clause needs to be linked to a label it does not name, per backend; chosen by reading what
# each links on SkillSpan dev postings (benchmarks/README.md): a static model scores unrelated text higher, so it
# needs a higher bar to link about as many clauses as all-MiniLM-L6-v2 does at 0.65. The shipped linker's 0.6 is
# the best skill F1 on the odd items of the bilingual gold set (the even items are kept for reporting).
DEFAULT_THRESHOLDS = {"model2vec": 0.72, "sentence-transformers": 0.65, "minilm-package": 0.65, "default": 0.6}
_PAREN = re.compile(r"\s*\([^)]*\)\s*")
SUPPLEMENT = Path(__file__).parent / "data" / "aliases.yaml"


@lru_cache(maxsize=1)
def supplement() -> dict[str, Any]:
    """Extra aliases, blocked aliases and phrase patterns for the knowledge base's skills (data/aliases.yaml)."""
    data = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8")) or {}
    return {key: data.get(key) or {} for key in ("add", "block", "patterns")}


@dataclass(frozen=True)
class LabelSet:
    """Labels to link to: display names, aliases for lexical matching, texts for semantic matching."""

    names: dict[str, str]
    aliases: tuple[tuple[str, str], ...]
    texts: tuple[tuple[str, str], ...]
    patterns: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> LabelSet:
        extra = supplement()
        blocked = {(sid, fold(a)) for sid, words in extra["block"].items() for a in words}
        names: dict[str, str] = {}
        aliases: list[tuple[str, str]] = []
        texts: list[tuple[str, str]] = []
        for s in kb.skills:
            names[s.id] = s.name.en
            surface = [s.name.en, s.name.zh, *s.aliases.en, *s.aliases.zh, *extra["add"].get(s.id, [])]
            surface = [a for a in surface if a and (s.id, fold(a)) not in blocked]
            aliases += [(s.id, a) for a in surface]
            texts += [(s.id, a) for a in dict.fromkeys(surface) if len(a) > 2]
            texts.append((s.id, f"{s.name.en}: {s.description.en}"))
            if s.description.zh:
                texts.append((s.id, f"{s.name.zh}：{s.description.zh}"))
        patterns = tuple((sid, p) for sid, ps in extra["patterns"].items() if sid in names for p in ps)
        return cls(names, tuple(aliases), tuple(texts), patterns)

    @classmethod
    def from_labels(
        cls, labels: Iterable[str], alt: dict[str, list[str]] | None = None, descriptions: dict[str, str] | None = None
    ) -> LabelSet:
        """A flat label list (each label is its own id), with optional alternative labels and descriptions."""
        alt = alt or {}
        descriptions = descriptions or {}
        names: dict[str, str] = {}
        aliases: list[tuple[str, str]] = []
        texts: list[tuple[str, str]] = []
        for label in labels:
            label = label.strip()
            if not label or label in names:
                continue
            names[label] = label
            bare = _PAREN.sub(" ", label).strip()
            surface = dict.fromkeys([label, bare, *alt.get(label, [])])
            aliases += [(label, a) for a in surface if a]
            texts += [(label, a) for a in surface if a]
            if descriptions.get(label):
                texts.append((label, f"{label}: {descriptions[label]}"))
        return cls(names, tuple(aliases), tuple(texts))

    @classmethod
    def from_esco(cls, label_file: Path, collections: Sequence[Path] = ()) -> LabelSet:
        """ESCO preferred labels (one per line), enriched with alt labels and descriptions from ESCO CSV exports."""
        labels = [line.strip() for line in Path(label_file).read_text(encoding="utf-8").splitlines() if line.strip()]
        known = set(labels)
        alt: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for path in collections:
            with Path(path).open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    label = (row.get("preferredLabel") or "").strip()
                    if label not in known:
                        continue
                    alt[label] = [a.strip() for a in (row.get("altLabels") or "").splitlines() if a.strip()]
                    descriptions[label] = (row.get("description") or "").strip()
        return cls.from_labels(labels, alt, descriptions)


def _long_enough(span: Span) -> bool:
    """A clause worth embedding: three words or more, in Latin script (the shipped model reads English; Chinese
    is matched by names, and a static English vocabulary makes near-random neighbours of Chinese text)."""
    cjk = sum(1 for ch in span.text if is_cjk(ch))
    return cjk == 0 and len(span.text.split()) >= 3


class Linker:
    """Text → mentions over one label set. Build once, use for many texts (the automaton and index are reused)."""

    def __init__(
        self,
        labels: LabelSet,
        encoder: Encoder | None = None,
        threshold: float | None = None,
        index: LabelIndex | None = None,
        window: int = SENTENCE_CHARS.default,
    ) -> None:
        """``window``: the longest sentence window in characters (``MLROUTE_MAX_SENTENCE_CHARS``)."""
        self.labels = labels
        self.window = window
        self.lexical = LexicalMatcher(labels.aliases)
        self.patterns = [(sid, re.compile(p, re.IGNORECASE)) for sid, p in labels.patterns]
        self.encoder = encoder
        backend = encoder.name.split(":")[0] if encoder is not None else ""
        self.threshold = threshold if threshold is not None else DEFAULT_THRESHOLDS.get(backend, 0.6)
        self._index: LabelIndex | None = index

    @property
    def index(self) -> LabelIndex:
        if self._index is None:
            if self.encoder is None:
                raise RuntimeError("no encoder: the semantic stage is off")
            self._index = LabelIndex.build(self.encoder, self.labels.texts)
        return self._index

    def extract(self, text: str) -> list[Mention]:
        """Mentions in ``text``, in order, with requirement and negation filled in."""
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Batch form of ``extract``: one encoder call for all texts' clauses (much faster for many postings)."""
        results: list[list[Mention]] = []
        pending: list[tuple[int, Span, Span]] = []
        sentence_lists = [split_sentences(t, self.window) for t in texts]
        simple_texts = [to_simplified(t) for t in texts]  # cue words are Simplified; same length, same offsets
        for n, (text, simple, sentences) in enumerate(zip(texts, simple_texts, sentence_lists, strict=True)):
            hits, covered = self._scan(text, simple)
            mentions = mark_alternatives(simple, self._mentions(text, sentences, hits))
            results.append(mentions)
            if self.encoder is not None:
                pending.extend((n, s, c) for s, c in self._candidates(sentences, covered))
        if pending:
            named = {(n, m.skill_id, m.sentence) for n, ms in enumerate(results) for m in ms}
            for (n, sentence, clause), found in zip(
                pending, self._link_clauses([c for _, _, c in pending]), strict=True
            ):
                if found is None or (n, found[0], sentence.text) in named:
                    continue
                label_id, score = found
                named.add((n, label_id, sentence.text))
                results[n].append(
                    Mention(
                        label_id,
                        clause.text,
                        clause.start,
                        clause.end,
                        sentence.text,
                        round(score, 4),
                        method="semantic",
                    )
                )
        return [
            apply_cues(simple, sorted(ms, key=lambda m: (m.start, m.end)), split_sentences(simple, self.window))
            for simple, ms in zip(simple_texts, results, strict=True)
        ]

    def hits(self, text: str) -> list[Hit]:
        """Alias and phrase-pattern hits that name a skill: the non-skill places in ``nonskill`` are dropped."""
        return self._scan(text, to_simplified(text))[0]

    def _scan(self, text: str, simple: str) -> tuple[list[Hit], bytearray]:
        """The hits that name a skill, and a byte per character: 1 where a name was found or masked (the
        semantic stage leaves those places alone, so a job title dropped here is not linked there). ``simple``
        is ``text`` in Simplified Chinese, which the non-skill and phrase patterns are written in."""
        covered = _coverage(masked_spans(simple), len(text))
        raw = self.lexical.find(text)
        found = [
            h
            for h in raw
            if covered.find(1, h.start, h.end) == -1
            and not job_title_at(simple, h.end)
            and not _labels_masked(simple, h, covered)
        ]
        found = _drop_modifier_compounds(found)
        for label_id, regex in self.patterns:
            found += [Hit(m.start(), m.end(), (label_id,), m.group(0), 0.7) for m in regex.finditer(simple)]
        for h in (*raw, *found):
            covered[h.start : h.end] = b"\x01" * (h.end - h.start)
        return sorted(found, key=lambda h: (h.start, h.end)), covered

    def _mentions(self, text: str, sentences: list[Span], hits: list[Hit]) -> list[Mention]:
        mentions: list[Mention] = []
        starts = [s.start for s in sentences]
        for hit in hits:
            si = max(0, bisect_left(starts, hit.start + 1) - 1)
            sentence = sentences[si].text if sentences else text
            for label_id in hit.ids:
                mentions.append(
                    Mention(label_id, text[hit.start : hit.end], hit.start, hit.end, sentence, hit.confidence)
                )
        return mentions

    @staticmethod
    def _candidates(sentences: list[Span], covered: bytearray) -> list[tuple[Span, Span]]:
        """Clauses worth embedding: long enough, and not mostly made of names found (or masked) already."""
        out: list[tuple[Span, Span]] = []
        for s in sentences:
            for c in map(strip_bullet, split_clauses(s)):
                if _long_enough(c) and covered.count(1, c.start, c.end) < 0.5 * len(c.text):
                    out.append((s, c))
        return out

    def _link_clauses(self, clauses: list[Span]) -> list[tuple[str, float] | None]:
        assert self.encoder is not None
        vectors = self.encoder.encode([c.text for c in clauses])
        ids, best = self.index.best_per_id(vectors)
        top = best.argmax(axis=1)
        return [(ids[j], float(best[i, j])) if best[i, j] >= self.threshold else None for i, j in enumerate(top)]

    def rank(self, text: str, limit: int | None = None) -> list[tuple[str, float]]:
        """Every label scored against ``text``, best first: named labels first, then by semantic similarity.

        Used for label-ranking tasks (ESCO linking); the sentence and its clauses are all queries, and a label's
        score is its best similarity to any of them.
        """
        return self.rank_many([text], limit)[0]

    def rank_many(self, texts: Sequence[str], limit: int | None = None) -> list[list[tuple[str, float]]]:
        out: list[list[tuple[str, float]]] = []
        queries: list[list[str]] = []
        for text in texts:
            parts = [text] + [c.text for s in split_sentences(text, self.window) for c in split_clauses(s)]
            queries.append(list(dict.fromkeys(p for p in parts if p.strip())))
        sem: list[dict[str, float]] = [{} for _ in texts]
        if self.encoder is not None:
            flat = [q for qs in queries for q in qs]
            ids, best = self.index.best_per_id(self.encoder.encode(flat))
            row = 0
            for n, qs in enumerate(queries):
                block = best[row : row + len(qs)]
                row += len(qs)
                combined = 0.5 * block[0] + 0.5 * block.max(axis=0)
                keep = np.argsort(-combined)[: (limit or len(ids)) * 2]
                sem[n] = {ids[j]: float(combined[j]) for j in keep}
        for n, text in enumerate(texts):
            scores = dict(sem[n])
            for hit in self.hits(text):
                for label_id in hit.ids:
                    scores[label_id] = max(scores.get(label_id, 0.0), 1.0 + hit.confidence)
            ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
            out.append(ranked[:limit] if limit else ranked)
        return out


_LABEL_COLON = re.compile(r"[ \t]*[:：][ \t]*")


def _labels_masked(text: str, hit: Hit, cov: bytearray) -> bool:
    """A name that labels the address after it ("GitHub: github.com/ana") is not a skill claim."""
    m = _LABEL_COLON.match(text, hit.end)
    return m is not None and m.end() < len(cov) and cov[m.end()] == 1


def _coverage(masked: list[Masked], length: int) -> bytearray:
    """One byte per character of the text, 1 where a masked span covers it."""
    cov = bytearray(length)
    for m in masked:
        cov[m.start : m.end] = b"\x01" * (m.end - m.start)
    return cov


def _drop_modifier_compounds(hits: list[Hit]) -> list[Hit]:
    """A Chinese name of one or two characters right after another name modifies it (机器学习算法, 推荐系统调参
    name kinds of the first, not the short skill) and is dropped."""
    out: list[Hit] = []
    for h in hits:
        short_cjk = h.end - h.start <= 2 and all(is_cjk(ch) for ch in h.alias)
        if short_cjk and out and out[-1].end == h.start and is_cjk(out[-1].alias[-1]):
            continue
        out.append(h)
    return out
