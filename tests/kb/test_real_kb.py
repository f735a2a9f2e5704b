"""The embedded knowledge base: valid, complete against the source articles, and above the minimum sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mlroute.kb import KBIndex, default_data_dir, load_problems
from mlroute.kb.index import record_names

COVERAGE = Path(__file__).resolve().parents[1] / "data" / "coverage.yaml"
KIND_OF = {
    "roles": "roles",
    "skills": "skills",
    "resources": "resources",
    "career_actions": "career_actions",
    "routes": "routes",
}


@pytest.fixture(scope="module")
def idx() -> KBIndex:
    kb, problems = load_problems(default_data_dir())
    assert problems == [], "\n".join(map(str, problems))
    assert kb is not None
    return KBIndex(kb)


def coverage_entries() -> list[tuple[str, dict]]:
    data = yaml.safe_load(COVERAGE.read_text(encoding="utf-8"))
    return [(kind, entry) for kind in KIND_OF for entry in data[kind]]


@pytest.mark.parametrize(("kind", "entry"), coverage_entries(), ids=lambda v: v if isinstance(v, str) else v["en"])
def test_every_name_the_articles_use_is_a_record(idx: KBIndex, kind: str, entry: dict) -> None:
    records = getattr(idx.kb, KIND_OF[kind])
    wanted_en = entry["en"].casefold()
    matches = [r for r in records if wanted_en in {n.casefold() for n in record_names(r)}]
    assert matches, f"no {kind} record named {entry['en']!r}"
    if "zh" in entry:
        wanted_zh = entry["zh"].casefold()
        assert any(wanted_zh in {n.casefold() for n in record_names(r)} for r in matches), (
            f"{kind} {entry['en']!r} lacks the Chinese term {entry['zh']!r}"
        )


def test_minimum_sizes(idx: KBIndex) -> None:
    kb = idx.kb
    assert len(kb.skills) >= 200
    assert len(kb.roles) >= 8
    assert len(kb.resources) >= 100
    assert len(kb.projects) >= 20
    assert len(kb.career_actions) >= 16
    assert {r.id for r in kb.routes} == {"software", "platform", "data-science", "from-zero"}


def test_every_pillar_has_skills_and_every_skill_is_reachable(idx: KBIndex) -> None:
    kb = idx.kb
    assert {s.pillar for s in kb.skills} == {
        "programming", "cs-fundamentals", "software-engineering", "data", "math-stats",
        "classic-ml", "deep-learning", "mlops", "domains", "career",
    }  # fmt: skip
    taught = {t.skill for r in kb.resources for t in r.teaches}
    taught |= {s.skill for p in kb.projects for s in p.skills}
    taught |= {s.skill for a in kb.career_actions for s in a.skills}
    required = {q.skill for role in kb.roles for q in role.requirements}
    assert required - taught == set(), "role requirements no resource, project or action teaches"


def test_llm_engineer_role_exists(idx: KBIndex) -> None:
    assert any("llm" in r.id or "ai-engineer" in r.id for r in idx.kb.roles)


def test_aliases_are_not_shared_between_skills(idx: KBIndex) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for s in idx.kb.skills:
        for alias in {a.casefold() for a in [s.name.en, *s.aliases.all()]}:
            if alias in owner and owner[alias] != s.id:
                clashes.append(f"{alias!r}: {owner[alias]} and {s.id}")
            owner.setdefault(alias, s.id)
    assert clashes == []


@pytest.mark.parametrize(
    ("query", "simplified"),
    [("機器學習", "机器学习"), ("推薦系統", "推荐系统"), ("深度學習", "深度学习"), ("資料科學", "数据科学")],
)
def test_search_reads_traditional_chinese_as_simplified(idx: KBIndex, query: str, simplified: str) -> None:
    """The knowledge base is written in Simplified Chinese; a Traditional query (or a Taiwan word: 資料 for 数据)
    finds what the Simplified one finds, with the same scores."""
    from mlroute.services.kb import search

    def hits(text: str) -> list[tuple[str, float]]:
        return [(h.ref, h.score) for h in search(text, limit=5, idx=idx).root]

    assert hits(query) == hits(simplified) != []


def test_search_keeps_the_query_as_typed(idx: KBIndex) -> None:
    from mlroute.services.kb import search, spellings

    assert spellings("PyTorch") == ["PyTorch"]
    assert spellings("機器學習") == ["機器學習", "机器学习"]
    assert spellings("乾淨")[0] == "乾淨"  # 乾 is Simplified too (乾坤): the character map alone could lose it
    assert [h.id for h in search("PyTorch", limit=1, idx=idx).root] == ["pytorch"]
