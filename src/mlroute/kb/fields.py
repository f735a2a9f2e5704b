"""The building blocks every knowledge-base record shares: strict models, ids, names in both languages."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

SLUG = r"^[a-z0-9][a-z0-9+#.-]*$"

Slug = Annotated[str, Field(pattern=SLUG, min_length=1, max_length=60)]


class Strict(BaseModel):
    """Base for records: unknown keys are errors, so a typo in YAML is reported instead of ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Names(Strict):
    """A record's display name; both languages are required."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en
