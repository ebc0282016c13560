"""Where a workspace lives: a ``.pmdesk`` file (the default) or a PostgreSQL database.

A workspace is named by its location: a path, or a ``postgresql://user@host/db`` URL.
Everything that differs between the two lives behind ``Backend`` in one module each
(``sqlite.py``, ``postgres.py``); the code that only holds a connection asks the helpers
at the end of this module, which look at the connection's dialect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pmdesk.domain.locations import Location, is_server_location

__all__ = ["READ_OPTION", "Backend", "ChangeWatcher", "Location", "backend_for",
           "is_server_location"]

T = TypeVar("T")

# A connection marked with this execution option runs a read-only snapshot transaction.
READ_OPTION = "pmdesk_read"
NOTHING_CHANGED = "nothing was changed"


class ChangeWatcher(Protocol):
    """Tells cheaply whether another client committed since the last look."""

    def changed(self) -> bool: ...

    def close(self) -> None: ...


class Backend(Protocol):
    """One kind of database holding a workspace, at one location."""

    @property
    def name(self) -> str:
        """What a message calls the workspace: the file's name or ``user@host/db``."""

    @property
    def location(self) -> str:
        """Where it is, to open it again: the full path, or the URL without its password."""

    def location_to_reopen(self) -> Location:
        """The location with what this process was given to log in (a typed password):
        for a second window, never for showing or storing."""

    @property
    def path(self) -> Path | None:
        """The file, for a local workspace."""

    def make_engine(self, *, read_only: bool = False, foreign_keys: bool = True) -> Engine:
        """An engine whose write transactions are serialised and reads are snapshots."""

    def errors(self, outcome: str = NOTHING_CHANGED) -> AbstractContextManager[None]:
        """Re-raise expected storage failures inside the block as pmdesk errors."""

    def exists(self) -> bool:
        """True when something is at the location (a file, a database with tables)."""

    def missing_message(self) -> str:
        """The sentence for opening a location where no workspace is."""

    def read_revision(self) -> str:
        """Validate the workspace without writing to it and return its schema revision."""

    def create(self, then: Callable[[sa.Connection], None] | None = None) -> None:
        """Make an empty workspace at the current schema; refuse to overwrite anything."""

    def build(self, fill: Callable[[Backend], T]) -> T:
        """Create a new workspace and ``fill`` it (given the new one's backend), all or
        nothing: a failed fill leaves nothing behind."""

    def backup_to(self, target: Path) -> None:
        """Write a consistent ``.pmdesk`` copy of the (closed, checked) workspace."""

    def writable(self) -> bool:
        """False where the user may only read (a read-only file or folder)."""

    def copy_before_upgrade(self, head: str) -> None:
        """Keep a copy of the workspace before migrating it to ``head``."""

    def daily_backup(self) -> None:
        """Take the rolling daily copy when one is due."""

    def copy_to(self, engine: Engine, target: Path) -> None:
        """Write a consistent local ``.pmdesk`` copy of the live workspace to ``target``."""

    def is_gone(self) -> bool:
        """True when the workspace disappeared under the open app (a file moved away)."""

    def watcher(self, own: set[str]) -> ChangeWatcher:
        """Something that tells cheaply when another client changed the workspace."""

    def listener(self, own: set[str]) -> Any:
        """An ``EventListener`` for other clients' announced commits, or ``None`` where
        nothing announces them (a file: poll ``watcher``)."""

    def integrity_problems(self, conn: sa.Connection) -> list[str]:
        """The database's own consistency report (empty when sound)."""

    def foreign_key_problems(self, conn: sa.Connection) -> list[tuple[Any, ...]]:
        """Rows pointing at rows that do not exist."""

    def after_upgrade(self, conn: sa.Connection) -> None:
        """Called inside the migration's transaction once the schema is current."""

    def after_write(self, conn: sa.Connection, txn: str, events: list[dict[str, Any]]
                    ) -> None:
        """Called inside each write transaction just before its commit: write its last
        ``events`` (rows of ``tables.event``) and tell other clients of the commit."""


def backend_for(location: Location) -> Backend:
    """The backend for a path (a local file) or a database URL."""
    if is_server_location(location):
        from pmdesk.store.postgres import PostgresServer  # the driver only when used

        return PostgresServer(str(location))
    from pmdesk.store.sqlite import SqliteFile

    return SqliteFile(Path(location))


def on_server(conn: sa.Connection) -> bool:
    return conn.dialect.name == "postgresql"


def fetch_together(conn: sa.Connection, statements: Sequence[tuple[sa.Executable,
                                                                   Mapping[str, Any]]]
                   ) -> list[Sequence[Mapping[Any, Any]]]:
    """The rows of each of ``statements`` (each with its parameters), run in order: reads
    that do not wait for each other's answers, which a server gets in one round trip."""
    if on_server(conn):
        from pmdesk.store import postgres_batch

        return list(postgres_batch.fetch_together(conn, statements))
    return [list(conn.execute(statement, params).mappings()) for statement, params in statements]


def read_with_next(conn: sa.Connection, statements: Sequence[tuple[sa.Executable,
                                                                   Mapping[str, Any]]]
                   ) -> Callable[[], list[Sequence[Mapping[Any, Any]]]]:
    """Reads whose rows are wanted later: the function returned gives what
    ``fetch_together`` would have read now. A file reads them now; a server sends them with
    the next statement (at the latest the commit), in the same round trip."""
    if on_server(conn):
        from pmdesk.store import postgres_batch

        return postgres_batch.read_with_next(conn, statements)  # type: ignore[return-value]
    rows = fetch_together(conn, statements)
    return lambda: rows


def write_with_next(conn: sa.Connection, statement: sa.Executable,
                    params: Mapping[str, Any]) -> None:
    """Run a write whose answer nobody reads (no rows, no row count). A file runs it now;
    a server sends it with the next statement, in the same round trip, and an error it
    meets is raised there, in the same transaction."""
    if on_server(conn):
        from pmdesk.store import postgres_batch

        postgres_batch.queue(conn, statement, params)
    else:
        conn.execute(statement, params)


def next_free_id(conn: sa.Connection, table: sa.Table) -> int:
    """The first id above every id ``table`` ever handed out, for writers choosing ids."""
    if on_server(conn):
        from pmdesk.store import postgres

        return postgres.next_free_id(conn, table)
    from pmdesk.store import sqlite

    return sqlite.next_free_id(conn, table)


def bulk_written(conn: sa.Connection, tables: Iterable[sa.Table], rows: int) -> None:
    """After inserting ``rows`` rows with explicit ids: the next ordinary insert gets a free
    id, and after many rows the server's planner learns the tables' new sizes."""
    if on_server(conn):
        from pmdesk.store import postgres

        postgres.advance_sequences(conn, tables)
        if rows >= postgres.ANALYZE_AFTER_ROWS:
            postgres.analyze(conn, tables)
    # SQLite's AUTOINCREMENT counter rises past an explicit id by itself, and its planner
    # needs no statistics for pmdesk's indexed queries.


def id_counters(conn: sa.Connection) -> dict[str, int]:
    """The highest id each table ever handed out (deleted rows included)."""
    if on_server(conn):
        from pmdesk.store import postgres

        return postgres.id_counters(conn)
    from pmdesk.store import sqlite

    return sqlite.id_counters(conn)


def set_id_counters(conn: sa.Connection, counters: dict[str, int]) -> None:
    """Make each table hand out ids above ``counters`` (after copying rows in)."""
    if on_server(conn):
        from pmdesk.store import postgres

        postgres.set_id_counters(conn, counters)
    else:
        from pmdesk.store import sqlite

        sqlite.set_id_counters(conn, counters)
