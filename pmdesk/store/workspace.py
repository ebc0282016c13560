"""Open, create and validate workspace files (DESIGN.md §4)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from pmdesk.domain.errors import (
    CorruptWorkspaceError,
    NewerSchemaError,
    NotAWorkspaceError,
    PmdeskError,
    StorageError,
    WorkspaceError,
    describe_os_error,
)
from pmdesk.store import backups, schema
from pmdesk.store.sqlite import (
    APPLICATION_ID,
    application_id,
    connect_raw,
    copy_database,
    inspect_readonly,
    make_engine,
    mark_as_workspace,
    remove_database_files,
    storage_errors,
)
from pmdesk.store.validation import schema_problems


@dataclass
class Workspace:
    """An open workspace file and its engine."""

    path: Path
    engine: Engine
    read_only: bool = False
    revision: str = field(default_factory=schema.head_revision)
    # Transactions written through this open workspace, to tell its own changes from
    # those of another window or process in the shared event log.
    written: set[str] = field(default_factory=set)
    # Something the user should know about the open (e.g. the daily backup failed).
    notice: str = ""
    # Set by close(): a disposed engine would quietly reconnect, so late readers check this.
    closed: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    def close(self) -> None:
        self.closed = True
        self.engine.dispose()

    def copy_to(self, target: Path) -> None:
        """Copy the live database, even if its file was moved or deleted meanwhile."""
        raw = self.engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            copy_database(connection, target)
        finally:
            raw.close()

    def file_is_missing(self) -> bool:
        return not self.path.exists()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_revision(path: Path) -> str:
    """Validate an existing file without writing to it and return its schema revision."""
    with inspect_readonly(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if application_id(conn) != APPLICATION_ID or "alembic_version" not in tables:
            raise NotAWorkspaceError(f"{path.name} is an SQLite file but not a pmdesk workspace.")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None:
            raise NotAWorkspaceError(
                f"{path.name} has no schema version; it is not a pmdesk workspace."
            )
        problems = schema_problems(conn) if str(row[0]) == schema.head_revision() else []
    if problems:
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise CorruptWorkspaceError(
            f"{path.name} is damaged: {problems[0]}{more}; it was left as it was — "
            "restore a backup.")
    return str(row[0])


def checked_revision(path: Path) -> str:
    """Return the file's schema revision, refusing files from a newer pmdesk."""
    revision = read_revision(path)
    if revision == schema.head_revision():
        return revision
    from pmdesk.store import migrate  # Alembic: only for a file that is not current

    if revision != migrate.head_revision() and revision not in migrate.known_revisions():
        raise NewerSchemaError(
            f"{path.name} was saved by a newer pmdesk (schema {revision}); "
            "update pmdesk to open it."
        )
    return revision


def create_workspace(path: Path) -> Workspace:
    """Create a new, empty workspace file; refuse to overwrite anything."""
    path = Path(path)
    if path.exists():
        raise WorkspaceError(f"{path.name} already exists; choose another name.")
    if not path.parent.is_dir():
        raise WorkspaceError(f"The folder {path.parent} does not exist.")
    try:
        with storage_errors(path, "no workspace was created"):
            with closing(connect_raw(path)) as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                mark_as_workspace(conn)
            from pmdesk.store.migrate import upgrade_to_head

            upgrade_to_head(path)
    except OSError as exc:
        remove_database_files(path)
        raise StorageError(describe_os_error(exc, path.name, "no workspace was created")) from None
    except BaseException:
        remove_database_files(path)
        raise
    return Workspace(path, make_engine(path))


def open_workspace(
    path: Path, *, create: bool = False, read_only: bool = False, backup: bool = True
) -> Workspace:
    """Open a workspace, migrating it (after a backup) when it is from an older pmdesk.

    A foreign, damaged or newer file raises a ``WorkspaceError`` and is left untouched.
    """
    path = Path(path)
    if not path.exists():
        if create:
            return create_workspace(path)
        raise WorkspaceError(f"{path} does not exist.")
    if path.is_dir():
        raise NotAWorkspaceError(f"{path.name} is a folder, not a pmdesk workspace.")
    revision = checked_revision(path)
    head = schema.head_revision()
    notice = ""
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    read_only = read_only or not writable
    if revision != head:
        if read_only:
            raise WorkspaceError(
                f"{path.name} needs an upgrade to this pmdesk's format but is read-only."
            )
        from pmdesk.store import migrate

        head = migrate.head_revision()
        backups.make_backup(path, reason=f"before-{head}")
        migrate.upgrade_to_head(path)
    elif backup and not read_only:
        try:
            backups.backup_if_due(path)
        except PmdeskError as exc:  # a missing daily copy must not keep the work closed
            notice = f"Today's backup copy could not be made: {exc.message}"
    engine = make_engine(path, read_only=read_only)
    return Workspace(path, engine, read_only=read_only, revision=head, notice=notice)

