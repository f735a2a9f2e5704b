"""Configuration: one object read from the environment (prefix ``MLROUTE_``) once, by the entry point.

The CLI reads it when a command starts, the web app when it is created, Alembic's ``env.py`` when it runs; they
hand the values on (a store, a knowledge-base index, a font path, extraction's limits) instead of each module
reading ``os.environ``. A value that is not valid is a ``UserError`` naming the variable, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import PositiveInt, ValidationError, field_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, SettingsConfigDict

from mlroute.errors import UserError
from mlroute.extract import limits as bounds

_OPTIONAL = ("db", "kb", "embeddings", "pdf_font", "user", "api_token", "allow_hosts")
_LIMITS = tuple(f"max_{limit.key}" for limit in bounds.ALL)


class Settings(BaseSettings):
    """``MLROUTE_DB``, ``MLROUTE_KB``, ``MLROUTE_EMBEDDINGS``, ``MLROUTE_PDF_FONT``, ``MLROUTE_USER``,
    ``MLROUTE_API_TOKEN``, and extraction's ``MLROUTE_MAX_*`` limits (docs/extraction.md)."""

    model_config = SettingsConfigDict(env_prefix="MLROUTE_", extra="ignore", frozen=True)

    db: str | None = None
    """A SQLAlchemy URL, or the path of a SQLite file; unset: ``mlroute.db`` in the user data directory."""
    kb: Path | None = None
    """A knowledge-base directory to use instead of the embedded one."""
    embeddings: str | None = None
    """The semantic linker's model: ``default`` (shipped; used when unset), ``none``, ``model2vec:DIR`` or
    ``sentence-transformers:DIR``. ``--semantic`` overrides it for one command."""
    pdf_font: Path | None = None
    """A .ttf/.otf/.ttc font for PDF documents, tried before the bundled one."""
    user: str | None = None
    """Who is using mlroute (team mode)."""
    api_token: str | None = None
    """The token scripts send to ``mlroute serve`` (default: a new random one each start)."""
    team: bool = False
    """Team mode: accounts and sign-in (``mlroute serve --team`` sets it for its workers)."""
    allow_hosts: str | None = None
    """Further host names the web app answers to, comma-separated (``mlroute serve --allow-host``)."""
    kb_cache: bool = True
    """Keep the parsed embedded knowledge base in the user cache directory (``kb.cache``); 0 turns it off."""

    # Extraction's input limits (``mlroute.extract.limits``, where each is described); "25_000_000" is accepted.
    max_file_bytes: PositiveInt = bounds.FILE_BYTES.default
    max_text_chars: PositiveInt = bounds.TEXT_CHARS.default
    max_decompressed_bytes: PositiveInt = bounds.DECOMPRESSED_BYTES.default
    max_archive_parts: PositiveInt = bounds.ARCHIVE_PARTS.default
    max_pdf_pages: PositiveInt = bounds.PDF_PAGES.default
    max_posting_files: PositiveInt = bounds.POSTING_FILES.default
    max_market_bytes: PositiveInt = bounds.MARKET_BYTES.default
    max_postings: PositiveInt = bounds.POSTINGS.default
    max_sentence_chars: PositiveInt = bounds.SENTENCE_CHARS.default

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise _invalid(exc) from None

    @field_validator(*_OPTIONAL, mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # MLROUTE_EMBEDDINGS= (set but empty) turns a setting off, as it did before there was a settings object.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator(*_LIMITS, mode="before")
    @classmethod
    def _empty_is_default(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise PydanticUseDefault()
        return value.strip() if isinstance(value, str) else value

    def host_names(self) -> list[str]:
        """``MLROUTE_ALLOW_HOSTS`` as a list of names."""
        return [n.strip().lower() for n in (self.allow_hosts or "").split(",") if n.strip()]

    def database_url(self) -> str:
        from mlroute.store.engine import database_url

        return database_url(self.db)

    def environment(self) -> dict[str, str]:
        """The settings as ``MLROUTE_*`` variables, for a worker process that must see the same configuration."""
        return {f"MLROUTE_{k.upper()}": str(v) for k, v in self.model_dump().items() if v is not None}

    def kb_dir(self) -> Path:
        from mlroute.kb.loader import default_data_dir

        return self.kb if self.kb is not None else default_data_dir()

    def kb_cache_dir(self) -> Path | None:
        """Where the parsed knowledge base is kept: only the embedded one (a directory of one's own is being
        edited), only when ``kb_cache`` is on."""
        if self.kb is not None or not self.kb_cache:
            return None
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("mlroute", appauthor=False))

    def limits(self) -> bounds.Limits:
        """Extraction's limits, for the extraction service to hand down."""
        return bounds.Limits(**{limit.key: getattr(self, f"max_{limit.key}") for limit in bounds.ALL})


def _invalid(exc: ValidationError) -> UserError:
    """The first bad variable, named, with the value it had and what it should be."""
    error = exc.errors()[0]
    field = str(error["loc"][0]) if error["loc"] else ""
    variable = f"MLROUTE_{field.upper()}"
    limit = next((limit for limit in bounds.ALL if f"max_{limit.key}" == field), None)
    if limit is not None:
        return UserError(
            f"{variable}={error['input']!r} is not a positive whole number.",
            hint=f"Set it to a number of {limit.unit or 'items'} (the default is {limit.default:,}), or unset it.",
        )
    return UserError(f"{variable}={error['input']!r} is not valid: {error['msg']}.", hint=f"Fix or unset {variable}.")


def use_environment(env: dict[str, str]) -> None:
    """Make ``env`` the process's ``MLROUTE_*`` configuration (in a worker process started by the web app)."""
    import os

    for key in [k for k in os.environ if k.startswith("MLROUTE_") and k not in env]:
        del os.environ[key]
    os.environ.update(env)
