"""Check that every id a profile names exists in the knowledge base, suggesting close matches when not."""

from __future__ import annotations

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb.index import KBIndex
from mlroute.profile.models import Profile

ITEM_KINDS = {"res": "resource", "proj": "project", "act": "career_action"}


def unknown(kind: str, given: str, field: str, index: KBIndex, prefix: str = "") -> UnknownIdError:
    """An ``UnknownIdError`` whose message also says which profile field holds the bad id."""
    suggestions = [f"{prefix}{s}" for s in index.suggest(given, kind)]
    err = UnknownIdError(kind.replace("_", " "), f"{prefix}{given}", suggestions)
    err.message = f"Profile field {field}: {err.message}"
    err.args = (err.message,)
    return err


def check_item_ref(ref: str, field: str, index: KBIndex) -> tuple[str, str]:
    """``res:x`` → ("resource", "x"), raising with suggestions when the record does not exist."""
    prefix, _, rid = ref.partition(":")
    kind = ITEM_KINDS.get(prefix)
    if kind is None:
        raise unknown("resource", ref, field, index)
    if rid not in getattr(index, kind + "s"):
        raise unknown(kind, rid, field, index, prefix=f"{prefix}:")
    return kind, rid


def check_profile_ids(profile: Profile, index: KBIndex) -> None:
    """Raise ``UnknownIdError`` (exit 2, with suggestions) for the first id the knowledge base does not hold."""
    if profile.target_role not in index.roles:
        raise unknown("role", profile.target_role, "target_role", index)
    for skill in profile.interests:
        if skill not in index.skills:
            raise unknown("skill", skill, "interests", index)
    for skill in profile.skills:
        if skill not in index.skills:
            raise unknown("skill", skill, f"skills.{skill}", index)
    for field in ("include", "exclude"):
        for ref in getattr(profile.preferences, field):
            check_item_ref(ref, f"preferences.{field}", index)
    check_languages(profile, index)


def check_languages(profile: Profile, index: KBIndex) -> None:
    """A plan needs resources the person can read: refuse languages the knowledge base has nothing in."""
    offered = sorted({code.lower().split("-")[0] for r in index.resources.values() for code in r.languages})
    mine = {code.split("-")[0] for code in profile.languages}
    if not mine & set(offered):
        raise UserError(
            f"Profile field languages: the knowledge base has no resources in {', '.join(profile.languages)}.",
            hint=f"Add a language you can study in; it has resources in {', '.join(offered)}.",
        )
