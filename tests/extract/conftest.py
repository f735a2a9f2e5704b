"""Fixtures for extraction: a small knowledge base with English and Chinese aliases, and a tiny real model2vec
model whose word vectors put GPUs, scale and distribution near each other (so semantic linking can be tested
offline, through the real loader)."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest

from mlroute.extract.linker import LabelSet, Linker
from mlroute.kb import KBIndex, load_kb
from tests.conftest import MINI_KB, write_kb

FIXTURES = Path(__file__).parent / "fixtures"


def _skill(sid: str, en: str, zh: str, pillar: str, desc: str, aliases_en=(), aliases_zh=()) -> dict:
    return {
        "id": sid,
        "name": {"en": en, "zh": zh},
        "pillar": pillar,
        "description": {"en": desc},
        "aliases": {"en": list(aliases_en), "zh": list(aliases_zh)},
    }


EXTRA_SKILLS = [
    _skill("pytorch", "PyTorch", "PyTorch", "deep-learning", "A deep learning framework.", ["torch"]),
    _skill("tensorflow", "TensorFlow", "TensorFlow", "deep-learning", "A deep learning framework.", ["tf2"]),
    _skill(
        "recommender-systems",
        "Recommender systems",
        "推荐系统",
        "domains",
        "Suggesting items to users.",
        ["recsys", "recommendation systems"],
        ["推荐算法"],
    ),
    _skill("docker", "Docker", "Docker", "mlops", "Containers.", ["containers"], ["容器"]),
    _skill("kubernetes", "Kubernetes", "Kubernetes", "mlops", "Container orchestration.", ["k8s"]),
    _skill("java", "Java", "Java", "programming", "A language of the JVM."),
    _skill("go", "Go", "Go语言", "programming", "A compiled language.", ["Golang"]),
    _skill("sql", "SQL", "SQL", "data", "Querying relational data.", ["MySQL", "PostgreSQL"]),
    _skill(
        "distributed-training",
        "Distributed training",
        "分布式训练",
        "deep-learning",
        "Training models across many GPUs or machines.",
        ["multi-GPU training"],
    ),
    _skill("experiment-tracking", "Experiment tracking", "实验追踪", "mlops", "Recording runs.", ["MLflow"]),
    _skill(
        "llm-fine-tuning",
        "LLM fine-tuning",
        "大模型微调",
        "domains",
        "Adapting large language models.",
        ["fine-tuning LLMs"],
    ),
]


def extraction_kb() -> dict[str, dict]:
    data = copy.deepcopy(MINI_KB)
    data["skills"]["skills"].extend(copy.deepcopy(EXTRA_SKILLS))
    data["roles"]["roles"][0]["requirements"].append({"skill": "pytorch", "level": 3, "weight": 0.8})
    data["resources"]["resources"].append(
        {
            "id": "pytorch-tutorials",
            "title": "PyTorch tutorials",
            "provider": "PyTorch",
            "url": "https://pytorch.org/tutorials/",
            "kind": "tutorial",
            "format": "notebooks",
            "cost": {"kind": "free"},
            "languages": ["en", "zh"],
            "teaches": [{"skill": "pytorch", "level": 3}],
            "effort": {
                "basis": "derived",
                "source": "https://pytorch.org/tutorials/",
                "hours": 12,
                "conversion": "12 tutorials × 1 h",
            },
            "sources": ["https://pytorch.org/tutorials/"],
        }
    )
    return data


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb", extraction_kb())


@pytest.fixture
def kb_index(kb_dir: Path) -> KBIndex:
    return KBIndex(load_kb(kb_dir))


@pytest.fixture
def kb_env(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the services at the fixture knowledge base, with the semantic stage off."""
    monkeypatch.setenv("MLROUTE_KB", str(kb_dir))
    monkeypatch.setenv("MLROUTE_EMBEDDINGS", "none")
    return kb_dir


@pytest.fixture
def lexical_linker(kb_index: KBIndex) -> Linker:
    return Linker(LabelSet.from_kb(kb_index.kb))


# Words of the tiny model, by concept; each concept gets one direction, so words of a concept embed together.
CONCEPTS = {
    "scale": ["gpus", "gpu", "scale", "distributed", "many", "machines", "cluster", "multi"],
    "train": ["train", "training", "models", "model", "trained"],
    "recommend": ["recommender", "recommendation", "recommend", "users", "items", "suggesting"],
    "noise": ["we", "offer", "free", "lunch", "office", "in", "the", "at", "on", "and", "a", "across", "or", "to"],
}


def build_tiny_model2vec(path: Path) -> Path:
    from model2vec import StaticModel
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    words = [w for ws in CONCEPTS.values() for w in ws]
    vocab = {"[PAD]": 0, "[UNK]": 1, **{w: i + 2 for i, w in enumerate(words)}}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    rng = np.random.default_rng(7)
    dim = 16
    vectors = rng.normal(scale=0.05, size=(len(vocab), dim)).astype(np.float32)
    for k, ws in enumerate(CONCEPTS.values()):
        for w in ws:
            scale = 0.1 if k == 3 else 1.0
            vectors[vocab[w], k] += scale
    StaticModel(vectors, tokenizer, normalize=True).save_pretrained(str(path))
    return path


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("model2vec", reason="the semantic extra (model2vec) is not installed")
    return build_tiny_model2vec(tmp_path_factory.mktemp("model") / "tiny-m2v")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how many fuzz cases ran (tests/extract/test_fuzz.py), by kind."""
    import sys

    test_fuzz = sys.modules.get("tests.extract.test_fuzz")
    if test_fuzz is not None and test_fuzz.CASES:
        total = sum(test_fuzz.CASES.values())
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(test_fuzz.CASES.items()))
        note = "a case past its bound, or raising anything but UserError, fails its test"
        terminalreporter.write_line(f"extraction fuzz: {total} cases run ({kinds}); {note}")
