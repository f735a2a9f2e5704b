"""Quizzes end to end on a real database: a paper, graded answers stored with a date, a level proposed with its
evidence, accepted into the profile's evidence, and a next plan that changes because of it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb import KBIndex
from mlroute.services import quiz
from mlroute.services.quiz_answers import read_answers
from mlroute.services.quiz_levels import AcceptedLevel, AcceptedLevels, accepted_levels, evidenced, merge_evidenced
from mlroute.store import Store
from mlroute.track.quiz import assemble
from tests.services.conftest import WEEK1, right_answer, wrong_answer

SEED = 11


def answers(kb: KBIndex, skill: str, pattern: str, seed: int = SEED) -> list[str]:
    """Answers to a paper: "r" right, "w" wrong, "-" skipped, per question (the last letter repeats)."""
    paper = assemble(quiz.items_for(skill, kb), seed)
    out = []
    for i, p in enumerate(paper):
        mark = pattern[min(i, len(pattern) - 1)]
        out.append(right_answer(p) if mark == "r" else "-" if mark == "-" else wrong_answer(p))
    return out


def test_the_paper_has_no_answers_and_the_same_seed_gives_the_same_paper(kb: KBIndex) -> None:
    paper = quiz.paper(kb, "python", seed=SEED, lang="zh")
    assert 5 <= len(paper.questions) <= 10 and paper.levels == sorted(paper.levels)
    dumped = paper.model_dump_json()
    assert '"answer"' not in dumped and "explanation" not in dumped
    assert paper.skill_name == kb.skills["python"].name.zh
    assert quiz.paper(kb, "python", seed=SEED).questions[0].id == paper.questions[0].id


def test_all_right_proposes_the_highest_level_tested_and_is_stored_with_its_evidence(
    planned: Store, kb: KBIndex
) -> None:
    result = quiz.take(planned, kb, "python", answers(kb, "python", "r"), seed=SEED, now=WEEK1)
    assert result.correct == result.asked and result.proposed_level == result.max_level_tested == 3
    assert result.self_declared == 1 and result.accepted_at is None
    assert "level 3 (proficient) proposed" in result.evidence and "tests up to level 3" in result.evidence
    assert [r.id for r in quiz.history(planned, kb, "python")] == [result.id]
    assert quiz.result(planned, kb, result.id).taken_at == WEEK1


def test_a_missed_lower_level_caps_the_proposal_and_chinese_evidence_reads_as_chinese(
    planned: Store, kb: KBIndex
) -> None:
    result = quiz.take(planned, kb, "sql", answers(kb, "sql", "rwwrrrrrrr"), seed=SEED, lang="zh", now=WEEK1)
    assert result.proposed_level == 0  # level 1 failed (1 of 3), so nothing above counts
    assert result.evidence.startswith("1级（了解）答对 1/3")
    skipped = quiz.take(planned, kb, "sql", answers(kb, "sql", "-"), seed=SEED, now=WEEK1)
    assert skipped.correct == 0 and all(a.given == "" for a in skipped.answers)


def test_answers_by_item_id_and_clear_errors_for_bad_answers(planned: Store, kb: KBIndex) -> None:
    paper = quiz.paper(kb, "git", seed=SEED)
    by_id = dict(zip((q.id for q in paper.questions), answers(kb, "git", "r"), strict=True))
    assert quiz.take(planned, kb, "git", by_id, seed=SEED, now=WEEK1).proposed_level == 3
    with pytest.raises(UserError, match="questions but 2 answers"):
        quiz.take(planned, kb, "git", ["a", "b"], seed=SEED)
    with pytest.raises(UserError, match="not on this paper"):
        quiz.take(planned, kb, "git", {"no-such-item": "a"}, seed=SEED)
    first_choice = next(i for i, q in enumerate(paper.questions) if q.type == "choice")
    bad = answers(kb, "git", "r")
    bad[first_choice] = "zz"
    with pytest.raises(UserError, match=f"Question {first_choice + 1}"):
        quiz.take(planned, kb, "git", bad, seed=SEED)
    assert len(quiz.history(planned, kb, "git")) == 1  # nothing stored for the refused attempts


def test_unknown_skills_name_the_quizzes_that_exist(kb: KBIndex) -> None:
    with pytest.raises(UnknownIdError) as err:
        quiz.paper(kb, "pyhton")
    assert "python" in err.value.suggestions
    with pytest.raises(UnknownIdError, match="no quiz"):
        quiz.paper(kb, "cuda")


def test_reading_answers_from_text_json_and_files(tmp_path: Path) -> None:
    assert read_answers("b; 0.25 ;cabd") == ["b", "0.25", "cabd"]
    assert read_answers('["b", "[1, 2]"]') == ["b", "[1, 2]"]
    assert read_answers('{"py-slice": "x"}') == {"py-slice": "x"}
    f = tmp_path / "answers.txt"
    f.write_text("b\n\n0.25\n", encoding="utf-8")
    assert read_answers(str(f)) == ["b", "0.25"]
    with pytest.raises(UserError, match="not valid JSON"):
        read_answers("[1, 2")


def test_accepting_stores_the_date_and_the_latest_accepted_level_wins(planned: Store, kb: KBIndex) -> None:
    first = quiz.take(planned, kb, "python", answers(kb, "python", "r"), seed=SEED, now=WEEK1)
    accepted = quiz.accept(planned, kb, "python", now=WEEK1 + timedelta(minutes=1))
    assert accepted.id == first.id and accepted.accepted_at == WEEK1 + timedelta(minutes=1)
    again = quiz.accept(planned, kb, "python", result_id=first.id, now=WEEK1 + timedelta(days=2))
    assert again.accepted_at == WEEK1 + timedelta(minutes=1)  # accepting twice keeps the first date
    later = quiz.take(planned, kb, "python", answers(kb, "python", "rrrww"), seed=SEED, now=WEEK1 + timedelta(days=3))
    quiz.accept(planned, kb, result_id=later.id, now=WEEK1 + timedelta(days=3))
    levels = accepted_levels(planned).as_dict()
    assert levels["python"].level == later.proposed_level < 3 and levels["python"].result_id == later.id
    with pytest.raises(UserError, match="no sql quiz result"):
        quiz.accept(planned, kb, "sql")
    with pytest.raises(UserError, match="no quiz result 999"):
        quiz.accept(planned, kb, result_id=999)
    with pytest.raises(UserError, match="Say which"):
        quiz.accept(planned, kb)


def _accepted(level: int, max_tested: int = 3) -> AcceptedLevels:
    one = AcceptedLevel(
        skill="python", level=level, max_level_tested=max_tested, result_id=1, taken_at=WEEK1, accepted_at=WEEK1
    )
    return AcceptedLevels(levels=[one])


def test_merging_evidence_into_the_profile_skills() -> None:
    assert merge_evidenced({"python": 1, "git": 3}, _accepted(3)) == {"python": 3, "git": 3}
    assert merge_evidenced({"python": 4}, _accepted(2)) == {"python": 2}  # evidence below the claim wins
    assert merge_evidenced({"python": 4}, _accepted(3)) == {"python": 4}  # the quiz could not test level 4
    assert merge_evidenced({}, _accepted(0)) == {"python": 0}
    # what the planner takes as evidenced: only the levels that replace a claim
    assert evidenced({"python": 4}, _accepted(3)) == {}
    assert evidenced({"python": 1}, _accepted(3)) == {"python": 3}


def test_the_quiz_list_shows_self_declared_last_and_accepted_levels(planned: Store, kb: KBIndex) -> None:
    result = quiz.take(planned, kb, "python", answers(kb, "python", "r"), seed=SEED, now=WEEK1)
    quiz.accept(planned, kb, result_id=result.id, now=WEEK1)
    listing = {q.skill: q for q in quiz.quiz_skills(planned, kb, lang="zh").skills}
    assert {"python", "sql", "git", "docker", "pytorch", "model-deployment"} <= set(listing)
    assert listing["python"].self_declared == 1 and listing["python"].accepted_level == 3
    assert listing["python"].last_result is not None and listing["sql"].last_result is None
    assert listing["python"].name == kb.skills["python"].name.zh
