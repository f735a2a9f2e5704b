"""What the documents say about interview practice: readiness for the target role (overall, per kind of question,
and the skills furthest from ready), and the levels earned in quizzes next to the declared ones
("Python 3 (quiz, 2026-12-01)").

Pure: the context carries ``interview`` (``services.interview_readiness.Readiness`` as JSON, or None without the
knowledge base) and ``quiz_levels`` (``services.quiz_levels.QuizLevel`` as JSON); ``services.documents`` adds them.
Text in English or Chinese, following the document's language.
"""

from __future__ import annotations

from typing import Any

from mlroute.export.document import Document

WORDS = {
    "en": {
        "heading": "Interview readiness",
        "overall": "Ready for {role} interviews: {pct} overall ({status}), from drill recall and quiz results.",
        "none": "No interview practice recorded yet; mlroute interview starts the drills.",
        "table": ["Kind of question", "Practised", "Retained", "Score"],
        "weakest": "Skills to practise most: {list}.",
        "levels": "Levels earned in quizzes: {list}.",
        "levels_heading": "Skill levels shown by quizzes",
        "quiz": "{name} {level} (quiz, {date})",
        "quiz_said": "{name} {level} (quiz, {date}; I had said {declared})",
        "stands": "{name} {declared} (my own level; the quiz of {date} tests up to {level} and I passed it)",
        "kinds": {
            "concept": "Concepts",
            "coding": "Coding and data",
            "system-design": "ML system design",
            "behavioural": "Behavioural",
        },
        "status": {
            "ready": "ready",
            "on-the-way": "on the way",
            "not-ready": "not ready yet",
            "no-evidence": "no evidence yet",
        },
        "sep": ", ",
    },
    "zh": {
        "heading": "面试准备度",
        "overall": "{role}面试的总体准备度：{pct}（{status}），依据练习卡片的回忆情况和测验结果。",
        "none": "还没有面试练习记录；运行 mlroute interview 开始练习。",
        "table": ["题目类型", "已练习", "已记住", "得分"],
        "weakest": "最需要练习的技能：{list}。",
        "levels": "测验得出的水平：{list}。",
        "levels_heading": "测验证明的技能水平",
        "quiz": "{name} {level} 级（测验，{date}）",
        "quiz_said": "{name} {level} 级（测验，{date}；自评 {declared} 级）",
        "stands": "{name} {declared} 级（自评；{date} 的测验最高只考到 {level} 级，已全部通过）",
        "kinds": {
            "concept": "概念",
            "coding": "编程与数据",
            "system-design": "机器学习系统设计",
            "behavioural": "行为面试",
        },
        "status": {"ready": "已准备好", "on-the-way": "进行中", "not-ready": "尚未准备好", "no-evidence": "暂无证据"},
        "sep": "、",
    },
}


def _words(ctx: dict[str, Any]) -> dict[str, Any]:
    return WORDS["zh" if str(ctx.get("lang", "en")).startswith("zh") else "en"]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def quiz_level_text(q: dict[str, Any], w: dict[str, Any]) -> str:
    """One earned level next to the declared one."""
    values = {"name": q["name"], "level": q["level"], "declared": q["declared"], "date": q["accepted_on"]}
    if not q["counts"]:
        return str(w["stands"].format(**values))
    said = q["declared"] is not None and q["declared"] != q["level"]
    return str(w["quiz_said" if said else "quiz"].format(**values))


def quiz_levels_line(ctx: dict[str, Any]) -> str | None:
    """ "Levels earned in quizzes: …" for the skills section, or None when no quiz level was accepted."""
    levels = ctx.get("quiz_levels") or []
    if not levels:
        return None
    w = _words(ctx)
    return str(w["levels"].format(list=w["sep"].join(quiz_level_text(q, w) for q in levels)))


def quiz_levels_section(doc: Document, ctx: dict[str, Any], level: int = 1) -> None:
    """A section of its own for the levels earned in quizzes (the portfolio); nothing when there are none."""
    line = quiz_levels_line(ctx)
    if line:
        doc.h(level, _words(ctx)["levels_heading"])
        doc.p(line)


def interview_section(doc: Document, ctx: dict[str, Any], level: int = 1) -> None:
    """Readiness overall and per kind of question, and the skills furthest from ready; nothing without the
    knowledge base (readiness is measured against the role's requirements)."""
    ready = ctx.get("interview")
    if not ready:
        return
    w = _words(ctx)
    doc.h(level, w["heading"])
    practised = sum(k["practised"] for k in ready["kinds"])
    quizzed = any(s["quiz"] is not None for s in ready["skills"])
    if not practised and not quizzed:
        doc.p(w["none"])
        return
    status = w["status"].get(ready["status"], ready["status"])
    doc.p(w["overall"].format(role=ready["role_name"], pct=_pct(ready["overall"]), status=status))
    doc.table(
        w["table"],
        [
            [
                w["kinds"].get(k["kind"], k["kind"]),
                f"{k['practised']}/{k['questions']}",
                str(k["retained"]),
                _pct(k["score"]),
            ]
            for k in ready["kinds"]
        ],
        [0.4, 0.2, 0.2, 0.2],
    )
    weakest = sorted(
        (s for s in ready["skills"] if s["status"] != "ready"), key=lambda s: (s["score"] or 0, -s["weight"])
    )[:5]
    if weakest:
        doc.p(w["weakest"].format(list=w["sep"].join(s["name"] for s in weakest)))
