"""Reading profiles: valid files in both formats, and invalid ones that name field, value and what is allowed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.errors import UnknownIdError, UserError
from mlroute.profile import Profile, ProfileInvalid, check_profile_ids, dump_profile, load_profile, parse_profile
from tests.plan.fixture_kb import fixture_index

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_issue_example_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
name: Alex
background: software_engineer   # a comment
years_experience: 6
hours_per_week: 10
start_date: 2026-12-07
target_role: ml-engineer
interests: [nlp, llm-apps]
budget_usd: 0
languages: [en]
skills: {python: 3, git: 3}
""",
    )
    p = load_profile(path)
    assert p.background == "software_engineer"
    assert p.start_date == dt.date(2026, 12, 7)
    assert p.skills == {"python": 3, "git": 3}
    assert p.has_employer


def test_json_profile_and_prefixed_ids(tmp_path: Path) -> None:
    data = {
        "background": "none",
        "skills": {"skill:python": 1},
        "interests": ["skill:nlp"],
        "target_role": "role:ml-engineer",
        "preferences": {"include": ["res:x", "proj:y"], "exclude": ["z"]},
    }
    p = load_profile(write(tmp_path, json.dumps(data), "p.json"))
    assert p.skills == {"python": 1}
    assert p.interests == ["nlp"]
    assert p.target_role == "ml-engineer"
    assert p.preferences.include == ["res:x", "proj:y"]
    assert p.preferences.exclude == ["res:z"], "a bare id names a resource"
    assert not p.has_employer


def test_empty_file_is_all_defaults(tmp_path: Path) -> None:
    p = load_profile(write(tmp_path, ""))
    assert p == Profile()
    assert p.hours_per_week == 10 and p.languages == ["en"] and p.target_role == "ml-engineer"


@pytest.mark.parametrize(
    ("text", "field", "value", "allowed"),
    [
        ("background: devops", "background", "'devops'", "devops_engineer"),
        ("skills: {python: 7}", "skills.python", "7", "level 0–4"),
        ("hours_per_week: -3", "hours_per_week", "-3", "hours from 0 to 100"),
        ("hours: 10", "hours", "10", "hours_per_week"),
        ("start_date: next week", "start_date", "'next week'", "YYYY-MM-DD"),
        ("languages: []", "languages", "[]", "non-empty list"),
        ("budget_usd: lots", "budget_usd", "'lots'", "a number"),
        ("preferences: {kinds: [podcast]}", "preferences.kinds.0", "'podcast'", "video-series"),
    ],
)
def test_bad_field_names_field_value_and_allowed(tmp_path: Path, text: str, field: str, value: str, allowed: str):
    with pytest.raises(ProfileInvalid) as err:
        load_profile(write(tmp_path, text))
    msg = str(err.value)
    line = next(line for line in msg.splitlines() if line.strip().startswith(f"- {field}:"))
    assert value in line and allowed in line, msg
    assert err.value.exit_code == 2


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    with pytest.raises(ProfileInvalid) as err:
        load_profile(write(tmp_path, "background: x\nhours_per_week: 500\nskills: {python: 9}"))
    assert len(err.value.problems) == 3


def test_availability_before_start_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ProfileInvalid, match="before start_date"):
        load_profile(write(tmp_path, "start_date: 2027-01-04\navailability: {2026-12-28: 0}"))


@pytest.mark.parametrize(
    ("text", "match"),
    [("skills: {python: 3", "not valid YAML at line"), ("- just\n- a list", "expected a mapping")],
)
def test_unreadable_files(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(UserError, match=match):
        load_profile(write(tmp_path, text))


def test_bad_json_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not valid JSON"):
        load_profile(write(tmp_path, "{'a': 1}", "p.json"))
    with pytest.raises(UserError, match="does not exist"):
        load_profile(tmp_path / "nope.yaml")


def test_unknown_ids_suggest_close_matches() -> None:
    index = fixture_index()
    with pytest.raises(UnknownIdError) as err:
        check_profile_ids(Profile(skills={"pytorc": 2}), index)
    assert "skills.pytorc" in err.value.message and "pytorch" in err.value.suggestions
    with pytest.raises(UnknownIdError) as err:
        check_profile_ids(Profile(target_role="ml-engineeer"), index)
    assert err.value.suggestions[0] == "ml-engineer"
    with pytest.raises(UnknownIdError) as err:
        check_profile_ids(Profile(preferences={"exclude": ["res:ml-cours"]}), index)
    assert "res:ml-course" in err.value.suggestions
    check_profile_ids(Profile(skills={"python": 2}, interests=["llm-applications"]), index)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_load(path: Path) -> None:
    p = load_profile(path)
    assert p.start_date is not None and p.hours_per_week > 0


def test_examples_cover_every_persona() -> None:
    assert {p.stem for p in EXAMPLES} >= {"developer", "devops", "data-scientist", "newcomer"}


levels = st.dictionaries(st.sampled_from(["python", "git", "sql", "pytorch"]), st.integers(0, 4), max_size=4)


@settings(max_examples=40, deadline=None)
@given(
    skills=levels,
    hours=st.floats(0, 100, allow_nan=False),
    background=st.sampled_from(["none", "student", "software_engineer", "data_scientist", "other"]),
    start=st.dates(dt.date(2026, 1, 1), dt.date(2030, 1, 1)),
)
def test_dump_then_parse_round_trips(skills: dict, hours: float, background: str, start: dt.date) -> None:
    p = Profile(skills=skills, hours_per_week=hours, background=background, start_date=start)
    assert parse_profile(yaml.safe_load(dump_profile(p))) == p


def test_save_profile_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    from mlroute.services.planning import save_profile

    path = tmp_path / "p.yaml"
    save_profile(Profile(name="A"), path)
    with pytest.raises(UserError, match="already exists"):
        save_profile(Profile(name="B"), path)
    save_profile(Profile(name="B"), path, force=True)
    assert load_profile(path).name == "B"


def test_hours_at_work_is_part_of_the_weekly_hours_and_needs_an_employer(tmp_path: Path) -> None:
    p = load_profile(write(tmp_path, "background: devops_engineer\nhours_per_week: 10\nhours_at_work: 4"))
    assert p.hours_at_work == 4 and Profile().hours_at_work == 0
    for text, problem in [
        ("background: devops_engineer\nhours_per_week: 6\nhours_at_work: 8", "more than hours_per_week (6)"),
        ("background: none\nhours_at_work: 2", "set employed: true"),
        ("background: devops_engineer\nhours_at_work: yes", "yes/no value, not a number"),
        ("background: devops_engineer\nhours_at_work: -1", "hours_at_work"),
    ]:
        with pytest.raises(ProfileInvalid, match="problem") as err:
            load_profile(write(tmp_path, text))
        assert problem in str(err.value), str(err.value)
    assert load_profile(write(tmp_path, "background: none\nemployed: true\nhours_at_work: 2")).hours_at_work == 2
