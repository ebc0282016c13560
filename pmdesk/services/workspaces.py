"""Workspace-level use cases: open, create, copy, and first-run sample.

A workspace is named by its location: a path to a ``.pmdesk`` file, or a server's
``postgresql://user@host/db`` URL.
"""

from __future__ import annotations

from pathlib import Path

from pmdesk.domain.errors import WorkspaceError
from pmdesk.domain.locations import Location, is_server_location, parse_location
from pmdesk.services import Services
from pmdesk.services.base import Clock, system_clock
from pmdesk.services.demo import DemoService
from pmdesk.store.backend import ChangeWatcher, backend_for
from pmdesk.store.integrity import Report, check_file
from pmdesk.store.transfer import copy_into_empty, copy_into_new_file
from pmdesk.store.workspace import (
    build_workspace,
    checked_revision,
    create_workspace,
    open_workspace,
    read_revision,
)


def _location(value: Location) -> Location:
    return parse_location(value) if isinstance(value, str) else value


def open_services(location: Location, *, read_only: bool = False,
                  create: bool = False, clock: Clock = system_clock) -> Services:
    """Open an existing workspace (migrating an older one after a backup).

    ``create``: an empty server database becomes an empty workspace.
    """
    workspace = open_workspace(_location(location), read_only=read_only, create=create)
    return Services(workspace, clock)


def new_services(location: Location, *, sample: bool = False,
                 clock: Clock = system_clock) -> Services:
    """Create a workspace, empty or with the sample products."""
    workspace = create_workspace(_location(location))
    if sample:
        DemoService(workspace, clock).generate()
    return Services(workspace, clock)


def write_demo(location: Location, initiatives: int, tasks: int, seed: int) -> dict[str, int]:
    """Write a new workspace with the sample, all or nothing.

    A file is built hidden beside its name and renamed when complete, so an interrupted or
    refused run (even a killed one) never leaves a half-built workspace; on a server, a
    failed run removes the tables it made from the database, empty again.
    """
    return build_workspace(_location(location),
                           lambda workspace: DemoService(workspace).generate(
                               initiatives, tasks, seed))


def new_workspace(location: Location) -> None:
    """Create an empty workspace to import into."""
    create_workspace(_location(location)).close()


def check_workspace(location: Location) -> Report:
    """Check a closed workspace's integrity and schema without writing to it."""
    location = _location(location)
    backend = backend_for(location)
    if not backend.exists():
        raise WorkspaceError(backend.missing_message())
    return check_file(location)


def backup_workspace(source: Location, target: Path, *, overwrite: bool = False) -> None:
    """Copy a workspace consistently into a local ``.pmdesk`` file, even while another
    process has it open."""
    target = Path(target)
    backend = backend_for(_location(source))
    if not backend.exists():
        raise WorkspaceError(backend.missing_message())
    checked_revision(backend)
    if backend.path is not None and target.resolve() == backend.path.resolve():
        raise WorkspaceError("The copy must go to another file than the workspace itself.")
    if target.exists() and not overwrite:
        raise WorkspaceError(f"{target} already exists; pass --force to overwrite it.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    backend.backup_to(target)


def push_workspace(source: Path, url: str) -> Report:
    """Copy a local workspace with its whole history into an empty server database."""
    if not is_server_location(url):
        raise WorkspaceError(f"{url} is not a server address (postgresql://user@host/db).")
    with open_workspace(Path(source), read_only=True, backup=False) as workspace:
        copy_into_empty(workspace.engine, workspace.backend, backend_for(url))
    return check_file(url)


def pull_workspace(url: str, target: Path) -> Report:
    """Copy a server workspace with its whole history into a new local file."""
    if not is_server_location(url):
        raise WorkspaceError(f"{url} is not a server address (postgresql://user@host/db).")
    target = Path(target)
    if target.exists():
        raise WorkspaceError(f"{target} already exists; pmdesk pull writes a new file only.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    with open_workspace(url, read_only=True) as workspace:
        copy_into_new_file(workspace.engine, workspace.backend, target)
    return check_file(target)


def save_copy(services: Services, target: Path) -> None:
    """Write a consistent local copy of the open workspace to ``target``."""
    target = Path(target)
    workspace = services.workspace
    if workspace.is_file and target.resolve() == workspace.path.resolve():
        raise WorkspaceError("Choose another file than the open workspace for the copy.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    if not workspace.is_file and target.exists():
        target.unlink()  # the file dialog asked before replacing it
    workspace.copy_to(target)
    read_revision(target)


def written_since(services: Services, mark: int) -> bool:
    """Whether anything was written to the workspace since a first read found ``mark``
    (``store.board_query.newest_event``)."""
    from pmdesk.services.board_reads import text_fetch
    from pmdesk.store.board_query import newest_event

    with services.workspace.engine.connect() as conn:
        return newest_event(text_fetch(conn)) != mark


def data_version_watcher(services: Services) -> ChangeWatcher:
    """Something that tells cheaply when another connection changed the workspace."""
    return services.workspace.watcher()
