"""Links out of the knowledge base: ESCO and O*NET references resolve, resource URLs are unique, figures are quoted.

The ESCO and O*NET files live in the shared benchmark folder beside the repository (present in CI); the tests that need
them skip, saying why, when it is absent.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mlroute.kb import default_data_dir, load_problems
from mlroute.kb.models import KnowledgeBase

BENCHMARKS = Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
ESCO_DIR = BENCHMARKS / "esco-v1.2-subset"
ONET_FILE = BENCHMARKS / "onet-29.2-technology-skills" / "Technology Skills.txt"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    kb, problems = load_problems(default_data_dir())
    assert problems == [], "\n".join(map(str, problems))
    assert kb is not None
    return kb


@lru_cache(maxsize=1)
def esco_concept_uris() -> frozenset[str]:
    uris: set[str] = set()
    for path in sorted(ESCO_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("conceptUri"):
                    uris.add(row["conceptUri"].strip())
    return frozenset(uris)


@lru_cache(maxsize=1)
def onet_examples() -> frozenset[str]:
    with ONET_FILE.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["Example"] for row in csv.DictReader(fh, delimiter="\t"))


def test_every_esco_uri_is_an_esco_concept(kb: KnowledgeBase) -> None:
    if not ESCO_DIR.is_dir() or not any(ESCO_DIR.glob("*.csv")):
        pytest.skip(
            f"ESCO CSVs not found at {ESCO_DIR} (the shared benchmarks folder sits beside the repository in CI)"
        )
    known = esco_concept_uris()
    assert len(known) > 1000, "the ESCO subset looks truncated"
    unknown = [f"{s.id}: {s.esco_uri}" for s in kb.skills if s.esco_uri and s.esco_uri not in known]
    assert unknown == [], "esco_uri values that are no conceptUri in the ESCO CSVs"


def test_every_onet_name_is_an_onet_technology_example(kb: KnowledgeBase) -> None:
    if not ONET_FILE.is_file():
        pytest.skip(
            f"O*NET 'Technology Skills.txt' not found at {ONET_FILE} (it is in the shared benchmarks folder in CI)"
        )
    known = onet_examples()
    assert len(known) > 1000, "the O*NET technology list looks truncated"
    unknown = [f"{s.id}: {s.onet!r}" for s in kb.skills if s.onet and s.onet not in known]
    assert unknown == [], "onet values that are not exactly an Example in O*NET Technology Skills"


def normalised_url(url: str) -> str:
    """One spelling per address: scheme, 'www.', the host's letter case and a trailing slash make no difference."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.Example.org/course/", "http://example.org/course"),
        ("https://example.org/a?x=1", "https://example.org/a/?x=1"),
    ],
)
def test_normalised_url_ignores_cosmetic_differences(a: str, b: str) -> None:
    assert normalised_url(a) == normalised_url(b)


def test_no_resource_url_is_shared_by_two_records(kb: KnowledgeBase) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for r in kb.resources:
        owners[normalised_url(str(r.url))].append(r.id)
    shared = {url: ids for url, ids in owners.items() if len(ids) > 1}
    assert shared == {}, "each resource needs its own URL; merge the records or link the specific page"


def test_provider_effort_quotes_a_figure(kb: KnowledgeBase) -> None:
    missing = [
        r.id
        for r in kb.resources
        if r.effort.basis == "provider" and not any(ch.isdigit() for ch in (r.effort.stated or ""))
    ]
    assert missing == [], "basis 'provider' needs the provider's words, with their figure, in effort.stated"
