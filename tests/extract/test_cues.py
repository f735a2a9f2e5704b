"""Required, preferred or ruled out: scoped to the clause, then the sentence, then the section."""

from __future__ import annotations

from mlroute.extract.linker import Linker


def asked(linker: Linker, text: str) -> dict[str, tuple[str, bool]]:
    return {m.skill_id: (m.requirement, m.negated) for m in linker.extract(text)}


def test_chinese_clause_scope(lexical_linker: Linker) -> None:
    got = asked(lexical_linker, "熟悉PyTorch，有推荐系统经验者优先")
    assert got == {"pytorch": ("required", False), "recommender-systems": ("preferred", False)}


def test_chinese_plus_and_negation(lexical_linker: Linker) -> None:
    got = asked(lexical_linker, "必须掌握Python。有Docker经验加分。无需Java经验。")
    assert got == {"python": ("required", False), "docker": ("preferred", False), "java": ("unknown", True)}


def test_english_sentence_cue_covers_a_list(lexical_linker: Linker) -> None:
    got = asked(lexical_linker, "Experience with Python, Java, or Go is a plus.")
    assert {k: v[0] for k, v in got.items()} == {"python": "preferred", "java": "preferred", "go": "preferred"}


def test_english_clauses_with_different_cues(lexical_linker: Linker) -> None:
    got = asked(lexical_linker, "Python is required, Docker is nice to have.")
    assert got == {"python": ("required", False), "docker": ("preferred", False)}


def test_negation(lexical_linker: Linker) -> None:
    got = asked(lexical_linker, "No prior Kubernetes experience required. You will use Python, not Java.")
    assert got["kubernetes"][1] is True
    assert got["python"][1] is False
    assert got["java"][1] is True
    assert asked(lexical_linker, "Kubernetes is not required.")["kubernetes"][1] is True
    assert asked(lexical_linker, "Not only Python but also SQL.")["python"][1] is False


def test_section_headers_set_the_default(lexical_linker: Linker) -> None:
    text = (
        "Requirements:\n- Python\n- SQL\n\nNice to have:\n- Docker\n- Kubernetes\n"
        "任职要求：\n- Java\n加分项：\n- Go语言\nResponsibilities:\n- Build recsys"
    )
    got = {k: v[0] for k, v in asked(lexical_linker, text).items()}
    assert got == {
        "python": "required",
        "sql": "required",
        "docker": "preferred",
        "kubernetes": "preferred",
        "java": "required",
        "go": "preferred",
        "recommender-systems": "unknown",
    }


def test_no_cue_is_unknown(lexical_linker: Linker) -> None:
    assert asked(lexical_linker, "Our team uses PyTorch.") == {"pytorch": ("unknown", False)}
