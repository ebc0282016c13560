"""Workspace-level use cases: open, create, copy, and first-run sample."""

from __future__ import annotations

import os
from pathlib import Path

from pmdesk.domain.errors import StorageError, WorkspaceError, describe_os_error
from pmdesk.services import Services
from pmdesk.services.base import Clock, system_clock
from pmdesk.services.demo import DemoService
from pmdesk.store.integrity import Report, check_file
from pmdesk.store.sqlite import (
    DataVersion,
    copy_database,
    remove_database_files,
    storage_errors,
)
from pmdesk.store.workspace import (
    checked_revision,
    create_workspace,
    open_workspace,
    read_revision,
)


def open_services(path: Path, *, read_only: bool = False, clock: Clock = system_clock) -> Services:
    """Open an existing workspace (migrating an older one after a backup)."""
    return Services(open_workspace(Path(path), read_only=read_only), clock)


def new_services(path: Path, *, sample: bool = False, clock: Clock = system_clock) -> Services:
    """Create a workspace file, empty or with the sample products."""
    workspace = create_workspace(Path(path))
    if sample:
        DemoService(workspace, clock).generate()
    return Services(workspace, clock)


def write_demo(path: Path, initiatives: int, tasks: int, seed: int) -> dict[str, int]:
    """Write a new workspace with the sample, all or nothing.

    The sample is built in a hidden file beside ``path`` and renamed when complete, so an
    interrupted or refused run (even a killed one) never leaves a half-built workspace.
    """
    path = Path(path)
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


def new_workspace(path: Path) -> None:
    """Create an empty workspace file to import into."""
    create_workspace(Path(path)).close()


def check_workspace(path: Path) -> Report:
    """Check a closed workspace's integrity and schema without writing to it."""
    path = Path(path)
    if not path.exists():
        raise WorkspaceError(f"{path} does not exist.")
    return check_file(path)


def backup_workspace(source: Path, target: Path, *, overwrite: bool = False) -> None:
    """Copy a workspace file consistently, even while another process has it open."""
    source, target = Path(source), Path(target)
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


def save_copy(services: Services, target: Path) -> None:
    """Write a consistent copy of the open workspace to ``target``."""
    target = Path(target)
    if target.resolve() == services.workspace.path.resolve():
        raise WorkspaceError("Choose another file than the open workspace for the copy.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    services.workspace.copy_to(target)
    read_revision(target)


def data_version_watcher(services: Services) -> DataVersion:
    """Something that tells cheaply when another connection changed the file."""
    return DataVersion(services.workspace.path, services.workspace.written)
