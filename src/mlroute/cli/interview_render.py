"""Terminal views of interview cards, drill counts, readiness, mock summaries and quizzes, in English or Chinese,
and the one-key prompts of the interactive drill (space or Enter to reveal, 1–4 to rate)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import typer
from rich.padding import Padding
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table

from mlroute.cli.common import console

if TYPE_CHECKING:
    from mlroute.services.drill_summary import DrillStatus
    from mlroute.services.quiz_levels import QuizLevel

RATING_WORDS = {
    "en": {"again": "again", "hard": "hard", "good": "good", "easy": "easy"},
    "zh": {"again": "重来", "hard": "困难", "good": "良好", "easy": "轻松"},
}
KIND_WORDS = {
    "en": {"concept": "concept", "coding": "coding", "system-design": "system design", "behavioural": "behavioural"},
    "zh": {"concept": "概念", "coding": "编程与数据", "system-design": "系统设计", "behavioural": "行为面试"},
}
LABELS = {
    "en": {
        "points": "Key points",
        "answer": "Worked answer",
        "star": ("Situation", "Task", "Action", "Result"),
        "source": "Adapted from",
        "level": "level",
        "due": "due now",
        "new": "new left today",
        "reveal": "Space or Enter shows the answer · q quits",
        "rating": "Your rating: 1 again · 2 hard · 3 good · 4 easy · q quits",
        "bad": "Type 1–4 (again, hard, good, easy) or q.",
        "nothing": "Nothing is due now.",
        "next_due": "Next review due",
        "link": "More",
    },
    "zh": {
        "points": "答题要点",
        "answer": "参考答案",
        "star": ("情境", "任务", "行动", "结果"),
        "source": "改编自",
        "level": "级",
        "due": "到期",
        "new": "今日剩余新卡",
        "reveal": "按空格或回车显示答案 · q 退出",
        "rating": "自评：1 重来 · 2 困难 · 3 良好 · 4 轻松 · q 退出",
        "bad": "请输入 1–4（重来、困难、良好、轻松）或 q。",
        "nothing": "现在没有到期的卡片。",
        "next_due": "下一张到期时间",
        "link": "延伸阅读",
    },
}


def words(lang: str) -> dict[str, Any]:
    return LABELS["zh" if lang == "zh" else "en"]


def ask(lang: str, what: str) -> str:
    """One answer from the person: "" (reveal), a rating word, or "q". One key press on a terminal, a line otherwise
    (so the drill also runs from a script or a pipe)."""
    from mlroute.services.interview import read_rating

    w = words(lang)
    console.print(f"[dim]{w[what]}[/]", highlight=False)
    while True:
        if sys.stdin.isatty():
            key = typer.getchar()
        else:
            line = sys.stdin.readline()
            if not line:
                return "q"
            key = line.strip() or "\n"
        if key.lower() == "q":
            return "q"
        if what == "reveal":
            return ""
        rating = read_rating(key)
        if rating is not None:
            return rating
        console.print(w["bad"], highlight=False)


def render_card(card: dict[str, Any], lang: str, *, reveal: bool, due_now: int = 0, new_left: int = 0) -> None:
    w = words(lang)
    kinds = KIND_WORDS["zh" if lang == "zh" else "en"]
    kind = kinds.get(card["kind"], card["kind"])
    if lang == "zh":
        head = f"{kind} · {'、'.join(card['skill_names'])} · {card['level']} {w['level']}"
    else:
        head = f"{kind} · {' · '.join(card['skill_names'])} · {w['level']} {card['level']}"
    if not reveal:
        counts = f"  ({w['due']} {due_now} · {w['new']} {new_left})" if due_now or new_left else ""
        console.print(Panel(card["question"], title=head + counts, title_align="left"), highlight=False)
        return
    console.print(f"[bold]{w['points']}[/]", highlight=False)
    for p in card["points"]:
        console.print(f"  • {p}", highlight=False)
    if card.get("star"):
        for label, key in zip(w["star"], ("situation", "task", "action", "result"), strict=True):
            console.print(f"[bold]{label}[/]", highlight=False)
            console.print(Padding(card["star"][key], (0, 0, 0, 2)), highlight=False)
    if card.get("answer"):
        console.print(f"[bold]{w['answer']}[/]", highlight=False)
        console.print(card["answer"], highlight=False)
    if card.get("code"):
        console.print(Syntax(card["code"], card.get("language") or "text", theme="ansi_dark"))
    if card.get("answer_url"):
        console.print(f"{w['link']}: {card['answer_url']}", highlight=False)
    if card.get("source"):
        src = card["source"]
        console.print(f"[dim]{w['source']} {src['collection']} ({src['licence']})[/]", highlight=False)


def render_next(nxt: dict[str, Any]) -> None:
    if nxt.get("card"):
        c = nxt["card"]
        console.print(
            f"Next: [bold]{c['id']}[/] ({c['kind']}, level {c['level']}) · {nxt['due_now']} due, "
            f"{nxt['new_left']} new left today",
            highlight=False,
        )
        return
    when = f" · next review {nxt['next_due'][:16].replace('T', ' ')}" if nxt.get("next_due") else ""
    console.print(f"Nothing is due now ({nxt['deck_size']} cards in your deck){when}.", highlight=False)


SUMMARY_LABELS = {
    "en": (
        "Interview drills",
        "deck (cards your plan has reached)",
        "due now / today / this week",
        "new cards left today",
        "practised / learnt",
        "reviews today / last 30 days",
        "retention (30 days)",
        "average recall now",
        "of",
    ),
    "zh": (
        "面试练习",
        "卡组（计划已覆盖的题目）",
        "现在 / 今天 / 本周到期",
        "今日剩余新卡",
        "已练习 / 已掌握",
        "今日 / 近 30 天复习次数",
        "记忆保持率（30 天）",
        "当前平均回忆概率",
        "/",
    ),
}


def render_summary(d: dict[str, Any], lang: str) -> None:
    title, deck, due, new, seen, reviews, kept, recall_, of = SUMMARY_LABELS["zh" if lang == "zh" else "en"]
    t = Table(title=title, show_header=False)
    retention = f"{d['retention_30d']:.0%}" if d.get("retention_30d") is not None else "–"
    recall = f"{d['average_recall']:.0%}" if d.get("average_recall") is not None else "–"
    for label, value in (
        (deck, f"{d['deck_size']} {of} {d['bank_size']}"),
        (due, f"{d['due_now']} / {d['due_today']} / {d['due_this_week']}"),
        (new, str(d["new_left_today"])),
        (seen, f"{d['practised']} / {d['learnt']}"),
        (reviews, f"{d['reviews_today']} / {d['reviews_30d']}"),
        (kept, retention),
        (recall_, recall),
    ):
        t.add_row(label, value)
    console.print(t)


def render_readiness(d: dict[str, Any], lang: str) -> None:
    console.print(f"[bold]{d['role_name']}[/]: overall {d['overall']:.0%} ({d['status']})", highlight=False)
    t = Table()
    for col in ("skill", "target", "drills", "quiz", "score", "status"):
        t.add_column(col)
    for s in d["skills"]:
        drills = f"{s['practised']}/{s['questions']}" + (f" · {s['drill']:.0%}" if s["drill"] is not None else "")
        quiz = f"level {s['quiz_level']}" if s["quiz_level"] is not None else "–"
        score = f"{s['score']:.0%}" if s["score"] is not None else "–"
        t.add_row(s["name"], str(s["target"]), drills, quiz, score, s["status"])
    console.print(t)
    k = Table(title="By kind")
    for col in ("kind", "practised", "retained", "score"):
        k.add_column(col)
    for row in d["kinds"]:
        score = f"{row['score']:.0%}" if row["score"] is not None else "–"
        k.add_row(row["kind"], f"{row['practised']}/{row['questions']}", str(row["retained"]), score)
    console.print(k)


def render_mock_summary(s: dict[str, Any], lang: str) -> None:
    zh = lang == "zh"
    used, budget = s["seconds"] // 60, s["budget_seconds"] // 60
    console.print(
        (f"答了 {s['answered']}/{s['planned']} 题，用时 {used} 分钟（预算 {budget} 分钟）")
        if zh
        else f"Answered {s['answered']} of {s['planned']} questions in {used} min (budget {budget} min)",
        highlight=False,
    )
    words_ = RATING_WORDS["zh" if zh else "en"]
    console.print(" · ".join(f"{words_[r]} {n}" for r, n in s["ratings"].items()), highlight=False)
    kinds = KIND_WORDS["zh" if zh else "en"]
    for k in s["kinds"]:
        console.print(
            f"  {kinds.get(k['kind'], k['kind'])}: {k['good']}/{k['asked']} "
            + ("答得好" if zh else "answered well")
            + f" · {k['seconds'] // 60}/{k['budget_seconds'] // 60} min",
            highlight=False,
        )
    if s["weak_skill_names"]:
        console.print(("薄弱技能：" if zh else "Weak skills: ") + ", ".join(s["weak_skill_names"]), highlight=False)
    for step in s["next_steps"]:
        console.print(f"→ {step}", highlight=False)


def render_bank(bank: dict[str, Any], quizzes: dict[str, Any]) -> None:
    """The interview bank and the quizzes in ``kb stats``: by pillar and kind, by level and language."""
    kinds = list(bank["by_kind"])
    t = Table(title=f"Interview questions: {bank['questions']}")
    t.add_column("pillar")
    for k in kinds:
        t.add_column(k, justify="right")
    t.add_column("all", justify="right")
    for pillar, row in bank["by_pillar_and_kind"].items():
        t.add_row(pillar, *(str(row[k]) for k in kinds), str(bank["by_pillar"][pillar]))
    t.add_row("all", *(str(bank["by_kind"][k]) for k in kinds), str(bank["questions"]), style="bold")
    console.print(t)
    console.print(
        "by level: "
        + ", ".join(f"{lv} {n}" for lv, n in bank["by_level"].items())
        + " · by language: "
        + ", ".join(f"{lang} {n}" for lang, n in bank["by_language"].items())
        + f" · from public collections: {bank['from_public_collections']}"
        + (" (" + ", ".join(f"{k} {v}" for k, v in bank["licences"].items()) + ")" if bank["licences"] else ""),
        highlight=False,
    )
    console.print(
        f"Quizzes: {quizzes['items']} items on {quizzes['skills']} skills · "
        + ", ".join(f"{k} {v}" for k, v in quizzes["by_type"].items()),
        highlight=False,
    )


def quiz_level_text(q: QuizLevel) -> str:
    """The earned level next to the declared one: python 3 (quiz, 2026-12-01; you said 2)."""
    if not q.counts:
        return f"{q.skill} {q.declared} (you said; the quiz of {q.accepted_on} tests up to {q.level} and you passed)"
    said = "" if q.declared is None or q.declared == q.level else f"; you said {q.declared}"
    return f"{q.skill} {q.level} (quiz, {q.accepted_on}{said})"


def render_practice(drills: DrillStatus | None, quiz_levels: list[QuizLevel]) -> None:
    """``mlroute status``'s lines about interview drills and quiz levels."""
    if drills is not None and drills.deck_size:
        kept = "retention not measured yet"
        if drills.retention_30d is not None:
            kept = f"{drills.retention_30d:.0%} retained (30 days)"
        console.print(
            f"drills    {drills.due_now} due now, {drills.due_today} today, {drills.new_left_today} new · {kept} "
            "[dim](mlroute interview)[/]",
            highlight=False,
        )
    if quiz_levels:
        console.print("quizzes   " + " · ".join(quiz_level_text(q) for q in quiz_levels), highlight=False)
