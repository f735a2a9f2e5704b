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
        taught = {t.skill: t.level for t in res.teaches}
        for pre in res.prerequisites:
            if pre.skill in taught and taught[pre.skill] <= pre.level:
                problems.append(
                    Problem(
                        file,
                        res.id,
                        "prerequisites",
                        f"needs {pre.skill} {pre.level} but only teaches it to {taught[pre.skill]}",
                    )
                )
    for file, p in located["projects"]:
        problems += _refs(file, p.id, "domain", [p.domain], skills)
        problems += _refs(file, p.id, "skills", _levels(p.skills), skills)
        problems += _refs(file, p.id, "prerequisites", _levels(p.prerequisites), skills)
    for file, a in located["career_actions"]:
        problems += _refs(file, a.id, "after", a.after, actions, kind="career action")
        problems += _refs(file, a.id, "skills", _levels(a.skills), skills)
    resources = {rec.id for _, rec in located["resources"]}
    for file, route in located["routes"]:
        for phase in route.phases:
            problems += _refs(file, route.id, f"phases.{phase.id}.entry", _levels(phase.entry), skills)
            for pick in phase.picks:
                problems += _refs(file, route.id, f"phases.{phase.id}.picks", pick.one_of, resources, "resource")
    for file, a in located["career_actions"]:
        if a.weeks is not None and not a.weeks_basis:
            problems.append(Problem(file, a.id, "weeks_basis", "say where the number of weeks comes from"))
    problems += question_problems(located, skills)

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
    problems += unreachable_items(located)
    return problems


def unreachable_items(located: Located) -> list[Problem]:
    """Resources and projects caught in a prerequisite cycle: items whose prerequisites only other items of the
    cycle teach (two books each needing what only the other teaches), so a person could never start any of them.
    Found as the fixpoint of "everything whose prerequisites are met" from nothing; a prerequisite nothing in the
    catalogue teaches at all is knowledge the catalogue assumes, not a cycle, and is not reported."""
    items = [("resources", f, r, r.teaches) for f, r in located["resources"]]
    items += [("projects", f, p, p.skills) for f, p in located["projects"]]
    levels: dict[str, int] = {}
    open_ = list(items)
    changed = True
    while changed:
        changed = False
        for it in list(open_):
            if all(levels.get(p.skill, 0) >= p.level for p in it[2].prerequisites):
                open_.remove(it)
                changed = True
                for t in it[3]:
                    levels[t.skill] = max(levels.get(t.skill, 0), t.level)
    taught: dict[str, int] = {}
    for it in items:
        for t in it[3]:
            taught[t.skill] = max(taught.get(t.skill, 0), t.level)
    problems = []
    for _, file, rec, _ in open_:
        missing = [p for p in rec.prerequisites if levels.get(p.skill, 0) < p.level]
        cyclic = [p for p in missing if taught.get(p.skill, 0) >= p.level]
        if cyclic and len(cyclic) == len(missing):
            needs = ", ".join(f"{p.skill} {p.level}" for p in cyclic)
            problems.append(
                Problem(
                    file,
                    rec.id,
                    "prerequisites",
                    f"prerequisite cycle: only items that themselves cannot be started teach {needs}",
                )
            )
    return problems


# ---- interview questions and quizzes ---------------------------------------------------------------------------

# A quiz asks up to three items per level, so each level it tests needs at least that many to choose from.
QUIZ_ITEMS_PER_LEVEL = 3


def _chinese_problems(file: str, rec_id: str, texts: list[str]) -> list[Problem]:
    from mlroute.kb.questions import english_words

    words = sorted({w for t in texts for w in english_words(t)})
    if not words:
        return []
    shown = ", ".join(repr(w) for w in words[:6]) + (" …" if len(words) > 6 else "")
    return [Problem(file, rec_id, "zh", f"English in the Chinese text: {shown} (translate it, or mark code with `…`)")]


STOP_WORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "be",
        "it",
        "not",
        "no",
        "of",
        "to",
        "and",
        "or",
        "all",
        "none",
        "only",
        "it's",
    )
)


def _is_prose(choice: str) -> bool:
    """A plain-string choice is for code, numbers and formulas, the same in both languages; a sentence is not."""
    return any(w in STOP_WORDS for w in choice.lower().split()) and not any(ch in choice for ch in "()=[]{}\"'")


def question_problems(located: Located, skills: set[str]) -> list[Problem]:
    """References, file placement, Chinese that reads as Chinese, and quizzes that can be assembled."""
    from mlroute.kb.questions import question_texts, quiz_texts

    pillar = {rec.id: rec.pillar for _, rec in located["skills"]}
    problems: list[Problem] = []
    seen_text: dict[str, str] = {}
    for file, q in located["interview_questions"]:
        problems += _refs(file, q.id, "skills", q.skills, skills)
        folder, _, stem = file.rpartition("/")
        home = pillar.get(q.skill)
        if folder == "interview_questions" and home and stem != f"{home}.yaml":
            problems.append(
                Problem(file, q.id, "skills", f"its first skill is in pillar {home!r}: move it to {home}.yaml")
            )
        text = " ".join(q.question.en.lower().split())
        if text in seen_text:
            problems.append(Problem(file, q.id, "question", f"the same question as {seen_text[text]!r}"))
        seen_text.setdefault(text, q.id)
        problems += _chinese_problems(file, q.id, question_texts(q, "zh"))
    levels: dict[str, dict[int, int]] = {}
    for file, item in located["quiz_items"]:
        problems += _refs(file, item.id, "skill", [item.skill], skills)
        folder, _, stem = file.rpartition("/")
        if folder == "quiz_items" and stem != f"{item.skill}.yaml":
            problems.append(Problem(file, item.id, "skill", f"a {item.skill} item belongs in {item.skill}.yaml"))
        problems += _chinese_problems(file, item.id, quiz_texts(item, "zh"))
        prose = [c for c in item.choices if isinstance(c, str) and _is_prose(c)]
        if prose:
            problems.append(Problem(file, item.id, "choices", f"{prose[0]!r} is prose: give it as {{en: …, zh: …}}"))
        per_level = levels.setdefault(item.skill, {})
        per_level[item.level] = per_level.get(item.level, 0) + 1
    files = {item.skill: file for file, item in located["quiz_items"]}
    for skill, per_level in sorted(levels.items()):
        short = {lv: n for lv, n in sorted(per_level.items()) if n < QUIZ_ITEMS_PER_LEVEL}
        if 1 not in per_level:
            problems.append(Problem(files[skill], "", "level", f"the {skill} quiz has no level-1 items to start from"))
        if len(per_level) < 2:
            problems.append(Problem(files[skill], "", "level", f"the {skill} quiz tests only one level; add another"))
        for lv, n in short.items():
            problems.append(
                Problem(
                    files[skill],
                    "",
                    "level",
                    f"the {skill} quiz has {n} level-{lv} item(s); it needs {QUIZ_ITEMS_PER_LEVEL} to choose from",
                )
            )
    return problems
