"""Low-level checks of the database file: SQLite's own integrity and foreign-key checks."""

from __future__ import annotations

from sqlalchemy import Engine, text


def integrity_problems(engine: Engine) -> list[str]:
    """SQLite's integrity_check and foreign_key_check lines; empty when the file is sound."""
    if engine.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    with engine.connect() as connection:
        for (line,) in connection.execute(text("PRAGMA integrity_check")):
            if line != "ok":
                problems.append(line)
        for row in connection.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"foreign key: table {row[0]} rowid {row[1]} → {row[2]}")
    return problems
