"""Read the knowledge base from YAML files and report every problem at once.

Layout of a knowledge-base directory (the embedded one is ``mlroute/data``)::

    meta.yaml                      version, date
    skills/*.yaml                  {skills: [...]}, one file per pillar
    roles.yaml                     {roles: [...]}
    resources/*.yaml               {resources: [...]}
    projects.yaml  career_actions.yaml  routes.yaml  interview_questions.yaml

A kind may be one file ``<kind>.yaml`` or a directory ``<kind>/`` of files; both are read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from mlroute.errors import UserError
from mlroute.kb.models import (
    CareerAction,
    KnowledgeBase,
    Meta,
    Project,
    Resource,
    Role,
    Route,
    Skill,
)
from mlroute.kb.practice import InterviewQuestion, QuizItem
from mlroute.kb.problems import Problem
from mlroute.kb.validate import cross_check

RECORD_TYPES: dict[str, type[BaseModel]] = {
    "skills": Skill,
    "roles": Role,
    "resources": Resource,
    "projects": Project,
    "career_actions": CareerAction,
    "routes": Route,
    "interview_questions": InterviewQuestion,
    "quiz_items": QuizItem,
}
REQUIRED_KINDS = ("skills", "roles", "resources", "projects", "career_actions", "routes")


class KBInvalid(UserError):
    def __init__(self, problems: list[Problem]) -> None:
        lines = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"The knowledge base has {len(problems)} problem(s):\n{lines}{more}",
            hint="Fix the records named above; `mlroute kb check` lists every problem.",
        )
        self.problems = problems


def default_data_dir() -> Path:
    return Path(str(importlib_resources.files("mlroute") / "data"))


def _kind_files(root: Path, kind: str) -> list[Path]:
    files = []
    single = root / f"{kind}.yaml"
    if single.is_file():
        files.append(single)
    folder = root / kind
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.yaml")))
    return files


# A CJK character or CJK/full-width punctuation (the ranges Chinese text uses).
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_FOLD = re.compile(f"(?<=[{_CJK}])[ \\t]+(?=[{_CJK}])")  # spaces only: a written line break stays


def unfold_cjk(data: Any) -> Any:
    """YAML's folded text joins lines with a space, which Chinese does not use: ``日常，\\n并阅读`` would read
    ``日常， 并阅读`` and break lines there. Spaces between two CJK characters go; every other space, and every
    written line break, stays."""
    if isinstance(data, str):
        return _FOLD.sub("", data)
    if isinstance(data, list):
        return [unfold_cjk(v) for v in data]
    if isinstance(data, dict):
        return {k: unfold_cjk(v) for k, v in data.items()}
    return data


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        with path.open(encoding="utf-8") as fh:
            return unfold_cjk(yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problems.append(Problem(rel, "", "", f"malformed YAML{at}: {getattr(exc, 'problem', exc)}"))
    except UnicodeDecodeError:
        problems.append(Problem(rel, "", "", "not UTF-8 text"))
    return None


def _field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(x) for x in loc)


def read_records(root: Path, problems: list[Problem]) -> tuple[dict[str, list[Any]], Meta | None]:
    """Parse every file; collect models that validate and problems for those that do not."""
    records: dict[str, list[Any]] = {kind: [] for kind in RECORD_TYPES}
    meta: Meta | None = None
    meta_path = root / "meta.yaml"
    if meta_path.is_file():
        raw = _read_yaml(meta_path, root, problems)
        try:
            meta = Meta.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(Problem("meta.yaml", "", _field_path(err["loc"]), err["msg"]))
    else:
        problems.append(Problem("meta.yaml", "", "", "missing: the knowledge base needs a version"))

    for kind, model in RECORD_TYPES.items():
        files = _kind_files(root, kind)
        if not files and kind in REQUIRED_KINDS:
            problems.append(Problem(f"{kind}.yaml", "", "", f"no {kind} found (expected {kind}.yaml or {kind}/)"))
        for path in files:
            rel = str(path.relative_to(root))
            data = _read_yaml(path, root, problems)
            if data is None:
                continue
            if not isinstance(data, dict) or kind not in data or not isinstance(data[kind], list):
                problems.append(Problem(rel, "", "", f"expected a mapping with a list under '{kind}:'"))
                continue
            for index, raw in enumerate(data[kind]):
                label = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
                try:
                    records[kind].append((rel, model.model_validate(raw)))
                except ValidationError as exc:
                    for err in exc.errors():
                        problems.append(Problem(rel, str(label), _field_path(err["loc"]), err["msg"]))
    return records, meta


def load_problems(root: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Load and validate; returns the knowledge base (when it could be built) and every problem found."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise UserError(
            f"Knowledge-base directory {str(root)!r} does not exist.",
            hint="Pass an existing directory, or leave MLROUTE_KB unset to use the embedded knowledge base.",
        )
    located, meta = read_records(root, problems)
    problems.extend(cross_check(located))
    if meta is None:
        return None, problems
    kb = KnowledgeBase(meta=meta, **{kind: [rec for _, rec in recs] for kind, recs in located.items()})
    return kb, problems


@lru_cache(maxsize=8)
def _load_cached(root: str) -> KnowledgeBase:
    kb, problems = load_problems(Path(root))
    if problems or kb is None:
        raise KBInvalid(problems)
    return kb


def load_kb(root: Path | None = None) -> KnowledgeBase:
    """The validated knowledge base; raises ``KBInvalid`` listing every problem."""
    return _load_cached(str((root or default_data_dir()).resolve()))
