"""The documents through the shells a person uses: ``mlroute export … --lang`` next to ``mlroute status --json``
(one ETA, read from the real console script on the same day), and the web app's downloads in the page's language."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run_cli
from tests.export.journeys import EXAMPLES, walk


def cli(env: dict[str, str], *args: str) -> Any:
    done = run_cli(*args, "--json", env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_export_speaks_the_eta_of_status_json(tmp_path: Path) -> None:
    data = yaml.safe_load((EXAMPLES / "devops.yaml").read_text(encoding="utf-8"))
    today = date.today()
    data.update(start_date=today + timedelta(days=7 - today.weekday()), availability={})
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    cli(env, "init", "--profile", str(tmp_path / "p.yaml"))
    st = cli(env, "status")
    out = cli(env, "export", "transition-plan", "-o", str(tmp_path / "plan.md"))
    assert out["sections"][5] == "What I ask of my manager"
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    eta, dates = st["eta_weeks"], st["eta_dates"]
    assert (
        f"Ready to apply: around week {eta['p50']:g} of my plan (the week ending {dates['p50']}), likely between "
        f"week {eta['p10']:g} ({dates['p10']}) and week {eta['p90']:g} ({dates['p90']})." in md
    )
    cli(env, "export", "transition-plan", "--lang", "zh", "-o", str(tmp_path / "plan.html"))
    html = (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in html and f"预计在计划的第 {eta['p50']:g} 周（到 {dates['p50']} 为止）" in html
    cal = cli(env, "export", "calendar", "--lang", "zh", "-o", str(tmp_path / "plan.ics"))
    assert cal["events"] > 0 and "学习：".encode() in (tmp_path / "plan.ics").read_bytes()
    refused = run_cli("export", "portfolio", "--lang", "fr", "-o", str(tmp_path / "p.md"), env=env)
    assert refused.returncode == 2 and "--lang en or --lang zh" in refused.stderr
    assert not (tmp_path / "p.md").exists()


def test_the_web_app_serves_documents_in_the_pages_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.web.conftest import local_client

    walked = walk("developer", tmp_path / "db.sqlite", weeks=1)
    walked.store.close()
    monkeypatch.setenv("MLROUTE_DB", f"sqlite:///{tmp_path / 'db.sqlite'}")
    with local_client(headers={"accept-language": "en"}) as client:
        assert client.get("/documents/transition-plan.md").text.startswith("# Transition plan: Alex")
        assert client.get("/documents/transition-plan.md?lang=zh").text.startswith("# 转型计划：Alex")
        client.cookies.set("lang", "zh")
        html = client.get("/documents/learning-log.html").text
        assert '<html lang="zh">' in html and re.search(r"<h1>Alex的学习日志", html)
        assert client.get("/documents/portfolio.md?lang=en").text.startswith("# Portfolio checklist: Alex")
        ics = client.get("/documents/calendar.ics").text
        assert "SUMMARY:学习：" in ics
        assert client.get("/documents/portfolio.md?lang=fr").status_code == 400
