"""What the typed service results share: a base model, ETA bands, and how dates and times are written.

The CLI prints a result with ``model_dump(mode="json")`` and the web API declares it as ``response_model``, so
``mlroute status --json`` and ``GET /api/status`` are one schema (published at ``/api/openapi.json``).
Timestamps are written as Python's ``isoformat()`` (``+00:00``), as the CLI always wrote them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainSerializer, RootModel

IsoDateTime = Annotated[datetime, PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json")]


class Result(BaseModel):
    # defer_build: a command builds the validators of the results it returns, not of every result it imports.
    model_config = ConfigDict(validate_by_name=True, serialize_by_alias=True, defer_build=True)


class Band(Result):
    """Weeks from the first start date: P10 (optimistic), P50 (most likely), P90 (cautious)."""

    p10: float
    p50: float
    p90: float

    @classmethod
    def of(cls, eta: Mapping[str, float]) -> Band:
        return cls(p10=eta["p10"], p50=eta["p50"], p90=eta["p90"])


class DateBand(Result):
    p10: date
    p50: date
    p90: date


class Document(RootModel[dict[str, Any]]):
    """A JSON document whose shape belongs to another part of mlroute (a plan, a knowledge-base record)."""

    def __getitem__(self, key: str) -> Any:
        return self.root[key]
