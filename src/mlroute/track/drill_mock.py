"""Mock interviews: a timed, mixed session shaped by the target role, and its summary. Pure and seeded.

The role shapes the session through its requirements: each required skill's weight goes to the kind of question
its pillar is usually asked as (programming, CS and data as coding; software engineering and MLOps as system
design; maths, ML, deep learning and domains as concepts; career skills as behavioural), so an MLOps role gets
more design and a researcher more concepts. Within a kind, questions on heavier skills that the person recalls
least come first. The session opens with a behavioural question, as real loops do, then concepts, coding, design.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mlroute.kb.practice import QUESTION_KINDS, InterviewQuestion

KIND_OF_PILLAR = {
    "programming": "coding",
    "cs-fundamentals": "coding",
    "data": "coding",
    "software-engineering": "system-design",
    "mlops": "system-design",
    "math-stats": "concept",
    "classic-ml": "concept",
    "deep-learning": "concept",
    "domains": "concept",
    "career": "behavioural",
}
# Every loop asks each kind a little: no kind gets less than this share of the time.
MIN_SHARE = 0.1
ORDER = {"behavioural": 0, "concept": 1, "coding": 2, "system-design": 3}


@dataclass(frozen=True)
class Requirement:
    skill: str
    level: int
    weight: float
    pillar: str


def kind_shares(requirements: Sequence[Requirement]) -> dict[str, float]:
    """The share of the session's time each kind of question gets, from the role's requirements."""
    raw = dict.fromkeys(QUESTION_KINDS, 0.0)
    for r in requirements:
        raw[KIND_OF_PILLAR.get(r.pillar, "concept")] += r.weight
    total = sum(raw.values()) or 1.0
    shares = {k: max(MIN_SHARE, v / total) for k, v in raw.items()}
    norm = sum(shares.values())
    return {k: round(v / norm, 4) for k, v in shares.items()}


def _candidates(questions: Sequence[InterviewQuestion], reqs: Mapping[str, Requirement]) -> list[InterviewQuestion]:
    return [q for q in questions if q.skill in reqs and q.level <= max(reqs[q.skill].level, 1)]


def select(
    questions: Sequence[InterviewQuestion],
    requirements: Sequence[Requirement],
    minutes: int,
    *,
    recall: Mapping[str, float],
    seed: int,
) -> list[InterviewQuestion]:
    """Questions that fill ``minutes``: one of each kind first (the role's main kinds first, as long as they fit),
    then more of whichever kind is furthest below its share of the time; in interview order."""
    rng = random.Random(seed)
    reqs = {r.skill: r for r in requirements}
    shares = kind_shares(requirements)

    def score(q: InterviewQuestion) -> float:
        return reqs[q.skill].weight * (1.2 - recall.get(q.id, 0.0)) + rng.random() * 0.5

    ranked = sorted(_candidates(questions, reqs), key=score, reverse=True)
    by_kind = {k: [q for q in ranked if q.kind == k] for k in QUESTION_KINDS}
    chosen: list[InterviewQuestion] = []
    used = dict.fromkeys(QUESTION_KINDS, 0)

    def take(kind: str, left: int) -> InterviewQuestion | None:
        return next((q for q in by_kind[kind] if q not in chosen and q.budget_minutes <= left), None)

    for kind in sorted(QUESTION_KINDS, key=lambda k: -shares[k]):
        q = take(kind, minutes - sum(used.values()))
        if q is not None:
            chosen.append(q)
            used[kind] += q.budget_minutes
    while True:
        left = minutes - sum(used.values())
        options = [(k, q) for k in QUESTION_KINDS if (q := take(k, left)) is not None]
        if not options:
            break
        kind, q = min(options, key=lambda kq: ((used[kq[0]] + kq[1].budget_minutes) / shares[kq[0]], kq[0]))
        chosen.append(q)
        used[kind] += q.budget_minutes
    if not chosen and ranked:
        chosen = [min(ranked, key=lambda q: q.budget_minutes)]
    return _interview_order(chosen)


def _interview_order(chosen: list[InterviewQuestion]) -> list[InterviewQuestion]:
    opening = [q for q in chosen if q.kind == "behavioural"][:1]
    rest = sorted((q for q in chosen if q not in opening), key=lambda q: (ORDER[q.kind], q.level, q.id))
    return opening + rest


@dataclass(frozen=True)
class Answer:
    question_id: str
    rating: str
    seconds: int


@dataclass(frozen=True)
class KindSummary:
    kind: str
    asked: int
    answered: int
    good: int  # rated good or easy
    seconds: int
    budget_seconds: int


@dataclass(frozen=True)
class Summary:
    planned: int
    answered: int
    seconds: int
    budget_seconds: int
    ratings: dict[str, int]
    kinds: list[KindSummary]
    over_time: list[str]  # questions that took more than one and a half times their budget
    weak_skills: list[str]  # skills of questions rated again or hard, most often first
    unanswered: list[str]


def summarise(planned: Sequence[InterviewQuestion], answers: Sequence[Answer]) -> Summary:
    by_id = {q.id: q for q in planned}
    given = {a.question_id: a for a in answers if a.question_id in by_id}
    ratings = Counter(a.rating for a in given.values())
    kinds = []
    for kind in QUESTION_KINDS:
        qs = [q for q in planned if q.kind == kind]
        if not qs:
            continue
        done = [given[q.id] for q in qs if q.id in given]
        kinds.append(
            KindSummary(
                kind=kind,
                asked=len(qs),
                answered=len(done),
                good=sum(1 for a in done if a.rating in ("good", "easy")),
                seconds=sum(a.seconds for a in done),
                budget_seconds=sum(q.budget_minutes * 60 for q in qs),
            )
        )
    weak = Counter(s for a in given.values() if a.rating in ("again", "hard") for s in by_id[a.question_id].skills[:1])
    return Summary(
        planned=len(planned),
        answered=len(given),
        seconds=sum(a.seconds for a in given.values()),
        budget_seconds=sum(q.budget_minutes * 60 for q in planned),
        ratings={r: ratings[r] for r in ("again", "hard", "good", "easy")},
        kinds=kinds,
        over_time=[qid for qid, a in given.items() if a.seconds > 1.5 * by_id[qid].budget_minutes * 60],
        weak_skills=[s for s, _ in weak.most_common()],
        unanswered=[q.id for q in planned if q.id not in given],
    )
