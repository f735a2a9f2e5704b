"""Checks that span records: unique ids, references that resolve, an acyclic prerequisite graph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mlroute.kb.models import SkillLevel
from mlroute.kb.problems import Problem

Located = dict[str, list[tuple[str, Any]]]


def _duplicates(kind: str, items: list[tuple[str, Any]]) -> list[Problem]:
    seen: dict[str, str] = {}
    out = []
    for file, rec in items:
        if rec.id in seen:
            out.append(Problem(file, rec.id, "id", f"duplicate {kind} id (first defined in {seen[rec.id]})"))
        else:
            seen[rec.id] = file
    return out


def _refs(
    file: str, rec_id: str, field: str, refs: Iterable[str], known: set[str], kind: str = "skill"
) -> list[Problem]:
    return [Problem(file, rec_id, field, f"unknown {kind} id {ref!r}") for ref in refs if ref not in known]


def _levels(items: list[SkillLevel]) -> list[str]:
    return [i.skill for i in items]


def find_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """A cycle in a directed graph as a list of nodes, or None; iterative so deep graphs cannot overflow."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    for start in sorted(edges):
        if colour[start] != white:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                colour[node] = grey
                path.append(node)
            nexts = [n for n in edges.get(node, []) if n in colour]
            if i < len(nexts):
                stack.append((node, i + 1))
                nxt = nexts[i]
                if colour[nxt] == grey:
                    return [*path[path.index(nxt) :], nxt]
                if colour[nxt] == white:
                    stack.append((nxt, 0))
            else:
                colour[node] = black
                path.pop()
    return None


def cross_check(located: Located) -> list[Problem]:
    problems: list[Problem] = []
    for kind, items in located.items():
        problems.extend(_duplicates(kind, items))

    skills = {rec.id for _, rec in located["skills"]}
    actions = {rec.id for _, rec in located["career_actions"]}

    for file, s in located["skills"]:
        problems += _refs(file, s.id, "prerequisites", _levels(s.prerequisites), skills)
    for file, r in located["roles"]:
        problems += _refs(file, r.id, "requirements", [q.skill for q in r.requirements], skills)
    for file, res in located["resources"]:
        problems += _refs(file, res.id, "teaches", _levels(res.teaches), skills)
        problems += _refs(file, res.id, "prerequisites", _levels(res.prerequisites), skills)
    for file, p in located["projects"]:
        problems += _refs(file, p.id, "domain", [p.domain], skills)
        problems += _refs(file, p.id, "skills", _levels(p.skills), skills)
        problems += _refs(file, p.id, "prerequisites", _levels(p.prerequisites), skills)
    for file, a in located["career_actions"]:
        problems += _refs(file, a.id, "after", a.after, actions, kind="career action")
        problems += _refs(file, a.id, "skills", _levels(a.skills), skills)
    for file, route in located["routes"]:
        for phase in route.phases:
            problems += _refs(file, route.id, f"phases.{phase.id}.entry", _levels(phase.entry), skills)
    for file, q in located["interview_questions"]:
        problems += _refs(file, q.id, "skills", q.skills, skills)

    skill_edges = {s.id: _levels(s.prerequisites) for _, s in located["skills"]}
    cycle = find_cycle(skill_edges)
    if cycle:
        file = next(f for f, s in located["skills"] if s.id == cycle[0])
        problems.append(Problem(file, cycle[0], "prerequisites", "prerequisite cycle: " + " → ".join(cycle)))
    action_edges = {a.id: list(a.after) for _, a in located["career_actions"]}
    cycle = find_cycle(action_edges)
    if cycle:
        file = next(f for f, a in located["career_actions"] if a.id == cycle[0])
        problems.append(Problem(file, cycle[0], "after", "ordering cycle: " + " → ".join(cycle)))
    return problems
