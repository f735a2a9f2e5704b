"""Cohorts: a named group of learners with a mentor and a shared roadmap (a target role and a route the mentor
sets). Each learner keeps their own plan; the roadmap is the common map (``team.roadmap``): the role's required
skills by the route's phases, and how far each member's levels (declared, plus what their finished items taught)
cover each phase. Creating a cohort and changing its members are admin actions, audited like the others.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import Field

from mlroute.errors import UserError
from mlroute.services.journey import load_journey, now_or
from mlroute.services.results import Result
from mlroute.services.users import Actor, find
from mlroute.store import Store, team_repo
from mlroute.team import roadmap

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

    from mlroute.kb import KBIndex


class CohortInfo(Result):
    name: str
    mentor: str | None
    role: str | None
    route: str | None
    members: list[str] = Field(default_factory=list)


class CohortList(Result):
    cohorts: list[CohortInfo]


class PhaseProgress(Result):
    phase: str
    name: str
    coverage: float
    skills: list[dict[str, object]]


class MemberRoadmap(Result):
    username: str
    has_plan: bool
    coverage: float
    phases: list[PhaseProgress]


class Roadmap(Result):
    cohort: str
    mentor: str | None
    role: str | None
    role_name: str | None
    route: str | None
    route_name: str | None
    members: list[MemberRoadmap]


def listing(store: Store) -> CohortList:
    def read(s: DbSession) -> CohortList:
        names = {u.id: u.username for u in team_repo.users(s)}
        members = team_repo.cohort_members(s)
        return CohortList(
            cohorts=[
                CohortInfo(
                    name=c.name,
                    mentor=names.get(c.mentor_id) if c.mentor_id else None,
                    role=c.role,
                    route=c.route,
                    members=sorted(names[u] for u, cid in members.items() if cid == c.id),
                )
                for c in team_repo.cohorts(s)
            ]
        )

    return store.system().read(read)


def create(store: Store, name: str, *, mentor: str | None, actor: Actor, now: datetime | None = None) -> CohortInfo:
    title = " ".join(name.split())
    if not 1 <= len(title) <= 80:
        raise UserError("A cohort needs a name of 1–80 characters.", hint="e.g. 2027-spring")
    now = now_or(now)

    def tx(s: DbSession) -> CohortInfo:
        if team_repo.cohort_by_name(s, title) is not None:
            raise UserError(f"A cohort named {title!r} exists already.", hint="Choose another name.")
        mentor_row = find(s, mentor) if mentor else None
        if mentor_row is not None and mentor_row.role not in ("mentor", "admin"):
            raise UserError(
                f"{mentor_row.username!r} is not a mentor.", hint=f"mlroute users role {mentor_row.username} mentor"
            )
        team_repo.add_cohort(s, name=title, mentor_id=mentor_row.id if mentor_row else None, now=now)
        detail = {"mentor": mentor_row.username if mentor_row else None}
        team_repo.audit(
            s, actor=actor.name, action="create-cohort", target=title, detail=detail, source=actor.source, now=now
        )
        return CohortInfo(name=title, mentor=detail["mentor"], role=None, route=None)

    return store.system().write(tx)


def set_member(
    store: Store, cohort: str | None, learner: str, *, actor: Actor, now: datetime | None = None
) -> CohortInfo | None:
    """Put ``learner`` in ``cohort`` (None: in none)."""
    now = now_or(now)

    def tx(s: DbSession) -> None:
        row = find(s, learner)
        group = team_repo.cohort_by_name(s, cohort) if cohort else None
        if cohort and group is None:
            raise UserError(f"There is no cohort named {cohort!r}.", hint="mlroute cohort list shows them.")
        team_repo.set_member(s, row.id, group.id if group else None, now)
        team_repo.audit(
            s,
            actor=actor.name,
            action="set-cohort",
            target=row.username,
            detail={"cohort": cohort},
            source=actor.source,
            now=now,
        )

    store.system().write(tx)
    return next((c for c in listing(store).cohorts if c.name.lower() == (cohort or "").lower()), None)


def set_roadmap(
    store: Store, kb: KBIndex, cohort: str, *, role: str, route: str, actor: Actor, now: datetime | None = None
) -> CohortInfo:
    """The shared roadmap of ``cohort``: a role and a route of the knowledge base. Its mentor (or an admin)."""
    if role not in kb.roles:
        raise UserError(f"Unknown role {role!r}.", hint="mlroute kb search engineer lists roles.")
    if route not in kb.routes:
        raise UserError(f"Unknown route {route!r}.", hint=f"Routes: {', '.join(sorted(kb.routes))}.")
    now = now_or(now)

    def tx(s: DbSession) -> None:
        group = team_repo.cohort_by_name(s, cohort)
        if group is None or (actor.role != "admin" and group.mentor_id != actor.user_id):
            raise UserError(f"You do not lead a cohort named {cohort!r}.", hint="Only its mentor or an admin sets it.")
        group.role, group.route, group.updated_at = role, route, now
        team_repo.audit(
            s,
            actor=actor.name,
            action="set-roadmap",
            target=group.name,
            detail={"role": role, "route": route},
            source=actor.source,
            now=now,
        )

    store.system().write(tx)
    return next(c for c in listing(store).cohorts if c.name.lower() == cohort.lower())


def roadmap_of(store: Store, kb: KBIndex, cohort: str, lang: str = "en") -> Roadmap:
    """The cohort's roadmap with each member's coverage of it."""
    info = next((c for c in listing(store).cohorts if c.name.lower() == cohort.lower()), None)
    if info is None:
        raise UserError(f"There is no cohort named {cohort!r}.", hint="mlroute cohort list shows them.")
    role = kb.roles.get(info.role or "")
    route = kb.routes.get(info.route or "")
    reqs = [
        roadmap.Requirement(r.skill, r.level, kb.skills[r.skill].pillar)
        for r in (role.requirements if role else [])
        if r.skill in kb.skills
    ]
    phases = [roadmap.Phase(p.id, tuple(p.pillars)) for p in (route.phases if route else [])]
    names = {p.id: p.name.get(lang) or p.id for p in (route.phases if route else [])}
    ids = store.system().read(lambda s: {u.username: u.id for u in team_repo.users(s)})
    members = [_member(store.for_owner(ids[m]), m, reqs, phases, names) for m in info.members]
    return Roadmap(
        cohort=info.name,
        mentor=info.mentor,
        role=info.role,
        role_name=role.name.get(lang) if role else None,
        route=info.route,
        route_name=route.name.get(lang) if route else None,
        members=members,
    )


def _member(
    store: Store, username: str, reqs: list[roadmap.Requirement], phases: list[roadmap.Phase], names: dict[str, str]
) -> MemberRoadmap:
    def read(s: DbSession) -> dict[str, int] | None:
        try:
            journey = load_journey(s)
        except UserError:
            return None
        levels = {str(k): int(v) for k, v in (journey.profile.get("skills") or {}).items()}
        for item_id, state in journey.statuses.items():
            if state == "done":
                for step in journey.items.get(item_id, {}).get("skills", []):
                    levels[step["skill"]] = max(levels.get(step["skill"], 0), int(step["to"]))
        return levels

    levels = store.read(read)
    covered = roadmap.coverage(reqs, phases, levels or {})
    return MemberRoadmap(
        username=username,
        has_plan=levels is not None,
        coverage=roadmap.overall(covered),
        phases=[
            PhaseProgress(
                phase=c.phase,
                name=names.get(c.phase, c.phase),
                coverage=c.coverage,
                skills=[{"skill": k, "required": need, "reached": have} for k, need, have in c.skills],
            )
            for c in covered
        ],
    )
