"""The terminal speaks the plan's language: a Chinese career switcher runs a week of the plan through the installed
``mlroute`` command (init, log, done, skip, start, undo, status, review, replan, history, current, journal,
evidence, export) and reads Chinese, with Chinese dates and units and none of the English sentences; ``--lang``
overrides it for one command; an English plan prints exactly what it always has; ``--json`` is the same data."""

from __future__ import annotations

import json
import re
import string
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlroute.cli.words import LANGS, T, check, day, duration, label
from mlroute.errors import UserError
from tests.conftest import run_cli

PROFILES = Path(__file__).parents[2] / "examples" / "profiles"
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_TEXT = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”…]")  # characters or full-width punctuation
ZH_DATE = re.compile(r"\d{4} 年 \d{1,2} 月 \d{1,2} 日")
# Item ids, URLs and command lines stay as they are in any language; what is left must hold no English sentence.
VERBATIM = re.compile(r"(res|proj|act):[\w.-]+|https?://\S+|`[^`]*`|mlroute [a-z-]+( [^\s，。；）]+)*|--\w+")
ENGLISH = [
    "logged", "so far", "is now in progress", "is done", "is skipped", "is in progress", "it already was",
    "First review due", "progress", "this week", "planned", "streak", "day(s)", "week(s)", "longest", "pace",
    "observed", "as stated", "ETA", "ready to apply", "at the start", "keep growing", "Next", "reviews due",
    "drills", "due now", "retention", "Plan v", "from week", "added", "removed", "moved", "more", "Nothing new",
    "No items changed", "items from", "packed at", "ready in", "next review of", "journal entry", "wrote",
    "bytes", "Saved as plan", "again", "nothing to", "take back", "weeks", "item", "title", "status", "hours",
    "init", "replan", "kb ",
]  # fmt: skip


def began(weeks: int) -> date:
    today = date.today()
    return today - timedelta(days=today.weekday()) - timedelta(weeks=weeks)


def persona(tmp_path: Path, lang: str) -> Path:
    profile = yaml.safe_load((PROFILES / "developer.yaml").read_text(encoding="utf-8"))
    profile.update(start_date=began(5).isoformat(), availability={}, languages=[lang])
    if lang == "zh":
        profile["name"] = "李明"
    path = tmp_path / f"{lang}.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    return path


class Terminal:
    """One person's database; ``say`` runs a command for people and returns its stdout, ``data`` its --json."""

    def __init__(self, tmp_path: Path) -> None:
        self.env = {"MLROUTE_DB": f"sqlite:///{tmp_path / 'mlroute.db'}"}
        self.said: list[str] = []

    def say(self, *args: str) -> str:
        r = run_cli(*args, env=self.env)
        assert r.returncode == 0, (args, r.stdout, r.stderr)
        self.said.append(r.stdout)
        return r.stdout

    def data(self, *args: str) -> Any:
        r = run_cli(*args, "--json", env=self.env)
        assert r.returncode == 0, (args, r.stderr)
        return json.loads(r.stdout)


def english_left(text: str) -> list[str]:
    bare = VERBATIM.sub(" ", text)
    return [p for p in ENGLISH if re.search(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])", bare)]


def test_a_chinese_plan_is_tracked_in_chinese(tmp_path: Path) -> None:
    me = Terminal(tmp_path)
    start = began(5)
    init = me.say("init", "--profile", str(persona(tmp_path, "zh")))
    assert "已保存为计划 v1" in init and "查看进度" in init
    plan = me.data("current")
    assert plan["lang"] == "zh"
    resources = [it["id"] for it in plan["items"] if it["kind"] == "resource"]
    actions = [it["id"] for it in plan["items"] if it["kind"] == "career_action"]

    logged = me.say("log", "90m", "--item", actions[0], "--date", (start + timedelta(days=2)).isoformat())
    assert "已记录 1 小时 30 分钟" in logged and "累计 1.5 小时" in logged and "已标记为进行中" in logged
    assert f"{(start + timedelta(days=2)).year} 年" in logged and ZH_DATE.search(logged)
    me.say("log", "2h", "--item", resources[0], "--note", "读完第一章")
    done = me.say("done", resources[0])
    assert "已标记为完成" in done and "首次复习在" in done and ZH_DATE.search(done)
    assert "已跳过（原因：已掌握）" in me.say("skip", actions[1])
    assert "（原因：去年做过）" in me.say("skip", actions[2], "--reason", "去年做过")
    assert "已标记为进行中" in me.say("start", actions[3])
    me.say("done", actions[0])
    assert "已改回进行中（原为已完成）" in me.say("undo", actions[0])
    assert "没有可撤销的完成或跳过" in me.say("undo", actions[0])
    assert "已改回未开始（原为已跳过）" in me.say("undo", actions[2])

    status = me.say("status")
    assert "李明 → 机器学习工程师 · 第 6 周 · 计划 v1" in status
    for words in ("进度", "已完成 1/", "本周", "连续学习", "学习节奏", "可以开始申请：第 ", "最初预计第 ", "接下来"):
        assert words in status, words
    assert ZH_DATE.search(status) and "小时" in status and "未开始" in status
    assert "下次复习：" in me.say("review", resources[0], "--rating", "good")

    replanned = me.say("replan", "--pace", "stated")
    assert "计划 v1 → v2，从第 6 周（" in replanned and "预计就绪：第 " in replanned
    assert re.search(r"(新增|移除|调整)（\d+ 项）", replanned)
    history = me.say("history")
    assert "首次规划：" in history and "重新规划：" in history and "知识库" in history
    assert "可以开始申请" in history
    assert "计划 v2 · 开始于 " in me.say("current")

    assert "已添加学习日志" in me.say("journal", "add", "特征向量只被拉伸", "--kind", "insight")
    assert "心得 特征向量只被拉伸" in me.say("journal", "list")
    assert "已添加代码仓库：https://github.com/li/rag" in me.say("evidence", "add", "https://github.com/li/rag")
    assert "代码仓库" in me.say("evidence", "list")
    assert "已写入" in me.say("export", "learning-log", "-o", str(tmp_path / "log.md"))
    assert "个日程" in me.say("export", "calendar", "-o", str(tmp_path / "plan.ics"))

    after_init = "\n".join(me.said[1:])  # init's plan quotes the knowledge base's English names of some resources
    assert english_left(after_init) == []
    assert english_left(init.split("\n\n")[-1]) == []


def test_lang_overrides_the_plan_for_one_command_and_json_is_data(tmp_path: Path) -> None:
    me = Terminal(tmp_path)
    me.say("init", "--profile", str(persona(tmp_path, "zh")))
    english = me.say("status", "--lang", "en")
    assert "progress  " in english and "ready to apply in" in english and "week 6" in english
    assert "进度" not in english
    assert "第 6 周" in me.say("status", "--lang", "zh-CN")
    assert me.data("status") == me.data("status", "--lang", "zh") == me.data("status", "--lang", "en")
    assert me.data("history") == me.data("history", "--lang", "en")
    r = run_cli("status", "--lang", "fr", env=me.env)
    assert r.returncode == 2 and "--lang en" in r.stderr and "Traceback" not in r.stderr
    replanned = me.say("replan", "--pace", "stated", "--lang", "en")
    assert "Plan v1 → v2 from week 6" in replanned
    assert me.data("current")["lang"] == "en", "replan --lang writes the new plan in that language"
    assert "progress  " in me.say("status")


def test_an_english_plan_prints_what_it_always_has(tmp_path: Path) -> None:
    me = Terminal(tmp_path)
    start = began(5)
    assert "✓ Saved as plan v1 in " in me.say("init", "--profile", str(persona(tmp_path, "en")))
    plan = me.data("current")
    resources = [it["id"] for it in plan["items"] if it["kind"] == "resource"]
    actions = [it["id"] for it in plan["items"] if it["kind"] == "career_action"]
    when = (start + timedelta(days=2)).isoformat()
    assert re.search(rf"✓ logged 1h30m on .+ \({when}\) · 1\.5 h of [\d.]+ h so far", me.say(
        "log", "90m", "--item", actions[0], "--date", when
    ))  # fmt: skip
    done = me.say("done", resources[0])
    assert re.search(r" is done\.\n  First review due \d{4}-\d\d-\d\d: mlroute review ", done)
    assert "is skipped (known)." in me.say("skip", actions[1])
    me.say("done", actions[0])
    assert re.search(r"is in progress again \(it was done\)\.", me.say("undo", actions[0]))
    status = me.say("status")
    for line in ("progress  ", "this week ", "streak    ", "pace      ", "ETA       ready to apply in ", " weeks "):
        assert line in status, line
    assert re.search(r"\d+ day\(s\) · \d+ week\(s\) \(longest \d+ days, \d+ weeks\)", status)
    assert "→ ml-engineer · week 6 · plan v1" in status
    assert re.search(r"Plan v1 → v2 from week 6 \(\d{4}-\d\d-\d\d\)", me.say("replan", "--pace", "stated"))
    assert re.search(r"v1 \d{4}-\d\d-\d\d init: \d+ items from ", me.say("history"))
    assert not any(CJK.search(text) for text in me.said)


# -- the catalogue -------------------------------------------------------------------------------------------


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(T))
def test_every_entry_says_the_same_things_in_both_languages(key: str) -> None:
    en, zh = T[key]
    assert en.strip() and zh.strip()
    assert fields(en) == fields(zh), "the same placeholders, or one language fails at run time"
    assert en.count("[/]") == zh.count("[/]"), "the same markup"
    if not key.startswith(("quoted", "sep", "hours", "minutes", "whole_hours", "hours_minutes")):
        bare = re.sub(r"\{[^}]*\}|\[/?[a-z ]*\]|DevOps", " ", VERBATIM.sub(" ", zh))  # DevOps: the field's name
        assert ZH_TEXT.search(zh) and not re.search(r"[A-Za-z]{3,}", bare), zh


def test_dates_durations_labels_and_lang() -> None:
    assert day("zh", date(2027, 3, 7)) == "2027 年 3 月 7 日" == day("zh", "2027-03-07T10:00:00+00:00")
    assert day("en", date(2027, 3, 7)) == "2027-03-07"
    assert duration("zh", 90) == "1 小时 30 分钟" and duration("zh", 45) == "45 分钟"
    assert duration("zh", 120) == "2 小时"
    assert duration("en", 90) == "1h30m"
    assert label("en", "st.this_week") == "this week " and label("zh", "st.streak") == "连续学习  "
    assert [check(x) for x in (None, "EN", "zh_CN", "zh-tw")] == [None, "en", "zh", "zh"]
    assert set(LANGS) == {"en", "zh"}
    with pytest.raises(UserError):
        check("fr")
