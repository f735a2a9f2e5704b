from tests.store.fixtures import db_url, pg_url, tracking_db

__all__ = ["db_url", "pg_url", "tracking_db"]
