"""Quiz use cases: the skills with a quiz, a paper, grading and storing a result, accepting its level into the
profile, and the accepted (evidenced) levels the planner's caller merges into the profile's skills.

Results are pydantic models (JSON = ``model_dump(mode="json")``), shared by the CLI and the web app. The store and
the knowledge-base index can be passed in; by default they are the ones in use (``MLROUTE_DB``, ``MLROUTE_KB``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb.models import LEVEL_NAMES
from mlroute.kb.practice import QuizItem, choice_text
from mlroute.store import drill_repo, repo
from mlroute.store.models import QuizResultRow
from mlroute.track.quiz import LETTERS, Graded, PaperItem, assemble, expected_answer, grade, propose

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex
    from mlroute.profile import Profile
    from mlroute.store import Store

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


class QuizChoice(BaseModel):
    letter: str
    text: str


class QuizQuestion(BaseModel):
    number: int
    id: str
    level: int
    type: str
    prompt: str
    code: str | None
    language: str | None
    choices: list[QuizChoice]
    how_to_answer: str


class QuizPaper(BaseModel):
    skill: str
    skill_name: str
    seed: int
    lang: str
    levels: list[int]
    questions: list[QuizQuestion]


class AnswerResult(BaseModel):
    number: int
    id: str
    level: int
    correct: bool
    given: str
    expected: str
    explanation: str


class LevelEvidence(BaseModel):
    level: int
    asked: int
    correct: int
    passed: bool


class QuizResult(BaseModel):
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


class QuizSkill(BaseModel):
    skill: str
    name: str
    items: int
    levels: list[int]
    self_declared: int | None
    last_result: QuizResult | None
    accepted_level: int | None


class QuizList(BaseModel):
    skills: list[QuizSkill]


class AcceptedLevel(BaseModel):
    skill: str
    level: int
    max_level_tested: int
    result_id: int
    taken_at: datetime
    accepted_at: datetime


class AcceptedLevels(BaseModel):
    levels: list[AcceptedLevel]

    def as_dict(self) -> dict[str, AcceptedLevel]:
        return {a.skill: a for a in self.levels}


def _index(index: KBIndex | None) -> KBIndex:
    if index is not None:
        return index
    from mlroute.services import kb as kb_service

    return kb_service.index()


def _store(store: Store | None) -> Store:
    if store is not None:
        return store
    from mlroute.services import tracking

    return tracking.store()


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


def paper(skill: str, *, seed: int | None = None, lang: str = "en", index: KBIndex | None = None) -> QuizPaper:
    """The questions of a quiz, without their answers."""
    idx = _index(index)
    lang = _lang(lang)
    seed = default_seed() if seed is None else seed
    items = assemble(items_for(skill, idx), seed)
    return QuizPaper(
        skill=skill,
        skill_name=idx.skills[skill].name.get(lang) if skill in idx.skills else skill,
        seed=seed,
        lang=lang,
        levels=sorted({p.item.level for p in items}),
        questions=[_question(i + 1, p, lang) for i, p in enumerate(items)],
    )


def read_answers(text: str) -> list[str] | dict[str, str]:
    """``--answers`` as given: a file (JSON, or one answer per line), a JSON list or object, or answers separated by
    ``;`` in paper order."""
    raw = text
    path = Path(text).expanduser()
    try:
        if len(text) < 1024 and path.is_file():
            raw = path.read_text(encoding="utf-8")
            if not raw.lstrip().startswith(("[", "{")):
                return [line.strip() for line in raw.splitlines() if line.strip()]
    except OSError as exc:
        raise UserError(f"Cannot read the answers file {path}: {exc.strerror}.") from exc
    if raw.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise UserError(f"The answers are not valid JSON: {exc.msg} (line {exc.lineno}).") from exc
        if isinstance(data, list):
            return [str(a) for a in data]
        if isinstance(data, dict):
            return {str(k): str(v) for k, v in data.items()}
        raise UserError("JSON answers must be a list (in paper order) or an object {item id: answer}.")
    return [a.strip() for a in raw.split(";")]


def _answers_in_order(answers: Sequence[str] | Mapping[str, str], items: list[PaperItem]) -> list[str]:
    if isinstance(answers, Mapping):
        unknown = sorted(set(answers) - {p.item.id for p in items})
        if unknown:
            raise UserError(
                f"These answers name items that are not on this paper: {', '.join(unknown)}.",
                hint="Print the paper with --paper --json (same --seed) to see its item ids.",
            )
        return [answers.get(p.item.id, "") for p in items]
    if len(answers) != len(items):
        raise UserError(
            f"The paper has {len(items)} questions but {len(answers)} answers were given.",
            hint="Give one answer per question, in paper order (an empty answer or '-' skips one); "
            "see the paper with --paper --json and the same --seed.",
        )
    return list(answers)


def _grade(n: int, p: PaperItem, given: str) -> Graded:
    if given.strip() in ("", "-"):
        return Graded(p.item.id, p.item.level, False, "", expected_answer(p))
    try:
        return grade(p, given)
    except ValueError as exc:
        raise UserError(f"Question {n} ({p.item.id}): {exc}.") from None


def grade_paper(items: list[PaperItem], answers: list[str]) -> list[Graded]:
    return [_grade(n, p, given) for n, (p, given) in enumerate(zip(items, answers, strict=True), start=1)]


def grade_one(skill: str, seed: int, number: int, answer: str, *, index: KBIndex | None = None) -> Graded:
    """Grade one answer of a paper as it is given (the interactive quiz shows right or wrong at once)."""
    items = assemble(items_for(skill, _index(index)), seed)
    if not 1 <= number <= len(items):
        raise UserError(f"The paper has {len(items)} questions; there is no question {number}.")
    return _grade(number, items[number - 1], answer)


def evidence_text(levels: Sequence[LevelEvidence], proposed: int, max_tested: int, lang: str) -> str:
    if lang.startswith("zh"):
        parts = "，".join(f"{lv.level}级（{level_name(lv.level, lang)}）答对 {lv.correct}/{lv.asked}" for lv in levels)
        return f"{parts}：建议水平 {proposed}（{level_name(proposed, lang)}）；本测验最高考查到 {max_tested} 级。"
    parts = ", ".join(f"{lv.correct}/{lv.asked} right at level {lv.level} ({level_name(lv.level)})" for lv in levels)
    return f"{parts}: level {proposed} ({level_name(proposed)}) proposed; this quiz tests up to level {max_tested}."


def _held(s: Session) -> dict[str, int]:
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
    skill: str,
    answers: Sequence[str] | Mapping[str, str],
    *,
    seed: int | None = None,
    lang: str = "en",
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> QuizResult:
    """Grade the answers to the paper of ``skill`` and ``seed``, store the result (dated), propose a level."""
    idx, lang = _index(index), _lang(lang)
    now = now or datetime.now(UTC)
    seed = default_seed(now.date()) if seed is None else seed
    items = assemble(items_for(skill, idx), seed)
    graded = grade_paper(items, _answers_in_order(answers, items))
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
        return _result(row, idx, _held(s).get(skill))

    return _store(store).write(tx)


def accept(
    skill: str | None = None,
    *,
    result_id: int | None = None,
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> QuizResult:
    """Accept a result's proposed level into the profile (dated): the given result, else ``skill``'s latest."""
    idx = _index(index)
    now = now or datetime.now(UTC)

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
        return _result(row, idx, _held(s).get(row.skill))

    return _store(store).write(tx)


def result(result_id: int, *, index: KBIndex | None = None, store: Store | None = None) -> QuizResult:
    """One stored quiz result."""
    idx = _index(index)

    def read(s: Session) -> QuizResult:
        row = drill_repo.quiz_result(s, result_id)
        if row is None:
            raise UserError(f"There is no quiz result {result_id}.", hint="See your quizzes: mlroute quiz")
        return _result(row, idx, _held(s).get(row.skill))

    return _store(store).read(read)


def history(skill: str | None = None, *, index: KBIndex | None = None, store: Store | None = None) -> list[QuizResult]:
    idx = _index(index)

    def read(s: Session) -> list[QuizResult]:
        held = _held(s)
        return [_result(r, idx, held.get(r.skill)) for r in drill_repo.quiz_results(s, skill)]

    return _store(store).read(read)


def accepted_levels(*, store: Store | None = None) -> AcceptedLevels:
    """Per skill, the level of the latest accepted quiz result: the person's evidenced levels."""

    def read(s: Session) -> AcceptedLevels:
        latest: dict[str, AcceptedLevel] = {}
        for r in drill_repo.quiz_results(s):
            if r.accepted_at is None:
                continue
            have = latest.get(r.skill)
            if have is None or r.accepted_at >= have.accepted_at:
                latest[r.skill] = AcceptedLevel(
                    skill=r.skill,
                    level=r.proposed_level,
                    max_level_tested=r.max_level_tested,
                    result_id=r.id,
                    taken_at=r.taken_at,
                    accepted_at=r.accepted_at,
                )
        return AcceptedLevels(levels=sorted(latest.values(), key=lambda a: a.skill))

    return _store(store).read(read)


def merge_evidenced(skills: Mapping[str, int], accepted: AcceptedLevels) -> dict[str, int]:
    """Self-declared levels with the evidenced ones laid over them. A quiz that could not test as high as the person
    claims (they passed everything it asked, and claim more) leaves the claim standing; otherwise evidence wins."""
    merged = dict(skills)
    for a in accepted.levels:
        claimed = merged.get(a.skill)
        if claimed is not None and claimed > a.max_level_tested and a.level == a.max_level_tested:
            continue
        merged[a.skill] = a.level
    return merged


def evidenced_profile(profile: Profile, *, store: Store | None = None) -> Profile:
    """``profile`` with its skills replaced by the evidenced levels where the person accepted a quiz result."""
    return profile.model_copy(update={"skills": merge_evidenced(profile.skills, accepted_levels(store=store))})


def quiz_skills(*, lang: str = "en", index: KBIndex | None = None, store: Store | None = None) -> QuizList:
    """Every skill with a quiz: how many items and levels, the last result and the accepted level."""
    idx = _index(index)
    by_skill: dict[str, list[QuizItem]] = {}
    for it in idx.kb.quiz_items:
        by_skill.setdefault(it.skill, []).append(it)
    results = history(index=idx, store=store)
    accepted = accepted_levels(store=store).as_dict()

    def read(s: Session) -> dict[str, int]:
        return _held(s)

    held = _store(store).read(read)
    out = []
    for skill, items in by_skill.items():
        mine = [r for r in results if r.skill == skill]
        rec = idx.skills.get(skill)
        out.append(
            QuizSkill(
                skill=skill,
                name=rec.name.get(lang) if rec else skill,
                items=len(items),
                levels=sorted({it.level for it in items}),
                self_declared=held.get(skill),
                last_result=mine[-1] if mine else None,
                accepted_level=accepted[skill].level if skill in accepted else None,
            )
        )
    out.sort(key=lambda q: (idx.skills[q.skill].pillar if q.skill in idx.skills else "", q.skill))
    return QuizList(skills=out)
