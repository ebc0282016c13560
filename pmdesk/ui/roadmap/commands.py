"""Undo steps for every roadmap gesture; each one calls services, never items.

Creates are undone by a delete that returns a Tombstone and redone by restoring it,
so ids stay the same through any number of undo/redo rounds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ParamSpec, TypeVar

from PySide6.QtGui import QUndoStack

from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Horizon
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.models import Initiative, Milestone
from pmdesk.services import Services
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import ServiceCommand, execute

EDITABLE = ("title", "description", "lane_id", "goal_id", "status", "start_date", "end_date",
            "horizon", "owner_id", "reach", "impact", "confidence", "effort")


def quoted(title: str, limit: int = 40) -> str:
    text = title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
    return f"“{text}”"


class Created:
    """Do/undo pair for a create: delete to a tombstone, restore it on redo."""

    def __init__(
        self,
        create: Callable[[], Result[Any]],
        delete: Callable[[Any], Result[Tombstone]],
        restore: Callable[[Tombstone], Result[None]],
    ) -> None:
        self._create, self._delete, self._restore = create, delete, restore
        self.value: Any = None
        self.tombstone: Tombstone | None = None

    def do(self) -> Result[Any]:
        if self.tombstone is None:
            result = self._create()
            self.value = result.value
            return result
        return self._restore(self.tombstone)

    def undo(self) -> Result[Tombstone]:
        result = self._delete(self.value)
        self.tombstone = result.value
        return result


class Deleted:
    """Do/undo pair for a delete: the tombstone of each do is restored by the next undo."""

    def __init__(self, delete: Callable[[], Result[Tombstone]],
                 restore: Callable[[Tombstone], Result[None]]) -> None:
        self._delete, self._restore = delete, restore
        self.tombstone = Tombstone()

    def do(self) -> Result[Tombstone]:
        result = self._delete()
        self.tombstone = result.value
        return result

    def undo(self) -> Result[None]:
        return self._restore(self.tombstone)


P = ParamSpec("P")
R = TypeVar("R")


def reported(failure: Any) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn a refusal while preparing a step (a row gone meanwhile) into a report.

    The decorated method then returns ``failure`` (False, or None for creates).
    """

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except PmdeskError as exc:
                commands = args[0]
                assert isinstance(commands, RoadmapCommands)
                commands.report(exc.message)
                return failure  # type: ignore[no-any-return]

        return wrapper

    return decorate


class RoadmapCommands:
    """Build, apply and push the undo steps of the roadmap."""

    def __init__(self, services: Services, stack: QUndoStack, bus: ChangeBus,
                 origin: object = None) -> None:
        self.services, self.stack, self.bus, self.origin = services, stack, bus, origin
        self.planning = services.planning
        self.templates = services.templates
        self._refusals: list[str] | None = None

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
        try:
            action()
            return self._refusals[-1] if self._refusals else None
        finally:
            self._refusals = None

    def _run(self, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> bool:
        command = ServiceCommand(text, do, undo, self.bus, self.origin)
        if self._refusals is None:
            return execute(self.stack, command)
        try:
            command.apply_first()
        except PmdeskError as exc:
            self.report(exc.message)
            return False
        self.stack.push(command)
        return True

    def _run_created(self, text: str, created: Created) -> Any:
        if self._run(text, created.do, created.undo):
            return created.value
        return None

    # ----- initiatives
    @reported(False)
    def update_initiative(self, initiative_id: int, verb: str, **fields: Any) -> bool:
        """Change fields of an initiative; ``verb`` names the step (Move, Resize, Edit...)."""
        current = self.services.initiatives.get_initiative(initiative_id)
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        if not changed:
            return False
        old = {k: getattr(current, k) for k in changed}
        initiatives = self.services.initiatives
        return self._run(
            f"{verb} {quoted(current.title)}",
            lambda: initiatives.update_initiative(initiative_id, **changed),
            lambda: initiatives.update_initiative(initiative_id, **old),
        )

    @reported(False)
    def move_dates(self, initiative_id: int, start: date, end: date,
                   lane_id: int | None | object = ..., verb: str = "Move") -> bool:
        fields: dict[str, Any] = {"start_date": start, "end_date": end}
        if lane_id is not ...:
            fields["lane_id"] = lane_id
        return self.update_initiative(initiative_id, verb, **fields)

    @reported(False)
    def unschedule(self, initiative_id: int) -> bool:
        return self.update_initiative(initiative_id, "Unschedule", start_date=None, end_date=None)

    @reported(False)
    def move_to_horizon(self, initiative_id: int, horizon: Horizon, index: int,
                        old_index: int) -> bool:
        current = self.services.initiatives.get_initiative(initiative_id)
        initiatives = self.services.initiatives
        return self._run(
            f"Move {quoted(current.title)} to {horizon.label}",
            lambda: initiatives.move_initiative(initiative_id, index, horizon=horizon),
            lambda: initiatives.move_initiative(initiative_id, old_index,
                                                horizon=current.horizon),
        )

    @reported(None)
    def create_initiative(self, product_id: int, title: str, **fields: Any) -> Initiative | None:
        initiatives = self.services.initiatives
        created = Created(
            lambda: initiatives.create_initiative(product_id, title, **fields),
            lambda value: initiatives.delete_initiative(value.id),
            self.services.trash.restore,
        )
        initiative: Initiative | None = self._run_created(f"Create {quoted(title)}", created)
        return initiative

    @reported(False)
    def delete_initiative(self, initiative_id: int) -> bool:
        title = self.services.initiatives.get_initiative(initiative_id).title
        deleted = Deleted(lambda: self.services.initiatives.delete_initiative(initiative_id),
                          self.services.trash.restore)
        return self._run(f"Delete {quoted(title)}", deleted.do, deleted.undo)

    @reported(None)
    def add_dependency(self, blocker_id: int, blocked_id: int) -> Any:
        initiatives = self.services.initiatives
        blocker = initiatives.get_initiative(blocker_id).title
        blocked = initiatives.get_initiative(blocked_id).title
        created = Created(
            lambda: initiatives.add_dependency(blocker_id, blocked_id),
            lambda value: initiatives.remove_dependency(value.id),
            self.services.trash.restore,
        )
        return self._run_created(f"Make {quoted(blocker, 28)} block {quoted(blocked, 28)}",
                                 created)

    @reported(False)
    def remove_dependency(self, dependency_id: int) -> bool:
        deleted = Deleted(lambda: self.services.initiatives.remove_dependency(dependency_id),
                          self.services.trash.restore)
        return self._run("Remove dependency", deleted.do, deleted.undo)

    @reported(None)
    def break_down(self, initiative_id: int, column_id: int, titles: Sequence[str]) -> Any:
        title = self.services.initiatives.get_initiative(initiative_id).title
        created = Created(
            lambda: self.planning.break_down(initiative_id, column_id, titles),
            lambda tasks: self.planning.remove_tasks([task.id for task in tasks]),
            self.services.trash.restore,
        )
        count = len([t for t in titles if t.strip()])
        return self._run_created(f"Break {quoted(title)} down into {count} tasks", created)

    # ----- lanes
    @reported(None)
    def create_lane(self, product_id: int, name: str) -> Any:
        lanes = self.services.lanes
        created = Created(lambda: lanes.create_lane(product_id, name),
                          lambda value: lanes.delete_lane(value.id), self.services.trash.restore)
        return self._run_created(f"Add lane {quoted(name)}", created)

    @reported(False)
    def rename_lane(self, lane_id: int, old: str, name: str) -> bool:
        lanes = self.services.lanes
        return self._run(f"Rename lane {quoted(old)}", lambda: lanes.rename_lane(lane_id, name),
                         lambda: lanes.rename_lane(lane_id, old))

    @reported(False)
    def move_lane(self, lane_id: int, name: str, index: int, old_index: int) -> bool:
        lanes = self.services.lanes
        return self._run(f"Move lane {quoted(name)}", lambda: lanes.move_lane(lane_id, index),
                         lambda: lanes.move_lane(lane_id, old_index))

    @reported(False)
    def delete_lane(self, lane_id: int, name: str) -> bool:
        deleted = Deleted(lambda: self.services.lanes.delete_lane(lane_id),
                          self.services.trash.restore)
        return self._run(f"Delete lane {quoted(name)}", deleted.do, deleted.undo)

    # ----- milestones
    @reported(None)
    def create_milestone(self, product_id: int, title: str, when: date,
                         lane_id: int | None) -> Any:
        lanes = self.services.lanes
        created = Created(lambda: lanes.create_milestone(product_id, title, when, lane_id),
                          lambda value: lanes.delete_milestone(value.id),
                          self.services.trash.restore)
        return self._run_created(f"Add milestone {quoted(title)}", created)

    @reported(False)
    def update_milestone(self, milestone: Milestone, verb: str, **fields: Any) -> bool:
        lanes = self.services.lanes
        changed = {k: v for k, v in fields.items() if getattr(milestone, k) != v}
        if not changed:
            return False
        old = {k: getattr(milestone, k) for k in changed}
        return self._run(f"{verb} milestone {quoted(milestone.title)}",
                         lambda: lanes.update_milestone(milestone.id, **changed),
                         lambda: lanes.update_milestone(milestone.id, **old))

    @reported(False)
    def delete_milestone(self, milestone: Milestone) -> bool:
        deleted = Deleted(lambda: self.services.lanes.delete_milestone(milestone.id),
                          self.services.trash.restore)
        return self._run(f"Delete milestone {quoted(milestone.title)}", deleted.do, deleted.undo)

    # ----- templates
    @reported(None)
    def from_template(self, key: str, product_name: str) -> Any:
        products = self.services.products
        created = Created(lambda: self.templates.create_from_template(key, product_name),
                          lambda value: products.delete_product(value.id),
                          self.services.trash.restore)
        return self._run_created(f"New product {quoted(product_name)}", created)

