"""The semantic stage: the registry, the real model2vec loader on a tiny model, linking what aliases miss."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from mlroute.errors import UserError
from mlroute.extract.linker import LabelSet, Linker
from mlroute.extract.semantic import ENCODERS, LabelIndex, load_encoder, normalise, verify_sha256
from mlroute.kb import KBIndex


def test_registry_names_the_backends() -> None:
    assert set(ENCODERS) == {"model2vec", "sentence-transformers", "minilm-package", "default"}


def test_unknown_specs_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Unknown embedding model"):
        load_encoder("word2vec:/nowhere")
    with pytest.raises(UserError, match="needs a location"):
        load_encoder("model2vec:")


def test_a_directory_that_is_not_a_model(tmp_path: Path) -> None:
    pytest.importorskip("model2vec")
    (tmp_path / "junk.txt").write_text("x")
    with pytest.raises(UserError, match="Could not load the model2vec model"):
        load_encoder(f"model2vec:{tmp_path}")


def test_sentence_transformers_loader_fails_clearly_offline(tmp_path: Path) -> None:
    # Without the package: a hint to install the extra. With it: a clear message that the directory is no model.
    with pytest.raises(UserError, match="sentence-transformers"):
        load_encoder(f"sentence-transformers:{tmp_path}")


def test_sha256_verification(tmp_path: Path) -> None:
    f = tmp_path / "model.safetensors"
    f.write_bytes(b"weights")
    verify_sha256(f, hashlib.sha256(b"weights").hexdigest())
    with pytest.raises(UserError, match="not the official model file"):
        verify_sha256(f, "0" * 64)


def test_tiny_model_loads_through_the_registry(tiny_model: Path) -> None:
    enc = load_encoder(f"model2vec:{tiny_model}")
    same = load_encoder(str(tiny_model))  # a bare directory is recognised
    vectors = enc.encode(["train models on gpus", "free lunch"])
    assert vectors.shape == (2, 16)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(same.encode(["gpus"]), enc.encode(["gpus"]))
    assert enc.encode([]).shape[0] == 0


def test_label_index_takes_the_best_text_per_label() -> None:
    class Axis:
        name = "axis"

        def encode(self, texts: list[str]) -> np.ndarray:
            return normalise(np.array([[1.0, 0.0] if "x" in t else [0.0, 1.0] for t in texts]))

    index = LabelIndex.build(Axis(), [("a", "x"), ("a", "y"), ("b", "y")])
    ids, best = index.best_per_id(Axis().encode(["x", "y"]))
    assert ids == ["a", "b"]
    assert best.tolist() == [[1.0, 0.0], [1.0, 1.0]]


def test_semantic_linking_finds_what_aliases_miss(tiny_model: Path, kb_index: KBIndex) -> None:
    linker = Linker(LabelSet.from_kb(kb_index.kb), load_encoder(f"model2vec:{tiny_model}"), threshold=0.7)
    text = "Requirements:\n- Train models on GPUs at scale.\n- PyTorch\n- We offer free lunch in the office."
    mentions = linker.extract(text)
    semantic = [m for m in mentions if m.method == "semantic"]
    assert [(m.skill_id, m.text, m.requirement) for m in semantic] == [
        ("distributed-training", "Train models on GPUs at scale.", "required")
    ]
    assert semantic[0].confidence >= 0.7
    assert [m.skill_id for m in mentions if m.method == "lexical"] == ["pytorch"]
    # The lexical result is the same with or without the semantic stage.
    lexical_only = Linker(LabelSet.from_kb(kb_index.kb)).extract(text)
    assert [m for m in mentions if m.method == "lexical"] == lexical_only


def test_rank_puts_named_labels_first_then_similar_ones(tiny_model: Path) -> None:
    labels = LabelSet.from_labels(["Python (computer programming)", "distributed computing", "recommend products"])
    linker = Linker(labels, load_encoder(f"model2vec:{tiny_model}"))
    ranked = linker.rank("Python code that trains models on many GPUs")
    assert [label for label, _ in ranked] == [
        "Python (computer programming)",
        "distributed computing",
        "recommend products",
    ]
    assert ranked[0][1] > 1.0 > ranked[1][1]


def test_the_shipped_linker_is_the_default() -> None:
    from mlroute.extract.semantic import DEFAULT_MODEL_DIR, default_available, resolve_spec

    assert default_available()
    assert resolve_spec(None) == "default" and resolve_spec("none") is None
    # MLROUTE_EMBEDDINGS (the setting) is used when --semantic is not given, and --semantic wins over it
    assert resolve_spec(None, "off") is None and resolve_spec("default", "off") == "default"
    assert resolve_spec(None, "model2vec:/m") == "model2vec:/m"
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir())
    assert size < 10_000_000  # shipped in the repository: keep it compact
    assert '"embedding_dtype": "int8"' in (DEFAULT_MODEL_DIR / "config.json").read_text(encoding="utf-8")


def test_the_shipped_linker_links_paraphrases_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    from mlroute.kb import load_kb

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    encoder = load_encoder("default")
    assert encoder.name == "default"
    linker = Linker(LabelSet.from_kb(KBIndex(load_kb()).kb), encoder)
    for text, skill in (
        ("Annotate and label training images", "data-labeling"),
        ("Monitor models in production for drift", "model-monitoring"),
    ):
        found = {m.skill_id: m for m in linker.extract(text)}
        assert found[skill].method == "semantic", text
    assert not [m for m in linker.extract("负责数据清洗与标注平台的日常维护工作") if m.method == "semantic"]
