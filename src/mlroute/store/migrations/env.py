"""Alembic environment. mlroute runs its migrations itself (``mlroute.store.migrate``, on a connection it passes
in); run by Alembic's own CLI (``alembic -c alembic.ini revision --autogenerate -m …``, ``alembic check``,
``alembic upgrade head``) it opens the database the settings name (``MLROUTE_DB``), like mlroute does.
"""

from __future__ import annotations

from alembic import context

from mlroute.store import team_models as _team_models  # noqa: F401  (team mode's tables)
from mlroute.store.models import Base

connection = context.config.attributes.get("connection")
if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    from mlroute.settings import Settings

    url = Settings().database_url()
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=Base.metadata, render_as_batch=True, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
    else:
        from mlroute.store.engine import make_engine

        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
                with context.begin_transaction():
                    context.run_migrations()
        finally:
            engine.dispose()
