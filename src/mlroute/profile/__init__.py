"""A person's profile: the model, reading it from YAML/JSON, id checks, and questionnaire defaults."""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path

from mlroute.profile.ids import check_profile_ids
from mlroute.profile.load import ProfileInvalid, dump_profile, load_profile, parse_profile
from mlroute.profile.models import Preferences, Profile
from mlroute.profile.questionnaire import defaults_for, next_monday


def demo_profile_path() -> Path:
    """The bundled demo persona: a DevOps engineer with 10 hours a week who is interested in LLM applications."""
    return Path(str(importlib_resources.files("mlroute") / "profile" / "demo.yaml"))


__all__ = [
    "Preferences",
    "Profile",
    "ProfileInvalid",
    "check_profile_ids",
    "defaults_for",
    "demo_profile_path",
    "dump_profile",
    "load_profile",
    "next_monday",
    "parse_profile",
]
