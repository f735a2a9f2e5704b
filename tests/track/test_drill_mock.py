"""Mock interviews and readiness: sessions that fit the time and follow the role's mix; honest readiness figures."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.kb.practice import QUESTION_KINDS
from mlroute.track.drill_mock import Answer, Requirement, kind_shares, select, summarise
from mlroute.track.drill_readiness import readiness, status_of
from tests.track.test_drill import question

PILLAR = {
    "python": "programming",
    "sql": "data",
    "statistics": "math-stats",
    "deep-learning": "deep-learning",
    "mlops": "mlops",
    "docker": "software-engineering",
    "communication": "career",
}
KIND_OF = {
    "python": "coding",
    "sql": "coding",
    "statistics": "concept",
    "deep-learning": "concept",
    "mlops": "system-design",
    "docker": "system-design",
    "communication": "behavioural",
}


def bank() -> list:  # type: ignore[type-arg]
    return [question(f"{s}-{i}", s, 1 + i % 3, KIND_OF[s]) for s in PILLAR for i in range(6)]


def reqs(weights: dict[str, float], level: int = 3) -> list[Requirement]:
    return [Requirement(s, level, w, PILLAR[s]) for s, w in weights.items()]


MLE = reqs({s: 0.7 for s in PILLAR})
MLOPS = reqs({"python": 0.5, "docker": 1.0, "mlops": 1.0, "communication": 0.5, "statistics": 0.2})
RESEARCH = reqs({"statistics": 1.0, "deep-learning": 1.0, "python": 0.6, "communication": 0.3})


def test_the_role_shapes_the_mix_of_kinds() -> None:
    mlops, research = kind_shares(MLOPS), kind_shares(RESEARCH)
    assert abs(sum(mlops.values()) - 1) < 1e-3
    assert mlops["system-design"] > research["system-design"]
    assert research["concept"] > mlops["concept"]
    assert min(research.values()) >= 0.09  # every kind gets some time


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=5, max_value=120), st.integers(min_value=0, max_value=10_000))
def test_a_session_fits_its_minutes(minutes: int, seed: int) -> None:
    chosen = select(bank(), MLE, minutes, recall={}, seed=seed)
    total = sum(q.budget_minutes for q in chosen)
    assert chosen and (total <= minutes or len(chosen) == 1)
    assert len({q.id for q in chosen}) == len(chosen)


def test_a_45_minute_session_mixes_every_kind_and_opens_with_a_behavioural_question() -> None:
    chosen = select(bank(), MLE, 45, recall={}, seed=1)
    assert {q.kind for q in chosen} == set(QUESTION_KINDS)
    assert chosen[0].kind == "behavioural"
    order = {"behavioural": 0, "concept": 1, "coding": 2, "system-design": 3}
    assert [order[q.kind] for q in chosen[1:]] == sorted(order[q.kind] for q in chosen[1:])
    assert select(bank(), MLE, 45, recall={}, seed=1) == chosen  # reproducible


def test_questions_the_person_recalls_well_come_later() -> None:
    recall = {q.id: 1.0 for q in bank() if q.skill == "statistics" and q.id != "statistics-0"}
    chosen = select(bank(), reqs({"statistics": 1.0}), 8, recall=recall, seed=3)
    assert chosen[0].id == "statistics-0"


def test_the_summary_counts_answers_time_and_weak_skills() -> None:
    planned = [question("b", "communication", 1, "behavioural"), question("c", "sql", 2, "coding"), question("d")]
    answers = [Answer("b", "good", 200), Answer("c", "again", 2000)]
    s = summarise(planned, answers)
    assert (s.planned, s.answered, s.seconds) == (3, 2, 2200)
    assert s.ratings == {"again": 1, "hard": 0, "good": 1, "easy": 0}
    assert s.over_time == ["c"] and s.weak_skills == ["sql"] and s.unanswered == ["d"]
    coding = next(k for k in s.kinds if k.kind == "coding")
    assert (coding.asked, coding.answered, coding.good, coding.budget_seconds) == (1, 1, 0, 900)


def test_readiness_from_drills_and_quizzes() -> None:
    qs = bank()
    role = reqs({"sql": 1.0, "statistics": 1.0, "docker": 0.5}, level=2)
    sql_ids = [q.id for q in qs if q.skill == "sql" and q.level <= 2]
    recall = dict.fromkeys(sql_ids, 0.9)
    result = readiness(role, qs, recall, quiz_levels={"statistics": (1, 3)})
    by = {s.skill: s for s in result.skills}
    assert by["sql"].drill == 0.9 and by["sql"].quiz is None and by["sql"].status == "ready"
    assert by["statistics"].drill is None and by["statistics"].quiz == 0.5 and by["statistics"].score == 0.5
    assert by["docker"].score is None and by["docker"].status == "no-evidence"
    # unevidenced skills count as zero overall
    assert result.overall == round((1.0 * 0.9 + 1.0 * 0.5 + 0.5 * 0) / 2.5, 4)
    coding = next(k for k in result.kinds if k.kind == "coding")
    assert coding.practised == len(sql_ids) and coding.retained == len(sql_ids)
    assert next(k for k in result.kinds if k.kind == "behavioural").score is None


def test_status_words() -> None:
    assert [status_of(x) for x in (None, 0.1, 0.5, 0.85)] == ["no-evidence", "not-ready", "on-the-way", "ready"]
