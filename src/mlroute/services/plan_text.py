"""A stored plan in another language.

A plan is written in one language: its why texts, reasons, phase and milestone names. The planner is a pure
function of inputs the plan document records (profile, done, skipped, pace, deadline, seed), so the same plan in
the other language is the planner run again with ``lang`` changed: a fraction of a second, once per plan and
language, then kept in memory. Storing both languages instead would double every planning run (and the stored
snapshots) for a switch most people never make.

The words are taken only when the run gave the same plan (the same items in the same weeks with the same hours;
a knowledge base updated since may change it): then every text is the new language's. Otherwise only the items
that are unchanged take the new words and ``Translated.complete`` is False, so a page can say that the rest is
shown as it was written.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from mlroute.services.results import Result

if TYPE_CHECKING:
    from mlroute.kb import KBIndex
    from mlroute.store import Store

# The plan document's keys whose words depend on the language (their numbers do not, for the same plan).
WORDED_KEYS = (
    "lang",
    "route_name",
    "route_reason",
    "target_role_name",
    "phases",
    "milestones",
    "gaps",
    "not_closable",
    "left_out",
    "deferred",
    "market",
    "warnings",
    "evidenced_skills",  # the skills' names
)
ITEM_WORDS = ("title", "why")
CACHE_SIZE = 32
_cache: OrderedDict[tuple[str, str, str], dict[str, Any] | None] = OrderedDict()
_lock = threading.Lock()


class Translated(Result):
    plan: dict[str, Any]  # the plan document with its words in the asked language
    lang: str
    complete: bool  # False: some texts could not be remade and stay in the plan's own language


def plan_inputs(doc: dict[str, Any]) -> dict[str, Any]:
    """What the planner was given, as the document records it (JSON-ready, so it can key a cache)."""
    pacing = doc.get("pacing") or {}
    observed = pacing.get("basis") == "observed"
    return {
        "profile": doc.get("profile") or {},
        "done": sorted(doc.get("done") or []),
        "skipped": sorted(doc.get("skipped") or []),
        "pace": pacing.get("weekly_hours") if observed else None,
        "pace_sigma": pacing.get("pace_sigma") if observed else None,
        "demand": {m["skill"]: m["demand"] for m in doc.get("market") or [] if "demand" in m} or None,
        "seed": int(doc.get("seed") or 0),
        "by": doc.get("deadline"),
        "evidenced": doc.get("evidenced_skills") or {},  # levels earned in quizzes, with their dates
    }


def shape(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    """What makes two documents the same plan: the items, their weeks and hours, in order."""
    return [(it["id"], it.get("week_start"), it.get("week_end"), it.get("hours")) for it in doc.get("items", [])]


def in_language(doc: dict[str, Any], kb: KBIndex, lang: str) -> Translated:
    """``doc`` with its words in ``lang`` (``en`` or ``zh``); the document itself is not changed."""
    if doc.get("lang", "en") == lang:
        return Translated(plan=doc, lang=lang, complete=True)
    key = json.dumps(plan_inputs(doc), sort_keys=True, default=str)
    other = _replanned(key, lang, kb)
    if other is None:
        return Translated(plan=doc, lang=str(doc.get("lang", "en")), complete=False)
    if shape(other) == shape(doc) and other.get("route") == doc.get("route"):
        words = {k: other[k] for k in WORDED_KEYS if k in other}
        items = [
            {**it, **{w: o.get(w) for w in ITEM_WORDS}} for it, o in zip(doc["items"], other["items"], strict=True)
        ]
        return Translated(plan={**doc, **words, "items": items}, lang=lang, complete=True)
    theirs = {s[0]: (s, it) for s, it in zip(shape(other), other.get("items", []), strict=True)}
    items = []
    for s, it in zip(shape(doc), doc.get("items", []), strict=True):
        same = theirs.get(s[0])
        items.append({**it, **{w: same[1].get(w) for w in ITEM_WORDS}} if same and same[0] == s else it)
    return Translated(plan={**doc, "items": items}, lang=str(doc.get("lang", "en")), complete=False)


def _replanned(key: str, lang: str, kb: KBIndex) -> dict[str, Any] | None:
    """The plan for the recorded inputs in ``lang``, made once per knowledge base, inputs and language."""
    slot = (kb.kb.meta.version, key, lang)
    with _lock:
        if slot in _cache:
            _cache.move_to_end(slot)
            return _cache[slot]
    doc = _plan(key, lang, kb)
    with _lock:
        _cache[slot] = doc
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return doc


def _plan(key: str, lang: str, kb: KBIndex) -> dict[str, Any] | None:
    """None when the inputs no longer make a plan (an id the knowledge base dropped, a profile an older version
    wrote): the page then shows the words as they were written."""
    from mlroute.errors import UserError
    from mlroute.plan import make_plan
    from mlroute.plan.evidence import evidence_from_json
    from mlroute.profile import Profile

    inputs = json.loads(key)
    try:
        stated = {k: v for k, v in inputs["profile"].items() if k in Profile.model_fields}  # not what it adds
        profile = Profile.model_validate(stated)
        by = dt.date.fromisoformat(inputs["by"]) if inputs["by"] else None
        plan = make_plan(
            profile,
            kb,
            done=frozenset(inputs["done"]),
            skipped=frozenset(inputs["skipped"]),
            pace=inputs["pace"],
            pace_sigma=inputs.get("pace_sigma") or 0.15,
            demand=inputs["demand"],
            seed=inputs["seed"],
            lang=lang,
            by=by,
            evidenced=evidence_from_json(inputs.get("evidenced")),
        )
    except (UserError, ValueError):
        return None
    return plan.to_json()


def earlier_words(store: Store, kb: KBIndex, version: int, item_id: str, lang: str) -> dict[str, Any] | None:
    """An item as plan ``version`` listed it, with its words in ``lang`` (the why of finished work a re-plan left
    out), or None when that version cannot be remade with the same item."""
    from mlroute.store import repo

    doc: dict[str, Any] | None = store.read(
        lambda s: next((dict(p.data) for p in repo.plans(s) if p.version == version), None)
    )
    if doc is None:
        return None
    translated = in_language(doc, kb, lang)
    found = next((dict(it) for it in translated.plan.get("items", []) if it["id"] == item_id), None)
    if found is None or (doc.get("lang", "en") != lang and found.get("why") == _why(doc, item_id)):
        return None  # that version no longer makes the same item: its words could not be remade
    return found


def _why(doc: dict[str, Any], item_id: str) -> Any:
    return next((it.get("why") for it in doc.get("items", []) if it["id"] == item_id), None)
