"""Context menus and dialogs of the roadmap page; every choice ends in one undo command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.models import Board, Column
from pmdesk.ui.roadmap.commands import RoadmapCommands
from pmdesk.ui.roadmap.controller import DEFAULT_LENGTH, KEEP, RoadmapController
from pmdesk.ui.roadmap.dialogs import (
    BreakdownDialog,
    DependencyDialog,
    InitiativeDialog,
    MilestoneDialog,
    TemplateDialog,
)
from pmdesk.ui.roadmap.layout import Band, BandKind
from pmdesk.ui.roadmap.scene import RoadmapScene
from pmdesk.ui.roadmap.state import RoadmapState
from pmdesk.ui.roadmap.view import RoadmapView
from pmdesk.ui.shortcuts import hint

if TYPE_CHECKING:
    from pmdesk.services.boards import BoardService


@dataclass(frozen=True, slots=True)
class PageHooks:
    """The few things the menus ask of the page that shows them."""

    delete_initiative: Callable[[int], bool]  # asks the user first
    move_lane: Callable[[int, int], bool]
    show_message: Callable[[str], None]
    open_product: Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Timeline:
    """The timeline the menus read positions from and hand gestures to."""

    scene: RoadmapScene
    view: RoadmapView
    controller: RoadmapController


class RoadmapMenus:
    """Builds the menus and opens the dialogs of one roadmap page."""

    def __init__(self, widget: QWidget, commands: RoadmapCommands, state: RoadmapState,
                 timeline: Timeline, boards: BoardService, hooks: PageHooks) -> None:
        self.widget, self.commands, self.state = widget, commands, state
        self.timeline, self.boards, self.hooks = timeline, boards, hooks

    # ----- timeline context menu
    def build_context_menu(self, pos: QPointF) -> QMenu:
        menu = QMenu(self.widget)
        scene = self.timeline.scene
        bar = scene.bar_at(pos)
        mark = scene.milestone_at(pos)
        if bar is not None:
            initiative_id = bar.initiative_id
            hint(menu.addAction("Edit…", lambda: self.edit_initiative(initiative_id)), "Return")
            menu.addAction("Add dependency…", lambda: self.add_dependency(initiative_id))
            menu.addAction("Break down into tasks…", lambda: self.break_down(initiative_id))
            menu.addAction("Move to parking lot",
                           lambda: self.timeline.controller.unschedule(initiative_id))
            suggested = bar.view.suggested_status
            if suggested is not None:
                progress = bar.view.progress
                menu.addAction(
                    f"Mark {suggested.label} ({progress.done} of {progress.total} cards done)",
                    lambda: self.commands.update_initiative(initiative_id, "Set status of",
                                                            status=suggested))
            deps = [d for d in self.state.dependencies
                    if initiative_id in (d.dependency.blocker_id, d.dependency.blocked_id)]
            if deps:
                remove = menu.addMenu("Remove dependency")
                for dep in deps:
                    text = (f"{self.state.title(dep.dependency.blocker_id)} → "
                            f"{self.state.title(dep.dependency.blocked_id)}")
                    remove.addAction(text, partial(self.commands.remove_dependency,
                                                   dep.dependency.id))
            menu.addSeparator()
            hint(menu.addAction("Delete…", lambda: self.hooks.delete_initiative(initiative_id)),
                 "Del")
            return menu
        if mark is not None:
            milestone = self._milestone(mark.milestone_id)
            menu.addAction("Edit milestone…", lambda: self.edit_milestone(milestone.id))
            menu.addAction("Delete milestone", lambda: self.commands.delete_milestone(milestone))
            return menu
        lane = self.timeline.controller.lane_at(pos)
        day = scene.scale.snap(scene.scale.date_at(pos.x()))
        if lane is not KEEP:
            length = timedelta(days=DEFAULT_LENGTH[scene.zoom] - 1)
            menu.addAction("New initiative here",
                           lambda: self.timeline.controller.create(lane, day, day + length))
        menu.addAction("Add milestone here…",
                       lambda: self.new_milestone(day, None if lane is KEEP else lane))
        menu.addAction("Add lane…", self.add_lane)
        return menu

    def show_context_menu(self, pos: QPointF, global_pos: QPoint) -> None:
        if self.state.product_id is not None:
            self.build_context_menu(pos).popup(global_pos)

    # ----- lane menu
    def build_lane_menu(self, band: Band | None) -> QMenu:
        menu = QMenu(self.widget)
        if band is not None and band.kind is BandKind.LANE and band.lane_id is not None:
            lane_id = band.lane_id
            order = [lane.id for lane in self.state.lanes]
            index = order.index(lane_id)
            menu.addAction("Rename lane…", lambda: self.rename_lane(lane_id))
            up = menu.addAction("Move up", lambda: self.hooks.move_lane(lane_id, index - 1))
            down = menu.addAction("Move down", lambda: self.hooks.move_lane(lane_id, index + 1))
            up.setEnabled(index > 0)
            down.setEnabled(index < len(order) - 1)
            menu.addAction("Delete lane",
                           lambda: self.commands.delete_lane(lane_id, band.title))
            menu.addSeparator()
        menu.addAction("Add lane…", self.add_lane)
        return menu

    def show_lane_menu(self, band: Band | None, global_pos: QPoint) -> None:
        if self.state.product_id is not None:
            self.build_lane_menu(band).popup(global_pos)

    def rename_lane(self, lane_id: int) -> None:
        lane = self.state.lane(lane_id)
        if lane is None:
            return
        name, ok = QInputDialog.getText(self.widget, "Rename lane", "Lane name", text=lane.name)
        if ok:
            self.commands.rename_lane(lane_id, lane.name, name)

    def add_lane(self) -> None:
        if self.state.product_id is None:
            return
        name, ok = QInputDialog.getText(self.widget, "Add lane", "Lane name")
        if ok:
            self.commands.create_lane(self.state.product_id, name)

    # ----- initiatives
    def new_here(self) -> Any:
        """Create an initiative at the left third of the visible timeline."""
        scene, view = self.timeline.scene, self.timeline.view
        if self.state.product_id is None:
            return None
        x = view.visible_scene_rect().left() + view.viewport().width() / 3
        day = scene.scale.snap(scene.scale.date_at(x))
        lane = self.state.lanes[0].id if self.state.lanes else None
        length = timedelta(days=DEFAULT_LENGTH[scene.zoom] - 1)
        return self.timeline.controller.create(lane, day, day + length)

    def edit_initiative(self, initiative_id: int, fresh: bool = False
                        ) -> InitiativeDialog | None:
        """Open the editor; for a ``fresh`` one its title is selected, typing names it."""
        view = self.state.views.get(initiative_id)
        if view is None:
            return None
        commands = self.commands
        edit = (partial(commands.edit_new_initiative, initiative_id) if fresh
                else partial(commands.update_initiative, initiative_id, "Edit"))

        def submit(_values: dict[str, Any]) -> str | None:
            # Only what the user changed, based on what the dialog loaded: no lost update.
            changed = dialog.changed_values()
            message = commands.capture(lambda: edit(based_on=dialog.loaded, **changed))
            if message is not None:
                dialog.offer_choice(commands.last_error)
            return message

        dialog = InitiativeDialog(self.state, view, submit, self.widget)
        dialog.open()
        if fresh:
            dialog.title.setFocus()
            dialog.title.selectAll()
        return dialog

    def edit_new_initiative(self, initiative_id: int) -> InitiativeDialog | None:
        return self.edit_initiative(initiative_id, fresh=True)

    def add_dependency(self, initiative_id: int) -> DependencyDialog:
        def submit(values: dict[str, Any]) -> str | None:
            blocker, blocked = initiative_id, values["other"]
            if values["direction"] == "blocked_by":
                blocker, blocked = blocked, blocker
            return self.commands.capture(lambda: self.commands.add_dependency(blocker, blocked))

        dialog = DependencyDialog(self.state, initiative_id, submit, self.widget)
        dialog.open()
        return dialog

    def break_down(self, initiative_id: int) -> BreakdownDialog:
        columns: list[tuple[Board, Column]] = []
        try:
            for board in self.boards.list_boards(self.state.product_id):
                columns += [(board, c) for c in self.boards.list_columns(board.id)]
        except PmdeskError as exc:
            self.hooks.show_message(exc.message)

        def submit(values: dict[str, Any]) -> str | None:
            return self.commands.capture(lambda: self.commands.break_down(
                initiative_id, values["column_id"], values["titles"]))

        dialog = BreakdownDialog(self.state.title(initiative_id), columns, submit, self.widget)
        dialog.open()
        return dialog

    # ----- milestones
    def _milestone(self, milestone_id: int) -> Any:
        return next(m for m in self.state.milestones if m.id == milestone_id)

    def new_milestone(self, when: Any = None, lane_id: int | None = None) -> Any:
        if self.state.product_id is None:
            return None
        product_id = self.state.product_id

        def submit(values: dict[str, Any]) -> str | None:
            return self.commands.capture(lambda: self.commands.create_milestone(
                product_id, values["title"], values["date"], values["lane_id"]))

        dialog = MilestoneDialog(self.state, None, when or self.state.today, lane_id, submit,
                                 self.widget)
        dialog.open()
        return dialog

    def edit_milestone(self, milestone_id: int) -> MilestoneDialog:
        milestone = self._milestone(milestone_id)

        def submit(values: dict[str, Any]) -> str | None:
            return self.commands.capture(
                lambda: self.commands.update_milestone(milestone, "Edit", **values))

        dialog = MilestoneDialog(self.state, milestone, milestone.date, milestone.lane_id,
                                 submit, self.widget)
        dialog.open()
        return dialog

    # ----- templates
    def from_template(self) -> TemplateDialog:
        def submit(values: dict[str, Any]) -> str | None:
            created: list[Any] = []
            message = self.commands.capture(lambda: created.append(
                self.commands.from_template(values["key"], values["name"])))
            if message is None and created and created[0] is not None:
                self.hooks.open_product(created[0].id)
            return message

        dialog = TemplateDialog(self.commands.templates.list_templates(), submit, self.widget)
        dialog.open()
        return dialog
