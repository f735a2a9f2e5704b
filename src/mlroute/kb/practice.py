"""Interview questions and quiz items: the records drills, mock interviews and quizzes are made of.

``kb.models`` holds them in the ``KnowledgeBase``; ``kb.validate`` checks what spans records (skills exist, the
bank's Chinese reads as Chinese).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from mlroute.kb.fields import Names, Slug, Strict

QuestionKind = Literal["concept", "coding", "system-design", "behavioural"]
QUESTION_KINDS: tuple[str, ...] = ("concept", "coding", "system-design", "behavioural")
# Minutes an interviewer gives an answer of each kind when a question does not say; mock sessions budget with them.
KIND_MINUTES = {"concept": 4, "coding": 15, "system-design": 20, "behavioural": 5}
# Licences that let us adapt a question with attribution. Anything else (no licence, "all rights reserved",
# non-commercial) is not a source we may draw on.
Licence = Literal["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT", "Apache-2.0"]
QuizType = Literal["choice", "numeric", "output", "order"]
CodeLanguage = Literal["python", "sql", "bash", "text"]


_CJK = r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"
_FOLDED = re.compile(rf"(?<={_CJK}) (?={_CJK})")
# Full-width punctuation carries its own spacing: no space after it (a fold after "；" then "Python") or before it.
_PUNCT_SPACE = re.compile(r"(?<=[，。；：、！？）」』》—]) +| +(?=[，。；：、！？（）「」『』《》—])")


def tidy_chinese(data: Any) -> Any:
    """Drop the spaces YAML's folded blocks (``>-``) put where a Chinese line was wrapped: Chinese has no spaces
    between characters, so a wrap inside a sentence must not become one."""
    if isinstance(data, dict):
        return {k: (_tidy_zh(v) if k == "zh" else tidy_chinese(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [tidy_chinese(v) for v in data]
    return data


def _tidy_zh(value: Any) -> Any:
    if isinstance(value, str):
        return _PUNCT_SPACE.sub("", _FOLDED.sub("", value))
    if isinstance(value, list):
        return [_tidy_zh(v) if isinstance(v, str) else v for v in value]
    return value


class QuestionSource(Strict):
    """A public collection a question was adapted from: named, linked, and under a licence that allows it."""

    collection: str = Field(min_length=1)
    url: HttpUrl
    licence: Licence
    note: str = Field(default="question adapted; answer written for mlroute", min_length=1)


class Points(Strict):
    """The key points of a good answer, in both languages, point for point."""

    en: list[str] = Field(min_length=2, max_length=8)
    zh: list[str] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _same_points(self) -> Points:
        if len(self.en) != len(self.zh):
            raise ValueError(f"{len(self.en)} English points but {len(self.zh)} Chinese; translate point for point")
        if any(not p.strip() for p in [*self.en, *self.zh]):
            raise ValueError("a point is empty")
        return self

    def get(self, lang: str) -> list[str]:
        return self.zh if lang.startswith("zh") else self.en


class Star(Strict):
    """A worked behavioural answer in the STAR shape: situation, task, action, result."""

    situation: Names
    task: Names
    action: Names
    result: Names


class InterviewQuestion(Strict):
    """One interview question with what a good answer contains and a worked answer.

    ``level`` is the skill level (1 aware … 4 expert) at which a candidate should answer it well; the first skill
    is the one the question mainly tests and decides its pillar. Behavioural questions carry a worked answer in the
    STAR shape; the others a worked answer, a link to one, or both.
    """

    id: Slug
    kind: QuestionKind
    level: Annotated[int, Field(ge=1, le=4)]
    skills: list[Slug] = Field(min_length=1, max_length=5)
    question: Names
    points: Points
    answer: Names | None = None
    code: str | None = Field(default=None, description="a reference solution, shown in both languages")
    language: CodeLanguage | None = None
    star: Star | None = None
    answer_url: HttpUrl | None = None
    minutes: int | None = Field(default=None, ge=1, le=60)
    source: QuestionSource | None = None

    @model_validator(mode="before")
    @classmethod
    def _tidy(cls, data: Any) -> Any:
        return tidy_chinese(data)

    @model_validator(mode="after")
    def _worked_answer(self) -> InterviewQuestion:
        if self.code is not None and self.language is None:
            raise ValueError("say which 'language' the code is in (python, sql, bash or text)")
        if len(set(self.skills)) != len(self.skills):
            raise ValueError("a skill is listed twice")
        if self.kind == "behavioural":
            if self.star is None:
                raise ValueError("a behavioural question needs a worked answer in the STAR shape under 'star'")
        elif self.star is not None:
            raise ValueError(f"'star' is for behavioural questions, not {self.kind}")
        elif self.answer is None and self.answer_url is None:
            raise ValueError("give a worked answer under 'answer', a link under 'answer_url', or both")
        return self

    @property
    def skill(self) -> str:
        return self.skills[0]

    @property
    def budget_minutes(self) -> int:
        return self.minutes or KIND_MINUTES[self.kind]


Choice = Names | str  # a plain string for choices that read the same in both languages (code, numbers)


def choice_text(choice: Choice, lang: str) -> str:
    return choice if isinstance(choice, str) else choice.get(lang)


class QuizItem(Strict):
    """An auto-graded quiz question about one skill at one level.

    ``choice``: pick one of ``choices``; ``answer`` is the index (0-based) of the right one.
    ``numeric``: ``answer`` is a number and ``tolerance`` the absolute error accepted.
    ``output``: what ``code`` prints, exactly (whitespace runs are compared as one space).
    ``order``: ``choices`` are listed in the right order; the quiz shuffles them and asks for the order.
    """

    id: Slug
    skill: Slug
    level: Annotated[int, Field(ge=1, le=4)]
    type: QuizType
    prompt: Names
    code: str | None = None
    language: CodeLanguage | None = None
    choices: list[Choice] = Field(default_factory=list)
    answer: int | float | str | None = None
    tolerance: float | None = Field(default=None, ge=0)
    explanation: Names
    source: QuestionSource | None = None

    @model_validator(mode="before")
    @classmethod
    def _tidy(cls, data: Any) -> Any:
        return tidy_chinese(data)

    @field_validator("answer", mode="before")
    @classmethod
    def _no_bool(cls, v: object) -> object:
        if isinstance(v, bool):
            raise ValueError("an answer cannot be true/false; use a choice item with two choices")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> QuizItem:
        checks = {"choice": self._check_choice, "numeric": self._check_numeric}
        checks.update({"output": self._check_output, "order": self._check_order})
        checks[self.type]()
        if self.code is not None and self.language is None:
            raise ValueError("say which 'language' the code is in (python, sql, bash or text)")
        return self

    def _check_choice(self) -> None:
        if not 2 <= len(self.choices) <= 6:
            raise ValueError("a choice item needs 2 to 6 choices")
        if not isinstance(self.answer, int) or not 0 <= self.answer < len(self.choices):
            raise ValueError(f"'answer' must be the index (0 to {len(self.choices) - 1}) of the right choice")
        texts = [choice_text(c, "en") for c in self.choices]
        if len(set(texts)) != len(texts):
            raise ValueError("two choices read the same")

    def _check_numeric(self) -> None:
        if not isinstance(self.answer, int | float) or self.tolerance is None:
            raise ValueError("a numeric item needs a number under 'answer' and a 'tolerance'")
        if self.choices:
            raise ValueError("a numeric item has no choices")

    def _check_output(self) -> None:
        if not self.code:
            raise ValueError("an output item needs the 'code' whose output is asked")
        if isinstance(self.answer, int | float):
            object.__setattr__(self, "answer", str(self.answer))
        if not isinstance(self.answer, str) or not self.answer.strip():
            raise ValueError("an output item needs what the code prints under 'answer'")
        if self.choices:
            raise ValueError("an output item has no choices")

    def _check_order(self) -> None:
        if not 3 <= len(self.choices) <= 6:
            raise ValueError("an order item needs 3 to 6 steps under 'choices', listed in the right order")
        if self.answer is not None:
            raise ValueError("an order item has no 'answer': its choices are listed in the right order")
        texts = [choice_text(c, "en") for c in self.choices]
        if len(set(texts)) != len(texts):
            raise ValueError("two steps read the same")
