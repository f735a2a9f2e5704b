"""Where the person stands before the plan: stated levels, levels assumed from the background, and what finished
items taught.

Stated levels always win over assumed ones (a person who says Docker 1 is planned at 1, even if DevOps engineers
usually have 3); finishing or skipping an item raises a level to what it teaches. Assumed levels are reported so
every place that shows the plan can mark them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mlroute.kb.index import KBIndex
from mlroute.profile.models import Profile
from mlroute.profile.priors import assumed_levels


@dataclass(frozen=True)
class Standing:
    stated: dict[str, int]
    assumed: dict[str, int]  # background defaults for skills the profile leaves out (only those > 0)
    levels: dict[str, int]  # what the plan starts from: stated or assumed, raised by finished items

    def is_assumed(self, skill: str) -> bool:
        return skill in self.assumed and self.levels.get(skill, 0) == self.assumed[skill]


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


def standing(
    profile: Profile, index: KBIndex, finished: Iterable[str], evidenced: Mapping[str, int] | None = None
) -> Standing:
    """``evidenced`` are levels earned in quizzes: they count as stated."""
    stated = {**dict(profile.skills), **dict(evidenced or {})}
    assumed = {
        s: lvl
        for s, lvl in assumed_levels(profile.background, profile.years_experience, stated).items()
        if s in index.skills
    }
    levels = {**assumed, **stated}
    for ref in sorted(finished):
        for s, lvl in taught(ref, index).items():
            levels[s] = max(levels.get(s, 0), lvl)
    return Standing(stated, assumed, levels)
