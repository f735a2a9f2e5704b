"""The interview bank and the quizzes as a whole: counts for ``kb stats``, and the check that Chinese text reads as
Chinese (no English sentences outside code and names).

Pure functions over the loaded records; ``kb.validate`` turns what they find into located problems.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from mlroute.kb.models import PILLARS, Skill
from mlroute.kb.practice import QUESTION_KINDS, InterviewQuestion, QuizItem

LANGUAGES = ("en", "zh")

_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
_URL = re.compile(r"https?://\S+")
_BIG_O = re.compile(r"\b[OΘΩ]\([^)]*\)")  # complexity formulas such as O(mn) are maths
_WORD = re.compile(r"(?<![0-9A-Za-z_.])[A-Za-z][A-Za-z0-9_'’.-]*")
_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*){3,}")

# Lower-case technical words that Chinese engineers write in Latin letters (library, command and function names,
# and terms with no settled Chinese word). Names and acronyms (anything with a capital or a digit) pass anyway;
# everything else in Latin letters outside `code` is English that should have been translated.
ZH_TERMS = frozenset(
    """
    pandas numpy scipy sklearn scikit-learn pytorch torch tensorflow keras jax matplotlib seaborn polars pip conda
    uv venv git docker kubectl helm kubernetes mlflow dvc airflow dagster prefect kubeflow spark pyspark ray dask
    onnx triton vllm faiss redis kafka flink postgres mysql sqlite grpc json yaml csv parquet http https html css
    token tokens embedding embeddings softmax sigmoid tanh relu gelu dropout batch epoch epochs logit logits python
    bash linux shell regex lambda async await pytest docstring numba cuda sql p k n m x y z w b t d f i j q v s e
    log exp max min argmax argmin sin cos mod id ids det tr diag lim ln epoch dx dy dt np log-softmax log-sum-exp lr
    inf floor ceil top-k top-p one-cycle all-reduce k-means k-means++ k-prototypes k-fold mypy pyright pydantic
    dataclass dataclasses memray py-spy pip-tools conda-lock nbconvert papermill nvidia-smi pyproject src numba
    polars ruff black uvicorn fastapi flask gunicorn celery boto3 awk sed grep zcat xargs cron t-digest hnsw faiss
    cgroups main master dbt kappa tf idf tf-idf bm25 ml ai dl nlp cv llm llms rag lora qlora mlops devops etl ci cd
    api apis sdk url
    """.split()  # noqa: SIM905 (a word list is easier to read and extend as text)
)


def english_words(text: str) -> list[str]:
    """Latin-script words in Chinese ``text`` that are plain English: outside `code`, not a name, not a term."""
    prose = _BIG_O.sub(" ", _URL.sub(" ", _CODE.sub(" ", text)))
    out: list[str] = []
    for word in _WORD.findall(prose):
        bare = word.strip("'’.-")
        if len(bare) <= 1 or any(ch.isupper() or ch.isdigit() or ch in "_." for ch in bare):
            continue  # a name, an acronym or an identifier such as float16, line_profiler, os.path
        if bare.lower() not in ZH_TERMS:
            out.append(bare)
    for run in _RUN.findall(prose):
        out.append(run)
    return out


def question_texts(q: InterviewQuestion, lang: str) -> list[str]:
    """Every text a drill shows for ``q`` in ``lang``: question, key points, worked answer."""
    texts = [q.question.get(lang), *q.points.get(lang)]
    if q.answer is not None:
        texts.append(q.answer.get(lang))
    if q.star is not None:
        texts += [part.get(lang) for part in (q.star.situation, q.star.task, q.star.action, q.star.result)]
    return texts


def quiz_texts(item: QuizItem, lang: str) -> list[str]:
    """The prompt, the explanation and the translated choices (a plain-string choice is code, the same in both)."""
    return [
        item.prompt.get(lang),
        item.explanation.get(lang),
        *(c.get(lang) for c in item.choices if not isinstance(c, str)),
    ]


def pillar_of(q: InterviewQuestion, skills: Mapping[str, Skill]) -> str | None:
    """A question's pillar: that of the skill it mainly tests (its first)."""
    skill = skills.get(q.skill)
    return skill.pillar if skill is not None else None


def _has_language(q: InterviewQuestion, lang: str) -> bool:
    return all(t.strip() for t in question_texts(q, lang))


def bank_stats(questions: Iterable[InterviewQuestion], skills: Mapping[str, Skill]) -> dict[str, Any]:
    """Counts of the interview bank by pillar, kind, level and language, and where the questions come from."""
    qs = list(questions)
    pillars = Counter(pillar_of(q, skills) for q in qs)
    kinds: Counter[str] = Counter(q.kind for q in qs)
    levels = Counter(q.level for q in qs)
    licences = Counter(q.source.licence for q in qs if q.source is not None)
    by_pillar_kind = {
        p: {k: sum(1 for q in qs if pillar_of(q, skills) == p and q.kind == k) for k in QUESTION_KINDS} for p in PILLARS
    }
    return {
        "questions": len(qs),
        "by_pillar": {p: pillars[p] for p in PILLARS},
        "by_kind": {k: kinds[k] for k in QUESTION_KINDS},
        "by_level": {str(lv): levels[lv] for lv in (1, 2, 3, 4)},
        "by_language": {lang: sum(1 for q in qs if _has_language(q, lang)) for lang in LANGUAGES},
        "by_pillar_and_kind": by_pillar_kind,
        "skills_covered": len({s for q in qs for s in q.skills}),
        "with_worked_answer": sum(1 for q in qs if q.answer is not None or q.star is not None),
        "with_answer_link": sum(1 for q in qs if q.answer_url is not None),
        "from_public_collections": sum(licences.values()),
        "licences": dict(sorted(licences.items())),
    }


def quiz_stats(items: Iterable[QuizItem]) -> dict[str, Any]:
    """Quiz items per skill and level, and by type."""
    its = list(items)
    per_skill: dict[str, dict[str, int]] = {}
    for it in sorted(its, key=lambda i: (i.skill, i.level)):
        per_skill.setdefault(it.skill, {})
        per_skill[it.skill][str(it.level)] = per_skill[it.skill].get(str(it.level), 0) + 1
    types = Counter(it.type for it in its)
    return {
        "items": len(its),
        "skills": len(per_skill),
        "by_type": {t: types[t] for t in ("choice", "numeric", "output", "order")},
        "per_skill": per_skill,
    }
