"""The plan document printed in a terminal, in the plan's language: header, phases with their items, week table,
milestones, and what is deferred or cannot be closed. Reads only the plan JSON (the same document as ``--json``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mlroute.cli.common import console
from mlroute.cli.words import day
from mlroute.plan import words
from mlroute.plan.explain_levels import evidenced_note

L: dict[str, tuple[str, str]] = {
    "title": ("Your plan", "你的计划"),
    "week": ("week {a}", "第 {a} 周"),
    "weeks": ("weeks {a}–{b}", "第 {a}–{b} 周"),
    "hours_from": ("{h:g} h a week from {date}", "每周 {h:g} 小时，从 {date} 开始"),
    "free": ("free resources only", "仅免费资源"),
    "budget": ("budget ${usd:g}", "预算 {usd:g} 美元"),
    "languages": ("languages {langs}", "学习语言：{langs}"),
    "route": ("Route: ", "路线："),
    "ready": ("Ready to apply in about ", "预计可以开始申请："),
    "ready_weeks": ("{n} weeks", "约 {n} 周"),
    "band": (
        " ({date}); 80% band {a}–{b} weeks ({d1} – {d2}).\n",
        "（{date}）；80% 区间 {a}–{b} 周（{d1} – {d2}）。\n",
    ),
    "grow": (
        "Keep growing to the full role after the switch: about {n} weeks in all ({date}).\n",
        "转岗后持续成长到完整岗位要求：总计约 {n} 周（{date}）。\n",
    ),
    "hours": (
        "{ready:g} h to be ready, {grow:g} h more after the switch. The weeks plan {planned:g} of your {stated:g} h: "
        "a full-time study year is 1,500–1,800 h, not 52 × 40 (ECTS), so about a fifth of stated time goes to "
        "holidays, illness and busy weeks.",
        "准备就绪需 {ready:g} 小时，转岗后另需 {grow:g} 小时。每周计划你 {stated:g} 小时中的 {planned:g} 小时："
        "全日制学习一年约为 1,500–1,800 小时，而不是 52 × 40（ECTS），"
        "因此约五分之一的时间会被假期、生病和忙碌的周占去。",
    ),
    "assumed": ("Assumed from your background (not in your profile): ", "根据你的背景推定（资料中未填写）："),
    "assumed_tail": (". Set them in your profile if they are wrong.", "。如有不符，请在资料中修改。"),
    "nothing": ("nothing to learn: you already have it", "无需学习：你已具备"),
    "career_only": ("the career steps below", "见下方的职业步骤"),
    "every_week": ("Every week as well: {names}.", "每周还要做：{names}。"),
    "week_table": ("Week by week", "每周安排"),
    "col_weeks": ("weeks", "周"),
    "col_from": ("from", "开始"),
    "col_hours": ("h/wk", "小时/周"),
    "col_what": ("what", "内容"),
    "no_work": ("no work planned", "无安排"),
    "milestones": ("Milestones", "里程碑"),
    "col_likely": ("likely (P10–P90)", "可能（P10–P90）"),
    "col_milestone": ("milestone", "里程碑"),
    "col_skills": ("skills reached", "达到的技能水平"),
    "not_closable": ("Not closable now: ", "暂时无法补齐："),
    "on_the_job": ("On the job: ", "在工作中学习："),
    "deferred": ("Deferred past {date}: ", "延后到 {date} 之后："),
    "readiness": (
        "By {date} the plan reaches {pct} of the must-have entry levels (weighted).",
        "到 {date}，计划可达到入门必备水平的 {pct}（加权）。",
    ),
    "market": ("Market: ", "市场需求："),
    "market_summary": (
        "your job postings moved {up} gap(s) up and {down} down in the order (the schedule follows, within "
        "prerequisites and route phases):",
        "你的目标招聘启事让{up}项差距前移、{down}项后移（日程在先修要求和路线阶段之内随之调整）：",
    ),
    "note": ("Note: ", "提示："),
    "kind_resource": ("learn", "学习"),
    "kind_project": ("build", "构建"),
    "kind_career_action": ("career", "职业"),
    "hours_short": ("{h:g} h", "{h:g} 小时"),
    "at_work": ("at work", "工作中"),
    "selection": (
        "Selection: {status} ({solver}, {n} gaps to be ready, {s:.2f} s). Knowledge base {kb}, seed {seed}.",
        "选择：{status}（{solver}，就绪需补齐 {n} 项差距，{s:.2f} 秒）。知识库 {kb}，随机种子 {seed}。",
    ),
    "optimal": ("proven optimal", "已证明最优"),
    "feasible": ("within {gap} of optimal", "与最优相差不超过 {gap}"),
    "greedy": ("greedy", "贪心"),
}


def t(lang: str, key: str, **kw: Any) -> str:
    en, zh = L[key]
    return (zh if lang == "zh" else en).format(**kw)


def _date(iso: str | None, lang: str) -> str:
    if not iso:
        return "—"
    d = dt.date.fromisoformat(iso)
    return day(lang, d) if lang == "zh" else d.strftime("%d %b %Y")


def _weeks(a: int, b: int, lang: str) -> str:
    return t(lang, "week", a=a) if a == b else t(lang, "weeks", a=a, b=b)


def _short(title: str, width: int = 38) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"


def render_header(doc: dict[str, Any]) -> None:
    lang = doc.get("lang", "en")
    p = doc["profile"]
    eta, dates = doc["eta_weeks"], doc["eta_dates"]
    body = Text()
    role = p.get("target_role_name") or p["target_role"]
    background = words.pick(words.BACKGROUND.get(p["background"], (p["background"], p["background"])), lang)
    body.append(f"{p.get('name') or '—'} · {background} → {role}\n", style="bold")
    body.append(t(lang, "hours_from", h=p["hours_per_week"], date=_date(doc["start_date"], lang)))
    budget = t(lang, "free") if not p["budget_usd"] else t(lang, "budget", usd=p["budget_usd"])
    body.append(f" · {budget} · {t(lang, 'languages', langs=', '.join(p['languages']))}\n")
    body.append("\n" + t(lang, "route"), style="bold")
    body.append(doc["route_name"], style="bold cyan")
    body.append(("：" if lang == "zh" else " — ") + doc["route_reason"] + ("。\n" if lang == "zh" else ".\n"))
    body.append("\n" + t(lang, "ready"), style="bold")
    body.append(t(lang, "ready_weeks", n=eta["p50"]), style="bold green")
    body.append(
        t(
            lang,
            "band",
            date=_date(dates["p50"], lang),
            a=eta["p10"],
            b=eta["p90"],
            d1=_date(dates["p10"], lang),
            d2=_date(dates["p90"], lang),
        )
    )
    grow = doc.get("eta_weeks_grow")
    if grow and doc.get("grow_hours"):
        body.append(t(lang, "grow", n=grow["p50"], date=_date(doc["eta_dates_grow"]["p50"], lang)))
    pacing = doc["pacing"]
    body.append(
        t(
            lang,
            "hours",
            ready=doc.get("ready_hours", doc["total_hours"]),
            grow=doc.get("grow_hours", 0.0),
            planned=pacing.get("planned_weekly_hours", p["hours_per_week"]),
            stated=p["hours_per_week"],
        ),
        style="dim",
    )
    assumed = doc.get("assumed_skills") or {}
    names = {g["skill"]: g["name"] for g in doc["gaps"]}
    relevant = {s: lvl for s, lvl in assumed.items() if s in names or any(g["skill"] == s for g in doc["gaps"])}
    shown = relevant or assumed
    if shown:
        sep = "、" if lang == "zh" else ", "
        body.append("\n" + t(lang, "assumed"), style="dim")
        body.append(sep.join(f"{names.get(s, s)} {lvl}" for s, lvl in sorted(shown.items())), style="dim")
        body.append(t(lang, "assumed_tail"), style="dim")
    quizzed = evidenced_note(doc, lang)  # levels earned in quizzes, dated (plan words, shared with the documents)
    if quizzed:
        body.append("\n" + quizzed)
    console.print(Panel(body, title=f"[bold]{t(lang, 'title')}[/]", border_style="cyan", expand=True))


def render_items(doc: dict[str, Any]) -> None:
    lang = doc.get("lang", "en")
    items = doc["items"]
    for ph in doc["phases"]:
        mine = [
            i for i in items if i["id"] in set(ph["items"]) or (i["phase"] == ph["id"] and i["when"] != "throughout")
        ]
        if not mine:
            key = "career_only" if set(ph["pillars"]) <= {"career"} else "nothing"
            console.print(f"\n[bold cyan]{ph['name']}[/] [dim]— {t(lang, key)}{'。' if lang == 'zh' else '.'}[/]")
            continue
        span = _weeks(ph["week_start"], ph["week_end"], lang) if ph["week_start"] else ""
        console.print(f"\n[bold cyan]{ph['name']}[/] [dim]({span}) — {ph['description']}[/]")
        for it in sorted(mine, key=lambda i: (i["week_start"], i["order"])):
            _render_item(it, lang)
    every = [i for i in items if i["when"] == "throughout"]
    if every:
        names = ("、" if lang == "zh" else ", ").join(i["title"] for i in every)
        console.print("\n[dim]" + t(lang, "every_week", names=names) + "[/]")


def _render_item(it: dict[str, Any], lang: str) -> None:
    cost = "" if not it["cost_usd"] else f" · ${it['cost_usd']:g}"
    star = "★ " if it["flagship"] else ""
    head = Text("  ▸ ")
    head.append(f"{star}{it['title']}", style="bold")
    hours = t(lang, "hours_short", h=it["hours"]) if it["hours"] or not it["requires_employer"] else t(lang, "at_work")
    head.append(
        f"  [{t(lang, 'kind_' + it['kind'])} · {hours} · {_weeks(it['week_start'], it['week_end'], lang)}{cost}]",
        style="dim",
    )
    head.append(f"  {it['id']}", style="dim")
    console.print(head)
    if it.get("url"):
        console.print(Padding(Text(it["url"], style=f"blue link {it['url']}"), (0, 0, 0, 4)))
    console.print(Padding(Text(it["why"]), (0, 0, 0, 4)))


def render_weeks(doc: dict[str, Any]) -> None:
    lang = doc.get("lang", "en")
    titles = {i["id"]: i["title"] for i in doc["items"]}
    every = {i["id"] for i in doc["items"] if i["when"] == "throughout"}
    table = Table(title=t(lang, "week_table"), show_lines=False, expand=False)
    for col in ("col_weeks", "col_from", "col_hours", "col_what"):
        table.add_column(t(lang, col), no_wrap=col != "col_what", justify="right" if col == "col_hours" else "left")
    groups: list[tuple[int, int, tuple[str, ...], float, str | None]] = []
    for w in doc["weeks"]:
        refs = tuple(r for r in w["items"] if r not in every)
        if groups and groups[-1][2] == refs and abs(groups[-1][3] - w["hours"]) < 0.05:
            a, _, k, h, start = groups[-1]
            groups[-1] = (a, w["week"], k, h, start)
        else:
            groups.append((w["week"], w["week"], refs, w["hours"], w["start"]))
    for a, b, refs, hours, start in groups:
        what = ", ".join(_short(titles[r], 40) for r in refs) or f"[dim]{t(lang, 'no_work')}[/]"
        table.add_row(str(a) if a == b else f"{a}–{b}", _date(start, lang), f"{hours:g}", what)
    console.print(table)


def render_milestones(doc: dict[str, Any]) -> None:
    lang = doc.get("lang", "en")
    table = Table(title=t(lang, "milestones"))
    table.add_column(t(lang, "col_weeks"), justify="right")
    table.add_column(t(lang, "col_likely"), no_wrap=True)
    table.add_column(t(lang, "col_milestone"))
    table.add_column(t(lang, "col_skills"))
    names = {g["skill"]: g["name"] for g in doc["gaps"]}
    for m in doc["milestones"]:
        band = m["eta_weeks"]
        skills = ", ".join(f"{names.get(s, s)} {lvl}" for s, lvl in m["levels"].items())
        table.add_row(str(m["week"]), f"{band['p50']} ({band['p10']}–{band['p90']})", m["title"], skills)
    console.print(table)


def render_footer(doc: dict[str, Any]) -> None:
    lang = doc.get("lang", "en")
    names = {g["skill"]: g["name"] for g in doc["gaps"]}
    for nc in doc["not_closable"]:
        label = t(lang, "not_closable") if nc.get("must") else t(lang, "on_the_job")
        console.print(
            f"[yellow]{label}[/]{names.get(nc['skill'], nc['skill'])} ({nc['current']}→{nc['target']}): {nc['reason']}"
        )
    if doc.get("deadline"):
        cov = doc.get("readiness", {}).get("must_have_coverage")
        if cov is not None:
            console.print("[bold]" + t(lang, "readiness", date=_date(doc["deadline"], lang), pct=f"{cov:.0%}") + "[/]")
        for d in doc.get("deferred", []):
            console.print(
                f"[yellow]{t(lang, 'deferred', date=_date(doc['deadline'], lang))}[/]{d['title']}: {d['reason']}"
            )
    market = doc.get("market", [])
    if market:
        up = sum(1 for m in market if m["moved"] > 0)
        console.print(f"[cyan]{t(lang, 'market')}[/]{t(lang, 'market_summary', up=up, down=len(market) - up)}")
    for m in market:
        console.print(f"  · {m['reason']}", highlight=False)
    for w in doc["warnings"]:
        console.print(f"[yellow]{t(lang, 'note')}[/]{w}")
    opt = doc["optimality"]
    status = {
        "optimal": t(lang, "optimal"),
        "feasible": t(lang, "feasible", gap=f"{opt['gap']:.1%}"),
        "greedy": t(lang, "greedy"),
    }.get(opt["status"], opt["status"])
    console.print(
        "[dim]"
        + t(
            lang,
            "selection",
            status=status,
            solver=opt["solver"],
            n=opt["covers"],
            s=opt["seconds"],
            kb=doc["kb_version"],
            seed=doc["seed"],
        )
        + "[/]"
    )


def render_plan(doc: dict[str, Any]) -> None:
    render_header(doc)
    render_items(doc)
    console.print()
    render_weeks(doc)
    render_milestones(doc)
    render_footer(doc)
