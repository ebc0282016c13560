"""Everything SQLite-specific: connection settings, file checks, online copies.

The rest of the store stays portable SQL; ``postgres.py`` is the server counterpart and
``backend.py`` chooses between the two by the workspace's location.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from pmdesk.domain.errors import (
    CorruptWorkspaceError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    StorageError,
    WorkspaceError,
    describe_os_error,
)
from pmdesk.store import schema
from pmdesk.store import tables as t
from pmdesk.store.backend import NOTHING_CHANGED, READ_OPTION
from pmdesk.store.sqlite_errors import classify, storage_errors
from pmdesk.store.validation import schema_problems, workspace_damaged

T = TypeVar("T")
APPLICATION_ID = schema.APPLICATION_ID
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _uri(path: Path, read_only: bool, immutable: bool) -> str:
    uri = "file:" + quote(str(path.resolve()))
    if immutable:
        return uri + "?mode=ro&immutable=1"
    return uri + ("?mode=ro" if read_only else "")


def nobody_has_it_open(path: Path) -> bool:
    """True when no connection has the file open in WAL mode (it keeps a -shm file)."""
    return not any(Path(str(path) + s).exists() for s in ("-wal", "-shm"))


def read_only_media(path: Path) -> bool:
    """True when nothing can be written beside the file (read-only mount or folder)."""
    return not os.access(path.parent, os.W_OK)


def connect_raw(
    path: Path, *, read_only: bool = False, immutable: bool = False
) -> sqlite3.Connection:
    """Open a plain sqlite3 connection in autocommit mode.

    ``immutable`` reads the file without locks and without creating -wal or -shm files:
    only for a file nobody can be writing (no -shm beside it, or on read-only media).
    A read-only connection where no -shm exists and none can be created opens so too.
    """
    immutable = immutable or (read_only and not Path(str(path) + "-shm").exists()
                              and read_only_media(path))
    # Where the file could be written, a reader opens it read-write but refuses writes
    # itself: SQLite then removes the -wal and -shm files it made when the last
    # connection closes, instead of leaving them beside the file.
    query_only = read_only and not immutable and os.access(path, os.W_OK) and os.access(
        path.parent, os.W_OK)
    conn = sqlite3.connect(
        _uri(path, read_only and not query_only, immutable),
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
        isolation_level=None,
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if query_only:
        conn.execute("PRAGMA query_only=ON")
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
    if Path(str(path) + "-wal").exists() and read_only_media(path) and not Path(
            str(path) + "-shm").exists():
        raise ReadOnlyWorkspaceError(
            f"{path.name} has changes in its -wal file that cannot be read on a read-only "
            "disk; copy the file and its -wal file to a writable place and open the copy.")
    # A file nobody has open is inspected without creating -wal or -shm files beside it,
    # so a refused file is left exactly as it was (and a full disk can still be read).
    with storage_errors(path, "it was not opened"):
        conn = connect_raw(path, read_only=True, immutable=nobody_has_it_open(path))
    with closing(conn):
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.Error as exc:
            known = classify(exc, path, "it was not opened")
            if isinstance(known, CorruptWorkspaceError | None):
                raise CorruptWorkspaceError(
                    f"{path.name} is damaged and cannot be read.") from None
            raise known from None
        if rows != [("ok",)]:
            raise CorruptWorkspaceError(
                f"{path.name} is damaged: {summarise_report([r[0] for r in rows])}."
            )
        yield conn


def summarise_report(lines: list[str]) -> str:
    """SQLite's multi-line integrity report as one clause: the first finding and a count."""
    first = " ".join(lines[0].split()) if lines else "unknown damage"
    if len(first) > 120:
        first = first[:117] + "..."
    more = len(lines) - 1
    return f"SQLite reports “{first}”" + (f" and {more} more problem(s)" if more else "")


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
            with closing(_open_source(source)) as src:
                _backup(src, partial)
        partial.replace(target)
    except OSError as exc:
        remove_database_files(partial)
        raise StorageError(describe_os_error(exc, str(target), "no copy was written")) from None
    except (sqlite3.Error, MemoryError) as exc:
        remove_database_files(partial)
        known = classify(exc, target, "no copy was written")
        if known is None:
            raise
        raise known from None


def _open_source(source: Path) -> sqlite3.Connection:
    """Open the file to copy; one nobody has open is read as immutable if need be.

    A read-only connection needs a -shm file, which cannot be made on a full or read-only
    disk; without a -shm file no one is writing, so reading without locks is safe.
    """
    unopened = nobody_has_it_open(source)
    conn = connect_raw(source, read_only=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if not unopened:
            raise
        for suffix in ("-wal", "-shm"):  # the empty files the failed attempt left
            leftover = Path(str(source) + suffix)
            if leftover.exists() and leftover.stat().st_size == 0:
                leftover.unlink()
        return connect_raw(source, read_only=True, immutable=True)


def remove_database_files(path: Path) -> None:
    """Delete a database file this process created, with its journal, -wal and -shm."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


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


def id_counters(conn: sa.Connection) -> dict[str, int]:
    return {str(name): int(seq) for name, seq in conn.exec_driver_sql(
        "SELECT name, seq FROM sqlite_sequence")}


def set_id_counters(conn: sa.Connection, counters: dict[str, int]) -> None:
    for name, seq in counters.items():
        conn.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :name"), {"name": name})
        conn.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"),
                     {"name": name, "seq": seq})


def foreign_key_problems(conn: sa.Connection | sqlite3.Connection) -> list[tuple[Any, ...]]:
    if isinstance(conn, sqlite3.Connection):
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    return [tuple(r) for r in conn.exec_driver_sql("PRAGMA foreign_key_check")]


class DataVersion:
    """Cheaply tell whether another window or process committed since the last look.

    ``PRAGMA data_version`` moves for every commit made through other connections, this
    process's own included; the event log then tells the two apart. Writes listed in
    ``own`` (transaction ids) are not news, but a foreign commit is reported even when an
    own write followed it before the next look.
    """

    def __init__(self, path: Path, own: set[str] | None = None) -> None:
        self._path = path
        self._conn = connect_raw(path, read_only=True)
        self._own = own if own is not None else set()
        self._last = self._read()
        self._seen = int(self._conn.execute("SELECT coalesce(max(id), 0) FROM event")
                         .fetchone()[0])

    def _read(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        with storage_errors(self._path):
            current = self._read()
            if current == self._last:
                return False
            self._last = current
            rows = self._conn.execute(
                "SELECT id, txn FROM event WHERE id > ? ORDER BY id", (self._seen,)
            ).fetchall()
        if not rows:
            return True  # a commit that logged nothing: look again to be safe
        self._seen = int(rows[-1][0])
        return any(txn not in self._own for _, txn in rows)

    def close(self) -> None:
        self._conn.close()


def _table_columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table, column in conn.execute(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
            "WHERE m.type = 'table'"):
        found.setdefault(str(table), set()).add(str(column))
    return found


class SqliteFile:
    """A workspace in one local ``.pmdesk`` file (see ``backend.Backend``)."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)

    @property
    def name(self) -> str:
        return self._path.name

    @property
    def location(self) -> str:
        return str(self._path)

    def location_to_reopen(self) -> Path:
        return self._path

    @property
    def path(self) -> Path:
        return self._path

    def make_engine(self, *, read_only: bool = False, foreign_keys: bool = True) -> Engine:
        return make_engine(self._path, read_only=read_only, foreign_keys=foreign_keys)

    def errors(self, outcome: str = NOTHING_CHANGED) -> Any:
        return storage_errors(self._path, outcome)

    def exists(self) -> bool:
        return self._path.exists()

    def missing_message(self) -> str:
        return f"{self._path} does not exist."

    def read_revision(self) -> str:
        path = self._path
        if path.is_dir():
            raise NotAWorkspaceError(f"{path.name} is a folder, not a pmdesk workspace.")
        with inspect_readonly(path) as conn:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
            if application_id(conn) != APPLICATION_ID or "alembic_version" not in tables:
                raise NotAWorkspaceError(
                    f"{path.name} is an SQLite file but not a pmdesk workspace.")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None:
                raise NotAWorkspaceError(
                    f"{path.name} has no schema version; it is not a pmdesk workspace.")
            current = str(row[0]) == schema.head_revision()
            problems = schema_problems(_table_columns(conn)) if current else []
        if problems:
            raise workspace_damaged(path.name, problems)
        return str(row[0])

    def create(self, then: Callable[[sa.Connection], None] | None = None) -> None:
        path = self._path
        if path.exists():
            raise WorkspaceError(f"{path.name} already exists; choose another name.")
        if not path.parent.is_dir():
            raise WorkspaceError(f"The folder {path.parent} does not exist.")
        from pmdesk.store.migrate import upgrade_to_head

        try:
            with storage_errors(path, "no workspace was created"):
                with closing(connect_raw(path)) as conn:
                    conn.execute("PRAGMA journal_mode=WAL")
                    mark_as_workspace(conn)
                upgrade_to_head(self, then=then)
        except OSError as exc:
            remove_database_files(path)
            raise StorageError(
                describe_os_error(exc, path.name, "no workspace was created")) from None
        except BaseException:
            remove_database_files(path)
            raise

    def build(self, fill: Callable[[SqliteFile], T]) -> T:
        """Build the workspace in a hidden file beside it and rename it when complete."""
        path = self._path
        if path.exists():
            raise WorkspaceError(f"{path.name} already exists; choose another name.")
        partial = SqliteFile(path.with_name(f".{path.name}.partial"))
        remove_database_files(partial.path)  # left by a run that was killed
        try:
            partial.create()
            result = fill(partial)
            if path.exists():
                raise WorkspaceError(f"{path.name} already exists; choose another name.")
            with storage_errors(path, "no workspace was written"):
                os.replace(partial.path, path)
        except OSError as exc:
            remove_database_files(partial.path)
            raise StorageError(
                describe_os_error(exc, path.name, "no workspace was written")) from None
        except BaseException:
            remove_database_files(partial.path)
            raise
        return result

    def backup_to(self, target: Path) -> None:
        copy_database(self._path, target)

    def writable(self) -> bool:
        return os.access(self._path, os.W_OK) and os.access(self._path.parent, os.W_OK)

    def copy_before_upgrade(self, head: str) -> None:
        from pmdesk.store import backups

        backups.make_backup(self._path, reason=f"before-{head}")

    def daily_backup(self) -> None:
        from pmdesk.store import backups

        backups.backup_if_due(self._path)

    def copy_to(self, engine: Engine, target: Path) -> None:
        """Copy the live database, even if its file was moved or deleted meanwhile."""
        raw = engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            copy_database(connection, target)
        finally:
            raw.close()

    def is_gone(self) -> bool:
        return not self._path.exists()

    def watcher(self, own: set[str]) -> DataVersion:
        return DataVersion(self._path, own)

    def listener(self, own: set[str]) -> None:
        return None  # nothing announces a file's commits: the window polls ``watcher``

    def integrity_problems(self, conn: sa.Connection) -> list[str]:
        report = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        return [] if report == ["ok"] else [summarise_report(report)]

    def foreign_key_problems(self, conn: sa.Connection) -> list[tuple[Any, ...]]:
        return foreign_key_problems(conn)

    def after_upgrade(self, conn: sa.Connection) -> None:
        """The file was marked as a workspace (``application_id``) when it was made."""

    def after_write(self, conn: sa.Connection, txn: str, events: list[dict[str, Any]]
                    ) -> None:
        """Other processes learn of the commit through ``PRAGMA data_version``."""
        if events:
            conn.execute(sa.insert(t.event), events)
