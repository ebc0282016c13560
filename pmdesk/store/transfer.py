"""Copy a whole workspace between a file and a server: every table, the event log, the ids.

Both directions write all or nothing: a copy to a server is made in the one transaction
that also creates its schema; a copy to a file is built beside it and renamed when whole.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pmdesk.domain.errors import StorageError, WorkspaceError, describe_os_error
from pmdesk.store import tables as t
from pmdesk.store.backend import (
    READ_OPTION,
    Backend,
    bulk_written,
    id_counters,
    set_id_counters,
)
from pmdesk.store.sqlite import remove_database_files

BATCH = 5000


def copy_rows(source: sa.Connection, target: sa.Connection) -> None:
    """Insert every row of ``source`` into the empty tables of ``target``, ids kept."""
    for table in t.metadata.sorted_tables:  # parents before children
        order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
        result = source.execution_options(yield_per=BATCH).execute(
            sa.select(table).order_by(*order))
        for rows in result.mappings().partitions():
            target.execute(sa.insert(table), [dict(row) for row in rows])
    bulk_written(target, t.metadata.sorted_tables, BATCH)  # many rows: fresh statistics
    counters = id_counters(source)
    for table in t.metadata.sorted_tables:
        if "id" in table.c:
            top = target.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
            counters[table.name] = max(counters.get(table.name, 0), int(top))
    set_id_counters(target, counters)


def copy_into_new_file(engine: Engine, source: Backend, target: Path) -> None:
    """Write the workspace behind ``engine`` to a new ``.pmdesk`` file at ``target``."""
    from pmdesk.store.sqlite import SqliteFile

    target = Path(target)
    if target.exists():
        raise WorkspaceError(f"{target} already exists; choose another name.")
    partial = target.with_name(f".{target.name}.partial")
    remove_database_files(partial)  # left by a copy that was killed
    try:
        copy_into_empty(engine, source, SqliteFile(partial), "no copy was written")
        os.replace(partial, target)
    except OSError as exc:
        remove_database_files(partial)
        raise StorageError(describe_os_error(exc, str(target), "no copy was written")) from None
    except BaseException:
        remove_database_files(partial)
        raise


def copy_into_empty(engine: Engine, source: Backend, target: Backend,
                    outcome: str = "nothing was copied") -> None:
    """Create the schema at ``target`` and copy every row into it, in one transaction."""

    def fill(dst: sa.Connection) -> None:
        if dst.execute(sa.select(sa.func.count()).select_from(t.event)).scalar():
            raise WorkspaceError(f"{target.name} is not empty; a workspace is copied into an "
                                 f"empty database only — {outcome}.")
        with source.errors(outcome), engine.connect() as src:
            src.execution_options(**{READ_OPTION: True})
            with src.begin():
                copy_rows(src, dst)

    target.create(then=fill)
