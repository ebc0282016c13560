"""Undo commands for every board gesture; each calls services only.

Each builder returns a ``ServiceCommand`` for ``pmdesk.ui.commands.execute``, which
applies it once and pushes it only when the services accepted it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pmdesk.domain.changes import Result
from pmdesk.domain.models import Column, TaskDetail
from pmdesk.domain.values import ChecklistSpec, TaskMove
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import ServiceCommand, creation, deletion, quoted

if TYPE_CHECKING:
    from pmdesk.services import Services


def cards_text(titles: Sequence[str]) -> str:
    return quoted(titles[0]) if len(titles) == 1 else f"{len(titles)} cards"


class _Moved:
    """Do = apply moves, undo = apply the inverse moves the services returned."""

    def __init__(self, forward: Any, backward: Any) -> None:
        self._forward, self._backward = forward, backward
        self._inverse: Any = None

    def do(self) -> Result[Any]:
        result = self._forward()
        self._inverse = result.value
        return result

    def undo(self) -> Result[Any]:
        return self._backward(self._inverse)


def move_cards(
    services: Services, bus: ChangeBus, moves: Sequence[TaskMove], titles: Sequence[str],
    target: str, origin: object = None,
) -> ServiceCommand:
    """Move cards (a drag, a keyboard move); ``target`` names where they go."""
    moves = list(moves)
    step = _Moved(lambda: services.tasks.move_tasks(moves), services.tasks.move_tasks)
    return ServiceCommand(f"Move {cards_text(titles)} {target}", step.do, step.undo, bus, origin)


def add_card(
    services: Services, bus: ChangeBus, column: Column, title: str,
    index: int | None = None, origin: object = None, **fields: Any,
) -> ServiceCommand:
    """Create a card; the new card's id is ``command.created_id`` once applied."""

    def create() -> Result[Any]:
        result = services.tasks.create_task(column.id, title, index=index, **fields)
        command.created_id = result.value.id  # type: ignore[attr-defined]
        return result

    command = creation(f"Add {quoted(' '.join(title.split()))} to {column.name}", create,
                       services.tasks.delete_task, services.trash.restore, bus, origin)
    return command


def edit_card(
    services: Services, bus: ChangeBus, before: TaskDetail, fields: Mapping[str, Any],
    checklist: Sequence[ChecklistSpec] | None, origin: object = None,
) -> ServiceCommand:
    """Save the card editor: changed fields and, when given, the whole checklist."""
    task = before.task
    old = {key: getattr(task, key) for key in fields}
    new = dict(fields)
    kept = {item_id for item_id, _, _ in checklist or () if item_id is not None}
    old_items: list[ChecklistSpec] = [
        (item.id if item.id in kept else None, item.text, item.done) for item in before.checklist
    ]
    new_items = list(checklist) if checklist is not None else None
    # The first save is checked against the card the editor loaded (no lost update);
    # a redo after an undo is checked by the undo stack's own "changed elsewhere".
    based_on = [task]

    def do() -> Result[Any]:
        loaded = based_on.pop() if based_on else None
        return services.tasks.save_task(task.id, new, new_items, based_on=loaded)

    def undo() -> Result[Any]:
        return services.tasks.save_task(task.id, old, old_items if new_items is not None else None)

    return ServiceCommand(f"Edit {quoted(task.title)}", do, undo, bus, origin)


def archive_cards(
    services: Services, bus: ChangeBus, task_ids: Sequence[int], titles: Sequence[str],
    origin: object = None,
) -> ServiceCommand:
    ids = list(task_ids)
    step = _Moved(lambda: services.tasks.archive_tasks(ids), services.tasks.restore_tasks)
    return ServiceCommand(f"Archive {cards_text(titles)}", step.do, step.undo, bus, origin)


def restore_cards(
    services: Services, bus: ChangeBus, placements: Sequence[TaskMove], titles: Sequence[str],
    origin: object = None,
) -> ServiceCommand:
    moves = list(placements)
    ids = [m.task_id for m in moves]
    return ServiceCommand(
        f"Restore {cards_text(titles)}", lambda: services.tasks.restore_tasks(moves),
        lambda: services.tasks.archive_tasks(ids), bus, origin,
    )


def delete_card(
    services: Services, bus: ChangeBus, task_id: int, title: str, origin: object = None
) -> ServiceCommand:
    return deletion(f"Delete {quoted(title)}", lambda: services.tasks.delete_task(task_id),
                    services.trash.restore, bus, origin)


# ----- columns
def add_column(
    services: Services, bus: ChangeBus, board_id: int, name: str, index: int | None = None,
    origin: object = None, **fields: Any,
) -> ServiceCommand:
    return creation(
        f"Add column {quoted(' '.join(name.split()))}",
        lambda: services.boards.add_column(board_id, name, index=index, **fields),
        services.boards.delete_column, services.trash.restore, bus, origin,
    )


def edit_column(
    services: Services, bus: ChangeBus, column: Column, fields: Mapping[str, Any],
    origin: object = None,
) -> ServiceCommand:
    old = {key: getattr(column, key) for key in fields}
    new = dict(fields)
    if set(new) == {"name"}:
        text = f"Rename column {quoted(column.name)} to {quoted(str(new['name']))}"
    else:
        text = f"Edit column {quoted(column.name)}"
    return ServiceCommand(
        text, lambda: services.boards.update_column(column.id, **new),
        lambda: services.boards.update_column(column.id, **old), bus, origin,
    )


def move_column(
    services: Services, bus: ChangeBus, column: Column, old_index: int, new_index: int,
    origin: object = None,
) -> ServiceCommand:
    direction = "left" if new_index < old_index else "right"
    return ServiceCommand(
        f"Move column {quoted(column.name)} {direction}",
        lambda: services.boards.move_column(column.id, new_index),
        lambda: services.boards.move_column(column.id, old_index), bus, origin,
    )


def delete_column(
    services: Services, bus: ChangeBus, column: Column, move_to: int | None,
    origin: object = None,
) -> ServiceCommand:
    return deletion(f"Delete column {quoted(column.name)}",
                    lambda: services.boards.delete_column(column.id, move_to),
                    services.trash.restore, bus, origin)


def add_board(services: Services, bus: ChangeBus, product_id: int, name: str) -> ServiceCommand:
    boards = services.boards
    return creation(f"Add board {quoted(name.strip())}",
                    lambda: boards.create_board(product_id, name), boards.delete_board,
                    services.trash.restore, bus)


def rename_board(
    services: Services, bus: ChangeBus, board_id: int, old: str, new: str
) -> ServiceCommand:
    rename = services.boards.rename_board
    return ServiceCommand(f"Rename board {quoted(old)} to {quoted(new.strip())}",
                          lambda: rename(board_id, new), lambda: rename(board_id, old), bus)


def delete_board(services: Services, bus: ChangeBus, board_id: int, name: str) -> ServiceCommand:
    return deletion(f"Delete board {quoted(name)}",
                    lambda: services.boards.delete_board(board_id), services.trash.restore, bus)
