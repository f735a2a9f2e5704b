"""The embedded knowledge base, parsed once per installation instead of once per command.

Reading and validating the 49 YAML files and building the lookups takes about 0.4 s, which every ``status``,
``plan`` or ``interview`` paid before it printed a line; loading the built index from a pickle takes about 0.03 s.
The file's name is a digest of everything the index is built from: the YAML files and mlroute's own source files
(path, size and modification time), the mlroute and Python versions. Any edit, upgrade or checkout gives a new name,
so a stale index is never read; older files are removed when a new one is written. A cache that cannot be read or
written is ignored: the knowledge base is then built as before. The file lives in the user's cache directory, which
only that user can write (a pickle runs code when loaded, like anything else in the user's own directories).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from mlroute import __version__
from mlroute.kb.index import KBIndex

PREFIX = "kb-"


def _stats(files: Iterable[Path], base: Path) -> Iterable[str]:
    for f in sorted(files):
        st = f.stat()
        yield f"{f.relative_to(base)}:{st.st_size}:{st.st_mtime_ns}"


def digest(data_dir: Path) -> str:
    """What the index at ``data_dir`` is built from, in 16 hex digits."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"{__version__}|{sys.version}|{data_dir}".encode())
    for line in _stats(data_dir.rglob("*.yaml"), data_dir):
        h.update(line.encode())
    for line in _stats(package.rglob("*.py"), package):
        h.update(line.encode())
    return h.hexdigest()[:16]


def cached_index(data_dir: Path, cache_dir: Path, build: Callable[[], KBIndex]) -> KBIndex:
    """The index of ``data_dir`` from ``cache_dir`` when it is there and current, else ``build()`` (then kept)."""
    try:
        path = cache_dir / f"{PREFIX}{digest(data_dir)}.pickle"
    except OSError:
        return build()
    try:
        with path.open("rb") as fh:
            index = pickle.load(fh)  # our own file, named by the digest of what it was built from
        if isinstance(index, KBIndex):
            return index
    except Exception:  # a missing, partial or foreign file: build the index instead
        pass
    index = build()
    _keep(index, path)
    return index


def _keep(index: KBIndex, path: Path) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the whole file or none
        for old in path.parent.glob(f"{PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception:  # a read-only or full disk costs speed, not the command
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
