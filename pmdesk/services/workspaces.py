"""Workspace-level use cases: open, create, copy, and first-run sample."""

from __future__ import annotations

from pathlib import Path

from pmdesk.domain.errors import WorkspaceError
from pmdesk.services import Services
from pmdesk.services.base import Clock, system_clock
from pmdesk.services.demo import DemoService
from pmdesk.store.sqlite import DataVersion
from pmdesk.store.workspace import create_workspace, open_workspace, read_revision


def open_services(path: Path, *, read_only: bool = False, clock: Clock = system_clock) -> Services:
    """Open an existing workspace (migrating an older one after a backup)."""
    return Services(open_workspace(Path(path), read_only=read_only), clock)


def new_services(path: Path, *, sample: bool = False, clock: Clock = system_clock) -> Services:
    """Create a workspace file, empty or with the sample products."""
    workspace = create_workspace(Path(path))
    if sample:
        DemoService(workspace, clock).generate()
    return Services(workspace, clock)


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
    return DataVersion(services.workspace.path)
