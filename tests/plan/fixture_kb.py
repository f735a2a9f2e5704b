"""A small but complete knowledge base for planner tests: three routes, a prerequisite chain from programming to
LLM applications, free / paid / Chinese-only / unknown-effort resources, projects and career actions of every
phase. ``fixture_data()`` gives the YAML documents; ``fixture_index()`` the loaded index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlroute.kb.index import KBIndex
from mlroute.kb.loader import load_problems
from tests.conftest import write_kb

PILLAR = {
    "python": "programming",
    "git": "software-engineering",
    "docker": "software-engineering",
    "linear-algebra": "math-stats",
    "probability": "math-stats",
    "statistics": "math-stats",
    "pandas": "data",
    "machine-learning-fundamentals": "classic-ml",
    "deep-learning": "deep-learning",
    "pytorch": "deep-learning",
    "model-deployment": "mlops",
    "llm-applications": "domains",
    "computer-vision": "domains",
    "communication": "career",
}
PREREQS = {
    "pandas": [("python", 2)],
    "statistics": [("probability", 2)],
    "machine-learning-fundamentals": [("python", 2), ("linear-algebra", 2), ("statistics", 2)],
    "deep-learning": [("machine-learning-fundamentals", 2)],
    "pytorch": [("python", 2), ("deep-learning", 1)],
    "model-deployment": [("docker", 2), ("machine-learning-fundamentals", 2)],
    "llm-applications": [("deep-learning", 2), ("python", 3)],
    "computer-vision": [("deep-learning", 2)],
}


def _skill(sid: str) -> dict[str, Any]:
    return {
        "id": sid,
        "name": {"en": sid.replace("-", " ").title(), "zh": f"技能{sid}"},
        "pillar": PILLAR[sid],
        "description": {"en": f"The skill {sid}."},
        "prerequisites": [{"skill": s, "level": lvl} for s, lvl in PREREQS.get(sid, [])],
    }


def _res(
    rid: str,
    teaches: dict[str, int],
    *,
    hours: float | None,
    kind: str = "course",
    cost: str = "free",
    price: float | None = None,
    langs: tuple[str, ...] = ("en",),
    prereqs: dict[str, int] | None = None,
    fmt: str = "videos and exercises",
) -> dict[str, Any]:
    effort: dict[str, Any] = {"basis": "unknown"}
    if hours is not None:
        effort = {
            "basis": "provider",
            "stated": f"about {hours:g} hours",
            "source": f"https://example.org/{rid}",
            "hours": hours,
            "conversion": "as stated",
        }
    c: dict[str, Any] = {"kind": cost}
    if price is not None:
        c["price_usd"] = price
    return {
        "id": rid,
        "title": rid.replace("-", " ").title(),
        "provider": "Example",
        "url": f"https://example.org/{rid}",
        "kind": kind,
        "format": fmt,
        "cost": c,
        "languages": list(langs),
        "teaches": [{"skill": s, "level": lvl} for s, lvl in teaches.items()],
        "prerequisites": [{"skill": s, "level": lvl} for s, lvl in (prereqs or {}).items()],
        "effort": effort,
        "sources": [f"https://example.org/{rid}"],
    }


RUBRIC = [{"id": r, "text": {"en": r}} for r in ("deployed", "front-end", "readme", "tests", "write-up", "metric")]


def _proj(pid: str, domain: str, skills: dict[str, int], prereqs: dict[str, int], size: str, hours: float):
    return {
        "id": pid,
        "title": {"en": pid.replace("-", " ").title(), "zh": f"项目{pid}"},
        "domain": domain,
        "summary": {"en": f"Build {pid}."},
        "skills": [{"skill": s, "level": lvl} for s, lvl in skills.items()],
        "prerequisites": [{"skill": s, "level": lvl} for s, lvl in prereqs.items()],
        "size": size,
        "hours": hours,
        "hours_basis": "four weekends of work",
        "rubric": RUBRIC,
    }


def _act(
    aid: str,
    phase: str,
    hours: float,
    *,
    routes=("software", "platform", "data-science", "from-zero"),
    backgrounds=(),
    employer=False,
    after=(),
    skills=None,
    weeks=None,
):
    extra = {"weeks": weeks, "weeks_basis": "article 002"} if weeks else {}
    return {
        **extra,
        "id": aid,
        "title": {"en": aid.replace("-", " ").capitalize(), "zh": f"行动{aid}"},
        "description": {"en": f"Do {aid}.", "zh": f"完成{aid}。"},
        "phase": phase,
        "routes": list(routes),
        "backgrounds": list(backgrounds),
        "requires_employer": employer,
        "evidence": {"en": f"evidence of {aid}", "zh": f"{aid}的证据"},
        "hours": hours,
        "hours_basis": "estimate",
        "after": list(after),
        "skills": [{"skill": s, "level": lvl} for s, lvl in (skills or {}).items()],
        "source": "articles/002",
    }


def _phase(
    pid: str, pillars: list[str], entry: dict[str, int] | None = None, picks: list[list[str]] | None = None
) -> dict[str, Any]:
    return {
        "id": pid,
        "name": {"en": pid.replace("-", " ").title(), "zh": f"阶段{pid}"},
        "description": {"en": f"Phase {pid}.", "zh": f"阶段{pid}的说明。"},
        "pillars": pillars,
        "entry": [{"skill": s, "level": lvl} for s, lvl in (entry or {}).items()],
        "picks": [
            {"one_of": ids, "why": {"en": "The article recommends it.", "zh": "文章推荐它。"}, "source": "articles/001"}
            for ids in (picks or [])
        ],
    }


def fixture_data() -> dict[str, dict]:
    resources = [
        _res("python-101", {"python": 3, "git": 1}, hours=60),
        _res("python-fast", {"python": 2}, hours=20, kind="tutorial"),
        _res("git-guide", {"git": 2}, hours=4, kind="tutorial"),
        _res("docker-docs", {"docker": 2}, hours=None, kind="docs"),
        _res("math-for-ml", {"linear-algebra": 2, "probability": 2, "statistics": 2}, hours=50, prereqs={"python": 1}),
        _res("stats-book", {"probability": 3, "statistics": 3}, hours=80, kind="book"),
        _res("pandas-course", {"pandas": 3}, hours=15, prereqs={"python": 2}),
        {
            **_res(
                "ml-course", {"machine-learning-fundamentals": 3}, hours=90, prereqs={"python": 2, "linear-algebra": 1}
            ),
            "endorsements": [
                {"by": "article 001", "text": {"en": "Start here.", "zh": "从这里开始。"}, "source": "articles/001"}
            ],
        },
        _res("ml-paid", {"machine-learning-fundamentals": 3}, hours=40, cost="paid", price=49, prereqs={"python": 2}),
        _res(
            "dl-course",
            {"deep-learning": 3, "pytorch": 2},
            hours=100,
            prereqs={"machine-learning-fundamentals": 2, "python": 2},
        ),
        _res(
            "dl-zh",
            {"deep-learning": 3, "pytorch": 3},
            hours=70,
            langs=("zh",),
            prereqs={"machine-learning-fundamentals": 2},
        ),
        _res("pytorch-paid-only", {"pytorch": 4}, hours=30, cost="paid", price=199, prereqs={"deep-learning": 2}),
        _res(
            "mlops-course",
            {"model-deployment": 3, "docker": 2},
            hours=40,
            prereqs={"machine-learning-fundamentals": 2, "python": 2},
        ),
        _res("llm-course", {"llm-applications": 3}, hours=25, prereqs={"deep-learning": 2, "python": 3}),
        _res("vision-course", {"computer-vision": 3}, hours=30, cost="free-to-audit", prereqs={"deep-learning": 2}),
        _res("talk-well", {"communication": 3}, hours=None, kind="video-series"),
    ]
    projects = [
        _proj(
            "rag-assistant",
            "llm-applications",
            {"llm-applications": 3, "model-deployment": 2},
            {"deep-learning": 2, "python": 3},
            "large",
            80,
        ),
        _proj(
            "image-classifier",
            "computer-vision",
            {"computer-vision": 2, "pytorch": 3},
            {"deep-learning": 2},
            "medium",
            40,
        ),
        _proj(
            "churn-model",
            "machine-learning-fundamentals",
            {"machine-learning-fundamentals": 3, "pandas": 2},
            {"python": 2},
            "small",
            20,
        ),
    ]
    actions = [
        _act("clarify-motivation", "start", 3),
        _act("find-a-mentor", "start", 4, after=["clarify-motivation"]),
        _act("transition-plan", "foundations", 4, employer=True, routes=("software", "platform", "data-science")),
        _act(
            "small-ml-tasks",
            "foundations",
            30,
            employer=True,
            routes=("software", "platform", "data-science"),
            skills={"model-deployment": 1},
            after=["transition-plan"],
            weeks=12,
        ),
        _act("join-hackathon", "specialise", 16),
        _act("learn-in-public", "throughout", 20, skills={"communication": 2}),
        _act("prepare-interviews", "before-applying", 30),
        _act("apply-for-jobs", "job-search", 15, after=["prepare-interviews"]),
        _act("devops-only", "core", 5, backgrounds=("devops_engineer",), routes=("platform",)),
    ]
    routes = [
        {
            "id": "software",
            "name": {"en": "Software engineering route", "zh": "软件工程路线"},
            "description": {"en": "From software to ML."},
            "backgrounds": ["software_engineer"],
            "phases": [
                _phase("foundations", ["programming", "software-engineering", "data"]),
                _phase("maths", ["math-stats"]),
                _phase("classic-ml", ["classic-ml"], picks=[["ml-course", "ml-paid"]]),
                _phase("deep-learning", ["deep-learning"]),
                _phase("mlops", ["mlops"]),
                _phase("specialise", ["domains", "career"]),
            ],
            "source": "articles/001",
        },
        {
            "id": "platform",
            "name": {"en": "Platform route", "zh": "平台路线"},
            "description": {"en": "From DevOps to ML."},
            "backgrounds": ["devops_engineer"],
            "phases": [
                _phase("bridge", ["deep-learning", "mlops", "classic-ml", "programming"], picks=[["dl-course"]]),
                _phase("maths-data", ["math-stats", "data"]),
                _phase("build", ["domains", "software-engineering"]),
                _phase("apply", ["career"]),
            ],
            "source": "articles/000",
        },
        {
            "id": "data-science",
            "name": {"en": "Data science route", "zh": "数据科学路线"},
            "description": {"en": "From data to ML engineering."},
            "backgrounds": ["data_scientist", "data_analyst", "researcher"],
            "phases": [
                _phase("maths-data", ["math-stats", "data"]),
                _phase("ml", ["classic-ml", "deep-learning"]),
                _phase("engineering", ["programming", "software-engineering", "mlops"]),
                _phase("specialise", ["domains", "career"]),
            ],
            "source": "articles/001",
        },
        {
            "id": "from-zero",
            "name": {"en": "From zero", "zh": "从零开始学习"},
            "description": {"en": "Everything from programming up."},
            "backgrounds": ["none", "student", "other"],
            "phases": [
                _phase("programming", ["programming", "software-engineering"]),
                _phase("maths-data", ["math-stats", "data"]),
                _phase("ml", ["classic-ml", "deep-learning"]),
                _phase("specialise", ["mlops", "domains", "career"]),
            ],
            "source": "articles/001",
        },
    ]
    role = {
        "id": "ml-engineer",
        "name": {"en": "Machine Learning Engineer", "zh": "机器学习工程师"},
        "description": {"en": "Builds ML products."},
        "rationale": {"en": "Code, data and models."},
        "requirements": [
            {"skill": "python", "level": 3, "entry": 3, "weight": 1.0},
            {"skill": "git", "level": 2, "entry": 1, "weight": 0.6},
            {"skill": "machine-learning-fundamentals", "level": 3, "entry": 2, "weight": 1.0},
            {"skill": "deep-learning", "level": 3, "entry": 2, "weight": 0.9},
            {"skill": "pytorch", "level": 2, "entry": 2, "weight": 0.8},
            {"skill": "model-deployment", "level": 3, "entry": 2, "weight": 0.9},
            {"skill": "communication", "level": 2, "entry": 1, "weight": 0.5},
            {"skill": "statistics", "level": 2, "entry": 1, "weight": 0.3},
        ],
    }
    return {
        "meta": {"version": "fixture.1", "updated": "2026-11-22", "description": "planner fixture"},
        "skills": {"skills": [_skill(s) for s in PILLAR]},
        "roles": {"roles": [role]},
        "resources": {"resources": resources},
        "projects": {"projects": projects},
        "career_actions": {"career_actions": actions},
        "routes": {"routes": routes},
    }


def write_fixture_kb(root: Path, data: dict[str, dict] | None = None) -> Path:
    return write_kb(root, data if data is not None else fixture_data())


_CACHE: dict[str, KBIndex] = {}


def index_from(root: Path) -> KBIndex:
    kb, problems = load_problems(root)
    assert not problems, problems
    assert kb is not None
    return KBIndex(kb)


def fixture_index(tmp_root: Path | None = None) -> KBIndex:
    """The fixture as a validated index (built once per process)."""
    if "kb" not in _CACHE:
        import tempfile

        root = Path(tempfile.mkdtemp(prefix="mlroute-fixture-")) if tmp_root is None else tmp_root
        _CACHE["kb"] = index_from(write_fixture_kb(root))
    return _CACHE["kb"]
