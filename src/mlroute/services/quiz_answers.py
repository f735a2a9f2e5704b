"""Reading and grading quiz answers: ``--answers`` as the person gives them (a file, JSON, or ``a;b;c``), put in
paper order, each graded with a message that names the question when an answer cannot be read."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from mlroute.errors import UserError
from mlroute.track.quiz import Graded, PaperItem, expected_answer, grade


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


def in_paper_order(answers: Sequence[str] | Mapping[str, str], items: list[PaperItem]) -> list[str]:
    """One answer per question, in paper order ("" for a question the answers leave out)."""
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


def grade_item(n: int, p: PaperItem, given: str) -> Graded:
    """Question ``n``'s answer graded; an empty answer or ``-`` is a skipped (wrong) one."""
    if given.strip() in ("", "-"):
        return Graded(p.item.id, p.item.level, False, "", expected_answer(p))
    try:
        return grade(p, given)
    except ValueError as exc:
        raise UserError(f"Question {n} ({p.item.id}): {exc}.") from None


def grade_paper(items: list[PaperItem], answers: list[str]) -> list[Graded]:
    return [grade_item(n, p, given) for n, (p, given) in enumerate(zip(items, answers, strict=True), start=1)]
