"""Open, create and validate workspaces, in a file or on a server (DESIGN.md §4)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.engine import Engine

from pmdesk.domain.errors import (
    NewerSchemaError,
    PmdeskError,
    ReadOnlyWorkspaceError,
    ServerUnavailableError,
    WorkspaceError,
)
from pmdesk.store import schema
from pmdesk.store.backend import (
    NOTHING_CHANGED,
    Backend,
    ChangeWatcher,
    Location,
    backend_for,
)
from pmdesk.store.identity import login_name

if TYPE_CHECKING:
    from pmdesk.store.live import EventListener

T = TypeVar("T")


@dataclass
class Workspace:
    """An open workspace and its engine; which database holds it stays behind ``backend``."""

    backend: Backend
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
    # The name set in the preferences; it takes the place of the login in new events.
    display_name: str = ""
    # Set while the server is out of reach: the sentence every write is refused with.
    unavailable: str = ""

    @property
    def login(self) -> str:
        """The OS user on a file, the database login on a server."""
        return login_name(self.engine)

    @property
    def author(self) -> str:
        """The name the events written through this workspace record as their author."""
        return self.display_name.strip() or self.login

    @property
    def name(self) -> str:
        """The file's name, or ``user@host/db`` for a server (never a password)."""
        return self.backend.name

    @property
    def location(self) -> str:
        """The full path, or the URL without its password: enough to open it again."""
        return self.backend.location

    def location_to_reopen(self) -> Location:
        """Where to open this workspace once more in this process (with a typed password)."""
        return self.backend.location_to_reopen()

    @property
    def short_name(self) -> str:
        """A name for suggested file names: the file's stem, or the database's name."""
        path = self.backend.path
        return path.stem if path is not None else self.name.rpartition("/")[2]

    @property
    def path(self) -> Path:
        """The workspace file; a server workspace has none."""
        path = self.backend.path
        if path is None:
            raise WorkspaceError(f"{self.name} is on a server, not in a file.")
        return path

    @property
    def is_file(self) -> bool:
        return self.backend.path is not None

    def errors(self, outcome: str = NOTHING_CHANGED) -> AbstractContextManager[None]:
        """Expected storage failures inside the block become one-sentence pmdesk errors."""
        return self.backend.errors(outcome)

    def close(self) -> None:
        self.closed = True
        self.engine.dispose()

    def copy_to(self, target: Path) -> None:
        """Write a consistent local ``.pmdesk`` copy of the live workspace."""
        self.backend.copy_to(self.engine, Path(target))

    def file_is_missing(self) -> bool:
        return self.backend.is_gone()

    def watcher(self) -> ChangeWatcher:
        return self.backend.watcher(self.written)

    def listener(self) -> EventListener | None:
        """What announces other clients' commits as they happen (``None`` on a file)."""
        listener: EventListener | None = self.backend.listener(self.written)
        return listener

    def refuse_writes(self) -> None:
        """Refuse a write now, before anything is tried, when it cannot be saved."""
        if self.read_only:
            raise ReadOnlyWorkspaceError(
                f"{self.name} is open read-only, so changes cannot be saved.")
        if self.unavailable:
            raise ServerUnavailableError(self.unavailable)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_revision(location: Location) -> str:
    """Validate an existing workspace without writing to it and return its schema revision."""
    return backend_for(location).read_revision()


def checked_revision(where: Backend | Location) -> str:
    """Return the workspace's schema revision, refusing one from a newer pmdesk."""
    backend = backend_for(where) if isinstance(where, str | Path) else where
    revision = backend.read_revision()
    if revision == schema.head_revision():
        return revision
    from pmdesk.store import migrate  # Alembic: only for a workspace that is not current

    if revision != migrate.head_revision() and revision not in migrate.known_revisions():
        raise NewerSchemaError(
            f"{backend.name} was saved by a newer pmdesk (schema {revision}); "
            "update pmdesk to open it."
        )
    return revision


def create_workspace(location: Location) -> Workspace:
    """Create a new, empty workspace; refuse to overwrite anything."""
    backend = backend_for(location)
    backend.create()
    return Workspace(backend, backend.make_engine())


def build_workspace(location: Location, fill: Callable[[Workspace], T]) -> T:
    """Create a new workspace and ``fill`` it, all or nothing; returns what ``fill`` did."""
    backend = backend_for(location)

    def filled(created: Backend) -> T:
        with Workspace(created, created.make_engine()) as workspace:
            return fill(workspace)

    return backend.build(filled)


def open_workspace(
    location: Location, *, create: bool = False, read_only: bool = False, backup: bool = True
) -> Workspace:
    """Open a workspace, migrating it (after a backup) when it is from an older pmdesk.

    A foreign, damaged or newer workspace raises a ``WorkspaceError`` and is left untouched.
    """
    backend = backend_for(location)
    if not backend.exists():
        if create:
            return create_workspace(location)
        raise WorkspaceError(backend.missing_message())
    revision = checked_revision(backend)
    head = schema.head_revision()
    notice = ""
    read_only = read_only or not backend.writable()
    if revision != head:
        if read_only:
            raise WorkspaceError(
                f"{backend.name} needs an upgrade to this pmdesk's format but is read-only."
            )
        from pmdesk.store import migrate

        head = migrate.head_revision()
        backend.copy_before_upgrade(head)
        migrate.upgrade_to_head(backend)
    elif backup and not read_only:
        try:
            backend.daily_backup()
        except PmdeskError as exc:  # a missing daily copy must not keep the work closed
            notice = f"Today's backup copy could not be made: {exc.message}"
    engine = backend.make_engine(read_only=read_only)
    return Workspace(backend, engine, read_only=read_only, revision=head, notice=notice)
