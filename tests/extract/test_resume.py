"""Proposed levels from a resume: years, recency, context, degree words — in English and Chinese."""

from __future__ import annotations

import datetime as dt

from mlroute.extract.linker import Linker
from mlroute.extract.resume import collect, date_range, propose_level, stated_years
from tests.extract.conftest import FIXTURES

TODAY = dt.date(2026, 11, 22)


def test_years_stated_in_english_and_chinese() -> None:
    assert stated_years("5+ years of Python") == 5
    assert stated_years("三年Python开发经验") == 3
    assert stated_years("3年以上Python使用经验") == 3
    assert stated_years("Python since 2019") == 0


def test_date_ranges() -> None:
    assert date_range("Acme, 2019 – 2023", TODAY) == (2019.0, 2023.0)
    assert date_range("2020.03 - 至今 某公司", TODAY) == (2020.0, 2026 + 10 / 12)
    assert date_range("Jan 2021 to Present", TODAY) == (2021.0, 2026 + 10 / 12)
    assert date_range("2016年7月 - 2019年12月", TODAY) == (2016.0, 2019.0)
    assert date_range("no dates here", TODAY) is None


def proposals(linker: Linker, name: str) -> dict[str, tuple[int, list[str]]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    evidence = collect(text, linker.extract(text), TODAY)
    return {sid: propose_level(ev, TODAY) for sid, ev in evidence.items()}


def test_english_resume(lexical_linker: Linker) -> None:
    got = proposals(lexical_linker, "resume_en.md")
    assert got["python"][0] == 3  # five stated years, not six; a long job alone never makes an expert
    assert got["docker"][0] == 2  # one bullet of two in a seven-year job gives no years of Docker
    assert "years" not in " ".join(got["docker"][1])
    assert got["java"][0] == 2  # the only line of a four-year job, but last used in 2016
    assert any("more than 5 years ago" in r for r in got["java"][1])
    assert got["pytorch"][0] == 2
    assert got["tensorflow"][0] == 1  # "basic knowledge"
    assert got["linear-algebra"][0] == 1  # only studied


def test_chinese_resume(lexical_linker: Linker) -> None:
    got = proposals(lexical_linker, "resume_zh.txt")
    assert got["python"][0] == 4  # 精通, and years since 2020
    assert got["docker"][0] == 3  # 熟练
    assert got["pytorch"][0] == 1  # 了解 means aware
    assert got["java"][0] == 2
    assert got["recommender-systems"][0] == 2  # one bullet of two: no years from the dates
