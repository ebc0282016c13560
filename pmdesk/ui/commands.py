"""Undo commands that call services; never widgets or graphics items.

The one home of the board's, roadmap's and product page's undo steps: a command is
applied once by ``execute`` before it reaches the stack, so a refused change (a validation
error) shows its message and leaves no step behind. Creates are undone by a delete that
returns a Tombstone and redone by restoring it, so ids survive any number of rounds.

A refused undo or redo (a full disk, a hard WIP limit, a locked file) changes nothing and
leaves the step where it was, so the user can try again once the cause is gone. Only a step
that touches what another window or process changed since is taken off: it can never apply
again without reverting their work, and keeping it would wall off every earlier step.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any, ParamSpec, TypeVar

import shiboken6
from PySide6.QtGui import QUndoCommand, QUndoStack

from pmdesk.domain.changes import ChangeSet, Result, Tombstone
from pmdesk.domain.errors import ConflictError, PmdeskError
from pmdesk.ui.bus import ChangeBus

Action = Callable[[], Result[Any] | ChangeSet | None]
P = ParamSpec("P")
R = TypeVar("R")


def quoted(title: str, limit: int = 40) -> str:
    """A title in quotes for an undo step's text, shortened to ``limit`` characters."""
    text = title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
    return f"“{text}”"


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
        self._skip_next = False  # the stack steps back over a refused undo or redo
        self.refused = False
        self.error: PmdeskError | None = None  # why ``apply_first`` refused, for dialogs
        self.last_result: Any = None
        self.last_changes = ChangeSet()

    def apply_first(self) -> None:
        """Run the change now; raises PmdeskError when the services refuse it."""
        try:
            self._run(self._do, raise_errors=True)
        except PmdeskError as exc:
            self.error = exc
            raise
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo or self._skip_next:
            self._skip_first_redo = self._skip_next = False
            return
        self._run(self._do, verb="redone")

    def undo(self) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        self._run(self._undo, verb="undone")

    def _run(self, action: Action, raise_errors: bool = False, verb: str = "") -> None:
        refusal = (f"Nothing was {verb}: “{self.text()}” touches something changed in "
                   "another window or process since.")
        guard = (self._bus.unless_changed_elsewhere(self.last_changes, refusal) if verb
                 else nullcontext())
        try:
            with guard:
                outcome = action()
        except PmdeskError as exc:
            if raise_errors:
                raise
            # Qt calls undo/redo from C++; an exception would only be printed, so report it.
            if isinstance(exc, ConflictError):
                self.setObsolete(True)
            else:
                self.refused = True
            self._bus.failed.emit(exc.message)
            return
        if isinstance(outcome, Result):
            self.last_result = outcome.value
        self.last_changes = _changes_of(outcome)
        self._bus.publish(self.last_changes, self._origin)


def execute(stack: QUndoStack, command: ServiceCommand) -> bool:
    """Apply ``command`` and push it; on a refusal report the message and push nothing."""
    message = execute_quietly(stack, command)
    if message is not None:
        command._bus.failed.emit(message)
    return message is None


def execute_quietly(stack: QUndoStack, command: ServiceCommand) -> str | None:
    """Like ``execute`` but hand a refusal back instead of broadcasting it (dialogs show it)."""
    try:
        command.apply_first()
    except PmdeskError as exc:
        return exc.message
    keep_refused_steps(stack)
    stack.push(command)
    return None


def keep_refused_steps(stack: QUndoStack) -> None:
    """Make ``stack`` step back over an undo or redo its command refused (once per stack).

    QUndoStack moves its index whatever the command did; right after it moves, the refused
    command (or a macro holding one) is found and the index put back without running it.
    The macro's other steps do run again, so a half-undone macro is whole again.
    """
    if stack.property(_KEEPS_REFUSED):
        return
    stack.setProperty(_KEEPS_REFUSED, True)
    stack.indexChanged.connect(lambda index: _step_back(stack, index))


_KEEPS_REFUSED = "pmdeskKeepsRefusedSteps"


def _refused_in(command: QUndoCommand | None) -> list[ServiceCommand]:
    if command is None:
        return []
    found = [command] if isinstance(command, ServiceCommand) and command.refused else []
    for index in range(command.childCount()):
        found += _refused_in(command.child(index))
    return found


def _step_back(stack: QUndoStack, index: int) -> None:
    if not shiboken6.isValid(stack):  # a stack being destroyed clears itself
        return
    undone = _refused_in(stack.command(index)) if index < stack.count() else []
    redone = _refused_in(stack.command(index - 1)) if index > 0 else []
    for command in undone or redone:
        command.refused = False
        command._skip_next = True
    if undone:
        stack.redo()
    elif redone:
        stack.undo()


class CommandRunner:
    """Apply and push the undo steps of one page; refusals go to the bus or to a dialog."""

    def __init__(self, stack: QUndoStack, bus: ChangeBus, origin: object = None) -> None:
        self.stack, self.bus, self.origin = stack, bus, origin
        self._refusals: list[str] | None = None
        self.last_error: PmdeskError | None = None  # why the last step was refused

    def report(self, message: str) -> None:
        """Hand a refusal to the dialog that asked for the change, or to the bus."""
        if self._refusals is not None:
            self._refusals.append(message)
        else:
            self.bus.failed.emit(message)

    def capture(self, action: Callable[[], Any]) -> str | None:
        """Run ``action`` keeping its refusal off the bus; return the message, or None.

        Dialogs use this to show the sentence next to the input instead of in a second box.
        """
        self._refusals = []
        self.last_error = None
        try:
            action()
            return self._refusals[-1] if self._refusals else None
        finally:
            self._refusals = None

    def run(self, command: ServiceCommand) -> bool:
        """Apply ``command`` and push it; a refusal is reported and pushes nothing."""
        message = execute_quietly(self.stack, command)
        self.last_error = command.error
        if message is not None:
            self.report(message)
        return message is None

    def step(self, text: str, do: Action, undo: Action) -> bool:
        return self.run(ServiceCommand(text, do, undo, self.bus, self.origin))

    def created(self, command: ServiceCommand) -> Any:
        """Run a ``creation`` command; return what it created, or None when refused."""
        return command.last_result if self.run(command) else None


def reported(failure: Any) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn a refusal while preparing a step (a row gone meanwhile) into a report.

    For methods of a ``CommandRunner``; the method then returns ``failure`` (False, or None
    for creates).
    """

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except PmdeskError as exc:
                runner = args[0]
                assert isinstance(runner, CommandRunner)
                runner.report(exc.message)
                return failure  # type: ignore[no-any-return]

        return wrapper

    return decorate


def creation(
    text: str,
    create: Callable[[], Result[Any]],
    delete: Callable[[Any], Result[Tombstone]],
    restore: Callable[[Tombstone], Result[Any]],
    bus: ChangeBus,
    origin: object = None,
    id_of: Callable[[Result[Any]], Any] = lambda result: int(result.value.id),
) -> ServiceCommand:
    """A command that creates an item; undo deletes it, redo brings back the same id.

    ``delete`` receives what ``id_of`` picks from the create's result (its id by default).
    """
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
