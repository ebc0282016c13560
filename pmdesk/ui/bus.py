"""Broadcast every ChangeSet once so each view can update the rows it shows."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from PySide6.QtCore import QObject, Signal

from pmdesk.domain.changes import ChangeSet


class ChangeBus(QObject):
    """One per open workspace.

    ``changed(changes, origin)``: ``origin`` is whatever the initiator passed (often a
    view), so it can skip work it already did.
    ``reloaded()``: everything may have changed (another process wrote the file).
    ``failed(message)``: an expected problem to show to the user.
    ``selected(entity, id)``: the user selected a card or an initiative (history follows it).
    """

    changed = Signal(object, object)
    reloaded = Signal()
    failed = Signal(str)
    selected = Signal(object, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Wraps an undo or redo: its writes are refused, with the given sentence, when
        # another window or process changed what the step touched since.
        self.unless_changed_elsewhere: Callable[[ChangeSet, str], AbstractContextManager[
            None]] = lambda _changes, _refusal: nullcontext()

    def publish(self, changes: ChangeSet, origin: object = None) -> None:
        if changes:
            self.changed.emit(changes, origin)
