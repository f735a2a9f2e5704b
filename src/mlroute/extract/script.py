"""Traditional and Simplified Chinese read alike: 機器學習 is 机器学习, 資料科學 is 数据科学.

Two steps, both from OpenCC's dictionaries (the ``opencc-python-reimplemented`` package):

- ``SIMPLIFIED``: a character-for-character map from Traditional (and its Taiwan and Hong Kong variants) to
  Simplified. Matching folds text through it, so offsets into the folded text stay offsets into the original.
- ``regional_variants``: the words Taiwan and Hong Kong use for a Simplified term (数据 → 資料, 算法 → 演算法),
  in Simplified characters, added as extra spellings of each alias; phrase conversion can change a word's length,
  which the character map cannot.
- ``mainland_words``: the other way, for a search query: 資料科學 → 数据科学 (Simplified characters, mainland words).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def _dictionary_dir() -> Path | None:
    try:
        import opencc
    except ImportError:  # the conversion is optional: without it only Simplified matches
        return None
    folder = Path(opencc.__file__).parent / "dictionary"
    return folder if folder.is_dir() else None


def _pairs(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1 and key != first:
            out[key] = first
    return out


@lru_cache(maxsize=1)
def simplified_map() -> dict[int, str]:
    """Code point of a Traditional or variant character → its Simplified character (empty without OpenCC)."""
    folder = _dictionary_dir()
    if folder is None:
        return {}
    chars = _pairs(folder / "TSCharacters.txt")
    out: dict[int, str] = {}
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for variant, standard in _pairs(folder / name).items():
            out[ord(variant)] = chars.get(standard, standard)
    out.update({ord(k): v for k, v in chars.items()})
    return out


def to_simplified(text: str) -> str:
    """Character by character, so the result has the same length as ``text``."""
    table = simplified_map()
    return text.translate(table) if table else text


@lru_cache(maxsize=1)
def _converters() -> tuple[object, ...]:
    try:
        from opencc import OpenCC
    except ImportError:
        return ()
    return tuple(OpenCC(config) for config in ("s2twp", "s2hk"))


def regional_variants(alias: str) -> set[str]:
    """Other words for a Simplified alias in Taiwan and Hong Kong, written in Simplified characters."""
    if not any("\u4e00" <= ch <= "\u9fff" for ch in alias):
        return set()
    out = set()
    for converter in _converters():
        regional = to_simplified(converter.convert(alias))  # type: ignore[attr-defined]
        if regional and regional != alias:
            out.add(regional)
    return out


@lru_cache(maxsize=1)
def _to_mainland() -> object | None:
    try:
        from opencc import OpenCC
    except ImportError:
        return None
    converter: object = OpenCC("tw2sp")
    return converter


def mainland_words(text: str) -> str:
    """``text`` in Simplified characters and mainland words (資料科學 → 数据科学, 演算法 → 算法); unchanged
    without OpenCC. Words may change length, so this is for queries, never for text whose offsets matter."""
    converter = _to_mainland()
    if converter is None:
        return text
    converted: str = converter.convert(text)  # type: ignore[attr-defined]
    return converted
