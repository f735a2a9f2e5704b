"""Names in the document's language: skills, roles, routes, phases, items and milestones.

Knowledge-base records carry both languages (``name.zh``); plan items carry ``title_en`` and ``title_zh``; plan
phases ``name_en`` and ``name_zh``. Without the knowledge base (``None``) ids and the plan's own words stand in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mlroute.plan import words as plan_words

if TYPE_CHECKING:
    from mlroute.kb.index import KBIndex


@dataclass(frozen=True)
class Names:
    kb: KBIndex | None
    lang: str

    def skill(self, skill: str) -> str:
        rec = self.kb.skills.get(skill) if self.kb else None
        return rec.name.get(self.lang) if rec else skill

    def skills(self, ids: list[str]) -> list[str]:
        return [self.skill(s) for s in ids]

    def role(self, role_id: str) -> str:
        rec = self.kb.roles.get(role_id) if self.kb else None
        return rec.name.get(self.lang) if rec else role_id.replace("-", " ").title()

    def item(self, item: Mapping[str, Any]) -> str:
        """An item's title: ``title_zh`` in Chinese, ``title_en`` in English, else the plan's ``title``."""
        key = "title_zh" if self.lang == "zh" else "title_en"
        return str(item.get(key) or item.get("title") or item.get("id", ""))

    def background(self, background: str) -> str:
        pair = plan_words.BACKGROUND.get(background)
        return plan_words.pick(pair, self.lang) if pair else background.replace("_", " ")

    def route(self, plan: Mapping[str, Any]) -> str:
        rid = str(plan.get("route") or "")
        rec = self.kb.routes.get(rid) if self.kb and rid else None
        if rec:
            return rec.name.get(self.lang)
        return str(plan.get("route_name") or rid.replace("-", " ").title())

    def phase(self, phase: Mapping[str, Any] | str) -> str:
        if isinstance(phase, str):
            return phase
        name = phase.get(f"name_{self.lang}") or phase.get("name") or phase.get("id") or ""
        return str(name.get(self.lang, "") if isinstance(name, dict) else name)

    def milestone(self, milestone: Mapping[str, Any], phases: Mapping[str, Mapping[str, Any]]) -> str:
        """The planner's milestone titles (``plan.words``), in this language."""
        mid = str(milestone.get("id", ""))
        if mid in ("ready", "grow"):
            return plan_words.tr(self.lang, f"ms.{mid}")
        phase = phases.get(str(milestone.get("phase") or mid.removeprefix("phase:")))
        if phase is not None:
            return plan_words.tr(self.lang, "ms.phase", phase=self.phase(phase))
        return str(milestone.get("title") or mid)

    def project_summary(self, item_id: str) -> str:
        """The knowledge base's summary of a project, without the asides about its source articles."""
        rec = self.kb.projects.get(item_id.partition(":")[2]) if self.kb else None
        return without_sources(rec.summary.get(self.lang), self.lang) if rec else ""

    def rubric(self, item_id: str) -> list[str]:
        rec = self.kb.projects.get(item_id.partition(":")[2]) if self.kb else None
        return [line.text.get(self.lang) for line in rec.rubric] if rec else []


SOURCE_MENTION = re.compile(r"[Aa]rticle \d{3}|文章\s?\d{3}")


def without_sources(text: str, lang: str) -> str:
    """``text`` without the sentences that cite the source articles ("Article 001 says…"): a reader of the
    document has not read them. A sentence that cites one only before a colon keeps what follows the colon."""
    stop, colon = ("。", "：") if lang == "zh" else (". ", ": ")
    kept = []
    for sentence in (s.strip() for s in text.split(stop)):
        if sentence and SOURCE_MENTION.search(sentence):
            _, sep, rest = sentence.partition(colon)
            if not (sep and rest and not SOURCE_MENTION.search(rest)):
                continue
            sentence = rest[:1].upper() + rest[1:]
        if sentence:
            kept.append(sentence)
    out = stop.join(kept).strip()
    if lang == "zh":
        out = re.sub(r"([，、。；：])\s+", r"\1", out)  # stray spaces after full-width punctuation
    end = "。" if lang == "zh" else "."
    return out if not out or out.endswith((".", "。", "!", "?")) else out + end
