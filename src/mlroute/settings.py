"""Configuration: one object read from the environment (prefix ``MLROUTE_``) once, by the entry point.

The CLI reads it when a command starts, the web app when it is created, Alembic's ``env.py`` when it runs; they
hand the values on (a store, a knowledge-base index, a font path) instead of each module reading ``os.environ``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """``MLROUTE_DB``, ``MLROUTE_KB``, ``MLROUTE_EMBEDDINGS``, ``MLROUTE_PDF_FONT``, ``MLROUTE_USER``,
    ``MLROUTE_API_TOKEN``."""

    model_config = SettingsConfigDict(env_prefix="MLROUTE_", extra="ignore", frozen=True)

    db: str | None = None
    """A SQLAlchemy URL, or the path of a SQLite file; unset: ``mlroute.db`` in the user data directory."""
    kb: Path | None = None
    """A knowledge-base directory to use instead of the embedded one."""
    embeddings: str | None = None
    """The semantic linker's model: ``model2vec:DIR``, ``sentence-transformers:DIR`` or a hub name."""
    pdf_font: Path | None = None
    """A .ttf/.otf/.ttc font for PDF documents, tried before the bundled one."""
    user: str | None = None
    """Who is using mlroute (team mode)."""
    api_token: str | None = None
    """The token scripts send to ``mlroute serve`` (default: a new random one each start)."""

    @field_validator("db", "kb", "embeddings", "pdf_font", "user", "api_token", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # MLROUTE_EMBEDDINGS= (set but empty) turns a setting off, as it did before there was a settings object.
        return None if isinstance(value, str) and not value.strip() else value

    def database_url(self) -> str:
        from mlroute.store.engine import database_url

        return database_url(self.db)

    def environment(self) -> dict[str, str]:
        """The settings as ``MLROUTE_*`` variables, for a worker process that must see the same configuration."""
        return {f"MLROUTE_{k.upper()}": str(v) for k, v in self.model_dump().items() if v is not None}

    def kb_dir(self) -> Path:
        from mlroute.kb.loader import default_data_dir

        return self.kb if self.kb is not None else default_data_dir()


def use_environment(env: dict[str, str]) -> None:
    """Make ``env`` the process's ``MLROUTE_*`` configuration (in a worker process started by the web app)."""
    import os

    for key in [k for k in os.environ if k.startswith("MLROUTE_") and k not in env]:
        del os.environ[key]
    os.environ.update(env)
