"""Workspace-level use cases: open, create, copy, and first-run sample.

A workspace is named by its location: a path to a ``.pmdesk`` file, or a server's
``postgresql://user@host/db`` URL.
"""

from __future__ import annotations

import os
from pathlib import Path

from pmdesk.domain.errors import StorageError, WorkspaceError, describe_os_error
from pmdesk.domain.locations import Location, is_server_location, parse_location
from pmdesk.services import Services
from pmdesk.services.base import Clock, system_clock
from pmdesk.services.demo import DemoService
from pmdesk.store.backend import ChangeWatcher, backend_for
from pmdesk.store.integrity import Report, check_file
from pmdesk.store.sqlite import copy_database, remove_database_files, storage_errors
from pmdesk.store.transfer import copy_into_empty, copy_into_new_file
from pmdesk.store.workspace import (
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

    The sample is built in a hidden file beside ``path`` and renamed when complete, so an
    interrupted or refused run (even a killed one) never leaves a half-built workspace.
    On a server the sample is one transaction into the empty database's new schema.
    """
    if is_server_location(location):
        return _demo_on_server(str(location), initiatives, tasks, seed)
    path = Path(location)
    if path.exists():
        raise WorkspaceError(f"{path.name} already exists; choose another name.")
    partial = path.with_name(f".{path.name}.partial")
    remove_database_files(partial)  # left by a run that was killed
    workspace = create_workspace(partial)
    try:
        counts = DemoService(workspace).generate(initiatives, tasks, seed)
        workspace.close()
        if path.exists():
            raise WorkspaceError(f"{path.name} already exists; choose another name.")
        with storage_errors(path, "no workspace was written"):
            os.replace(partial, path)
    except OSError as exc:
        workspace.close()
        remove_database_files(partial)
        raise StorageError(describe_os_error(exc, path.name, "no workspace was written")) from None
    except BaseException:
        workspace.close()
        remove_database_files(partial)
        raise
    return counts


def _demo_on_server(url: str, initiatives: int, tasks: int, seed: int) -> dict[str, int]:
    workspace = create_workspace(url)
    try:
        return DemoService(workspace).generate(initiatives, tasks, seed)
    finally:
        workspace.close()


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
    """Copy a workspace consistently, even while another process has it open.

    A server workspace is copied into a local ``.pmdesk`` file.
    """
    target = Path(target)
    if is_server_location(source):
        _server_to_file(str(source), target, overwrite)
        return
    source = Path(source)
    if not source.exists():
        raise WorkspaceError(f"{source} does not exist.")
    checked_revision(source)
    if target.resolve() == source.resolve():
        raise WorkspaceError("The copy must go to another file than the workspace itself.")
    if target.exists() and not overwrite:
        raise WorkspaceError(f"{target} already exists; pass --force to overwrite it.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    copy_database(source, target)


def _server_to_file(url: str, target: Path, overwrite: bool) -> None:
    if target.exists() and not overwrite:
        raise WorkspaceError(f"{target} already exists; pass --force to overwrite it.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    with open_workspace(url, read_only=True) as workspace:
        partial = target.with_name(f".{target.name}.copy")
        remove_database_files(partial)
        workspace.copy_to(partial)
        with storage_errors(target, "no copy was written"):
            os.replace(partial, target)


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


def data_version_watcher(services: Services) -> ChangeWatcher:
    """Something that tells cheaply when another connection changed the workspace."""
    return services.workspace.watcher()
