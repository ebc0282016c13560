"""One open workspace as a window sees it: services, change bus, undo stack, other writers.

The window is chrome around a session: it shows pages over ``services``, pushes onto
``undo_stack`` and listens to ``bus``. The session notices commits by other processes
(``PRAGMA data_version``, polled) and a workspace file that disappears while open, and it
lets undo refuse a step that touches something changed elsewhere since.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from pmdesk.domain.errors import PmdeskError
from pmdesk.services import Services
from pmdesk.services.workspaces import data_version_watcher
from pmdesk.ui.bus import ChangeBus

POLL_MS = 400  # another process's change shows within half a second


class WorkspaceSession(QObject):
    """The services of the open workspace and everything that follows their changes."""

    other_writer = Signal()  # another process committed; ``bus.reloaded`` follows
    file_missing = Signal()  # the file was moved or deleted while open (said once)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.bus = ChangeBus(self)
        self._watcher = None
        self._missing_reported = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self.services = services

    def open(self, services: Services) -> None:
        """Follow ``services``' workspace from now on; the undo history starts afresh."""
        self.undo_stack.clear()
        self.services = services
        self.bus.unless_changed_elsewhere = services.history.unless_changed_elsewhere
        self._close_watcher()
        self._watcher = data_version_watcher(services)
        self._missing_reported = False
        self._timer.start()

    def poll(self) -> None:
        """Look once for another writer's commits and for the file having gone."""
        if self.services.workspace.file_is_missing():
            if not self._missing_reported:
                self._missing_reported = True
                self.file_missing.emit()
            return
        try:
            changed = self._watcher is not None and self._watcher.changed()
        except PmdeskError:
            return  # unreadable for a moment (locked, checkpointing): look again next tick
        if changed:
            self.other_writer.emit()
            self.bus.reloaded.emit()

    def stop(self) -> None:
        """Stop watching (the window closes); the workspace itself stays open."""
        self._timer.stop()
        self._close_watcher()

    def _close_watcher(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
