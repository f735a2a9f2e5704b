"""A level earned in a quiz is named, with its date, in the reasons of the items that rely on it, in English and
Chinese; a level the person only declared reads "you said". The journey: a first plan, a quiz taken and accepted,
a re-plan, and the same plan read in the other language (as the web app shows it)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from mlroute.kb import KBIndex
from mlroute.services import quiz, replan
from mlroute.services.plan_text import in_language
from mlroute.store import Store, repo
from tests.services.conftest import START, WEEK1
from tests.services.test_quiz_service import SEED, answers

DAY = WEEK1.astimezone().date().isoformat()  # the day the quiz was accepted, as the person's clock reads it


def _plan(store: Store) -> dict[str, Any]:
    plan = store.read(repo.latest_plan)
    assert plan is not None
    return dict(plan.data)


def _accept(store: Store, kb: KBIndex, skill: str, pattern: str) -> int:
    result = quiz.take(store, kb, skill, answers(kb, skill, pattern), seed=SEED, now=WEEK1)
    quiz.accept(store, kb, result_id=result.id, now=WEEK1)
    return result.proposed_level


def _needing(doc: dict[str, Any], kb: KBIndex, skill: str) -> list[dict[str, Any]]:
    """The plan's items whose knowledge-base record needs ``skill`` first."""
    out = []
    for it in doc["items"]:
        prefix, _, rid = it["id"].partition(":")
        rec = kb.resources.get(rid) if prefix == "res" else kb.projects.get(rid) if prefix == "proj" else None
        if rec is not None and any(p.skill == skill and p.level > 0 for p in rec.prerequisites):
            out.append(it)
    return out


def _bare(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"skill": r["skill"], "from": r["from"]} for r in rows]


def _prereq(kb: KBIndex, ref: str, skill: str) -> int:
    prefix, _, rid = ref.partition(":")
    rec = kb.resources[rid] if prefix == "res" else kb.projects[rid]
    return max(p.level for p in rec.prerequisites if p.skill == skill)


def test_the_items_that_build_on_a_quiz_level_name_the_quiz_and_its_date(planned: Store, kb: KBIndex) -> None:
    first = _plan(planned)
    assert first["evidenced_skills"] == {}
    assert not any("quiz" in it["why"] for it in first["items"])
    assert _accept(planned, kb, "python", "r") == 3  # the person said 1
    replan.replan(planned, kb, today=START, now=WEEK1 + timedelta(minutes=1))
    doc = _plan(planned)
    assert doc["evidenced_skills"] == {"python": {"level": 3, "source": "quiz", "on": DAY, "name": "Python"}}
    relying = _needing(doc, kb, "python")
    assert relying, "some planned item needs Python first"
    for it in relying:
        assert f"It builds on Python 3 (quiz, {DAY}; you said 1)." in it["why"], it["id"]
    # the same plan in Chinese, as the web app remakes it for a Chinese page: the quiz and its date survive
    zh = in_language(doc, kb, "zh")
    assert zh.complete and zh.lang == "zh"
    for it in _needing(zh.plan, kb, "python"):
        assert f"它建立在你的Python 3级（测验，{DAY}；你自评1级）之上。" in it["why"], it["id"]


def test_a_gap_that_starts_at_a_quiz_level_says_so(planned: Store, kb: KBIndex) -> None:
    level = _accept(planned, kb, "python", "rrrrrrw")  # levels 1 and 2 right, level 3 wrong
    assert 1 < level < 3  # earned above the claim of 1, short of the role's 3
    for lang in ("en", "zh"):
        replan.replan(planned, kb, lang=lang, today=START, now=WEEK1 + timedelta(minutes=1 if lang == "en" else 2))
        doc = _plan(planned)
        assert doc["lang"] == lang
        closer = next(it for it in doc["items"] if "python" in it["closes"])
        row = next(r for r in closer["skills"] if r["skill"] == "python")
        assert (row["from"], row["from_origin"], row["from_on"]) == (level, "quiz", DAY)
        if lang == "en":
            assert f"You are at Python {level} (quiz, {DAY}; you said 1); the role asks 3." in closer["why"]
        else:
            assert f"你的Python为{level}级（测验，{DAY}；你自评1级）；岗位要求3级。" in closer["why"]
        # the quiz is named where the plan relies on it: the item that closes the gap, and the items that need
        # Python at most at the quiz's level before the plan raises it
        raised = {it["id"] for it in doc["items"] if any(r["skill"] == "python" for r in it["skills"])}
        relying = {
            it["id"]
            for it in _needing(doc, kb, "python")
            if it["id"] not in raised and _prereq(kb, it["id"], "python") <= level
        }
        mention = {it["id"] for it in doc["items"] if ("quiz" if lang == "en" else "测验") in it["why"]}
        assert mention == {closer["id"]} | relying
        gap = next(g for g in doc["gaps"] if g["skill"] == "python")
        assert (gap["current"], gap["from_origin"], gap["from_on"]) == (level, "quiz", DAY)


def test_without_an_accepted_quiz_the_reasons_say_what_you_said(planned: Store, kb: KBIndex) -> None:
    quiz.take(planned, kb, "python", answers(kb, "python", "r"), seed=SEED, now=WEEK1)  # taken, not accepted
    replan.replan(planned, kb, today=START, now=WEEK1 + timedelta(minutes=1))
    doc = _plan(planned)
    assert doc["evidenced_skills"] == {}
    assert not any("quiz" in it["why"] for it in doc["items"])
    python = next(it for it in doc["items"] if {"skill": "python", "from": 1} in _bare(it["skills"]))
    assert "You said Python 1; the role asks 3." in python["why"]
    assert next(r for r in python["skills"] if r["skill"] == "python")["from_origin"] == "said"
    zh = in_language(doc, kb, "zh").plan
    python_zh = next(it for it in zh["items"] if it["id"] == python["id"])
    assert "你自评Python为1级；岗位要求3级。" in python_zh["why"] and "测验" not in python_zh["why"]
    # every item that starts a gap from a declared level says so, in one form or the other
    for it in doc["items"]:
        for r in it["skills"]:
            if r.get("from_origin") == "said":
                name = kb.skills[r["skill"]].name.en
                assert f"You said {name} {r['from']}" in it["why"] or f"{name} {r['from']}" in it["why"], it["id"]
