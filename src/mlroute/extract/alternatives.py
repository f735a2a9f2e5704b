"""Alternatives: "PyTorch 或 TensorFlow", "PyTorch or TensorFlow", "Python, Java, or Go", "Spark/Flink" ask for one
of the skills, not all of them.

Neighbouring mentions joined only by "or"-words, slashes or list commas form a chain; a chain with at least one
"or" and no "and" is an alternative, and each of its mentions carries the skills of the chain in ``one_of``.
One pass over the mentions, in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from mlroute.extract.models import Mention

_OR = re.compile(r"\s*,?\s*(?:\bor\b|\band/or\b|或者?|或是|/|\|)\s*(?:\beven\b\s*)?", re.IGNORECASE)
_LIST = re.compile(r"\s*[,，、]\s*")
_MAX_GAP = 16


def _link(gap: str) -> str:
    if len(gap) > _MAX_GAP:
        return "break"
    if _OR.fullmatch(gap):
        return "or"
    if _LIST.fullmatch(gap):
        return "list"
    return "break"


def mark_alternatives(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` (sorted by start) with ``one_of`` set for those in an alternative."""
    out = list(mentions)
    chain: list[int] = []
    has_or = False

    def close() -> None:
        ids = tuple(dict.fromkeys(out[i].skill_id for i in chain))
        if has_or and len(ids) > 1:
            for i in chain:
                out[i] = replace(out[i], one_of=ids)

    for i, m in enumerate(out):
        if chain:
            prev = out[chain[-1]]
            if m.start < prev.end:  # the same words linked to two skills: both belong to the chain
                chain.append(i)
                continue
            link = _link(text[prev.end : m.start])
            if link != "break":
                has_or = has_or or link == "or"
                chain.append(i)
                continue
            close()
        chain, has_or = [i], False
    if chain:
        close()
    return out
