"""The bilingual gold set stays usable: it parses, is large enough, and names only skills of the knowledge base."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from mlroute.kb import KBIndex, load_kb

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction" / "gold_set.py"


def _gold_set_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gold_set", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gold_set"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_gold_set_is_valid() -> None:
    gold = _gold_set_module()
    items = gold.parse(SCRIPT.parent / "gold" / "bilingual.txt")
    assert len(items) >= 300
    langs = {i.lang for i in items}
    assert {"en", "zh", "zh-tw"} <= langs and {i.kind for i in items} == {"posting", "resume"}
    known = set(KBIndex(load_kb()).skills)
    unknown = {s for i in items for s in (*i.skills, *i.traps)} - known
    assert not unknown, unknown
    for item in items:
        for skill, a in item.skills.items():
            assert item.kind == "posting" or a["requirement"] == "unknown", (item.text, skill)


def test_scoring_counts_each_cue() -> None:
    gold = _gold_set_module()
    item = gold.Gold(
        "x",
        "en",
        "posting",
        "t",
        {"python": {"requirement": "required", "negated": False, "hedged": False, "level": 3, "alternative": False}},
        {"git"},
    )
    perfect = gold.score([item], [dict(item.skills)])
    assert perfect["skills"]["f1"] == 100.0 and perfect["level"]["recall"] == 100.0
    wrong = gold.score([item], [{"git": dict(item.skills["python"])}])
    assert wrong["skills"]["precision"] == 0.0 and wrong["traps avoided"]["share"] == 0.0


def test_the_benchmark_runs_on_a_few_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLROUTE_KB", raising=False)
    gold = _gold_set_module()
    items = gold.parse(SCRIPT.parent / "gold" / "bilingual.txt")[:6]
    model, predicted = gold.predict(items, "none")
    assert model is None and len(predicted) == 6
    assert gold.score(items, predicted)["skills"]["gold"] > 0
