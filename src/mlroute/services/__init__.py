"""The application layer: one module per use case, each taking the store (and the knowledge base) it works on and
returning a typed result (pydantic) that the CLI prints with ``--json`` and the web API returns. See
docs/architecture.md for the list."""
