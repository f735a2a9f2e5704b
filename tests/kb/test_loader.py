"""Loading reports every problem located by file, record and field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from mlroute.kb import KBInvalid, load_kb, load_problems
from tests.conftest import MINI_KB, write_kb


def problems_for(tmp_path: Path, mutate) -> list[str]:
    data = copy.deepcopy(MINI_KB)
    mutate(data)
    _, problems = load_problems(write_kb(tmp_path / "kb", data))
    return [str(p) for p in problems]


def test_mini_kb_is_valid(mini_kb_dir: Path) -> None:
    kb, problems = load_problems(mini_kb_dir)
    assert problems == []
    assert kb is not None and [s.id for s in kb.skills][:1] == ["python"]


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb")
    (root / "roles.yaml").write_text("roles:\n  - id: x\n   bad: [", encoding="utf-8")
    _, problems = load_problems(root)
    assert any(p.file == "roles.yaml" and "malformed YAML at line" in p.message for p in problems)


def test_unknown_field_names_record_and_field(tmp_path: Path) -> None:
    msgs = problems_for(tmp_path, lambda d: d["skills"]["skills"][0].update(colour="red"))
    assert any("skills.yaml · python · colour" in m for m in msgs)


def test_missing_chinese_name(tmp_path: Path) -> None:
    msgs = problems_for(tmp_path, lambda d: d["skills"]["skills"][1]["name"].pop("zh"))
    assert any("linear-algebra · name.zh" in m for m in msgs)


def test_dangling_reference(tmp_path: Path) -> None:
    def mutate(d):
        d["roles"]["roles"][0]["requirements"].append({"skill": "pytorch", "level": 2, "weight": 0.5})

    msgs = problems_for(tmp_path, mutate)
    assert any("ml-engineer · requirements: unknown skill id 'pytorch'" in m for m in msgs)


def test_prerequisite_cycle(tmp_path: Path) -> None:
    def mutate(d):
        d["skills"]["skills"][0]["prerequisites"] = [{"skill": "machine-learning-fundamentals", "level": 1}]

    msgs = problems_for(tmp_path, mutate)
    assert any("prerequisite cycle" in m and "python" in m for m in msgs)


def test_duplicate_id(tmp_path: Path) -> None:
    msgs = problems_for(tmp_path, lambda d: d["skills"]["skills"].append(copy.deepcopy(d["skills"]["skills"][0])))
    assert any("duplicate skills id" in m for m in msgs)


def test_level_out_of_range(tmp_path: Path) -> None:
    msgs = problems_for(tmp_path, lambda d: d["roles"]["roles"][0]["requirements"][0].update(level=5))
    assert any("requirements.0.level" in m for m in msgs)


def test_effort_needs_source(tmp_path: Path) -> None:
    msgs = problems_for(tmp_path, lambda d: d["resources"]["resources"][0]["effort"].pop("source"))
    assert any("ml-course · effort" in m and "source" in m for m in msgs)


def test_unknown_effort_must_not_carry_hours(tmp_path: Path) -> None:
    msgs = problems_for(tmp_path, lambda d: d["resources"]["resources"][0]["effort"].update(basis="unknown"))
    assert any("basis 'unknown' must not carry hours" in m for m in msgs)


def test_resource_needs_url(tmp_path: Path) -> None:
    msgs = problems_for(tmp_path, lambda d: d["resources"]["resources"][0].pop("url"))
    assert any("ml-course · url" in m for m in msgs)


def test_load_kb_raises_with_every_problem(tmp_path: Path) -> None:
    data = copy.deepcopy(MINI_KB)
    data["skills"]["skills"][0]["pillar"] = "cooking"
    data["resources"]["resources"][0]["url"] = "not a url"
    with pytest.raises(KBInvalid) as info:
        load_kb(write_kb(tmp_path / "kb", data))
    assert len(info.value.problems) >= 2
    assert "pillar" in str(info.value) and "url" in str(info.value)


def test_folded_chinese_text_has_no_spaces_where_lines_were_joined() -> None:
    from mlroute.kb.loader import unfold_cjk

    folded = {"zh": "与从事这些工作的人聊聊他们的日常， 并阅读要求。", "en": "talk to people, and read"}
    assert unfold_cjk(folded) == {
        "zh": "与从事这些工作的人聊聊他们的日常，并阅读要求。",
        "en": "talk to people, and read",
    }
    assert unfold_cjk(["用 Python 处理 数据", 3]) == ["用 Python 处理数据", 3]  # spaces beside Latin stay


def test_no_chinese_text_in_the_knowledge_base_keeps_a_folded_space() -> None:
    import re

    from mlroute.kb.loader import _CJK

    kb = load_kb()
    records = [*kb.skills, *kb.career_actions, *kb.resources, *kb.projects, *kb.interview_questions, *kb.quiz_items]
    texts = [v for r in records for v in _strings(r.model_dump())]
    assert texts and not [t for t in texts if re.search(f"[{_CJK}]\\s+[{_CJK}]", t)]


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []
