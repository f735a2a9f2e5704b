"""The roadmap layout: prerequisites above what needs them, no overlaps, only edges that say something."""

from __future__ import annotations

from typing import Any

from mlroute.web.graph import ITEM_H, fit, roadmap_layout, skill_status

PREREQS = {"ml": ["python", "linalg"], "dl": ["ml"], "python": [], "linalg": []}
NAMES = {"python": "Python", "linalg": "Linear algebra", "ml": "Classic ML", "dl": "Deep learning"}


def item(i: str, closes: list[str], ws: int, we: int, depends: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": i,
        "kind": "resource",
        "title": i,
        "week_start": ws,
        "week_end": we,
        "hours": 5.0,
        "closes": closes,
        "depends_on": depends or [],
    }


def plan() -> dict[str, Any]:
    return {
        "items": [
            item("res:py", ["python"], 1, 2),
            item("res:la", ["linalg"], 1, 3),
            item("res:ml", ["ml"], 4, 6, ["res:py", "res:la"]),
            item("res:dl", ["dl"], 7, 9, ["res:ml"]),
            item("act:mentor", [], 1, 1),
        ],
        "gaps": [{"skill": s, "current": 0, "target": 2, "closed_by": []} for s in ("python", "linalg", "ml", "dl")],
        "not_closable": [{"skill": "talking", "current": 1, "target": 3}],
    }


def layout(statuses: dict[str, str] | None = None, **kw: Any) -> Any:
    return roadmap_layout(plan(), statuses or {}, skill_names=NAMES, prerequisites=PREREQS, **kw)


def test_every_edge_points_down_to_a_deeper_layer() -> None:
    lay = layout()
    by_id = {n.id: n for n in lay.nodes}
    assert lay.edges
    for e in lay.edges:
        assert by_id[e.source].layer < by_id[e.target].layer, e
        assert by_id[e.source].y + by_id[e.source].h <= by_id[e.target].y


def test_items_and_gap_skills_are_all_drawn_once() -> None:
    ids = [n.id for n in layout().nodes]
    assert sorted(ids) == sorted(
        [
            "res:py",
            "res:la",
            "res:ml",
            "res:dl",
            "act:mentor",
            "skill:python",
            "skill:linalg",
            "skill:ml",
            "skill:dl",
            "skill:talking",
        ]
    )


def test_redundant_edges_are_dropped() -> None:
    """res:ml depends on res:py, but res:py → python → res:ml already says so; the direct edge is noise."""
    pairs = {(e.source, e.target) for e in layout().edges}
    assert ("res:py", "skill:python") in pairs
    assert ("skill:python", "res:ml") in pairs
    assert ("res:py", "res:ml") not in pairs
    assert ("res:ml", "skill:ml") in pairs
    assert ("skill:ml", "res:dl") in pairs  # dl's course needs ml…
    assert ("skill:ml", "skill:dl") not in pairs  # …so the skill-to-skill edge adds nothing


def test_nodes_do_not_overlap_and_stay_inside_the_width() -> None:
    lay = layout(width=500)
    for a in lay.nodes:
        assert a.x >= 0 and a.x + a.w <= lay.width
        assert a.y + a.h <= lay.height
        for b in lay.nodes:
            if a is not b:
                apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
                assert apart, (a.id, b.id)


def test_a_narrow_width_wraps_a_layer_onto_more_rows() -> None:
    wide, narrow = layout(width=2000), layout(width=240)
    assert narrow.height > wide.height
    assert narrow.height >= 2 * ITEM_H * max(n.layer for n in narrow.nodes)


def test_status_colours_items_and_the_skills_they_close() -> None:
    lay = layout({"res:py": "done", "res:la": "skipped", "res:ml": "doing"})
    status = {n.id: n.status for n in lay.nodes}
    assert status["res:py"] == "done" and status["res:dl"] == "todo"
    assert status["skill:python"] == "done"
    assert status["skill:linalg"] == "done"  # skipped: known already
    assert status["skill:ml"] == "doing"
    assert status["skill:dl"] == "todo"
    assert status["skill:talking"] == "open"


def test_skill_status_rules() -> None:
    assert skill_status([], {}, closable=False) == "open"
    assert skill_status(["a", "b"], {"a": "done"}, closable=True) == "doing"
    assert skill_status(["a", "b"], {"a": "done", "b": "done"}, closable=True) == "done"
    assert skill_status(["a"], {}, closable=True) == "todo"


def test_a_cycle_in_the_input_does_not_hang_or_crash() -> None:
    p = plan()
    p["items"][0]["depends_on"] = ["res:dl"]  # res:py after res:dl, which needs python: a cycle
    lay = roadmap_layout(p, {}, skill_names=NAMES, prerequisites=PREREQS)
    by_id = {n.id: n for n in lay.nodes}
    assert all(by_id[e.source].layer < by_id[e.target].layer for e in lay.edges)


def test_labels_come_from_the_names_given() -> None:
    lay = layout(item_label={"res:py": "Python 入门"}, item_detail={"res:py": "W1–2"})
    node = next(n for n in lay.nodes if n.id == "res:py")
    assert (node.label, node.detail) == ("Python 入门", "W1–2")
    assert next(n for n in lay.nodes if n.id == "skill:linalg").label == "Linear algebra"


def test_fit_shortens_by_width_counting_cjk_as_wider() -> None:
    assert fit("short", 200) == "short"
    latin = fit("a" * 100, 120)
    cjk = fit("机" * 100, 120)
    assert latin.endswith("…") and cjk.endswith("…")
    assert len(cjk) < len(latin)
