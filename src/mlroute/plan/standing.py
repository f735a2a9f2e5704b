"""Where the person stands before the plan: stated levels, levels earned in quizzes, levels assumed from the
background, and what finished items taught.

Stated levels always win over assumed ones (a person who says Docker 1 is planned at 1, even if DevOps engineers
usually have 3), and levels earned in quizzes replace stated ones; finishing or skipping an item raises a level to
what it teaches. Where each starting level comes from (``Standing.origin``) is reported so every place that shows
the plan can mark it: assumed, said, or earned in a quiz on a date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mlroute.kb.index import KBIndex
from mlroute.plan.evidence import Evidence, Evidenced, Origin, as_evidence
from mlroute.profile.models import Profile
from mlroute.profile.priors import assumed_levels


@dataclass(frozen=True)
class Standing:
    stated: dict[str, int]  # declared levels with the evidenced ones laid over them
    assumed: dict[str, int]  # background defaults for skills the profile leaves out (only those > 0)
    levels: dict[str, int]  # what the plan starts from: stated or assumed, raised by finished items
    declared: dict[str, int] = field(default_factory=dict)  # what the profile says, before any quiz
    evidence: dict[str, Evidence] = field(default_factory=dict)  # levels earned in quizzes

    def is_assumed(self, skill: str) -> bool:
        return skill in self.assumed and self.levels.get(skill, 0) == self.assumed[skill]

    def origin(self, skill: str) -> Origin | None:
        """Where the level the plan starts ``skill`` from comes from; None when finished items raised it, or
        when nothing gives it (level 0, not declared)."""
        level = self.levels.get(skill, 0)
        ev = self.evidence.get(skill)
        if ev is not None and ev.level == level:
            said = self.declared.get(skill)
            return Origin(ev.source, level, ev.on, said if said is not None and said != level else None)
        if ev is None and self.declared.get(skill) == level:
            return Origin("said", level)
        if self.is_assumed(skill):
            return Origin("assumed", level)
        return None


def taught(ref: str, index: KBIndex) -> dict[str, int]:
    """The levels a ``res:``/``proj:``/``act:`` item teaches."""
    prefix, _, rid = ref.partition(":")
    if prefix == "res":
        pairs = index.resources[rid].teaches
    elif prefix == "proj":
        pairs = index.projects[rid].skills
    else:
        pairs = index.career_actions[rid].skills
    out: dict[str, int] = {}
    for sl in pairs:
        out[sl.skill] = max(out.get(sl.skill, 0), sl.level)
    return out


def standing(profile: Profile, index: KBIndex, finished: Iterable[str], evidenced: Evidenced | None = None) -> Standing:
    """``evidenced`` are levels earned in quizzes: they count as stated, over what the profile declares."""
    evidence = as_evidence(evidenced)
    declared = dict(profile.skills)
    stated = {**declared, **{s: ev.level for s, ev in evidence.items()}}
    assumed = {
        s: lvl
        for s, lvl in assumed_levels(profile.background, profile.years_experience, stated).items()
        if s in index.skills
    }
    levels = {**assumed, **stated}
    for ref in sorted(finished):
        for s, lvl in taught(ref, index).items():
            levels[s] = max(levels.get(s, 0), lvl)
    return Standing(stated, assumed, levels, declared, evidence)
