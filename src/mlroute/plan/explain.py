"""The sentences that say why each item is in the plan, and why a gap cannot be closed, in the plan's language.

Every reason is built from facts the planner used (gaps, hours, prices, alternatives, route recommendations,
endorsements), never from a template that could be true of any item. Items are named by their titles, never by
their ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mlroute.kb.index import KBIndex
from mlroute.kb.models import CareerAction
from mlroute.plan import words
from mlroute.plan.candidates import Candidate
from mlroute.plan.effort import Effort, Price
from mlroute.plan.gap import Gap
from mlroute.plan.words import join, sentence_end, tr


def skill_name(skill: str, index: KBIndex, lang: str = "en") -> str:
    rec = index.skills.get(skill)
    return rec.name.get(lang) if rec else skill


def item_title(ref: str, index: KBIndex, lang: str = "en") -> str:
    """The display title of a ``res:``/``proj:``/``act:`` reference in the plan's language."""
    prefix, _, rid = ref.partition(":")
    if prefix == "res" and rid in index.resources:
        r = index.resources[rid]
        return r.title_zh if lang == "zh" and r.title_zh else r.title
    if prefix == "proj" and rid in index.projects:
        return index.projects[rid].title.get(lang)
    if prefix == "act" and rid in index.career_actions:
        return index.career_actions[rid].title.get(lang)
    return rid or ref


def effort_note(e: Effort, lang: str) -> str:
    if e.basis == "default":
        scope_zh = words.SCOPE_ZH.get(e.sample_scope, "资源")
        text = tr(
            lang,
            "effort.default",
            levels=e.levels,
            rate=e.rate,
            n=e.sample,
            scope=e.sample_scope,
            scope_zh=scope_zh,
            h=e.figure,
        )
    elif e.scope == "video":
        text = tr(lang, "effort.video", raw=e.raw, h=e.figure)
    elif e.basis in ("provider", "third-party", "derived"):
        key = f"effort.{e.basis}" if e.stated or e.basis != "provider" else "effort.provider_plain"
        text = tr(lang, key, h=e.figure, stated=e.stated)
    else:
        text = tr(lang, "effort.estimate", h=e.figure, basis=e.basis_text)
    if e.needs_check:
        text += ("；" if lang == "zh" else "; ") + tr(lang, "effort.check")
    if e.known_share > 0:
        text += ("；" if lang == "zh" else "; ") + tr(lang, "effort.known", pct=f"{e.known_share:.0%}", h=e.hours)
    return text


def price_note(p: Price, lang: str) -> str:
    if p.kind in ("free", "free-to-audit"):
        return tr(lang, f"price.{p.kind}")
    if p.kind == "paid-default":
        key = "price.paid-default" if p.sample else "price.paid-fallback"
        return tr(lang, key, usd=p.usd, n=p.sample)
    if p.per_month:
        return tr(lang, "price.month", per=p.per_month, months=p.months, usd=p.usd)
    return tr(lang, "price.paid", usd=p.usd)


def closes_text(closes: Sequence[str], levels: Mapping[str, tuple[int, int]], index: KBIndex, lang: str) -> str:
    """``Python 2→3, Docker 1→2``: each skill from the level the plan has reached before the item to the level
    after it."""
    return join([f"{skill_name(s, index, lang)} {levels[s][0]}→{levels[s][1]}" for s in closes], lang)


@dataclass(frozen=True)
class Alternative:
    ref: str
    hours: float
    key: str  # a words key
    fields: tuple[tuple[str, object], ...] = ()


def resource_why(
    cand: Candidate,
    closes: Sequence[str],
    advances: Sequence[str],
    steps: Mapping[str, tuple[int, int]],
    *,
    needed_by: Sequence[str],
    main: tuple[str, int] | None,
    alternatives: Sequence[Alternative],
    pick_why: str | None,
    endorsements: Sequence[tuple[str, str]],
    grow: Sequence[str],
    index: KBIndex,
    lang: str,
    start: str = "",
) -> str:
    """``start``: where the skills it raises start (``explain_levels``), said right after what it raises."""
    out: list[str] = []
    if cand.forced:
        out.append(tr(lang, "why.include"))
    if closes:
        out.append(tr(lang, "why.closes", list=closes_text(closes, steps, index, lang)))
    if advances:
        out.append(tr(lang, "why.raises", list=join([skill_name(s, index, lang) for s in advances], lang)))
    if start:
        out.append(start)
    if grow:
        out.append(tr(lang, "why.grow", list=join([skill_name(s, index, lang) for s in grow], lang)))
    if needed_by:
        out.append(tr(lang, "why.needed_by", list=join([item_title(r, index, lang) for r in needed_by], lang)))
    if pick_why:
        out.append(sentence_end(tr(lang, "why.pick", why=pick_why), lang))
    for by, text in endorsements[:1]:
        out.append(sentence_end(tr(lang, "why.endorsed", by=by, text=text), lang))
    if main and alternatives:
        alts = ("；" if lang == "zh" else "; ").join(
            f"{item_title(a.ref, index, lang)} ({a.hours:g} h: {tr(lang, a.key, **dict(a.fields))})"
            for a in alternatives
        )
        out.append(tr(lang, "why.options", skill=skill_name(main[0], index, lang), level=main[1], alts=alts))
        if len(closes) > 1:
            out.append(tr(lang, "why.more_gaps"))
    elif main and closes:
        out.append(tr(lang, "why.only", skill=skill_name(main[0], index, lang), level=main[1]))
    out.append(tr(lang, "why.effort", note=effort_note(cand.effort, lang)))
    if cand.price.usd > 0:
        out.append(tr(lang, "why.cost", note=price_note(cand.price, lang)))
    if cand.penalty_notes:
        out.append(tr(lang, "why.note", list=join([tr(lang, k, **f) for k, f in cand.penalty_notes], lang)))
    return ("" if lang == "zh" else " ").join(out)


def project_why(
    cand: Candidate,
    closes: Sequence[str],
    steps: Mapping[str, tuple[int, int]],
    flagship_reason: str | None,
    index: KBIndex,
    lang: str,
    only_by_building: Sequence[str] = (),
    gaps: Mapping[str, Gap] | None = None,
    *,
    start: str = "",
) -> str:
    out: list[str] = []
    if flagship_reason:
        out.append(flagship_reason)
    elif cand.forced:
        out.append(tr(lang, "why.include"))
    elif only_by_building:
        names = join([f"{skill_name(s, index, lang)} {steps[s][1]}" for s in only_by_building], lang)
        out.append(tr(lang, "proj.only_building", list=names))
    else:
        out.append(tr(lang, "proj.cheaper"))
    if closes:
        out.append(tr(lang, "proj.closes", list=closes_text(closes, steps, index, lang)))
    if start:
        out.append(start)
    out.append(tr(lang, "proj.done"))
    out.append(tr(lang, "why.effort", note=effort_note(cand.effort, lang)))
    return ("" if lang == "zh" else " ").join(out)


def action_why(
    action: CareerAction,
    closes: Sequence[str],
    steps: Mapping[str, tuple[int, int]],
    route_name: str,
    index: KBIndex,
    lang: str,
    study_hours: float,
    start: str = "",
) -> str:
    when = tr(lang, f"act.when.{action.phase}")
    out = [sentence_end(action.description.get(lang), lang), tr(lang, "act.placed", when=when, route=route_name)]
    if closes:
        out.append(tr(lang, "why.closes", list=closes_text(closes, steps, index, lang)))
    if start:
        out.append(start)
    out.append(tr(lang, "act.evidence", text=action.evidence.get(lang).strip().rstrip(".。")))
    if study_hours == 0:
        key = "act.at_work" if (action.weeks or 1) > 1 else "act.at_work_once"
        out.append(tr(lang, key, weeks=action.weeks or 1, h=action.hours))
    else:
        out.append(tr(lang, "act.effort", h=study_hours, basis=action.hours_basis.strip().rstrip(".")))
    return ("" if lang == "zh" else " ").join(out)


def flagship_reason(
    size: str, domain: str, match: int, interest_names: Sequence[str], has_interests: bool, lang: str
) -> str:
    parts = [tr(lang, "proj.size", size=words.pick(words.SIZE[size], lang))]
    if match == 3:
        parts.append(tr(lang, "proj.interest", domain=domain))
    elif match == 2:
        parts.append(tr(lang, "proj.exercises", domain=domain, list=join(list(interest_names), lang)))
    elif match:
        parts.append(tr(lang, "proj.linked", domain=domain))
    elif has_interests:
        parts.append(tr(lang, "proj.no_match", domain=domain))
    else:
        parts.append(tr(lang, "proj.most_gaps", domain=domain))
    return tr(lang, "proj.flagship", parts=("，" if lang == "zh" else ", ").join(parts))


def not_closable_reason(
    gap: Gap,
    target: int,
    reachable_level: int,
    index: KBIndex,
    excluded: Mapping[str, str],
    unusable: Mapping[str, Mapping[str, int]],
    finished: set[str],
    budget_bound: bool,
    lang: str,
    slots_full: bool = False,
    hours: Mapping[str, float] | None = None,
) -> str:
    """Why nothing in the plan can take ``gap.skill`` to ``target``."""
    name = skill_name(gap.skill, index, lang)
    teachers = [
        f"res:{r.id}" for r in index.kb.resources if any(t.skill == gap.skill and t.level >= target for t in r.teaches)
    ]
    teachers += [
        f"proj:{p.id}" for p in index.kb.projects if any(t.skill == gap.skill and t.level >= target for t in p.skills)
    ]
    teachers = [t for t in teachers if t not in finished]
    if budget_bound and reachable_level >= target:
        return tr(lang, "nc.budget", skill=name)
    if not teachers:
        best = max(
            [t.level for r in index.kb.resources for t in r.teaches if t.skill == gap.skill]
            + [t.level for p in index.kb.projects for t in p.skills if t.skill == gap.skill]
            + [0]
        )
        best = max(best, reachable_level)
        if best == 0:
            return tr(lang, "nc.nothing", skill=name)
        return tr(lang, "nc.beyond", skill=name, level=best)
    reasons: list[str] = []
    for ref in teachers[:3]:
        title = item_title(ref, index, lang)
        if ref in excluded:
            reasons.append(tr(lang, "nc.excluded", title=title, why=excluded[ref]))
        elif ref in unusable:
            missing = join([f"{skill_name(s, index, lang)} {lvl}" for s, lvl in sorted(unusable[ref].items())], lang)
            reasons.append(tr(lang, "nc.needs", title=title, list=missing))
        elif ref.startswith("proj:") and slots_full:
            reasons.append(tr(lang, "nc.slots", title=title))
        elif hours and ref in hours:
            reasons.append(tr(lang, "nc.heavy", title=title, h=hours[ref]))
    more = tr(lang, "nc.more", n=len(teachers) - 3) if len(teachers) > 3 else ""
    reach = tr(lang, "nc.reach", level=reachable_level, target=target) if reachable_level else tr(lang, "nc.cannot")
    sep = "；" if lang == "zh" else "; "
    return tr(
        lang, "nc.only", n=len(teachers), skill=name, target=target, reasons=sep.join(reasons), more=more, reach=reach
    )
