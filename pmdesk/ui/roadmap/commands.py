"""Undo steps for every roadmap gesture; each one calls services, never items."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack

from pmdesk.domain.baselines import needs_reason
from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Horizon
from pmdesk.domain.models import Initiative, Milestone
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import (
    CommandRunner,
    ServiceCommand,
    creation,
    deletion,
    quoted,
    reported,
)

if TYPE_CHECKING:
    from pmdesk.services import Services

EDITABLE = ("title", "description", "lane_id", "goal_id", "status", "start_date", "end_date",
            "horizon", "owner_id", "reach", "impact", "confidence", "effort")


@dataclass(frozen=True, slots=True)
class Slip:
    """An initiative's end just moved later by more than a week: worth a reason."""

    initiative_id: int
    title: str
    days: int
    changes: ChangeSet  # the step's, so the reason joins its events


class RoadmapCommands(CommandRunner):
    """Build, apply and push the undo steps of the roadmap."""

    def __init__(self, services: Services, stack: QUndoStack, bus: ChangeBus,
                 origin: object = None) -> None:
        super().__init__(stack, bus, origin)
        self.use_services(services)
        self._fresh: tuple[int, Any] | None = None  # the initiative the last step created
        self.on_slip: Callable[[Slip], None] | None = None  # asks why (the page's bar)

    def use_services(self, services: Services) -> None:
        self.services = services
        self.planning = services.planning
        self.templates = services.templates

    def _created(self, text: str, create: Any, delete: Any, id_of: Any = None) -> Any:
        extra = {} if id_of is None else {"id_of": id_of}
        return self.created(creation(text, create, delete, self.services.trash.restore,
                                     self.bus, self.origin, **extra))

    def _deleted(self, text: str, delete: Any) -> bool:
        return self.run(deletion(text, delete, self.services.trash.restore, self.bus,
                                 self.origin))

    # ----- initiatives
    @reported(False)
    def update_initiative(self, initiative_id: int, verb: str,
                          based_on: Initiative | None = None, **fields: Any) -> bool:
        """Change fields of an initiative; ``verb`` names the step (Move, Resize, Edit...).

        An editor passes the initiative it loaded as ``based_on`` and only the fields the
        user changed: a field someone else changed since is refused, not overwritten.
        """
        current = based_on or self.services.initiatives.get_initiative(initiative_id)
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        if not changed:
            return False
        old = {k: getattr(current, k) for k in changed}
        initiatives = self.services.initiatives
        checked = [based_on] if based_on is not None else []  # the first save only

        def do() -> Any:
            loaded = checked.pop() if checked else None
            return initiatives.update_initiative(initiative_id, based_on=loaded, **changed)

        command = ServiceCommand(f"{verb} {quoted(current.title)}", do,
                                 lambda: initiatives.update_initiative(initiative_id, **old),
                                 self.bus, self.origin)
        if not self.run(command):
            return False
        end = changed.get("end_date", current.end_date)
        if self.on_slip is not None and needs_reason(current.end_date, end):
            assert current.end_date is not None and end is not None
            self.on_slip(Slip(initiative_id, current.title, (end - current.end_date).days,
                              command.last_changes))
        return True

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
        return self.step(
            f"Move {quoted(current.title)} to {horizon.label}",
            lambda: initiatives.move_initiative(initiative_id, index, horizon=horizon),
            lambda: initiatives.move_initiative(initiative_id, old_index,
                                                horizon=current.horizon),
        )

    @reported(None)
    def create_initiative(self, product_id: int, title: str, **fields: Any) -> Initiative | None:
        initiatives = self.services.initiatives
        command = creation(f"Create {quoted(title)}",
                           lambda: initiatives.create_initiative(product_id, title, **fields),
                           initiatives.delete_initiative, self.services.trash.restore,
                           self.bus, self.origin)
        initiative: Initiative | None = self.created(command)
        if initiative is not None:
            self._fresh = (initiative.id, command)
        return initiative

    @reported(False)
    def edit_new_initiative(self, initiative_id: int, based_on: Initiative | None = None,
                            **fields: Any) -> bool:
        """Edit an initiative inside the "Create" step that made it, when that is the last step.

        Creating an initiative and naming it is one gesture, so one undo takes both back:
        undo deletes the named initiative, redo restores it as it was named. With other steps
        in between it is an ordinary edit.
        """
        fresh, stack = self._fresh, self.stack
        if (fresh is None or fresh[0] != initiative_id or stack.count() == 0
                or stack.index() != stack.count() or stack.command(stack.count() - 1)
                is not fresh[1]):
            return self.update_initiative(initiative_id, "Edit", based_on, **fields)
        current = based_on or self.services.initiatives.get_initiative(initiative_id)
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        if not changed:
            return False
        result = self.services.initiatives.update_initiative(initiative_id, based_on=based_on,
                                                             **changed)
        fresh[1].setText(f"Create {quoted(changed.get('title', current.title))}")
        self.bus.publish(result.changes, self.origin)
        return True

    @reported(False)
    def delete_initiative(self, initiative_id: int) -> bool:
        title = self.services.initiatives.get_initiative(initiative_id).title
        return self._deleted(f"Delete {quoted(title)}",
                             lambda: self.services.initiatives.delete_initiative(initiative_id))

    @reported(None)
    def add_dependency(self, blocker_id: int, blocked_id: int) -> Any:
        initiatives = self.services.initiatives
        blocker = initiatives.get_initiative(blocker_id).title
        blocked = initiatives.get_initiative(blocked_id).title
        return self._created(f"Make {quoted(blocker, 28)} block {quoted(blocked, 28)}",
                             lambda: initiatives.add_dependency(blocker_id, blocked_id),
                             initiatives.remove_dependency)

    @reported(False)
    def remove_dependency(self, dependency_id: int) -> bool:
        return self._deleted("Remove dependency",
                             lambda: self.services.initiatives.remove_dependency(dependency_id))

    @reported(None)
    def break_down(self, initiative_id: int, column_id: int, titles: Sequence[str]) -> Any:
        title = self.services.initiatives.get_initiative(initiative_id).title
        count = len([t for t in titles if t.strip()])
        return self._created(f"Break {quoted(title)} down into {count} tasks",
                             lambda: self.planning.break_down(initiative_id, column_id, titles),
                             self.planning.remove_tasks,
                             id_of=lambda result: [task.id for task in result.value])

    # ----- lanes
    @reported(None)
    def create_lane(self, product_id: int, name: str) -> Any:
        lanes = self.services.lanes
        return self._created(f"Add lane {quoted(name)}",
                             lambda: lanes.create_lane(product_id, name), lanes.delete_lane)

    @reported(False)
    def rename_lane(self, lane_id: int, old: str, name: str) -> bool:
        lanes = self.services.lanes
        return self.step(f"Rename lane {quoted(old)}", lambda: lanes.rename_lane(lane_id, name),
                         lambda: lanes.rename_lane(lane_id, old))

    @reported(False)
    def move_lane(self, lane_id: int, name: str, index: int, old_index: int) -> bool:
        lanes = self.services.lanes
        return self.step(f"Move lane {quoted(name)}", lambda: lanes.move_lane(lane_id, index),
                         lambda: lanes.move_lane(lane_id, old_index))

    @reported(False)
    def delete_lane(self, lane_id: int, name: str) -> bool:
        return self._deleted(f"Delete lane {quoted(name)}",
                             lambda: self.services.lanes.delete_lane(lane_id))

    # ----- milestones
    @reported(None)
    def create_milestone(self, product_id: int, title: str, when: date,
                         lane_id: int | None) -> Any:
        lanes = self.services.lanes
        return self._created(f"Add milestone {quoted(title)}",
                             lambda: lanes.create_milestone(product_id, title, when, lane_id),
                             lanes.delete_milestone)

    @reported(False)
    def update_milestone(self, milestone: Milestone, verb: str, **fields: Any) -> bool:
        lanes = self.services.lanes
        changed = {k: v for k, v in fields.items() if getattr(milestone, k) != v}
        if not changed:
            return False
        old = {k: getattr(milestone, k) for k in changed}
        return self.step(f"{verb} milestone {quoted(milestone.title)}",
                         lambda: lanes.update_milestone(milestone.id, **changed),
                         lambda: lanes.update_milestone(milestone.id, **old))

    @reported(False)
    def delete_milestone(self, milestone: Milestone) -> bool:
        return self._deleted(f"Delete milestone {quoted(milestone.title)}",
                             lambda: self.services.lanes.delete_milestone(milestone.id))

    # ----- templates
    @reported(None)
    def from_template(self, key: str, product_name: str) -> Any:
        return self._created(f"New product {quoted(product_name)}",
                             lambda: self.templates.create_from_template(key, product_name),
                             self.services.products.delete_product)

