"""Every sentence the planner writes, in English and Chinese.

A plan is written in one language (``lang``: ``en`` or ``zh``); the why texts, milestones, reasons and warnings
come from the templates below, filled with names in that language. Keeping them in one table makes a missing
translation a test failure (every key has both) instead of an English sentence in a Chinese plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from mlroute.catalog import Catalog

LANGS = ("en", "zh")

T: dict[str, tuple[str, str]] = {
    # effort
    "effort.provider": ("{h:g} h, the provider's figure ({stated})", "{h:g} 小时，提供方给出的数字"),
    "effort.provider_plain": ("{h:g} h, the provider's figure", "{h:g} 小时，提供方给出的数字"),
    "effort.third-party": ("{h:g} h, a third-party figure ({stated})", "{h:g} 小时，来自第三方（评测或学习者）的数字"),
    "effort.derived": (
        "{h:g} h, derived from the provider's structure ({stated})",
        "{h:g} 小时，由提供方的课程结构推算",
    ),
    "effort.video": (
        "{raw:g} h of recorded lectures; an hour of lecture takes about three hours of study with its exercises "
        "(the US credit-hour rule), so {h:g} h",
        "{raw:g} 小时的讲课视频；按美国学分学时规则，每小时讲课连同练习约需三小时学习，因此计 {h:g} 小时",
    ),
    "effort.default": (
        "no effort figure is known, so it is sized by what it teaches: {levels} levels × {rate:g} h per level "
        "(the median of the {n} {scope} with a figure) = {h:g} h",
        "没有公开的学时数字，因此按其所教内容估算：{levels} 个等级 × 每级 {rate:g} 小时"
        "（知识库中 {n} 个有学时数字的{scope_zh}的中位数）= {h:g} 小时",
    ),
    "effort.known": (
        "you already have {pct} of what it teaches, so {h:g} h are planned: skim what you know",
        "其中 {pct} 的内容你已掌握，因此只计划 {h:g} 小时：已会的部分快速浏览即可",
    ),
    "effort.check": ("flagged for a check against the provider's page", "该数字有待与提供方页面核对"),
    "effort.estimate": ("{h:g} h, estimated ({basis})", "约 {h:g} 小时（估计）"),
    # price
    "price.free": ("free", "免费"),
    "price.free-to-audit": ("free to audit (a certificate costs extra)", "可免费旁听（证书另收费）"),
    "price.paid": ("${usd:g}", "{usd:g} 美元"),
    "price.month": (
        "${per:g} a month × {months} month(s) at your hours = ${usd:g}",
        "每月 {per:g} 美元 × 按你的学习时间约 {months} 个月 = {usd:g} 美元",
    ),
    "price.paid-default": (
        "paid, price not stated; planned at ${usd:g} (the median of {n} priced resources)",
        "收费但未公布价格；按 {usd:g} 美元计划（{n} 个有价格资源的中位数）",
    ),
    "price.paid-fallback": (
        "paid, price not stated; planned at ${usd:g} (mlroute's default when too few prices are known)",
        "收费但未公布价格；按 {usd:g} 美元计划（已知价格太少时 mlroute 使用的默认值）",
    ),
    # resource whys
    "why.include": ("On your include list.", "在你的必选清单中。"),
    "why.closes": ("Closes {list}.", "补齐：{list}。"),
    "why.raises": ("Also raises {list}.", "同时提升：{list}。"),
    "why.needed_by": ("Needed first by {list} (a prerequisite).", "是{list}的先修内容。"),
    "why.pick": ("Your route recommends it for this phase: {why}", "你的路线在这一阶段推荐它：{why}"),
    "why.endorsed": ("Recommended by {by}: {text}", "{by}推荐：{text}"),
    "why.options": ("Other options for {skill} {level}: {alts}.", "达到{skill} {level}级的其他选择：{alts}。"),
    "why.more_gaps": (
        "This one closes more of your gaps at once, so the plan as a whole needs fewer hours.",
        "这一项一次补齐的差距更多，整个计划所需的总时间更少。",
    ),
    "why.only": (
        "The only option in your languages and budget that takes {skill} to level {level}.",
        "在你的语言和预算范围内，这是唯一能把{skill}提升到{level}级的选择。",
    ),
    "why.effort": ("Effort: {note}.", "工作量：{note}。"),
    "why.cost": ("Cost: {note}.", "费用：{note}。"),
    "why.note": ("Note: {list}.", "备注：{list}。"),
    "why.grow": (
        "Keep growing, after the switch: {list} go beyond what an entry-level role needs, so this waits until you "
        "learn on the job.",
        "持续成长（转岗之后）：{list}超出了入门岗位的要求，因此放到入职后边工作边学。",
    ),
    "why.relaxed": (
        "Starts before {list} is covered: nothing else could move.",
        "在{list}尚未完成时就开始：没有其他内容可以先做。",
    ),
    "why.demand": (
        "Your job postings ask for {list} often, so it moved up.",
        "你的目标招聘启事经常要求{list}，因此排得更靠前。",
    ),
    "why.demand_down": (
        "Your job postings rarely ask for {list}, so it moved down.",
        "你的目标招聘启事很少要求{list}，因此排得更靠后。",
    ),
    "market.up": (
        "Your job postings ask for {list} often, so it moved up {n} place(s) among your gaps.",
        "你的目标招聘启事经常要求{list}，因此在差距中前移了{n}位。",
    ),
    "market.down": (
        "Your job postings rarely ask for {list}, so it moved down {n} place(s) among your gaps.",
        "你的目标招聘启事很少要求{list}，因此在差距中后移了{n}位。",
    ),
    "market.side_up": (
        "{list} moved up {n} place(s): gaps before it are asked for less in your job postings.",
        "{list}前移了{n}位：排在它前面的差距在招聘启事中被要求得更少。",
    ),
    "market.side_down": (
        "{list} moved down {n} place(s): gaps after it are asked for more in your job postings.",
        "{list}后移了{n}位：排在它后面的差距在招聘启事中被要求得更多。",
    ),
    "alt.needs": ("would need {list} first", "需要先掌握{list}"),
    "alt.hours": ("more hours", "耗时更多"),
    "alt.hours_price": ("more hours, and {price}", "耗时更多，且{price}"),
    "alt.price": ("{price}", "{price}"),
    "alt.fewer": ("closes fewer of the plan's other gaps", "能补齐的其他差距更少"),
    "pen.format": ("not one of your preferred formats", "不是你偏好的形式"),
    "pen.lang": ("not in {language}, your first language", "不是你的首选语言（{language}）"),
    # projects
    "proj.flagship": (
        "Your flagship portfolio project: {parts}. One deep, deployed project with a front end that others can try "
        "says more than several small ones (article 001).",
        "你的代表作项目：{parts}。一个深入、已部署、带前端、别人能直接试用的项目，比许多基础项目更有说服力（文章001）。",
    ),
    "proj.size": ("a {size} project", "一个{size}项目"),
    "proj.interest": ("in {domain}, one of your interests", "属于{domain}，是你感兴趣的方向"),
    "proj.exercises": (
        "in {domain}, exercising {list}, which you are interested in",
        "属于{domain}，会用到你感兴趣的{list}",
    ),
    "proj.linked": ("in {domain}, linked to your interests", "属于{domain}，与你的兴趣相关"),
    "proj.no_match": (
        "in {domain} (no project in the knowledge base matches your interests more closely)",
        "属于{domain}（知识库中没有更贴近你兴趣的项目）",
    ),
    "proj.most_gaps": ("in {domain}, exercising the most of your gaps", "属于{domain}，能覆盖你最多的差距"),
    "proj.only_building": (
        "Another portfolio piece: no course in your languages and budget takes you to {list}; building does.",
        "又一个作品集项目：在你的语言和预算范围内，没有课程能让你达到{list}，动手构建可以。",
    ),
    "proj.cheaper": (
        "Another portfolio piece: building it closes these gaps in fewer hours than the courses that teach them.",
        "又一个作品集项目：通过构建来补齐这些差距，比学习相应课程用时更少。",
    ),
    "proj.closes": ("Closes {list} by building.", "通过构建补齐：{list}。"),
    "proj.done": (
        "Done means: deployed, with a front end, a README, tests, a write-up and a measured metric.",
        "完成标准：已部署、有前端、有README、有测试、有总结文章，并有一个实测指标。",
    ),
    # career actions
    "act.when.start": ("at the start, because it shapes everything after it", "开始时，因为它决定之后的一切"),
    "act.when.foundations": ("early, while the foundations are laid", "早期，与打基础同步"),
    "act.when.core": (
        "once the core ML learning is done, when you can contribute",
        "核心机器学习内容学完、能做出贡献之后",
    ),
    "act.when.specialise": ("while you specialise, alongside your portfolio project", "专攻阶段，与作品集项目同步"),
    "act.when.before-applying": (
        "just before you apply, once your skills and portfolio are ready",
        "申请之前，技能和作品集就绪时",
    ),
    "act.when.job-search": ("when you are ready to apply", "准备好申请时"),
    "act.when.throughout": ("a little every week, from start to finish", "从头到尾，每周一点"),
    "act.placed": ("Placed {when}; part of the {route}.", "时间：{when}；属于{route}。"),
    "act.evidence": ("Evidence it leaves: {text}.", "留下的证据：{text}。"),
    "act.at_work": (
        "Done at work, in working hours, over about {weeks} weeks (about {h:g} h of work time); none of it comes "
        "out of your study time.",
        "在工作中、利用工作时间完成，历时约 {weeks} 周（约 {h:g} 小时工作时间），不占用你的学习时间。",
    ),
    "act.at_work_once": (
        "Done at work, in working hours (about {h:g} h of work time); none of it comes out of your study time.",
        "在工作中、利用工作时间完成（约 {h:g} 小时工作时间），不占用你的学习时间。",
    ),
    "act.effort": (
        "Effort: {h:g} h of your study time, estimated ({basis}).",
        "工作量：约 {h:g} 小时学习时间（估计）。",
    ),
    # gaps that cannot be closed
    "nc.budget": (
        "Within your budget the plan cannot pay for {skill} together with everything else it needs; raise "
        "budget_usd or add a free resource.",
        "在你的预算内，计划无法在覆盖其他必需内容的同时为{skill}付费；请提高预算（budget_usd）或添加免费资源。",
    ),
    "nc.nothing": ("Nothing in the knowledge base teaches {skill} yet.", "知识库中暂时没有教授{skill}的内容。"),
    "nc.beyond": (
        "Nothing in the knowledge base teaches {skill} beyond level {level}; learn the rest on the job.",
        "知识库中没有能把{skill}教到{level}级以上的内容；其余部分在工作中学习。",
    ),
    "nc.only": (
        "Only {n} item(s) teach {skill} to level {target}: {reasons}{more}; {reach}.",
        "只有 {n} 项内容能把{skill}教到{target}级：{reasons}{more}；{reach}。",
    ),
    "nc.excluded": ("{title} is {why}", "{title}：{why}"),
    "nc.needs": (
        "{title} needs {list}, which nothing in your languages and budget teaches",
        "{title}需要{list}，而在你的语言和预算范围内没有内容能教",
    ),
    "nc.slots": (
        "{title} is a project, and the plan already holds three (one deep project says more than many)",
        "{title}是一个项目，而计划中已有三个项目（一个深入的项目比许多项目更有说服力）",
    ),
    "nc.heavy": ("{title} would take {h:g} h", "{title}需要 {h:g} 小时"),
    "nc.reach": ("the plan reaches level {level} of {target}", "计划能达到{target}级中的{level}级"),
    "nc.cannot": ("the plan cannot start it", "计划无法开始它"),
    "nc.more": (" (and {n} more)", "（另有 {n} 项）"),
    "nc.deferred": (
        "Closing it now would take about {h:g} h for a gap worth about {v:g} h to an entry-level role; it waits "
        "for after the switch (keep growing).",
        "现在补齐约需 {h:g} 小时，而它对入门岗位的价值约为 {v:g} 小时；因此放到转岗之后（持续成长）。",
    ),
    "nc.on_the_job": (
        "Worth less than the hours it would take (about {h:g} h for a gap worth about {v:g} h); learn it on the job.",
        "所需时间（约 {h:g} 小时）超过其价值（约 {v:g} 小时）；在工作中学习即可。",
    ),
    "excluded.prefs": ("excluded in your preferences", "已在偏好中排除"),
    "excluded.lang": ("only in {langs}", "仅有{langs}版本"),
    "excluded.budget": (
        "costs ${usd:g}, over your budget of ${budget:g}",
        "费用 {usd:g} 美元，超出你 {budget:g} 美元的预算",
    ),
    "excluded.route": ("not part of the {route}", "不属于{route}"),
    "excluded.background": ("for {list} backgrounds", "适用于{list}背景"),
    "excluded.employer": (
        "needs an employer (set `employed: true` in your profile if you have one)",
        "需要有雇主（如果你有工作，请在个人资料中设置 employed: true）",
    ),
    "pick.missed": (
        "Your route recommends {titles} for {phase}, but {why}; the plan uses other resources instead.",
        "你的路线在“{phase}”阶段推荐{titles}，但{why}；计划改用了其他资源。",
    ),
    # milestones
    "ms.phase": ("End of {phase}", "完成：{phase}"),
    "ms.ready": ("Ready to apply", "可以开始申请"),
    "ms.grow": ("Keep growing: the full role", "持续成长：达到完整岗位要求"),
    "phase.grow": ("Keep growing (after the switch)", "持续成长（转岗之后）"),
    "phase.grow_desc": (
        "What the full role asks beyond an entry-level job: learnt on the job, once you are paid to learn "
        "(article 001). Not part of the ready-to-apply ETA.",
        "完整岗位超出入门岗位的要求：转岗后边工作边学，在有薪水的情况下学习（文章001）。不计入“可以开始申请”的预计时间。",
    ),
    # route choice
    "route.zero": (
        "you do not program yet (best programming level {prog} of 4), so the plan starts from the ground up: "
        "programming first, then data, maths and ML",
        "你还不会编程（编程最高水平 {prog}/4），所以计划从零开始：先学编程，再学数据、数学和机器学习",
    ),
    "route.background": (
        "your background ({background}) is what the {route} starts from",
        "你的背景（{background}）正是{route}的起点",
    ),
    "route.side": (
        "you already have {software} of the role's software levels and {data} of its data and maths levels, so "
        "the {route} builds on your stronger side",
        "你已具备该岗位软件方面要求的 {software}、数据与数学方面要求的 {data}，所以{route}从你更强的一面出发",
    ),
    # warnings and notes
    "warn.no_pace": (
        "No study time logged yet, so the ETA uses your stated hours per week.",
        "尚未记录学习时间，因此预计时间按你填写的每周学习时长计算。",
    ),
    "warn.include": (
        "{title} is on your include list but cannot be planned: {why}.",
        "{title}在你的必选清单中，但无法安排：{why}。",
    ),
    "warn.no_project": (
        "No portfolio project in the knowledge base fits your languages and current levels yet.",
        "知识库中暂时没有适合你的语言和当前水平的作品集项目。",
    ),
    "warn.prereq": (
        "{title} needs {skill} {level}, which no planned item teaches.",
        "{title}需要{skill} {level}级，但计划中没有内容教授。",
    ),
    "warn.relaxed": (
        "{title} starts before its prerequisites {list} are covered.",
        "{title}在先修内容{list}完成之前就开始了。",
    ),
    "warn.by_late": (
        "Even the smallest plan runs past {date}: what fits is scheduled and the rest deferred.",
        "即使是最精简的计划也会超过{date}：能放下的内容已安排，其余延后。",
    ),
    "deferred.item": (
        "does not fit before {date}; it would close {list}",
        "在{date}之前放不下；它本可以补齐{list}",
    ),
    "deferred.gap": (
        "{skill} stays at {current} of {target} by {date}",
        "到{date}为止，{skill}停留在{target}级中的{current}级",
    ),
    "assumed.note": (
        "Assumed from your background ({background}, {years:g} years), since your profile does not say: {list}. "
        "Set them in your profile if they are wrong.",
        "根据你的背景（{background}，{years:g} 年）推定（你的资料中没有填写）：{list}。如有不符，请在资料中修改。",
    ),
    # where a starting level comes from (plan/explain_levels.py)
    "mark.quiz": ("quiz, {date}", "测验，{date}"),
    "mark.quiz_undated": ("quiz", "测验"),
    "mark.said_too": ("; you said {said}", "；你自评{said}级"),
    "mark.said": ("you said", "你自评"),
    "mark.assumed": ("assumed from your background", "根据你的背景推定"),
    "lvl.marked": ("{skill} {level} ({mark})", "{skill} {level}级（{mark}）"),
    "lvl.plain": ("{skill} {level}", "{skill} {level}级"),
    "start.quiz": ("You are at {skill} {level} ({mark}); {asks}.", "你的{skill}为{level}级（{mark}）；{asks}。"),
    "start.said": ("You said {skill} {level}; {asks}.", "你自评{skill}为{level}级；{asks}。"),
    "start.assumed": (
        "Your profile does not give {skill}, so {level} is assumed from your background; {asks}.",
        "你的资料未填写{skill}，根据你的背景推定为{level}级；{asks}。",
    ),
    "start.many": ("You start from {list}; {asks}.", "你的起点：{list}；{asks}。"),
    "asks.ready": ("the role asks {level}", "岗位要求{level}级"),
    "asks.grow": ("the full role asks {level}", "完整岗位要求{level}级"),
    "asks.ready_many": ("the role asks {list}", "岗位要求{list}"),
    "asks.ready_each": ("the role asks {level} of each", "岗位对每项都要求{level}级"),
    "asks.grow_each": ("the full role asks {level} of each", "完整岗位对每项都要求{level}级"),
    "lvl.group": ("{list} ({mark})", "{list}（{mark}）"),
    "asks.grow_many": ("the full role asks {list}", "完整岗位要求{list}"),
    "builds_on": ("It builds on {list}.", "它建立在你的{list}之上。"),
    "evidenced.note": ("Levels earned in quizzes: {list}.", "测验中取得的水平：{list}。"),
    "and": (" and ", "和"),
    "sep": (", ", "、"),
    "more": ("{n} more", "另外 {n} 项"),
}

SIZE = {"small": ("small", "小型"), "medium": ("medium", "中型"), "large": ("large", "大型")}
BACKGROUND = {
    "none": ("new to programming", "零基础"),
    "student": ("student", "学生"),
    "software_engineer": ("software engineer", "软件工程师"),
    "devops_engineer": ("DevOps engineer", "DevOps工程师"),
    "data_scientist": ("data scientist", "数据科学家"),
    "data_analyst": ("data analyst", "数据分析师"),
    "researcher": ("researcher", "研究人员"),
    "other": ("other", "其他"),
}
SCOPE_ZH = {"resources": "资源", "courses": "课程", "books": "书", "tutorials": "教程", "docs": "文档"}
LANG_NAMES = {"en": ("English", "英文"), "zh": ("Chinese", "中文")}


def lang_of(code: str | None) -> str:
    """``zh`` for any Chinese code, else ``en``."""
    return "zh" if code and code.lower().startswith("zh") else "en"


tr = Catalog(T).tr


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh" else pair[0]


def join(words: Iterable[str], lang: str, limit: int = 4) -> str:
    """``a, b and c`` / ``a、b和c``, with the tail beyond ``limit`` counted."""
    items = list(words)
    if len(items) > limit:
        items = [*items[:limit], tr(lang, "more", n=len(items) - limit)]
    if len(items) <= 1:
        return "".join(items)
    return tr(lang, "sep").join(items[:-1]) + tr(lang, "and") + items[-1]


def sentence_end(text: str, lang: str) -> str:
    """``text`` ending with a full stop of the language."""
    text = text.strip().rstrip(".。")
    return text + ("。" if lang == "zh" else ".")
