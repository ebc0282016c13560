"""The File menu's workspace entries: new, open, connect to a team server, open recent and
save a copy. A workspace is a file or a server URL; both open the same window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.locations import Location, is_server_location

if TYPE_CHECKING:
    from pmdesk.services import Services
    from pmdesk.ui.connect_dialog import ConnectDialog
    from pmdesk.ui.main_window import MainWindow

WORKSPACE_FILTER = "pmdesk workspaces (*.pmdesk);;All files (*)"


# The services (and SQLAlchemy) load when a workspace opens, not when the window's menus do.
def open_services(location: Location, **options: Any) -> Services:
    from pmdesk.services import workspaces

    return workspaces.open_services(location, **options)


def new_services(location: Location) -> Services:
    from pmdesk.services import workspaces

    return workspaces.new_services(location)


def save_copy(services: Services, target: Path) -> None:
    from pmdesk.services import workspaces

    workspaces.save_copy(services, target)


def open_location(parent: MainWindow | None, location: Location) -> Services | None:
    """Open a file or a server workspace (an empty server database becomes an empty
    workspace), asking for the server's password when it wants one; ``None`` if cancelled."""
    if is_server_location(location):
        from pmdesk.ui.connect_dialog import open_with_password

        return open_with_password(parent, str(location),
                                  lambda url: open_services(url, create=True))
    return open_services(Path(location))


class WorkspaceActions(QObject):
    """Opens and creates workspaces for ``window``; ``report`` shows a problem."""

    def __init__(self, window: MainWindow, report: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window, self.report = window, report
        self.action_connect = QAction("Connect to &Team Server…", window)
        self.action_connect.setObjectName("actionConnectServer")
        self.action_connect.setShortcut(QKeySequence("Ctrl+Alt+O"))
        self.action_connect.triggered.connect(self.connect_dialog)
        window.addAction(self.action_connect)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.setObjectName("menuRecent")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    # ----- opening
    def open(self, location: Location) -> bool:
        """Show the workspace at ``location`` in the window; False if it did not open."""
        try:
            services = open_location(self.window, location)
        except PmdeskError as exc:
            self.report(exc.message)
            return False
        if services is None:
            return False
        self.window.switch_to(services)
        return True

    def connect_dialog(self) -> ConnectDialog:
        from pmdesk.ui.connect_dialog import ConnectDialog  # with the dialog, when asked

        last = next((str(p) for p in self.window.settings.recent_files()
                     if is_server_location(p)), None)
        dialog = ConnectDialog(self.window, last)
        dialog.accepted.connect(lambda: self.open(dialog.url()))
        dialog.open()
        return dialog

    def open_dialog(self) -> None:
        workspace = self.window.services.workspace
        start = workspace.path.parent if workspace.is_file else Path.home()
        path, _ = QFileDialog.getOpenFileName(self.window, "Open workspace", str(start),
                                              WORKSPACE_FILTER)
        if path:
            self.open(Path(path))

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.window.services.workspace.location
        recent = [p for p in self.window.settings.recent_files() if str(p) != current]
        for location in recent:
            action = self.recent_menu.addAction(str(location))
            action.triggered.connect(lambda _=False, p=location: self.open_recent(p))
        if not recent:
            self.recent_menu.addAction("No other recent workspaces").setEnabled(False)

    def open_recent(self, location: Location) -> bool:
        if isinstance(location, Path) and not location.exists():
            self.window.settings.forget_recent(location)
            self.report(f"{location} no longer exists; it was removed from the recent list.")
            return False
        return self.open(location)

    # ----- creating and copying
    def new_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "New workspace", str(Path.home()),
                                              WORKSPACE_FILTER)
        if path:
            self.create(Path(path))

    def create(self, path: Path) -> bool:
        if path.suffix != ".pmdesk":
            path = path.with_name(path.name + ".pmdesk")
        try:
            if path.exists():
                raise PmdeskError(f"{path.name} already exists; open it or choose another name.")
            services = new_services(path)
            services.products.create_product("My product")
        except PmdeskError as exc:
            self.report(exc.message)
            return False
        self.window.switch_to(services)
        return True

    def save_copy_dialog(self) -> None:
        workspace = self.window.services.workspace
        folder = workspace.path.parent if workspace.is_file else Path.home()
        suggestion = folder / f"{workspace.short_name} copy.pmdesk"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save a copy", str(suggestion),
                                              WORKSPACE_FILTER)
        if path:
            try:
                save_copy(self.window.services, Path(path))
            except PmdeskError as exc:
                self.report(exc.message)
                return
            self.window.statusBar().showMessage(f"Saved a copy to {path}", 5000)
