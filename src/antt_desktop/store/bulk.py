"""Bulk inserts for demo data, imports and benchmarks (Core executemany: ~8× the ORM's speed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Engine, insert

from antt_desktop.store.tables import Base


def insert_rows(engine: Engine, rows_by_table: Mapping[str, Sequence[dict]], *, chunk: int = 20_000) -> None:
    """Insert all rows in one transaction, parents before children."""
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            rows = rows_by_table.get(table.name)
            if not rows:
                continue
            for start in range(0, len(rows), chunk):
                connection.execute(insert(table), list(rows[start:start + chunk]))
