"""Bring a database to the newest schema, backing the file up first (DESIGN §2.2)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from antt_desktop.paths import migrations_dir
from antt_desktop.store.backups import backup_database
from antt_desktop.store.engine import database_url, is_sqlite, make_engine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def pending_migration(engine: Engine) -> bool:
    return current_revisions(engine) != head_revisions()


def migrate_to_head(target: str | Path, *, engine: Engine | None = None) -> Path | None:
    """Upgrade to head; a SQLite file that has data and lags behind is backed up first.

    Returns the backup made, if any.
    """
    own_engine = engine is None
    engine = engine or make_engine(target)
    backup = None
    try:
        if not pending_migration(engine):
            return None
        if is_sqlite(target) and inspect(engine).get_table_names():  # an empty new file needs none
            path = Path(database_url(target).removeprefix("sqlite:///"))
            backup = backup_database(path, "truoc-nang-cap")
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
        return backup
    finally:
        if own_engine:
            engine.dispose()
