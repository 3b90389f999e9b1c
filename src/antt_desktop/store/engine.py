"""Engine and sessions: SQLite with WAL and foreign keys on, or a PostgreSQL URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def database_url(target: str | Path) -> str:
    """A path becomes a SQLite URL; a string with '://' is taken as a database URL."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).resolve()}"


def is_sqlite(target: str | Path) -> bool:
    return database_url(target).startswith("sqlite")


def make_engine(target: str | Path) -> Engine:
    url = database_url(target)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _configure_sqlite_connection)
        from antt_desktop.store.storage_errors import install

        install(engine, url.removeprefix("sqlite:///"))  # full disk, read-only folder (issue #8)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no committed data
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
