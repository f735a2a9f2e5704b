"""Link text to labels: lexical first, then (optionally) semantic, then requirement and negation cues.

Works over any label set: the knowledge base's skills (``LabelSet.from_kb``) or ESCO's (``LabelSet.from_esco``),
so results can be exchanged with HR systems that speak ESCO.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mlroute.extract.cues import apply_cues
from mlroute.extract.lexical import LexicalMatcher, is_cjk
from mlroute.extract.models import Mention
from mlroute.extract.semantic import Encoder, LabelIndex
from mlroute.extract.sentences import Span, split_clauses, split_sentences, strip_bullet
from mlroute.kb.models import KnowledgeBase

# Cosine similarity a clause needs to be linked to a label it does not name, per backend; chosen by reading what
# each links on SkillSpan dev postings (benchmarks/README.md): a static model scores unrelated text higher, so it
# needs a higher bar to link about as many clauses as all-MiniLM-L6-v2 does at 0.65.
DEFAULT_THRESHOLDS = {"model2vec": 0.72, "sentence-transformers": 0.65, "minilm-package": 0.65}
_PAREN = re.compile(r"\s*\([^)]*\)\s*")


@dataclass(frozen=True)
class LabelSet:
    """Labels to link to: display names, aliases for lexical matching, texts for semantic matching."""

    names: dict[str, str]
    aliases: tuple[tuple[str, str], ...]
    texts: tuple[tuple[str, str], ...]

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> LabelSet:
        names: dict[str, str] = {}
        aliases: list[tuple[str, str]] = []
        texts: list[tuple[str, str]] = []
        for s in kb.skills:
            names[s.id] = s.name.en
            surface = [s.name.en, s.name.zh, *s.aliases.en, *s.aliases.zh]
            aliases += [(s.id, a) for a in surface if a]
            texts += [(s.id, a) for a in dict.fromkeys(surface) if a and len(a) > 2]
            texts.append((s.id, f"{s.name.en}: {s.description.en}"))
            if s.description.zh:
                texts.append((s.id, f"{s.name.zh}：{s.description.zh}"))
        return cls(names, tuple(aliases), tuple(texts))

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
    cjk = sum(1 for ch in span.text if is_cjk(ch))
    return cjk >= 4 or len(span.text.split()) >= 3


class Linker:
    """Text → mentions over one label set. Build once, use for many texts (the automaton and index are reused)."""

    def __init__(
        self,
        labels: LabelSet,
        encoder: Encoder | None = None,
        threshold: float | None = None,
        index: LabelIndex | None = None,
    ) -> None:
        self.labels = labels
        self.lexical = LexicalMatcher(labels.aliases)
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
        sentence_lists = [split_sentences(t) for t in texts]
        for n, (text, sentences) in enumerate(zip(texts, sentence_lists, strict=True)):
            mentions = self._lexical(text, sentences)
            results.append(mentions)
            if self.encoder is not None:
                pending.extend((n, s, c) for s, c in self._candidates(sentences, mentions))
        if pending:
            for (n, sentence, clause), found in zip(
                pending, self._link_clauses([c for _, _, c in pending]), strict=True
            ):
                if found is None:
                    continue
                label_id, score = found
                if any(m.skill_id == label_id and sentence.start <= m.start < sentence.end for m in results[n]):
                    continue
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
            apply_cues(text, sorted(ms, key=lambda m: (m.start, m.end)), sentences)
            for text, ms, sentences in zip(texts, results, sentence_lists, strict=True)
        ]

    def _lexical(self, text: str, sentences: list[Span]) -> list[Mention]:
        mentions: list[Mention] = []
        si = 0
        for hit in self.lexical.find(text):
            while si < len(sentences) - 1 and sentences[si].end <= hit.start:
                si += 1
            sentence = sentences[si].text if sentences else text
            for label_id in hit.ids:
                mentions.append(
                    Mention(label_id, text[hit.start : hit.end], hit.start, hit.end, sentence, hit.confidence)
                )
        return mentions

    @staticmethod
    def _candidates(sentences: list[Span], mentions: list[Mention]) -> list[tuple[Span, Span]]:
        """Clauses worth embedding: long enough, and not mostly made of names the lexical stage already found."""
        out: list[tuple[Span, Span]] = []
        for s in sentences:
            for c in map(strip_bullet, split_clauses(s)):
                if not _long_enough(c):
                    continue
                covered = sum(
                    min(m.end, c.end) - max(m.start, c.start) for m in mentions if m.start < c.end and c.start < m.end
                )
                if covered < 0.5 * len(c.text):
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
            parts = [text] + [c.text for s in split_sentences(text) for c in split_clauses(s)]
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
            for hit in self.lexical.find(text):
                for label_id in hit.ids:
                    scores[label_id] = max(scores.get(label_id, 0.0), 1.0 + hit.confidence)
            ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
            out.append(ranked[:limit] if limit else ranked)
        return out
