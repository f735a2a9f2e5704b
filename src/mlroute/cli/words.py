"""Every fixed sentence, label and unit the tracking commands print, in English and Chinese.

The terminal speaks the language of the current plan (``lang`` of its document, as ``mlroute current`` always
has), unless ``--lang`` asks for the other. One table per language pair, as in ``export.words``: a missing
translation is a test failure instead of an English line in a Chinese terminal. Entries may hold Rich markup; what
the person typed is escaped by the caller. ``--json`` never goes through here: keys and values are data.

Kept free of the planner and the knowledge base, so that ``mlroute log`` stays light.
"""

from __future__ import annotations

from datetime import date

from mlroute.catalog import Catalog
from mlroute.errors import UserError

LANGS = ("en", "zh")

T: dict[str, tuple[str, str]] = {
    # units and shared words
    "hours": ("{h:g} h", "{h:g} 小时"),
    "minutes": ("{m}m", "{m} 分钟"),
    "hours_minutes": ("{h}h{m:02d}m", "{h} 小时 {m} 分钟"),
    "whole_hours": ("{h}h", "{h} 小时"),
    "band": ("{p50:g} weeks [dim]({p10:g}–{p90:g})[/]", "第 {p50:g} 周[dim]（{p10:g}–{p90:g}）[/]"),
    "quoted": ("[bold]{title}[/]", "“[bold]{title}[/]”"),
    "sep": (", ", "、"),
    "state.todo": ("todo", "未开始"),
    "state.doing": ("doing", "进行中"),
    "state.done": ("done", "已完成"),
    "state.skipped": ("skipped", "已跳过"),
    # log
    "log.logged": (
        "[green]✓[/] logged {duration} on [bold]{title}[/] ({day}) · {logged:g} h{planned} so far",
        "[green]✓[/] 已记录 {duration}：“[bold]{title}[/]”（{day}）· 这一项累计 {logged:g} 小时{planned}",
    ),
    "log.planned": (" of {h:g} h", "，计划 {h:g} 小时"),
    "log.started": ("  {item} is now in progress.", "  {item} 已标记为进行中。"),
    # done, start, skip, undo
    "change": (
        "[green]✓[/] [bold]{title}[/] is {word}{extra}{same}.",
        "[green]✓[/] “[bold]{title}[/]”{word}{extra}{same}。",
    ),
    "change.done": ("done", "已标记为完成"),
    "change.doing": ("in progress", "已标记为进行中"),
    "change.skipped": ("skipped", "已跳过"),
    "change.todo": ("to do", "已改为未开始"),
    "change.reason": (" ({reason})", "（原因：{reason}）"),
    "change.same": (" (it already was)", "（之前已是如此）"),
    "reason.known": ("known", "已掌握"),
    "change.review": (
        "  First review due {date}: mlroute review {item} --rating good",
        "  首次复习在 {date}：届时运行 mlroute review {item} --rating good",
    ),
    "now.todo": ("to do", "未开始"),
    "now.doing": ("in progress", "进行中"),
    "now.done": ("done", "已完成"),
    "now.skipped": ("skipped", "已跳过"),
    "undo.back": (
        "[green]✓[/] [bold]{title}[/] is {word} again (it was {before}).",
        "[green]✓[/] “[bold]{title}[/]”已改回{word}（原为{before}）。",
    ),
    "undo.nothing": (
        "[bold]{title}[/] is {word}: there is no finish or skip to take back.",
        "“[bold]{title}[/]”目前{word}，没有可撤销的完成或跳过。",
    ),
    # status
    "st.week": ("week {n}", "第 {n} 周"),
    "st.starts": ("starts {date}", "{date} 开始"),
    "st.plan": ("plan v{v}", "计划 v{v}"),
    "st.progress": ("progress", "进度"),
    "st.progress_figures": (
        "{done}/{total} items · {logged:g} h logged, {remaining:g} h to go",
        "已完成 {done}/{total} 项 · 已学 {logged:g} 小时，还需 {remaining:g} 小时",
    ),
    "st.this_week": ("this week", "本周"),
    "st.this_week_figures": ("{logged:g} h of {planned:g} h planned", "已学 {logged:g} 小时，计划 {planned:g} 小时"),
    "st.streak": ("streak", "连续学习"),
    "st.streak_figures": (
        "{days} day(s) · {weeks} week(s) [dim](longest {longest_days} days, {longest_weeks} weeks)[/]",
        "{days} 天 · {weeks} 周[dim]（最长连续 {longest_days} 天、{longest_weeks} 周）[/]",
    ),
    "st.pace": ("pace", "学习节奏"),
    "st.pace_observed": (
        "{h:g} h/week observed over {weeks:g} weeks [dim](planned {planned:g})[/]",
        "实际每周 {h:g} 小时（近 {weeks:g} 周）[dim] · 计划每周 {planned:g} 小时[/]",
    ),
    "st.pace_nothing": (
        "{planned:g} h/week as stated [dim](nothing logged in {weeks:g} weeks: log your study to see your real "
        "pace)[/]",
        "按你填写的每周 {planned:g} 小时[dim]（{weeks:g} 周内没有学习记录：记录学习后就能看到实际节奏）[/]",
    ),
    "st.pace_sparse": (
        "{planned:g} h/week as stated [dim]({h:g} h/week logged, but in only {logged} of {weeks} weeks: log every "
        "session to see your real pace, or mlroute replan --pace observed if that is all you study)[/]",
        "按你填写的每周 {planned:g} 小时[dim]（记录的是每周 {h:g} 小时，但 {weeks} 周里只有 {logged} 周有记录：记下每次"
        "学习才能看到实际节奏；如果这就是你全部的学习，可以运行 mlroute replan --pace observed）[/]",
    ),
    "st.pace_early": (
        "{planned:g} h/week as stated [dim]({so_far}not enough data yet: {needed:g} more week(s) before your "
        "observed pace is used)[/]",
        "按你填写的每周 {planned:g} 小时[dim]（{so_far}数据还不够：再记录 {needed:g} 周后改用实际节奏）[/]",
    ),
    "st.pace_so_far": ("{h:g} h/week so far; ", "目前实际每周 {h:g} 小时；"),
    "st.eta": ("ETA", "预计就绪"),
    "st.eta_figures": (
        "ready to apply in {band} → {date} · at the start {initial}",
        "可以开始申请：{band} → {date} · 最初预计{initial}",
    ),
    "st.grow": ("everything, keep growing included: {band}", "全部完成（含转岗后持续成长）：{band}"),
    "st.next": ("Next", "接下来"),
    "st.columns": ("item|title|status|week|hours", "编号|名称|状态|周|小时"),
    "st.reviews": ("reviews due: {items}", "待复习：{items}"),
    "st.drills": ("drills", "面试练习"),
    "st.drills_figures": (
        "{now} due now, {today} today, {new} new · {kept} [dim](mlroute interview)[/]",
        "现在到期 {now} 张，今天 {today} 张，新卡 {new} 张 · {kept}[dim]（mlroute interview）[/]",
    ),
    "st.kept": ("{pct} retained (30 days)", "30 天记忆率 {pct}"),
    "st.kept_none": ("retention not measured yet", "记忆率尚未统计"),
    "st.quizzes": ("quizzes", "测验水平"),
    # current
    "cur.title": ("Plan v{v} · journey began {date}", "计划 v{v} · 开始于 {date}"),
    "cur.columns": ("weeks|item|title|status|hours", "周|编号|名称|状态|小时"),
    "cur.finished": (
        "from earlier versions, no longer in this plan ({n}):",
        "早先版本中有记录、本计划不再列出的（{n}）：",
    ),
    # replan
    "rp.head": (
        "[bold]Plan v{a} → v{b}[/] from week {week} ({date})",
        "[bold]计划 v{a} → v{b}[/]，从第 {week} 周（{date}）开始",
    ),
    "rp.eta": (
        "ETA {before} → {after} [dim](at the start: {initial})[/]",
        "预计就绪：{before} → {after}[dim]（最初：{initial}）[/]",
    ),
    "rp.added": ("added", "新增"),
    "rp.removed": ("removed", "移除"),
    "rp.moved": ("moved", "调整"),
    "rp.count": ("{label} ({n})", "{label}（{n} 项）"),
    "rp.where": (" week {a}→{b}", " 第 {a} 周 → 第 {b} 周"),
    "rp.row": ("  {id}{where}: {why}", "  {id}{where}：{why}"),
    "rp.more": ("  … and {n} more (--json lists all)", "  ……另有 {n} 项（--json 会列出全部）"),
    "rp.unchanged": (
        "Nothing new since the last plan: the plan stays as it is.",
        "上次规划以来没有新变化，计划保持不变。",
    ),
    "rp.same_items": ("No items changed.", "没有条目变化。"),
    # history
    "hi.plan": (
        "v{v} {date} {reason}: {n} items from {starts}{pace} (kb {kb})",
        "v{v} {date} {reason}：{n} 项，从 {starts} 开始{pace}（知识库 {kb}）",
    ),
    "hi.pace": (", packed at {h:g} h/week observed", "，按实际每周 {h:g} 小时排布"),
    "hi.forecast": (
        "  {date} plan v{v}: ready in {band} [dim]({logged:g} h logged)[/]",
        "  {date} 计划 v{v}：预计{band}可以开始申请[dim]（已学 {logged:g} 小时）[/]",
    ),
    "why.init": ("init", "首次规划"),
    "why.profile": ("profile", "资料更新"),
    "why.replan": ("replan", "重新规划"),
    "why.unchanged": ("unchanged", "无变化"),
    # review
    "rv.next": ("[green]✓[/] next review of {item} on {date}", "[green]✓[/] {item} 下次复习：{date}"),
    # init and demo
    "init.saved": (
        "\n[green]✓[/] Saved as plan v{v} in {db}; log study with `mlroute log 1h --item ID`, see progress with "
        "`mlroute status`.",
        "\n[green]✓[/] 已保存为计划 v{v}（{db}）；用 `mlroute log 1h --item ID` 记录学习，"
        "用 `mlroute status` 查看进度。",
    ),
    "init.profile": (
        "\n[green]✓[/] Profile written to [bold]{file}[/]; re-plan any time with `mlroute plan --profile {file}`.",
        "\n[green]✓[/] 资料已写入 [bold]{file}[/]；随时可以用 `mlroute plan --profile {file}` 重新规划。",
    ),
    "demo.persona": (
        "[dim]Demo persona (bundled): a DevOps engineer with 7 years of experience, 10 h a week, up to $200 for "
        "courses, interested in LLM applications (article 000's path). Make your own with `mlroute init`.[/]",
        "[dim]演示用户（内置）：一位有 7 年经验的 DevOps 工程师，每周 10 小时，课程预算最多 200 美元，"
        "对大模型应用感兴趣（文章 000 的路径）。用 `mlroute init` 制定你自己的计划。[/]",
    ),
    # journal and evidence
    "jn.added": ("[green]✓[/] journal entry {id} ({kind}, {day})", "[green]✓[/] 已添加学习日志 {id}（{kind}，{day}）"),
    "jn.empty": (
        'No journal entries yet: mlroute journal add "what I learned" --kind insight',
        '还没有学习日志：用 mlroute journal add "我学到了什么" --kind insight 写下第一条。',
    ),
    "jk.design-note": ("design-note", "设计笔记"),
    "jk.insight": ("insight", "心得"),
    "jk.challenge": ("challenge", "难点"),
    "jk.solution": ("solution", "解决方案"),
    "jk.feedback": ("feedback", "反馈"),
    "ev.added": ("[green]✓[/] {kind} {url} added", "[green]✓[/] 已添加{kind}：{url}"),
    "ev.empty": (
        "No evidence yet: mlroute evidence add https://github.com/you/project --item proj:…",
        "还没有成果链接：用 mlroute evidence add https://github.com/you/project --item proj:… 添加。",
    ),
    "ek.repository": ("repository", "代码仓库"),
    "ek.post": ("post", "文章"),
    "ek.talk": ("talk", "演讲"),
    "ek.certificate": ("certificate", "证书"),
    "ek.other": ("other", "其他链接"),
    # documents
    "doc.wrote": (
        "[green]✓[/] wrote {path} ({format}, {size:,} bytes)",
        "[green]✓[/] 已写入 {path}（{format}，{size:,} 字节）",
    ),
    "doc.calendar": (
        "[green]✓[/] wrote {path} ({events} events over {weeks} weeks)",
        "[green]✓[/] 已写入 {path}（{events} 个日程，共 {weeks} 周）",
    ),
}


_CATALOG = Catalog(T)
tr, cells, duration = _CATALOG.tr, _CATALOG.cells, _CATALOG.duration


def word(lang: str, prefix: str, value: str) -> str:
    """A stored value in words (``state.done`` → 已完成); a value the table does not know is shown as it is."""
    return tr(lang, f"{prefix}.{value}") if f"{prefix}.{value}" in T else value


def check(lang: str | None) -> str | None:
    """``--lang``: en or zh (any Chinese code, zh-CN or zh_TW, is zh), or None when it was left out; the same rule
    as the documents' ``--lang``."""
    if lang is None or not lang.strip():
        return None
    code = lang.strip().lower().replace("_", "-")
    for known in LANGS:
        if code == known or code.startswith(known + "-"):
            return known
    raise UserError(f"--lang {lang!r} is not a language mlroute speaks.", hint="Use --lang en or --lang zh.")


def day(lang: str, d: date | str | None) -> str:
    """``2027-03-07`` in English (as every command has printed it) and ``2027 年 3 月 7 日`` in Chinese."""
    if d is None or d == "":
        return "—"
    value = d if isinstance(d, date) else date.fromisoformat(str(d)[:10])
    return f"{value.year} 年 {value.month} 月 {value.day} 日" if lang == "zh" else value.isoformat()


def band(lang: str, p50: float, p10: float, p90: float) -> str:
    return tr(lang, "band", p50=p50, p10=p10, p90=p90)


def label(lang: str, key: str, width: int = 10) -> str:
    """A status line's label padded to ``width`` terminal cells (a Chinese character takes two)."""
    from rich.cells import cell_len

    text = tr(lang, key)
    return text + " " * max(1, width - cell_len(text))
