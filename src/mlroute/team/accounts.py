"""Account names, roles and the password policy (OWASP ASVS 4.0 V2.1: at least 12 characters, at most 128 kept
meaningful, any characters, no composition rules), and argon2id hashing (argon2-cffi, RFC 9106 parameters)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal, get_args

from mlroute.errors import UserError

Role = Literal["learner", "mentor", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # longer inputs are refused before hashing: hashing is deliberately slow


def username(raw: str) -> str:
    """The account name as stored: trimmed, lower case; 2–40 letters, digits, '.', '_' or '-'."""
    name = raw.strip().lower()
    if not NAME.match(name):
        raise UserError(
            f"{raw!r} is not a valid account name.",
            hint="Use 2–40 characters: letters a–z, digits, '.', '_' or '-', starting with a letter or digit.",
        )
    return name


def role(raw: str) -> Role:
    value = raw.strip().lower()
    if value not in ROLES:
        raise UserError(f"Unknown role {raw!r}.", hint="Choose learner, mentor or admin.")
    return value  # type: ignore[return-value]


def check_password(password: str, name: str) -> str:
    """The password (NFKC-normalised, as RFC 8265 suggests), or a ``UserError`` saying what is wrong with it."""
    text = unicodedata.normalize("NFKC", password)
    if len(text) < MIN_PASSWORD:
        raise UserError(
            f"The password is too short ({len(text)} characters; at least {MIN_PASSWORD}).",
            hint="A few unrelated words make a long password that is easy to remember.",
        )
    if len(text.encode("utf-8")) > MAX_PASSWORD:
        raise UserError(f"The password is longer than {MAX_PASSWORD} bytes.", hint="Choose a shorter one.")
    if text.strip().lower() == name.lower() or len(set(text)) == 1:
        raise UserError(
            "The password is too easy to guess.", hint="Do not use the account name or one repeated character."
        )
    return text


@lru_cache(maxsize=1)
def _hasher() -> object:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4: RFC 9106's second recommended option


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    hasher = _hasher()
    assert isinstance(hasher, PasswordHasher)
    return hasher.hash(unicodedata.normalize("NFKC", password))


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches the stored hash (constant work whether or not it does)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = _hasher()
    assert isinstance(hasher, PasswordHasher)
    if len(password.encode("utf-8")) > MAX_PASSWORD:
        return False
    try:
        return hasher.verify(stored, unicodedata.normalize("NFKC", password))
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so a wrong name costs as long as a wrong
    password and timing does not tell which names exist."""
    return hash_password("not a password of anyone")
