"""How SQLite failures become pmdesk's own errors, decided by result code, never message text."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from pmdesk.domain.errors import (
    CorruptWorkspaceError,
    DiskFullError,
    ReadOnlyWorkspaceError,
    StorageError,
    WorkspaceError,
    WorkspaceLockedError,
)
from pmdesk.store.backend import NOTHING_CHANGED

# Primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PROTOCOL = 10, 11, 13, 14, 15
SQLITE_TOOBIG, SQLITE_AUTH, SQLITE_NOTADB = 18, 23, 26
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)
SQLITE_IOERR_NOMEM = SQLITE_IOERR | (12 << 8)


def classify(
    exc: BaseException, path: Path, outcome: str = NOTHING_CHANGED
) -> WorkspaceError | None:
    """Turn a storage failure into pmdesk's own error, or ``None`` for a bug.

    Decided by SQLite's result code, never by message text. ``outcome`` says what the
    failure meant for the user's data ("nothing was changed", "no copy was written").
    """
    if isinstance(exc, sa.exc.DBAPIError):
        exc = exc.orig  # type: ignore[assignment]
    name = path.name
    if isinstance(exc, MemoryError):
        return StorageError(f"pmdesk ran out of memory working on {name}; close other "
                            f"programs or use a smaller file — {outcome}.")
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or not isinstance(code, int):
        return None
    primary = code & 0xFF
    if primary == SQLITE_FULL or (primary == SQLITE_IOERR and disk_is_full(path)):
        return DiskFullError(f"The disk holding {name} is full; free some space and try "
                             f"again — {outcome}.")
    if code == SQLITE_READONLY_DBMOVED or primary == SQLITE_CANTOPEN:
        return StorageError(f"{name} cannot be reached any more (was it moved or deleted, "
                            f"or its drive removed?) — {outcome}.")
    if primary in (SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH):
        return ReadOnlyWorkspaceError(f"{name} is on a read-only disk or may not be written; "
                                      f"open a copy in a writable place — {outcome}.")
    if primary in (SQLITE_BUSY, SQLITE_LOCKED, SQLITE_PROTOCOL):
        return WorkspaceLockedError(f"{name} is busy in another program; try again in a "
                                    f"moment — {outcome}.")
    if primary == SQLITE_NOMEM or code == SQLITE_IOERR_NOMEM:
        return StorageError(f"pmdesk ran out of memory working on {name}; close other "
                            f"programs and try again — {outcome}.")
    if primary == SQLITE_IOERR:
        return StorageError(f"The disk holding {name} failed to read or write (removed drive, "
                            f"used-up quota or a failing disk); check it and try again — "
                            f"{outcome}.")
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CorruptWorkspaceError(f"{name} is damaged; run pmdesk check on it and restore "
                                     f"a backup — {outcome}.")
    if primary == SQLITE_TOOBIG:
        return StorageError(f"A value is too big for {name} to store — {outcome}.")
    return None


def disk_is_full(path: Path) -> bool:
    try:
        stats = os.statvfs(path.parent)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 64 * 1024


@contextmanager
def storage_errors(path: Path, outcome: str = NOTHING_CHANGED) -> Iterator[None]:
    """Re-raise expected storage failures inside the block as pmdesk errors."""
    try:
        yield
    except (sqlite3.Error, sa.exc.DBAPIError, MemoryError) as exc:
        known = classify(exc, path, outcome)
        if known is None:
            raise
        raise known from None
