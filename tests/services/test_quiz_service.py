"""Quizzes end to end on a real database: a paper, graded answers stored with a date, a level proposed with its
evidence, accepted into the profile's evidence, and a next plan that changes because of it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mlroute.errors import UnknownIdError, UserError
from mlroute.plan import make_plan
from mlroute.profile import Profile
from mlroute.services import kb as kb_service
from mlroute.services import quiz
from mlroute.track.quiz import assemble
from tests.services.conftest import PERSON, START, WEEK1, right_answer, wrong_answer

SEED = 11


def answers(skill: str, pattern: str, seed: int = SEED) -> list[str]:
    """Answers to a paper: "r" right, "w" wrong, "-" skipped, per question (the last letter repeats)."""
    paper = assemble(quiz.items_for(skill, kb_service.index()), seed)
    out = []
    for i, p in enumerate(paper):
        mark = pattern[min(i, len(pattern) - 1)]
        out.append(right_answer(p) if mark == "r" else "-" if mark == "-" else wrong_answer(p))
    return out


def test_the_paper_has_no_answers_and_the_same_seed_gives_the_same_paper(planned: str) -> None:
    paper = quiz.paper("python", seed=SEED, lang="zh")
    assert 5 <= len(paper.questions) <= 10 and paper.levels == sorted(paper.levels)
    dumped = paper.model_dump_json()
    assert '"answer"' not in dumped and "explanation" not in dumped
    assert paper.skill_name == kb_service.index().skills["python"].name.zh
    assert quiz.paper("python", seed=SEED).questions[0].id == paper.questions[0].id


def test_all_right_proposes_the_highest_level_tested_and_is_stored_with_its_evidence(planned: str) -> None:
    result = quiz.take("python", answers("python", "r"), seed=SEED, now=WEEK1)
    assert result.correct == result.asked and result.proposed_level == result.max_level_tested == 3
    assert result.self_declared == 1 and result.accepted_at is None
    assert "level 3 (proficient) proposed" in result.evidence and "tests up to level 3" in result.evidence
    assert [r.id for r in quiz.history("python")] == [result.id]
    assert quiz.result(result.id).taken_at == WEEK1


def test_a_missed_lower_level_caps_the_proposal_and_chinese_evidence_reads_as_chinese(planned: str) -> None:
    result = quiz.take("sql", answers("sql", "rwwrrrrrrr"), seed=SEED, lang="zh", now=WEEK1)
    assert result.proposed_level == 0  # level 1 failed (1 of 3), so nothing above counts
    assert result.evidence.startswith("1级（了解）答对 1/3")
    skipped = quiz.take("sql", answers("sql", "-"), seed=SEED, now=WEEK1)
    assert skipped.correct == 0 and all(a.given == "" for a in skipped.answers)


def test_answers_by_item_id_and_clear_errors_for_bad_answers(planned: str) -> None:
    paper = quiz.paper("git", seed=SEED)
    by_id = dict(zip((q.id for q in paper.questions), answers("git", "r"), strict=True))
    assert quiz.take("git", by_id, seed=SEED, now=WEEK1).proposed_level == 3
    with pytest.raises(UserError, match="questions but 2 answers"):
        quiz.take("git", ["a", "b"], seed=SEED)
    with pytest.raises(UserError, match="not on this paper"):
        quiz.take("git", {"no-such-item": "a"}, seed=SEED)
    first_choice = next(i for i, q in enumerate(paper.questions) if q.type == "choice")
    bad = answers("git", "r")
    bad[first_choice] = "zz"
    with pytest.raises(UserError, match=f"Question {first_choice + 1}"):
        quiz.take("git", bad, seed=SEED)
    assert len(quiz.history("git")) == 1  # nothing stored for the refused attempts


def test_unknown_skills_name_the_quizzes_that_exist() -> None:
    with pytest.raises(UnknownIdError) as err:
        quiz.paper("pyhton")
    assert "python" in err.value.suggestions
    with pytest.raises(UnknownIdError, match="no quiz"):
        quiz.paper("cuda")


def test_reading_answers_from_text_json_and_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert quiz.read_answers("b; 0.25 ;cabd") == ["b", "0.25", "cabd"]
    assert quiz.read_answers('["b", "[1, 2]"]') == ["b", "[1, 2]"]
    assert quiz.read_answers('{"py-slice": "x"}') == {"py-slice": "x"}
    f = tmp_path / "answers.txt"
    f.write_text("b\n\n0.25\n", encoding="utf-8")
    assert quiz.read_answers(str(f)) == ["b", "0.25"]
    with pytest.raises(UserError, match="not valid JSON"):
        quiz.read_answers("[1, 2")


def test_accepting_stores_the_date_and_the_latest_accepted_level_wins(planned: str) -> None:
    first = quiz.take("python", answers("python", "r"), seed=SEED, now=WEEK1)
    accepted = quiz.accept("python", now=WEEK1 + timedelta(minutes=1))
    assert accepted.id == first.id and accepted.accepted_at == WEEK1 + timedelta(minutes=1)
    again = quiz.accept("python", result_id=first.id, now=WEEK1 + timedelta(days=2))
    assert again.accepted_at == WEEK1 + timedelta(minutes=1)  # accepting twice keeps the first date
    later = quiz.take("python", answers("python", "rrrww"), seed=SEED, now=WEEK1 + timedelta(days=3))
    quiz.accept(result_id=later.id, now=WEEK1 + timedelta(days=3))
    levels = quiz.accepted_levels().as_dict()
    assert levels["python"].level == later.proposed_level < 3 and levels["python"].result_id == later.id
    with pytest.raises(UserError, match="no sql quiz result"):
        quiz.accept("sql")
    with pytest.raises(UserError, match="no quiz result 999"):
        quiz.accept(result_id=999)


def test_merging_evidence_into_the_profile_skills() -> None:
    def accepted(level: int, max_tested: int = 3) -> quiz.AcceptedLevels:
        return quiz.AcceptedLevels(
            levels=[
                quiz.AcceptedLevel(
                    skill="python",
                    level=level,
                    max_level_tested=max_tested,
                    result_id=1,
                    taken_at=WEEK1,
                    accepted_at=WEEK1,
                )
            ]
        )

    assert quiz.merge_evidenced({"python": 1, "git": 3}, accepted(3)) == {"python": 3, "git": 3}
    assert quiz.merge_evidenced({"python": 4}, accepted(2)) == {"python": 2}  # evidence below the claim wins
    assert quiz.merge_evidenced({"python": 4}, accepted(3)) == {"python": 4}  # the quiz could not test level 4
    assert quiz.merge_evidenced({}, accepted(0)) == {"python": 0}


def test_an_accepted_quiz_result_changes_the_next_plan(planned: str) -> None:
    idx = kb_service.index()
    profile = Profile.model_validate({**PERSON, "start_date": START.isoformat()})
    before = make_plan(profile, idx, seed=0).to_json()
    gap = {g["skill"]: g for g in before["gaps"]}
    assert gap["python"]["current"] == 1 and gap["python"]["need"] > 0
    result = quiz.take("python", answers("python", "r"), seed=SEED, now=WEEK1)
    quiz.accept(result_id=result.id, now=WEEK1)
    evidenced = quiz.evidenced_profile(profile)
    assert evidenced.skills["python"] == 3 and evidenced.skills["git"] == 3
    after = make_plan(evidenced, idx, seed=0).to_json()
    assert "python" not in {g["skill"] for g in after["gaps"] if g.get("need", 0) > 0}
    assert after["total_hours"] < before["total_hours"]


def test_the_quiz_list_shows_self_declared_last_and_accepted_levels(planned: str) -> None:
    result = quiz.take("python", answers("python", "r"), seed=SEED, now=WEEK1)
    quiz.accept(result_id=result.id, now=WEEK1)
    listing = {q.skill: q for q in quiz.quiz_skills(lang="zh").skills}
    assert {"python", "sql", "git", "docker", "pytorch", "model-deployment"} <= set(listing)
    assert listing["python"].self_declared == 1 and listing["python"].accepted_level == 3
    assert listing["python"].last_result is not None and listing["sql"].last_result is None
    assert listing["python"].name == kb_service.index().skills["python"].name.zh
