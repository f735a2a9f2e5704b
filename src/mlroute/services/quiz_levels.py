"""Levels earned by quizzes: what the person accepted, how it sits next to what they declared, and which levels
the planner takes as evidenced.

A quiz that could not test as high as the person claims (they passed everything it asked, and claim more) leaves
the claim standing; otherwise the accepted level replaces the claim, up or down. The latest accepted result of a
skill counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroute.plan.evidence import Evidence, Evidenced, as_evidence
from mlroute.services.results import Result
from mlroute.store import Store, drill_repo, repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex


class AcceptedLevel(Result):
    skill: str
    level: int
    max_level_tested: int
    result_id: int
    taken_at: datetime
    accepted_at: datetime


class AcceptedLevels(Result):
    levels: list[AcceptedLevel]

    def as_dict(self) -> dict[str, AcceptedLevel]:
        return {a.skill: a for a in self.levels}


class QuizLevel(Result):
    """A level earned by a quiz, shown next to the self-declared one: "Python 3 (quiz, 2026-12-01)"."""

    skill: str
    name: str
    level: int
    declared: int | None
    taken_on: date
    accepted_on: date
    counts: bool  # False when the claim stands (the quiz could not test as high as the declared level)


def accepted_in(s: Session) -> AcceptedLevels:
    """Per skill, the latest accepted quiz result (inside a transaction the caller holds)."""
    latest: dict[str, AcceptedLevel] = {}
    for r in drill_repo.quiz_results(s):
        if r.accepted_at is None:
            continue
        have = latest.get(r.skill)
        if have is None or r.accepted_at >= have.accepted_at:
            latest[r.skill] = AcceptedLevel(
                skill=r.skill,
                level=r.proposed_level,
                max_level_tested=r.max_level_tested,
                result_id=r.id,
                taken_at=r.taken_at,
                accepted_at=r.accepted_at,
            )
    return AcceptedLevels(levels=sorted(latest.values(), key=lambda a: a.skill))


def accepted_levels(store: Store) -> AcceptedLevels:
    return store.read(accepted_in)


def _claim_stands(a: AcceptedLevel, claimed: int | None) -> bool:
    return claimed is not None and claimed > a.max_level_tested and a.level == a.max_level_tested


def evidenced(skills: Mapping[str, int], accepted: AcceptedLevels) -> dict[str, int]:
    """The accepted levels that replace the declared ones: what ``make_plan(..., evidenced=)`` takes."""
    return {a.skill: a.level for a in accepted.levels if not _claim_stands(a, skills.get(a.skill))}


def merge_evidenced(skills: Mapping[str, int], accepted: AcceptedLevels) -> dict[str, int]:
    """Self-declared levels with the evidenced ones laid over them."""
    return {**dict(skills), **evidenced(skills, accepted)}


def evidenced_profile(store: Store, profile: dict[str, Any]) -> dict[str, Any]:
    """A stored profile (as JSON) with the accepted quiz levels laid over its declared ones, for what documents
    say about strengths and gaps."""
    return {**profile, "skills": merge_evidenced(dict(profile.get("skills") or {}), accepted_levels(store))}


def dated_evidence(skills: Mapping[str, int], accepted: AcceptedLevels) -> dict[str, Evidence]:
    """``evidenced`` with the day each level was accepted, so the plan can say "quiz, 2026-12-01"."""
    on = {a.skill: a.accepted_at.astimezone().date() for a in accepted.levels}
    return {s: Evidence(level, on[s]) for s, level in evidenced(skills, accepted).items()}


def plan_evidence(store: Store, skills: Mapping[str, int]) -> dict[str, Evidence]:
    """The evidenced levels, dated, for a plan made from a profile with these declared ``skills``."""
    return dated_evidence(skills, accepted_levels(store))


def saved_evidence(url: str, store: Callable[[], Store], skills: Mapping[str, int]) -> dict[str, Evidence]:
    """The dated quiz levels in the person's database, for a plan made from a profile file (``mlroute plan``):
    none when there is no database yet, which such a plan does not create."""
    from sqlalchemy.engine import make_url

    where = make_url(url)
    if where.get_backend_name() == "sqlite" and (not where.database or not Path(where.database).exists()):
        return {}
    return plan_evidence(store(), skills)


def evidence_reasons(evidenced: Evidenced, lang: str = "en") -> list[str]:
    """The re-plan's reason for the levels it took from quizzes (none when there are none)."""
    if not evidenced:
        return []
    levels = ", ".join(
        f"{skill} {ev.level}" + (f" ({ev.on.isoformat()})" if ev.on else "")
        for skill, ev in sorted(as_evidence(evidenced).items())
    )
    if lang == "zh":
        return [f"测验中取得的水平算作你自己的水平：{levels}。"]
    return [f"Levels earned in quizzes count as your own: {levels}."]


def quiz_levels(store: Store, kb: KBIndex | None = None, lang: str = "en") -> list[QuizLevel]:
    """Every skill with an accepted quiz level, next to the level the stored profile declares."""

    def read(s: Session) -> tuple[AcceptedLevels, dict[str, int]]:
        profile = repo.latest_profile(s)
        return accepted_in(s), dict((profile.data.get("skills") or {}) if profile else {})

    accepted, declared = store.read(read)
    out = []
    for a in accepted.levels:
        rec = kb.skills.get(a.skill) if kb is not None else None
        out.append(
            QuizLevel(
                skill=a.skill,
                name=rec.name.get(lang) if rec else a.skill,
                level=a.level,
                declared=declared.get(a.skill),
                taken_on=a.taken_at.astimezone().date(),
                accepted_on=a.accepted_at.astimezone().date(),
                counts=not _claim_stands(a, declared.get(a.skill)),
            )
        )
    return out


def not_planned(
    store: Store, plan: Mapping[str, Any], kb: KBIndex | None = None, lang: str = "en", item_id: str | None = None
) -> list[QuizLevel]:
    """The accepted quiz levels that count but that ``plan`` (a plan document) was made without, so its reasons
    still speak of the declared level: a re-plan would use them. With ``item_id``: only the skills that item raises
    or needs first."""
    from mlroute.plan.evidence import evidence_from_json

    taken = evidence_from_json(plan.get("evidenced_skills"))
    newer = [q for q in quiz_levels(store, kb, lang) if q.counts and (q.skill not in taken or _differs(q, taken))]
    if item_id is None:
        return newer
    item: Mapping[str, Any] = next((it for it in plan.get("items") or [] if it.get("id") == item_id), {})
    skills = {r["skill"] for r in item.get("skills") or []} | _needs(kb, item_id)
    return [q for q in newer if q.skill in skills]


def _differs(q: QuizLevel, taken: Mapping[str, Evidence]) -> bool:
    ev = taken[q.skill]
    return ev.level != q.level or (ev.on is not None and ev.on != q.accepted_on)


def _needs(kb: KBIndex | None, item_id: str) -> set[str]:
    """The skills an item's knowledge-base record needs first."""
    if kb is None:
        return set()
    prefix, _, rid = item_id.partition(":")
    rec = kb.resources.get(rid) if prefix == "res" else kb.projects.get(rid) if prefix == "proj" else None
    return {p.skill for p in rec.prerequisites} if rec is not None else set()
