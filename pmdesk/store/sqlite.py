"""Everything SQLite-specific: connection settings, file checks, online copies.

The rest of the store stays portable SQL so a server database could replace this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from pmdesk.domain.errors import (
    CorruptWorkspaceError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    WorkspaceError,
    WorkspaceLockedError,
)

APPLICATION_ID = 0x504D444B  # "PMDK" in the SQLite header marks a pmdesk workspace
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
READ_OPTION = "pmdesk_read"


def _uri(path: Path, read_only: bool) -> str:
    uri = "file:" + quote(str(path.resolve()))
    return uri + ("?mode=ro" if read_only else "")


def connect_raw(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open a plain sqlite3 connection in autocommit mode."""
    conn = sqlite3.connect(
        _uri(path, read_only),
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
        isolation_level=None,
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def make_engine(path: Path, *, read_only: bool = False, foreign_keys: bool = True) -> Engine:
    """Build an engine whose every transaction starts with BEGIN IMMEDIATE.

    Deferred transactions that read and then write fail at once when another process
    committed in between; IMMEDIATE takes the write lock up front and waits politely.
    A connection marked with the ``pmdesk_read`` option begins a plain read transaction.
    """
    engine = sa.create_engine(
        "sqlite+pysqlite://",
        creator=lambda: connect_raw(path, read_only=read_only),
        pool_size=2,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        if not read_only:
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            dbapi_conn.execute("PRAGMA synchronous=NORMAL")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        reading = read_only or conn.get_execution_options().get(READ_OPTION, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def translate_operational_error(exc: BaseException, path: Path) -> WorkspaceError | None:
    """Turn SQLite's lock and permission failures into user-facing errors."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return WorkspaceLockedError(
            f"{path.name} is busy in another program; try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyWorkspaceError(f"{path.name} is read-only, so changes cannot be saved.")
    if "disk i/o" in text or "unable to open" in text:
        return WorkspaceError(f"{path.name} cannot be reached any more (was it moved or deleted?).")
    if "malformed" in text or "not a database" in text:
        return CorruptWorkspaceError(f"{path.name} is damaged and cannot be read.")
    return None


@contextmanager
def inspect_readonly(path: Path) -> Iterator[sqlite3.Connection]:
    """Open an existing file strictly read-only after checking it is a sound SQLite file."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise WorkspaceError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    if not header.startswith(SQLITE_HEADER):
        raise NotAWorkspaceError(f"{path.name} is not a pmdesk workspace.")
    if len(header) < 100:
        raise CorruptWorkspaceError(f"{path.name} is damaged (the file is truncated).")
    try:
        conn = connect_raw(path, read_only=True)
    except sqlite3.Error as exc:
        raise WorkspaceError(f"{path.name} cannot be opened: {exc}.") from None
    with closing(conn):
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise CorruptWorkspaceError(f"{path.name} is damaged and cannot be read.") from exc
        if rows != [("ok",)]:
            raise CorruptWorkspaceError(
                f"{path.name} is damaged: SQLite reports “{rows[0][0]}”."
            )
        yield conn


def application_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA application_id").fetchone()[0])


def mark_as_workspace(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")


def copy_database(source: Path | sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of a live database with the online backup API.

    ``source`` may be an open connection: that still works when the file was deleted or
    moved under a running app, because the connection keeps the data alive.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        if isinstance(source, sqlite3.Connection):
            _backup(source, partial)
        else:
            with closing(connect_raw(source, read_only=True)) as src:
                _backup(src, partial)
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise WorkspaceError(f"The copy could not be written to {target}: {exc}.") from None


def _backup(source: sqlite3.Connection, target: Path) -> None:
    with closing(sqlite3.connect(target)) as dst:
        source.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")


def next_free_id(conn: sa.Connection, table: sa.Table) -> int:
    """The first id above every id ``table`` ever handed out, deleted rows included.

    For writers that choose ids themselves (bulk inserts): AUTOINCREMENT keeps its counter
    in ``sqlite_sequence`` and raises it past any explicit id inserted.
    """
    top = conn.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
    seq = conn.execute(
        sa.text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table.name}
    ).scalar() or 0
    return max(int(top), int(seq)) + 1


def quick_check(conn: sa.Connection) -> list[str]:
    return [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check")]


def foreign_key_problems(conn: sa.Connection | sqlite3.Connection) -> list[tuple[Any, ...]]:
    if isinstance(conn, sqlite3.Connection):
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    return [tuple(r) for r in conn.exec_driver_sql("PRAGMA foreign_key_check")]


class DataVersion:
    """Cheaply tell whether another connection committed since the last look."""

    def __init__(self, path: Path) -> None:
        self._conn = connect_raw(path, read_only=True)
        self._last = self._read()

    def _read(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """Raise ``WorkspaceError`` when the file cannot be read right now."""
        try:
            current = self._read()
        except sqlite3.Error as exc:
            message = f"The workspace could not be checked for changes: {exc}."
            raise WorkspaceError(message) from None
        changed = current != self._last
        self._last = current
        return changed

    def close(self) -> None:
        self._conn.close()
