"""Market demand over many postings: how often each skill is asked for, with what, and by whom.

Pure aggregation over (posting, mentions) pairs; the service reads the files and runs the linker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations
from typing import Any

from mlroute.extract.models import Mention, Posting

# Seniority buckets, and the words in titles (or a seniority column) that put a posting in one.
SENIORITY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("intern", re.compile(r"\bintern(ship)?\b|实习", re.IGNORECASE)),
    ("junior", re.compile(r"\bjunior\b|\bjr\.?\b|\bentry[\s-]level\b|\bgraduate\b|\bassociate\b|初级|应届|校招", re.I)),
    (
        "lead",
        re.compile(
            r"\blead\b|\bprincipal\b|\bstaff\b|\bhead\b|\barchitect\b|\bmanager\b|\bdirector\b|"
            r"负责人|专家|架构师|总监|经理",
            re.IGNORECASE,
        ),
    ),
    ("senior", re.compile(r"\bsenior\b|\bsr\.?\b|\bexperienced\b|高级|资深", re.IGNORECASE)),
    ("mid", re.compile(r"\bmid(dle)?[\s-]?(level)?\b|\bintermediate\b|中级", re.IGNORECASE)),
)

# How much one mention counts towards demand: a posting that requires a skill asks for it more than one that
# would merely like it.
REQUIREMENT_WEIGHT = {"required": 1.0, "unknown": 0.75, "preferred": 0.5}
_RANK = {"required": 2, "unknown": 1, "preferred": 0}


def seniority_of(posting: Posting) -> str:
    for text in (posting.seniority, posting.title):
        for name, regex in SENIORITY:
            if text and regex.search(text):
                return name
    return "unspecified"


def asked_skills(mentions: Sequence[Mention]) -> dict[str, str]:
    """Skill → the strongest requirement the posting states for it; ruled-out and hoped-for mentions do not count."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.negated or m.hedged:
            continue
        if m.skill_id not in out or _RANK[m.requirement] > _RANK[out[m.skill_id]]:
            out[m.skill_id] = m.requirement
    return out


def _top(counter: Counter[str], n: int, total: int) -> list[dict[str, Any]]:
    return [
        {"skill_id": s, "postings": c, "share": round(c / total, 4)}
        for s, c in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    ]


def aggregate(
    postings: Sequence[Posting],
    mentions: Sequence[Sequence[Mention]],
    role_of: Callable[[Posting], str],
    top: int = 15,
    pairs: int = 30,
) -> dict[str, Any]:
    """Frequency, requirement split, co-occurrence (with lift) and splits by role and seniority."""
    total = len(postings)
    freq: Counter[str] = Counter()
    required: Counter[str] = Counter()
    preferred: Counter[str] = Counter()
    weight: dict[str, float] = {}
    pair_count: Counter[tuple[str, str]] = Counter()
    groups: dict[str, dict[str, Counter[str]]] = {"role": {}, "seniority": {}}
    group_sizes: dict[str, Counter[str]] = {"role": Counter(), "seniority": Counter()}
    for posting, ms in zip(postings, mentions, strict=True):
        asked = asked_skills(ms)
        for skill, req in asked.items():
            freq[skill] += 1
            weight[skill] = weight.get(skill, 0.0) + REQUIREMENT_WEIGHT[req]
            required[skill] += req == "required"
            preferred[skill] += req == "preferred"
        pair_count.update(combinations(sorted(asked), 2))
        for split, key in (("role", role_of(posting)), ("seniority", seniority_of(posting))):
            group_sizes[split][key] += 1
            groups[split].setdefault(key, Counter()).update(asked.keys())
    skills = [
        {
            "skill_id": s,
            "postings": c,
            "share": round(c / total, 4),
            "required": required[s],
            "preferred": preferred[s],
            "weighted": round(weight[s], 2),
        }
        for s, c in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    cooccurrence = [
        {
            "a": a,
            "b": b,
            "postings": c,
            "lift": round(c * total / (freq[a] * freq[b]), 3),
        }
        for (a, b), c in sorted(pair_count.items(), key=lambda kv: (-kv[1], kv[0]))[:pairs]
    ]
    splits = {
        split: {
            key: {"postings": group_sizes[split][key], "top_skills": _top(counter, top, group_sizes[split][key])}
            for key, counter in sorted(groups[split].items(), key=lambda kv: -group_sizes[split][kv[0]])
        }
        for split in groups
    }
    return {
        "postings": total,
        "skills": skills,
        "cooccurrence": cooccurrence,
        "by_role": splits["role"],
        "by_seniority": splits["seniority"],
    }


def weights(result: dict[str, Any]) -> dict[str, float]:
    """Skill → demand weight in [0, 1]: requirement-weighted frequency, relative to the most asked-for skill."""
    rows = result.get("skills", [])
    top = max((r["weighted"] for r in rows), default=0.0)
    if top <= 0:
        return {}
    return {r["skill_id"]: round(r["weighted"] / top, 4) for r in rows}
