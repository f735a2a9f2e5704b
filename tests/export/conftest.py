from tests.store.fixtures import db_url, pg_url, store

__all__ = ["db_url", "pg_url", "store"]
