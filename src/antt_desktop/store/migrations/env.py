"""Alembic environment: the connection comes in through config.attributes (STYLE §4)."""

from __future__ import annotations

from alembic import context

from antt_desktop.store.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run them through antt_desktop.store.migrate.")
run_migrations_online()
