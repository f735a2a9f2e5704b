"""``mlroute quiz [SKILL]``: a short auto-graded quiz at increasing level that proposes a level with its evidence;
accepting it stores the level in your profile's evidence (dated), and the next plan uses it."""

from __future__ import annotations

import sys
from typing import Any

import typer
from rich.syntax import Syntax
from rich.table import Table

from mlroute.cli.common import JsonOpt, console, emit, jsonable
from mlroute.cli.context import app_context
from mlroute.errors import UserError

TEXT = {
    "en": {
        "title": "Quiz: {name} · {n} questions at levels {levels}",
        "answer": "Your answer ({how}; Enter skips, q stops)",
        "right": "[green]✓ right[/]",
        "wrong": "[red]✗ not quite[/] · expected {expected}",
        "accept": "Accept level {level} ({name}) for {skill} into your profile?",
        "accepted": "[green]✓[/] level {level} for {skill} accepted on {date}; re-plan to use it: mlroute replan",
        "lower": "This is below the level {declared} you declared; evidence replaces the claim once you accept it.",
        "stopped": "Stopped; nothing was stored.",
    },
    "zh": {
        "title": "测验：{name} · 共 {n} 题 · 难度 {levels} 级",
        "answer": "你的答案（{how}；回车跳过，q 结束）",
        "right": "[green]✓ 正确[/]",
        "wrong": "[red]✗ 不对[/] · 正确答案 {expected}",
        "accept": "把 {skill} 的水平 {level}（{name}）记入你的档案吗？",
        "accepted": "[green]✓[/] 已于 {date} 记入 {skill} 水平 {level}；重新规划即可生效：mlroute replan",
        "lower": "这低于你自评的 {declared} 级；接受后将以测验证据为准。",
        "stopped": "已结束，没有保存任何结果。",
    },
}


def _dump(model: Any) -> Any:
    return jsonable(model)


def quiz_cmd(
    ctx: typer.Context,
    skill: str | None = typer.Argument(None, help="A skill with a quiz, e.g. python or sql (none: list them)."),
    answers: str | None = typer.Option(
        None, "--answers", help="Answers without a terminal: 'b;0.25;cabd', a JSON list or {id: answer}, or a file."
    ),
    paper: bool = typer.Option(False, "--paper", help="Print the questions (no answers) and stop."),
    accept: bool = typer.Option(False, "--accept", help="Accept the proposed level (of these answers, or the last)."),
    seed: int | None = typer.Option(None, "--seed", help="Which questions (default: today's paper)."),
    lang: str = typer.Option("en", "--lang", help="en or zh."),
    as_json: bool = JsonOpt,
) -> None:
    """A quiz of 5–10 auto-graded questions at increasing level; proposes a level with its evidence."""
    from mlroute.services import quiz
    from mlroute.services.quiz_answers import read_answers

    app = app_context(ctx)
    if skill is None:
        emit(_dump(quiz.quiz_skills(app.store, app.kb, lang=lang)), as_json, _render_list)
        return
    if paper:
        emit(_dump(quiz.paper(app.kb, skill, seed=seed, lang=lang)), as_json, lambda d: _render_paper(d, lang))
        return
    if answers is not None:
        result = quiz.take(app.store, app.kb, skill, read_answers(answers), seed=seed, lang=lang)
        if accept:
            result = quiz.accept(app.store, app.kb, skill, result_id=result.id)
        emit(_dump(result), as_json, lambda d: _render_result(d, lang))
        return
    if accept:
        emit(_dump(quiz.accept(app.store, app.kb, skill)), as_json, lambda d: _render_result(d, lang))
        return
    if as_json:
        raise UserError(
            "A quiz with --json needs your answers.",
            hint=f"See the questions with `mlroute quiz {skill} --paper --json`, then give --answers.",
        )
    _interactive(ctx, skill, seed, lang)


def _render_list(d: dict[str, Any]) -> None:
    t = Table(title="Quizzes")
    for col in ("skill", "items", "levels", "you said", "last result", "accepted"):
        t.add_column(col)
    for s in d["skills"]:
        last = s["last_result"]
        t.add_row(
            f"{s['skill']} ({s['name']})",
            str(s["items"]),
            "–".join(str(x) for x in (s["levels"][0], s["levels"][-1])),
            "–" if s["self_declared"] is None else str(s["self_declared"]),
            "–" if last is None else f"level {last['proposed_level']} ({last['taken_at'][:10]})",
            "–" if s["accepted_level"] is None else str(s["accepted_level"]),
        )
    console.print(t)


def _render_question(q: dict[str, Any]) -> None:
    console.print(f"[bold]{q['number']}.[/] {q['prompt']}", highlight=False)
    if q["code"]:
        console.print(Syntax(q["code"], q["language"] or "text", theme="ansi_dark"))
    for c in q["choices"]:
        console.print(f"   {c['letter']}) {c['text']}", highlight=False)


def _render_paper(d: dict[str, Any], lang: str) -> None:
    t = TEXT["zh" if lang == "zh" else "en"]
    levels = "–".join(str(x) for x in (d["levels"][0], d["levels"][-1]))
    console.print(t["title"].format(name=d["skill_name"], n=len(d["questions"]), levels=levels), highlight=False)
    for q in d["questions"]:
        _render_question(q)
    console.print(f"[dim]seed {d['seed']}[/]")


def _render_result(d: dict[str, Any], lang: str) -> None:
    t = TEXT["zh" if lang == "zh" else "en"]
    console.print(f"[bold]{d['skill_name']}[/]: {d['correct']}/{d['asked']}", highlight=False)
    console.print(d["evidence"], highlight=False)
    if d["accepted_at"]:
        console.print(
            t["accepted"].format(level=d["proposed_level"], skill=d["skill"], date=d["accepted_at"][:10]),
            highlight=False,
        )


def _interactive(ctx: typer.Context, skill: str, seed: int | None, lang: str) -> None:
    from mlroute.services import quiz

    app = app_context(ctx)
    t = TEXT["zh" if lang == "zh" else "en"]
    p = _dump(quiz.paper(app.kb, skill, seed=seed, lang=lang))
    levels = "–".join(str(x) for x in (p["levels"][0], p["levels"][-1]))
    console.print(t["title"].format(name=p["skill_name"], n=len(p["questions"]), levels=levels), highlight=False)
    given: list[str] = []
    for q in p["questions"]:
        console.rule()
        _render_question(q)
        while True:
            console.print(f"[dim]{t['answer'].format(how=q['how_to_answer'])}[/]", highlight=False)
            line = sys.stdin.readline()
            if not line or line.strip().lower() == "q":
                console.print(t["stopped"], highlight=False)
                return
            answer = line.rstrip("\n")
            try:
                graded = quiz.grade_one(app.kb, skill, p["seed"], q["number"], answer)
            except UserError as exc:
                console.print(exc.message, highlight=False)
                continue
            break
        given.append(answer)
        console.print(t["right"] if graded.correct else t["wrong"].format(expected=graded.expected), highlight=False)
    result = quiz.take(app.store, app.kb, skill, given, seed=p["seed"], lang=lang)
    console.rule()
    _render_result(_dump(result), lang)
    if result.self_declared is not None and result.proposed_level < result.self_declared:
        console.print(t["lower"].format(declared=result.self_declared), highlight=False)
    prompt = t["accept"].format(level=result.proposed_level, name=result.proposed_level_name, skill=skill)
    if typer.confirm(prompt, default=False):
        _render_result(_dump(quiz.accept(app.store, app.kb, skill, result_id=result.id)), lang)
