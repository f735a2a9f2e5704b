"""``mlroute users …`` as an admin runs it: passwords from stdin, JSON output, clear refusals, the audit log."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

PW = "correct horse battery\n"


def test_users_commands_end_to_end(tmp_path: Path) -> None:
    env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'team.db'}"}
    first = run_cli("users", "add", "Root", "--role", "admin", "--password-stdin", "--json", env=env, input=PW)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["account"] == {
        **json.loads(first.stdout)["account"],
        "username": "root",
        "role": "admin",
    }
    for name, role in (("ann", "learner"), ("mia", "mentor")):
        assert run_cli("users", "add", name, "--role", role, "--password-stdin", env=env, input=PW).returncode == 0
    assigned = run_cli("users", "assign", "mia", "ann", env=env)
    assert assigned.returncode == 0 and "mia→ann" in assigned.stdout
    listed = json.loads(run_cli("users", "list", "--json", env=env).stdout)["accounts"]
    assert [(a["username"], a["mentors"], a["mentees"]) for a in listed] == [
        ("ann", ["mia"], []),
        ("mia", [], ["ann"]),
        ("root", [], []),
    ]
    weak = run_cli("users", "reset-password", "ann", "--password-stdin", env=env, input="short\n")
    assert weak.returncode == 2 and "too short" in weak.stderr
    reset = run_cli("--user", "root", "users", "reset-password", "ann", "--password-stdin", env=env, input=PW)
    assert reset.returncode == 0
    wrong_role = run_cli("users", "assign", "ann", "mia", env=env)
    assert wrong_role.returncode == 2 and "not a mentor" in wrong_role.stderr
    last_admin = run_cli("users", "role", "root", "learner", env=env)
    assert last_admin.returncode == 2 and "only admin" in last_admin.stderr
    unconfirmed = run_cli("users", "remove", "ann", env=env)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert run_cli("users", "remove", "ann", "--yes", env=env).returncode == 0
    audit = json.loads(run_cli("users", "audit", "--json", env=env).stdout)["entries"]
    assert [e["action"] for e in audit] == [
        "remove-user",
        "reset-password",
        "assign",
        "add-user",
        "add-user",
        "add-user",
    ]
    assert audit[1]["actor"] == "root" and audit[0]["actor"] == "cli" and audit[0]["source"].startswith("cli (")
    bad = run_cli("users", "add", "x y", "--password-stdin", env=env, input=PW)
    assert bad.returncode == 2 and "not a valid account name" in bad.stderr


def test_cohort_commands_and_the_mentors_view(tmp_path: Path) -> None:
    env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'team.db'}"}
    for name, role in (("root", "admin"), ("ann", "learner"), ("mia", "mentor")):
        assert run_cli("users", "add", name, "--role", role, "--password-stdin", env=env, input=PW).returncode == 0
    assert run_cli("users", "assign", "mia", "ann", env=env).returncode == 0
    made = run_cli("cohort", "create", "Spring 2027", "--mentor", "mia", env=env)
    assert made.returncode == 0, made.stderr
    assert run_cli("cohort", "add", "spring 2027", "ann", env=env).returncode == 0
    other = run_cli(
        "--user", "ann", "cohort", "roadmap", "Spring 2027", "--role", "ml-engineer", "--route", "software", env=env
    )
    assert other.returncode == 2 and "do not lead" in other.stderr
    road = run_cli(
        "--user",
        "mia",
        "cohort",
        "roadmap",
        "Spring 2027",
        "--role",
        "ml-engineer",
        "--route",
        "software",
        "--json",
        env=env,
    )
    assert road.returncode == 0, road.stderr
    assert json.loads(road.stdout) == {
        "name": "Spring 2027",
        "mentor": "mia",
        "role": "ml-engineer",
        "route": "software",
        "members": ["ann"],
    }
    init = run_cli("--user", "ann", "init", "--profile", "examples/profiles/developer.yaml", env=env)
    assert init.returncode == 0, init.stderr
    view = json.loads(run_cli("--user", "mia", "cohort", "status", "--json", env=env).stdout)
    assert [(m["username"], m["cohort"], m["has_plan"]) for m in view["learners"]] == [("ann", "Spring 2027", True)]
    nobody = run_cli("cohort", "status", env=env)
    assert nobody.returncode == 2 and "--user MENTOR" in nobody.stderr
