"""Every fixed sentence and heading of the documents, in English and Chinese.

A document is written in one language (``en`` or ``zh``): its headings, labels and sentences come from the table
below, names from the knowledge base in that language, and what the person typed (notes, journal) as typed. One
table per language pair makes a missing translation a test failure instead of an English line in a Chinese file.
The planner's own phrases (milestone titles, backgrounds, lists) come from ``plan.words`` and are not repeated; the
asks' phrases live in ``export.ask_words`` and are merged into ``T``.
"""

from __future__ import annotations

from mlroute.catalog import Catalog
from mlroute.export.ask_words import ASK_PHRASES
from mlroute.plan.words import lang_of

_T: dict[str, tuple[str, str]] = {
    # shared
    "generated": ("Generated on {date}.", "生成于 {date}。"),
    "week": ("week {a}", "第 {a} 周"),
    "weeks": ("weeks {a}–{b}", "第 {a}–{b} 周"),
    "hours": ("{h:g} h", "{h:g} 小时"),
    "at_work": ("at work", "工作中"),
    "status.done": ("done", "已完成"),
    "status.doing": ("in progress", "进行中"),
    "status.skipped": ("skipped", "已跳过"),
    "status.todo": ("planned", "计划中"),
    "status.done_on": ("done {date}", "{date} 完成"),
    "status.skipped_on": ("skipped {date}", "{date} 跳过"),
    "skipped.known": ("already known", "已掌握"),
    "kind.resource": ("resource", "学习资源"),
    "kind.project": ("project", "项目"),
    "kind.career_action": ("career step", "职业步骤"),
    "after_switch": ("after the switch", "转岗后"),
    "minutes": ("{m}m", "{m} 分钟"),
    "hours_minutes": ("{h}h{m:02d}m", "{h} 小时 {m} 分钟"),
    "whole_hours": ("{h}h", "{h} 小时"),
    # transition plan
    "tp.title": ("Transition plan: {name} → {role}", "转型计划：{name} → {role}"),
    "tp.me": ("Me", "我"),
    "tp.intro.manager": (
        "Prepared on {date} with mlroute, for a 1:1 with my manager about my move into {role}.",
        "{date} 用 mlroute 整理，用于和经理一对一沟通我转向{role}的计划。",
    ),
    "tp.intro.mentor": (
        "Prepared on {date} with mlroute, to share with a mentor or study partner: where I am heading, how I plan "
        "to get there, and what would help me.",
        "{date} 用 mlroute 整理，分享给导师或学习伙伴：我要去哪里、打算怎么走，以及哪些帮助对我最有用。",
    ),
    "h.goals": ("Goals", "目标"),
    "h.start": ("Where I start", "我的起点"),
    "h.route": ("Route", "路线"),
    "h.timeline": ("Timeline", "时间线"),
    "h.projects": ("Projects", "作品集项目"),
    "h.asks.manager": ("What I ask of my manager", "希望经理给予的支持"),
    "h.asks.mentor": ("What would help me", "哪些帮助对我最有用"),
    "h.commit": ("What I commit to", "我的承诺"),
    "h.evidence": ("Evidence so far", "目前的成果"),
    "h.finished": ("Finished", "已完成"),
    "h.links": ("Links", "链接"),
    "h.journal": ("From my learning journal", "学习日志摘录"),
    "h.items": ("The plan, item by item", "计划明细"),
    "g.role": ("Target role: {role}.", "目标岗位：{role}。"),
    "g.ready": (
        "Ready to apply: around week {p50} of my plan (the week ending {d50}), likely between week {p10} ({d10}) "
        "and week {p90} ({d90}).",
        "可以开始申请：预计在计划的第 {p50} 周（到 {d50} 为止），大概率在第 {p10} 周（{d10}）到第 {p90} 周"
        "（{d90}）之间。",
    ),
    "g.grow": (
        "Everything in the plan, including what I keep learning after the switch: around week {p50} ({d50}).",
        "包括转岗后继续学习的内容在内，整个计划约在第 {p50} 周（{d50}）完成。",
    ),
    "g.counted": (
        "Weeks are counted from the start of my plan: week 1 began on {start}.",
        "周数从计划开始算起：第 1 周始于 {start}。",
    ),
    "g.hours.own": (
        "Study time: {h:g} h a week, all in my own time outside working hours.",
        "学习时间：每周 {h:g} 小时，全部在下班后的个人时间。",
    ),
    "g.hours.split": (
        "Study time: {h:g} h a week: {w:g} h in working hours and {o:g} h in my own time.",
        "学习时间：每周 {h:g} 小时，其中工作时间内 {w:g} 小时，个人时间 {o:g} 小时。",
    ),
    "g.hours.work": (
        "Study time: {h:g} h a week, all in working hours.",
        "学习时间：每周 {h:g} 小时，全部在工作时间内。",
    ),
    "g.hours.free": ("Study time: {h:g} h a week.", "学习时间：每周 {h:g} 小时。"),
    "g.hours.full": ("Study time: {h:g} h a week, full time.", "学习时间：每周 {h:g} 小时，全职学习。"),
    "g.domains": ("Domains I want to work in: {list}.", "希望从事的方向：{list}。"),
    "s.background": ("Background: {bg}.", "背景：{bg}。"),
    "s.background_years": ("Background: {bg}, {y:g} years of experience.", "背景：{bg}，{y:g} 年工作经验。"),
    "s.strengths": ("Strengths to build on: {list}.", "可以发挥的长处：{list}。"),
    "s.gaps": ("Main gaps: {list}.", "主要差距：{list}。"),
    "r.phases": ("{route}, in {n} phases:", "{route}，分 {n} 个阶段："),
    "r.phase": ("{name}: {weeks}", "{name}：{weeks}"),
    "r.known": ("{name}: nothing to learn, I have it already", "{name}：无需学习，已经具备"),
    "r.why": ("mlroute chose this route because {reason}.", "mlroute 选择这条路线的原因：{reason}。"),
    "t.schedule": (
        "The milestones below are placed by the week-by-week schedule, which fills each week with about {h:g} h of "
        "study. The ready-to-apply and keep-growing weeks above are the forecast for the same plan: it also allows "
        "for work taking longer or shorter than estimated and for weeks lost to work, illness or holidays{pace}, so "
        "those are the weeks to plan around.",
        "下表的里程碑按逐周安排表排定，每周安排约 {h:g} 小时学习。上面“可以开始申请”和“持续成长”的周数是对同一"
        "计划的预测：它还考虑了实际用时可能比估计多或少，以及因工作、生病或假期损失的时间{pace}，所以应以预测为准。",
    ),
    "t.pace": (
        ", and it uses the pace I have kept so far ({p:.1f} h a week)",
        "，并按我至今的实际学习节奏（每周 {p:.1f} 小时）计算",
    ),
    "t.schedule_ready": (
        "In the schedule, ready to apply falls in week {w}.",
        "按安排表，“可以开始申请”落在第 {w} 周。",
    ),
    "t.initial": (
        "When I made my first plan, the forecast for ready to apply was week {p50} (likely {p10}–{p90}).",
        "制定第一版计划时，“可以开始申请”的预测是第 {p50} 周（大概率第 {p10}–{p90} 周）。",
    ),
    "t.header": ("Week (schedule)|Week ends|Milestone|Skills", "周（安排表）|该周结束|里程碑|技能"),
    "t.forecast": (
        "{title} (forecast: week {p50}, likely {p10}–{p90})",
        "{title}（预测：第 {p50} 周，大概率第 {p10}–{p90} 周）",
    ),
    "t.forecast_grow": ("{title} (forecast: week {p50})", "{title}（预测：第 {p50} 周）"),
    "p.header": ("Weeks|Project|Hours|Skills shown|Status", "周|项目|小时|展示的技能|状态"),
    "p.none": ("No portfolio project is planned yet.", "目前计划中还没有作品集项目。"),
    "p.flagship": ("{title} (my flagship project): {text}", "{title}（代表作）：{text}"),
    "p.summary": ("{title}: {text}", "{title}：{text}"),
    "i.header": ("Weeks|Item|Kind|Hours|Status", "周|条目|类型|小时|状态"),
    "e.progress": (
        "{h:g} h of study logged; {done} of {total} items done{skipped} ({pct:.0%} of the planned work).",
        "已记录 {h:g} 小时学习；{total} 项中已完成 {done} 项{skipped}（占计划工作量的 {pct:.0%}）。",
    ),
    "e.skipped": ("; {n} skipped", "，跳过 {n} 项"),
    "e.nothing": (
        "Nothing recorded yet: this section fills in as I log study, finish items and keep my journal.",
        "暂无记录：随着我记录学习、完成条目和写学习日志，这里会逐步充实。",
    ),
    "e.finished": ("{title}: {what}", "{title}：{what}"),
    "e.journal": ("{day} · {kind}: {text}", "{day} · {kind}：{text}"),
    "e.link": ("{kind}: {title}", "{kind}：{title}"),
    # journal and evidence kinds
    "jk.design-note": ("design note", "设计笔记"),
    "jk.insight": ("insight", "心得"),
    "jk.challenge": ("challenge", "难点"),
    "jk.solution": ("solution", "解决方案"),
    "jk.feedback": ("feedback", "反馈"),
    "ek.repository": ("repository", "代码仓库"),
    "ek.post": ("post", "文章"),
    "ek.talk": ("talk", "演讲"),
    "ek.certificate": ("certificate", "证书"),
    "ek.other": ("link", "链接"),
    # learning log
    "ll.title": ("{name}'s learning log: towards {role}", "{name}的学习日志：迈向{role}"),
    "ll.title_mine": ("My learning log: towards {role}", "我的学习日志：迈向{role}"),
    "ll.empty": (
        "Generated on {date}. Nothing logged yet: start with mlroute log 1h --item ID",
        "生成于 {date}。暂无学习记录：用 mlroute log 1h --item ID 开始记录。",
    ),
    "ll.period": ("Generated on {date}, covering {a} to {b}.", "生成于 {date}，涵盖 {a} 至 {b}。"),
    "ll.hours": ("{h:g} h of study in {sessions}.", "共学习 {h:g} 小时，{sessions}。"),
    "ll.pace": (
        "In the first {weeks} of my plan: {h:g} h, {avg:g} h a week on average against {planned:g} h planned.",
        "计划开始后的前 {weeks}（不含本周）：{h:g} 小时，平均每周 {avg:g} 小时（计划每周 {planned:g} 小时）。",
    ),
    "ll.before_total": ("Before the plan started: {h:g} h.", "计划开始之前：{h:g} 小时。"),
    "ll.items": (
        "Items: {done} done, {skipped} skipped; {journal}; {links}.",
        "条目：已完成 {done} 项，跳过 {skipped} 项；{journal}；{links}。",
    ),
    "ll.streak": (
        "Longest streak: {days} in a row; {weeks} in a row with study.",
        "最长连续学习：连续 {days}；连续 {weeks}有学习记录。",
    ),
    "ll.week": ("Week {n} · {a} to {b} · {h:g} h{planned}", "第 {n} 周 · {a} 至 {b} · {h:g} 小时{planned}"),
    "ll.planned": (" of {p:g} h planned", "（计划 {p:g} 小时）"),
    "ll.before": ("Before the plan · {a} to {b} · {h:g} h", "计划开始之前 · {a} 至 {b} · {h:g} 小时"),
    "ll.header": ("Date|Item|Time|Note", "日期|条目|时长|备注"),
    "ll.finished": ("Finished", "完成的条目"),
    "ll.journal": ("Journal", "学习日志"),
    "ll.evidence": ("Evidence", "成果"),
    "unit.session": ("{n} session|{n} sessions", "{n} 次"),
    "unit.day": ("{n} day|{n} days", "{n} 天"),
    "unit.week": ("{n} week|{n} weeks", "{n} 周"),
    "unit.journal": ("{n} journal entry|{n} journal entries", "学习日志 {n} 条"),
    "unit.link": ("{n} evidence link|{n} evidence links", "成果链接 {n} 个"),
    # portfolio checklist
    "pf.title": ("Portfolio checklist: {name}", "作品集清单：{name}"),
    "pf.title_mine": ("Portfolio checklist", "作品集清单"),
    "pf.intro": (
        "Generated on {date}. Depth over number: one or two finished, deployed and written-up projects say more "
        "than many notebooks.",
        "生成于 {date}。重深度而非数量：一两个完成、已部署并写了总结的项目，胜过许多个笔记本。",
    ),
    "pf.none": (
        "The current plan has no portfolio project. Re-plan or add one with preferences.include.",
        "当前计划中没有作品集项目。可以重新规划，或在 preferences.include 中加入一个。",
    ),
    "pf.status": ("Status: {status} · {weeks} · {h:g} h planned.", "状态：{status} · {weeks} · 计划 {h:g} 小时。"),
    "pf.skills": ("Skills it shows: {list}.", "展示的技能：{list}。"),
    "pf.rubric": ("What reviewers check", "评审会看什么"),
    "pf.evidence": ("Evidence", "成果"),
    "pf.no_evidence": (
        "None yet. Add it with: mlroute evidence add URL --item {id}",
        "暂无。用 mlroute evidence add URL --item {id} 添加。",
    ),
    "pf.other": ("Other evidence", "其他成果"),
    "pf.career": ("Career steps", "职业步骤"),
    "pf.step": ("{title} ({weeks}, {status})", "{title}（{weeks}，{status}）"),
    "pf.todo": ("not started", "未开始"),
    # calendar
    "cal.name": ("mlroute: {name}", "mlroute：{name}"),
    "cal.plan": ("study plan", "学习计划"),
    "cal.study": ("Study: {title}", "学习：{title}"),
    "cal.more": (" (+{n})", "（另 {n} 项）"),
    "cal.week": ("Week {n} of your mlroute plan, {h:g} h:", "mlroute 计划第 {n} 周，共 {h:g} 小时："),
    "cal.milestone": ("Milestone: {title}", "里程碑 · {title}"),
    "cal.skills": ("Skills: {list}", "技能：{list}"),
    "cal.forecast": (
        "Forecast: week {p50} of the plan, likely between week {p10} and week {p90}. The schedule reaches it in "
        "week {w}.",
        "预测：计划第 {p50} 周，大概率在第 {p10} 到第 {p90} 周之间。按安排表在第 {w} 周达到。",
    ),
}

T: dict[str, tuple[str, str]] = {**_T, **ASK_PHRASES}
LANGS = ("en", "zh")


_CATALOG = Catalog(T)
tr, cells, duration = _CATALOG.tr, _CATALOG.cells, _CATALOG.duration


def count(lang: str, n: int, unit: str) -> str:
    """``1 day`` / ``3 days`` / ``3 天``: the catalogue's ``unit.*`` entries hold ``singular|plural``."""
    forms = tr(lang, f"unit.{unit}", n=n).split("|")
    return forms[0] if n == 1 or len(forms) == 1 else forms[1]


def weeks(lang: str, a: int, b: int) -> str:
    return tr(lang, "week", a=a) if a == b else tr(lang, "weeks", a=a, b=b)


def listing(names: list[str], lang: str, limit: int = 8) -> str:
    """``a, b and c`` or ``a, b, c and 4 more``; in Chinese ``a、b、c`` or ``a、b、c 等 7 项``."""
    shown = names[:limit]
    if lang == "zh":
        return "、".join(shown) + (f" 等 {len(names)} 项" if len(names) > limit else "")
    if len(names) > limit:
        return ", ".join(shown) + f" and {len(names) - limit} more"
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else "".join(shown)


def week_list(lang: str, numbers: list[int]) -> str:
    """``weeks 16, 25 and 45`` / ``第 16、25、45 周``."""
    shown = [str(n) for n in numbers]
    if len(shown) == 1:
        return tr(lang, "week", a=shown[0])
    return f"第 {listing(shown, lang, 99)} 周" if lang == "zh" else "weeks " + listing(shown, lang, 99)


def document_language(requested: str | None, plan_lang: str | None, languages: list[str] | None) -> str:
    """The language a document is written in: the one asked for, else the plan's, else the profile's first."""
    return lang_of(requested or plan_lang or (languages or ["en"])[0])
