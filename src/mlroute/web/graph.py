"""The roadmap as a layered graph: the plan's items and the skills they close, top to bottom by prerequisite
depth, laid out on the server so the page needs no graph library.

Pure: takes the plan document, item statuses and skill facts, returns positioned nodes and edge paths; the
template only draws them. Edges run from what comes first to what needs it: an item to the skills it closes, a
skill to the skills and items that need it, an item to the items that depend on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ITEM_W, ITEM_H = 196, 40
SKILL_W, SKILL_H = 176, 28
GAP_X = 14  # between nodes side by side
ROW_GAP = 12  # between the rows of one wide layer
LAYER_GAP = 40  # between layers, where the edges run
MARGIN = 12
WIDTH = 920  # a layer wider than this wraps onto more rows
SWEEPS = 4


@dataclass(frozen=True)
class Node:
    id: str  # item id (res:…, proj:…, act:…) or skill:…
    kind: str  # resource | project | career_action | skill
    label: str
    detail: str
    status: str  # todo | doing | done | skipped | open (a skill gap nobody closes)
    layer: int
    x: float
    y: float
    w: float
    h: float

    @property
    def is_skill(self) -> bool:
        return self.kind == "skill"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # closes | needs | prerequisite | depends
    path: str


@dataclass(frozen=True)
class Layout:
    nodes: list[Node]
    edges: list[Edge]
    width: float
    height: float
    layers: int


def skill_status(closers: Sequence[str], statuses: Mapping[str, str], closable: bool) -> str:
    """A skill is done when every item closing it is done (or skipped: known already), doing once one is under
    way, open when nothing in the plan closes it."""
    if not closers:
        return "done" if closable else "open"
    states = [statuses.get(i, "todo") for i in closers]
    if all(s in ("done", "skipped") for s in states):
        return "done"
    if any(s in ("doing", "done") for s in states):
        return "doing"
    return "todo"


def _reaches(adj: Mapping[str, set[str]], start: str, goal: str) -> bool:
    seen, stack = {start}, [start]
    while stack:
        n = stack.pop()
        if n == goal:
            return True
        for m in adj.get(n, ()):
            if m not in seen:
                seen.add(m)
                stack.append(m)
    return False


def _reduce(adj: dict[str, set[str]], radj: dict[str, set[str]], edge_kind: dict[tuple[str, str], str]) -> None:
    """Transitive reduction: drop a→b when another path already leads from a to b, so the drawing keeps only the
    edges that say something (the graph is acyclic, so the result is unique)."""
    for a, b in sorted(edge_kind):
        adj[a].discard(b)
        if _reaches(adj, a, b):
            radj[b].discard(a)
            del edge_kind[(a, b)]
        else:
            adj[a].add(b)


def _layers(nodes: Sequence[str], adj: Mapping[str, set[str]], radj: Mapping[str, set[str]]) -> dict[str, int]:
    """Longest-path layering, then sources pulled right next to their first successor (shorter edges)."""
    indeg = {n: len(radj.get(n, ())) for n in nodes}
    order: list[str] = []
    ready = [n for n in nodes if indeg[n] == 0]
    while ready:
        n = ready.pop(0)
        order.append(n)
        for m in sorted(adj.get(n, ())):
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
    layer = {n: 0 for n in nodes}
    for n in order:
        for m in adj.get(n, ()):
            layer[m] = max(layer[m], layer[n] + 1)
    for n in reversed(order):
        succ = adj.get(n, ())
        if succ:
            layer[n] = max(layer[n], min(layer[m] for m in succ) - 1)
    return layer


def _order(by_layer: dict[int, list[str]], adj: Mapping[str, set[str]], radj: Mapping[str, set[str]]) -> None:
    """Reduce crossings: sort each layer by the mean position of its neighbours, sweeping both ways."""
    pos = {n: i for nodes in by_layer.values() for i, n in enumerate(nodes)}
    layers = sorted(by_layer)
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        for layer in layers[1:] if forward else list(reversed(layers))[1:]:
            nodes = by_layer[layer]
            near = radj if forward else adj

            def key(n: str, near: Mapping[str, set[str]] = near) -> tuple[float, int]:
                ps = [pos[m] for m in near.get(n, ()) if m in pos]
                return (sum(ps) / len(ps) if ps else pos[n], pos[n])

            nodes.sort(key=key)
            for i, n in enumerate(nodes):
                pos[n] = i


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    """A vertical S-curve from the bottom of one node to the top of another."""
    dy = max(20.0, (y2 - y1) / 2)
    return f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 + dy:.1f} {x2:.1f},{y2 - dy:.1f} {x2:.1f},{y2:.1f}"


@dataclass
class _Graph:
    """The roadmap as a DAG: adjacency both ways and each edge's kind (closes, depends, prerequisite, needs)."""

    adj: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    radj: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    kind: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, a: str, b: str, kind: str) -> None:
        if a == b or b in self.adj[a] or _reaches(self.adj, b, a):
            return  # keeps the graph acyclic whatever the plan holds
        self.adj[a].add(b)
        self.radj[b].add(a)
        self.kind[(a, b)] = kind


def _closers(plan: Mapping[str, Any], items: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The plan's gaps (closable or not) by skill, and the items that close each skill."""
    item_ids = {it["id"] for it in items}
    gaps = {g["skill"]: g for g in plan.get("gaps", [])}
    for g in plan.get("not_closable", []):
        gaps.setdefault(g["skill"], {**g, "closable": False})
    closers: dict[str, list[str]] = defaultdict(list)
    for it in items:
        for s in it.get("closes", []):
            if it["id"] not in closers[s]:
                closers[s].append(it["id"])
    for s, g in gaps.items():
        for i in g.get("closed_by", []) or []:
            if i in item_ids and i not in closers[s]:
                closers[s].append(i)
    return gaps, closers


def _edges(
    items: list[dict[str, Any]],
    skills: list[str],
    closers: Mapping[str, list[str]],
    prerequisites: Mapping[str, Sequence[str]],
) -> _Graph:
    item_ids = {it["id"] for it in items}
    skill_node = {s: f"skill:{s}" for s in skills}
    graph = _Graph()
    for s in skills:
        for i in closers.get(s, []):
            graph.add(i, skill_node[s], "closes")
    for it in items:
        for dep in it.get("depends_on", []) or []:
            if dep in item_ids:
                graph.add(dep, it["id"], "depends")
    for s in skills:
        for p in prerequisites.get(s, ()):
            if p in skill_node:
                graph.add(skill_node[p], skill_node[s], "prerequisite")
    for it in items:
        own = set(it.get("closes", []))
        needed = {p for s in own for p in prerequisites.get(s, ()) if p in skill_node and p not in own}
        for p in sorted(needed):
            graph.add(skill_node[p], it["id"], "needs")
    _reduce(graph.adj, graph.radj, graph.kind)
    return graph


def roadmap_layout(
    plan: Mapping[str, Any],
    statuses: Mapping[str, str],
    *,
    skill_names: Mapping[str, str],
    prerequisites: Mapping[str, Sequence[str]],
    item_label: Mapping[str, str] | None = None,
    item_detail: Mapping[str, str] | None = None,
    skill_detail: Mapping[str, str] | None = None,
    width: int = WIDTH,
) -> Layout:
    """Position the plan's items and gap skills. ``prerequisites`` maps a skill to the skills it needs."""
    items = list(plan.get("items", []))
    gaps, closers = _closers(plan, items)
    skills = sorted(set(gaps) | set(closers))
    graph = _edges(items, skills, closers, prerequisites)
    all_nodes = [it["id"] for it in items] + [f"skill:{s}" for s in skills]
    layer = _layers(all_nodes, graph.adj, graph.radj)
    first_week = {it["id"]: int(it.get("week_start", 0)) for it in items}
    for s in skills:
        first_week[f"skill:{s}"] = min((first_week[i] for i in closers.get(s, [])), default=10**6)
    by_layer: dict[int, list[str]] = defaultdict(list)
    for n in sorted(all_nodes, key=lambda n: (first_week.get(n, 0), n)):
        by_layer[layer[n]].append(n)
    _order(by_layer, graph.adj, graph.radj)

    def node(n: str, depth: int, x: float, y: float, w: float, h: float) -> Node:
        if n.startswith("skill:"):
            sid = n.removeprefix("skill:")
            status = skill_status(closers.get(sid, []), statuses, gaps.get(sid, {}).get("closable", True))
            label, detail = skill_names.get(sid, sid), (skill_detail or {}).get(sid, "")
            return Node(n, "skill", label, detail, status, depth, x, y, w, h)
        kind = next(it.get("kind", "resource") for it in items if it["id"] == n)
        label, detail = (item_label or {}).get(n, n), (item_detail or {}).get(n, "")
        return Node(n, kind, label, detail, statuses.get(n, "todo"), depth, x, y, w, h)

    nodes, top = _place(by_layer, width, node)
    edges = []
    for (a, b), kind in sorted(graph.kind.items()):
        na, nb = nodes[a], nodes[b]
        edges.append(Edge(a, b, kind, _curve(na.x + na.w / 2, na.y + na.h, nb.x + nb.w / 2, nb.y)))
    layers = max(by_layer) + 1 if by_layer else 0
    height = top - LAYER_GAP + MARGIN if by_layer else 2 * MARGIN
    order = [n for depth in sorted(by_layer) for n in by_layer[depth]]
    return Layout([nodes[n] for n in order], edges, float(width), height, layers)


def _place(
    by_layer: Mapping[int, list[str]], width: int, node: Callable[[str, int, float, float, float, float], Node]
) -> tuple[dict[str, Node], float]:
    """Rows of nodes, layer by layer, centred; returns the nodes and the y below the last row."""
    per_row = max(1, int((width - 2 * MARGIN + GAP_X) // (ITEM_W + GAP_X)))
    nodes: dict[str, Node] = {}
    top = float(MARGIN)
    for depth, members in sorted(by_layer.items()):
        for row in (members[i : i + per_row] for i in range(0, len(members), per_row)):
            span = len(row) * ITEM_W + (len(row) - 1) * GAP_X
            left = (width - span) / 2
            for k, n in enumerate(row):
                w, h = (SKILL_W, SKILL_H) if n.startswith("skill:") else (ITEM_W, ITEM_H)
                nodes[n] = node(n, depth, left + k * (ITEM_W + GAP_X) + (ITEM_W - w) / 2, top + (ITEM_H - h) / 2, w, h)
            top += ITEM_H + ROW_GAP
        top += LAYER_GAP - ROW_GAP
    return nodes, top


def fit(text: str, width: float, font_px: float = 12.0) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` pixels (CJK glyphs count a full em, others ~0.56)."""
    room = width / font_px
    used = 0.0
    for i, ch in enumerate(text):
        used += 1.0 if ord(ch) > 0x2E80 else 0.56
        if used > room:
            return text[: max(0, i - 1)].rstrip() + "…"
    return text
