"""Quiz use cases: the skills with a quiz, a paper, grading and storing a result, accepting its level into the
profile, and every skill's quiz with its latest result.

Each use case takes the store and the knowledge-base index; results are typed models shared by the CLI and the web
app. Accepted levels reach the planner through ``services.quiz_levels``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb.models import LEVEL_NAMES
from mlroute.kb.practice import QuizItem, choice_text
from mlroute.services.quiz_answers import grade_item, grade_paper, in_paper_order
from mlroute.services.quiz_levels import accepted_in
from mlroute.services.results import Result
from mlroute.store import Store, drill_repo, repo
from mlroute.store.models import QuizResultRow
from mlroute.track.quiz import LETTERS, Graded, PaperItem, assemble, propose

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex

LEVEL_NAMES_ZH = {0: "不会", 1: "了解", 2: "能用", 3: "熟练", 4: "精通"}
HOW = {
    "en": {
        "choice": "one letter",
        "numeric": "a number (0.25, 1/4 or 25%)",
        "output": "exactly what it prints",
        "order": "the letters in the right order, e.g. cabd",
    },
    "zh": {
        "choice": "一个字母",
        "numeric": "一个数（如 0.25、1/4 或 25%）",
        "output": "程序输出的原样内容",
        "order": "按正确顺序排列的字母，如 cabd",
    },
}


def level_name(level: int, lang: str = "en") -> str:
    return (LEVEL_NAMES_ZH if lang.startswith("zh") else LEVEL_NAMES).get(level, str(level))


class QuizChoice(Result):
    letter: str
    text: str


class QuizQuestion(Result):
    number: int
    id: str
    level: int
    type: str
    prompt: str
    code: str | None
    language: str | None
    choices: list[QuizChoice]
    how_to_answer: str


class QuizPaper(Result):
    skill: str
    skill_name: str
    seed: int
    lang: str
    levels: list[int]
    questions: list[QuizQuestion]


class AnswerResult(Result):
    number: int
    id: str
    level: int
    correct: bool
    given: str
    expected: str
    explanation: str


class LevelEvidence(Result):
    level: int
    asked: int
    correct: int
    passed: bool


class QuizResult(Result):
    id: int
    skill: str
    skill_name: str
    taken_at: datetime
    seed: int
    lang: str
    answers: list[AnswerResult]
    correct: int
    asked: int
    proposed_level: int
    proposed_level_name: str
    max_level_tested: int
    levels: list[LevelEvidence]
    evidence: str
    self_declared: int | None
    accepted_at: datetime | None


class QuizSkill(Result):
    skill: str
    name: str
    items: int
    levels: list[int]
    self_declared: int | None
    last_result: QuizResult | None
    accepted_level: int | None


class QuizList(Result):
    skills: list[QuizSkill]


def items_for(skill: str, index: KBIndex) -> list[QuizItem]:
    """The quiz items of ``skill``; an ``UnknownIdError`` naming the skills that have a quiz otherwise."""
    items = [it for it in index.kb.quiz_items if it.skill == skill]
    if items:
        return items
    quizzed = sorted({it.skill for it in index.kb.quiz_items})
    from rapidfuzz import fuzz, process

    close = [m for m, _, _ in process.extract(skill, quizzed, scorer=fuzz.WRatio, limit=3, score_cutoff=60)]
    error = UnknownIdError("quiz skill", skill, close)
    if skill in index.skills:
        error.message = f"There is no quiz for {skill!r} yet."
    error.hint = (f"Did you mean: {', '.join(close)}? " if close else "") + "Skills with a quiz: " + ", ".join(quizzed)
    raise error


def default_seed(today: date | None = None) -> int:
    """The paper of the day: the same questions all day (so `--paper` then `--answers` match), new ones tomorrow."""
    return (today or date.today()).toordinal()


def _question(n: int, p: PaperItem, lang: str) -> QuizQuestion:
    it = p.item
    choices = list(it.choices)
    if it.type == "order":
        choices = [it.choices[i] for i in p.shown]
    return QuizQuestion(
        number=n,
        id=it.id,
        level=it.level,
        type=it.type,
        prompt=it.prompt.get(lang),
        code=it.code,
        language=it.language,
        choices=[QuizChoice(letter=LETTERS[i], text=choice_text(c, lang)) for i, c in enumerate(choices)],
        how_to_answer=HOW["zh" if lang.startswith("zh") else "en"][it.type],
    )


def _lang(lang: str) -> str:
    if lang not in ("en", "zh"):
        raise UserError(f"Unknown language {lang!r}.", hint="Use en or zh.")
    return lang


def paper(index: KBIndex, skill: str, *, seed: int | None = None, lang: str = "en") -> QuizPaper:
    """The questions of a quiz, without their answers."""
    lang = _lang(lang)
    seed = default_seed() if seed is None else seed
    items = assemble(items_for(skill, index), seed)
    return QuizPaper(
        skill=skill,
        skill_name=index.skills[skill].name.get(lang) if skill in index.skills else skill,
        seed=seed,
        lang=lang,
        levels=sorted({p.item.level for p in items}),
        questions=[_question(i + 1, p, lang) for i, p in enumerate(items)],
    )


def grade_one(index: KBIndex, skill: str, seed: int, number: int, answer: str) -> Graded:
    """Grade one answer of a paper as it is given (the interactive quiz shows right or wrong at once)."""
    items = assemble(items_for(skill, index), seed)
    if not 1 <= number <= len(items):
        raise UserError(f"The paper has {len(items)} questions; there is no question {number}.")
    return grade_item(number, items[number - 1], answer)


def evidence_text(levels: Sequence[LevelEvidence], proposed: int, max_tested: int, lang: str) -> str:
    if lang.startswith("zh"):
        parts = "，".join(f"{lv.level}级（{level_name(lv.level, lang)}）答对 {lv.correct}/{lv.asked}" for lv in levels)
        return f"{parts}：建议水平 {proposed}（{level_name(proposed, lang)}）；本测验最高考查到 {max_tested} 级。"
    parts = ", ".join(f"{lv.correct}/{lv.asked} right at level {lv.level} ({level_name(lv.level)})" for lv in levels)
    return f"{parts}: level {proposed} ({level_name(proposed)}) proposed; this quiz tests up to level {max_tested}."


def declared_in(s: Session) -> dict[str, int]:
    """The levels the stored profile declares."""
    profile = repo.latest_profile(s)
    return dict((profile.data.get("skills") or {}) if profile else {})


def _result(row: QuizResultRow, idx: KBIndex, self_declared: int | None) -> QuizResult:
    lang = row.lang
    answers = [AnswerResult.model_validate(a) for a in row.answers]
    levels: list[LevelEvidence] = []
    for lv in sorted({a.level for a in answers}):
        at = [a for a in answers if a.level == lv]
        right = sum(a.correct for a in at)
        levels.append(LevelEvidence(level=lv, asked=len(at), correct=right, passed=3 * right >= 2 * len(at)))
    skill = idx.skills.get(row.skill)
    return QuizResult(
        id=row.id,
        skill=row.skill,
        skill_name=skill.name.get(lang) if skill else row.skill,
        taken_at=row.taken_at,
        seed=row.seed,
        lang=lang,
        answers=answers,
        correct=sum(a.correct for a in answers),
        asked=len(answers),
        proposed_level=row.proposed_level,
        proposed_level_name=level_name(row.proposed_level, lang),
        max_level_tested=row.max_level_tested,
        levels=levels,
        evidence=evidence_text(levels, row.proposed_level, row.max_level_tested, lang),
        self_declared=self_declared,
        accepted_at=row.accepted_at,
    )


def take(
    store: Store,
    index: KBIndex,
    skill: str,
    answers: Sequence[str] | Mapping[str, str],
    *,
    seed: int | None = None,
    lang: str = "en",
    now: datetime | None = None,
) -> QuizResult:
    """Grade the answers to the paper of ``skill`` and ``seed``, store the result (dated), propose a level."""
    lang = _lang(lang)
    now = now or datetime.now(UTC)
    seed = default_seed(now.astimezone().date()) if seed is None else seed
    items = assemble(items_for(skill, index), seed)
    graded = grade_paper(items, in_paper_order(answers, items))
    proposal = propose(graded)
    rows = [
        AnswerResult(
            number=n,
            id=g.item_id,
            level=g.level,
            correct=g.correct,
            given=g.given,
            expected=g.expected,
            explanation=p.item.explanation.get(lang),
        ).model_dump(mode="json")
        for n, (g, p) in enumerate(zip(graded, items, strict=True), start=1)
    ]

    def tx(s: Session) -> QuizResult:
        row = drill_repo.add_quiz_result(
            s,
            skill=skill,
            seed=seed,
            lang=lang,
            answers=rows,
            proposed_level=proposal.level,
            max_level_tested=proposal.max_tested,
            now=now,
        )
        return _result(row, index, declared_in(s).get(skill))

    return store.write(tx)


def accept(
    store: Store,
    index: KBIndex,
    skill: str | None = None,
    *,
    result_id: int | None = None,
    now: datetime | None = None,
) -> QuizResult:
    """Accept a result's proposed level into the profile (dated): the given result, else ``skill``'s latest. The
    next plan (``mlroute replan``, a re-plan in the web app) takes it as evidenced."""
    now = now or datetime.now(UTC)
    if skill is None and result_id is None:
        raise UserError("Say which quiz result to accept: a skill, or a result id.")

    def tx(s: Session) -> QuizResult:
        if result_id is not None:
            found = drill_repo.quiz_result(s, result_id)
            if found is None or (skill is not None and found.skill != skill):
                raise UserError(f"There is no quiz result {result_id}" + (f" for {skill}." if skill else "."))
            row = found
        else:
            rows = drill_repo.quiz_results(s, skill)
            if not rows:
                raise UserError(
                    f"There is no {skill} quiz result to accept yet.", hint=f"Take the quiz: mlroute quiz {skill}"
                )
            row = rows[-1]
        row = drill_repo.accept_quiz_result(s, row, now)
        return _result(row, index, declared_in(s).get(row.skill))

    return store.write(tx)


def result(store: Store, index: KBIndex, result_id: int) -> QuizResult:
    """One stored quiz result."""

    def read(s: Session) -> QuizResult:
        row = drill_repo.quiz_result(s, result_id)
        if row is None:
            raise UserError(f"There is no quiz result {result_id}.", hint="See your quizzes: mlroute quiz")
        return _result(row, index, declared_in(s).get(row.skill))

    return store.read(read)


def history(store: Store, index: KBIndex, skill: str | None = None) -> list[QuizResult]:
    """Every stored result (of ``skill``), oldest first."""

    def read(s: Session) -> list[QuizResult]:
        held = declared_in(s)
        return [_result(r, index, held.get(r.skill)) for r in drill_repo.quiz_results(s, skill)]

    return store.read(read)


def quiz_skills(store: Store, index: KBIndex, *, lang: str = "en") -> QuizList:
    """Every skill with a quiz: how many items and levels, the last result and the accepted level."""
    by_skill: dict[str, list[QuizItem]] = {}
    for it in index.kb.quiz_items:
        by_skill.setdefault(it.skill, []).append(it)

    def read(s: Session) -> tuple[list[QuizResult], dict[str, int], dict[str, int]]:
        held = declared_in(s)
        results = [_result(r, index, held.get(r.skill)) for r in drill_repo.quiz_results(s)]
        return results, held, {a.skill: a.level for a in accepted_in(s).levels}

    results, held, accepted = store.read(read)
    out = []
    for skill, items in by_skill.items():
        mine = [r for r in results if r.skill == skill]
        rec = index.skills.get(skill)
        out.append(
            QuizSkill(
                skill=skill,
                name=rec.name.get(lang) if rec else skill,
                items=len(items),
                levels=sorted({it.level for it in items}),
                self_declared=held.get(skill),
                last_result=mine[-1] if mine else None,
                accepted_level=accepted.get(skill),
            )
        )
    out.sort(key=lambda q: (index.skills[q.skill].pillar if q.skill in index.skills else "", q.skill))
    return QuizList(skills=out)
