"""Undo commands that call services; never widgets or graphics items.

A command is applied once by ``execute`` before it reaches the stack, so a refused
change (a validation error) shows its message and leaves no step behind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from pmdesk.domain.changes import ChangeSet, Result, Tombstone
from pmdesk.domain.errors import ConflictError, PmdeskError
from pmdesk.ui.bus import ChangeBus

Action = Callable[[], Result[Any] | ChangeSet | None]


def _changes_of(outcome: Result[Any] | ChangeSet | None) -> ChangeSet:
    if isinstance(outcome, Result):
        return outcome.changes
    if isinstance(outcome, ChangeSet):
        return outcome
    return ChangeSet()


class ServiceCommand(QUndoCommand):
    """An undo step made of a ``do`` and an ``undo`` service call."""

    def __init__(
        self, text: str, do: Action, undo: Action, bus: ChangeBus, origin: object = None
    ) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo
        self._bus, self._origin = bus, origin
        self._skip_first_redo = False
        self.last_result: Any = None
        self.last_changes = ChangeSet()

    def apply_first(self) -> None:
        """Run the change now; raises PmdeskError when the services refuse it."""
        self._run(self._do, raise_errors=True)
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._run(self._do, verb="redone")

    def undo(self) -> None:
        self._run(self._undo, verb="undone")

    def _run(self, action: Action, raise_errors: bool = False, verb: str = "") -> None:
        try:
            if verb and self._bus.changed_elsewhere(self.last_changes):
                raise ConflictError(
                    f"Nothing was {verb}: “{self.text()}” touches something changed in "
                    "another window or process since."
                )
            outcome = action()
        except PmdeskError as exc:
            if raise_errors:
                raise
            # Qt calls undo/redo from C++; an exception would only be printed, so report it.
            self.setObsolete(True)
            self._bus.failed.emit(exc.message)
            return
        if isinstance(outcome, Result):
            self.last_result = outcome.value
        self.last_changes = _changes_of(outcome)
        self._bus.publish(self.last_changes, self._origin)


def execute(stack: QUndoStack, command: ServiceCommand) -> bool:
    """Apply ``command`` and push it; on a refusal report the message and push nothing."""
    try:
        command.apply_first()
    except PmdeskError as exc:
        command._bus.failed.emit(exc.message)
        return False
    stack.push(command)
    return True


def creation(
    text: str,
    create: Callable[[], Result[Any]],
    delete: Callable[[int], Result[Tombstone]],
    restore: Callable[[Tombstone], Result[Any]],
    bus: ChangeBus,
    origin: object = None,
    id_of: Callable[[Result[Any]], int] = lambda result: int(result.value.id),
) -> ServiceCommand:
    """A command that creates an item; undo deletes it, redo brings back the same id."""
    state: dict[str, Any] = {}

    def do() -> Result[Any]:
        if "tombstone" in state:
            return restore(state.pop("tombstone"))
        result = create()
        state["id"] = id_of(result)
        return result

    def undo() -> Result[Any]:
        result = delete(state["id"])
        state["tombstone"] = result.value
        return result

    return ServiceCommand(text, do, undo, bus, origin)


def deletion(
    text: str,
    delete: Callable[[], Result[Tombstone]],
    restore: Callable[[Tombstone], Result[Any]],
    bus: ChangeBus,
    origin: object = None,
) -> ServiceCommand:
    """A command that deletes an item; undo restores it with everything it had."""
    state: dict[str, Tombstone] = {}

    def do() -> Result[Any]:
        result = delete()
        state["tombstone"] = result.value
        return result

    return ServiceCommand(text, do, lambda: restore(state["tombstone"]), bus, origin)


def field_edit(
    text: str,
    update: Callable[..., Result[Any]],
    field: str,
    old: Any,
    new: Any,
    bus: ChangeBus,
    origin: object = None,
) -> ServiceCommand:
    """A command that sets one field; undo puts the old value back."""
    return ServiceCommand(
        text, lambda: update(**{field: new}), lambda: update(**{field: old}), bus, origin
    )
