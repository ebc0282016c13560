"""The Roadmap page: timeline, parking lot, Now/Next/Later and prioritisation of a product."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain import rules
from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Action, Entity, Horizon
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.timescale import Zoom
from pmdesk.ui import theme
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.message_bar import MessageBar
from pmdesk.ui.page import Page
from pmdesk.ui.roadmap.commands import RoadmapCommands
from pmdesk.ui.roadmap.compare import RoadmapComparison
from pmdesk.ui.roadmap.controller import RoadmapController
from pmdesk.ui.roadmap.forecast_settings import ForecastSettings
from pmdesk.ui.roadmap.forecasts import ForecastRunner
from pmdesk.ui.roadmap.menus import PageHooks, RoadmapMenus, Timeline
from pmdesk.ui.roadmap.models import HorizonModel, ParkingLotModel, PrioritisationModel
from pmdesk.ui.roadmap.panels import (
    FilterBar,
    HorizonBoard,
    Legend,
    ParkingLot,
    PrioritisationTable,
)
from pmdesk.ui.roadmap.reason_bar import ReasonBar
from pmdesk.ui.roadmap.scene import RoadmapScene
from pmdesk.ui.roadmap.state import RoadmapFilter, RoadmapState
from pmdesk.ui.roadmap.view import RoadmapView
from pmdesk.ui.text import shown

if TYPE_CHECKING:
    from pmdesk.services import Services

TARGETED = {
    Entity.INITIATIVE: (Action.UPDATE, Action.MOVE),
    Entity.TASK: (Action.UPDATE, Action.MOVE),
    Entity.CHECKLIST_ITEM: (Action.CREATE, Action.UPDATE, Action.DELETE),
}
MODES = ("Timeline", "Now / Next / Later", "Prioritise")


class TimelinePanel(QWidget):
    """The timeline view with its goal legend underneath (also used for PNG export)."""

    def __init__(self, view: RoadmapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.legend = Legend()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(view, 1)
        layout.addWidget(self.legend)

    def refresh_legend(self, state: RoadmapState) -> None:
        self.legend.set_goals([(g.name, g.colour) for g in state.goals])


class RoadmapPage(Page):
    """Plan a product on a timeline of lanes; every gesture is one undo step."""

    title = "Roadmap"

    def __init__(self, services: Services, undo_stack: QUndoStack, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, undo_stack, bus, parent)
        self._scroll_to_today = False
        self._painted_first: int | None = None  # the product shown before the services ran
        self.setObjectName("roadmapPage")
        self.state = RoadmapState()
        self.commands = RoadmapCommands(services, undo_stack, bus, origin=self)
        self.scene = RoadmapScene(self.state, self)
        self.controller = RoadmapController(self.scene, self.commands, self)
        self.view = RoadmapView(self.scene, self.controller)
        self.timeline = TimelinePanel(self.view)
        self.parking_model = ParkingLotModel(self.state, self._drop_on_parking_lot, self)
        self.horizon_models = {
            h: HorizonModel(self.state, h, partial(self._drop_on_horizon, h), self)
            for h in Horizon
        }
        self.priority_model = PrioritisationModel(self.state, self._edit_rice, self)
        self.parking_lot = ParkingLot(self.parking_model)
        self.horizons = HorizonBoard(self.horizon_models)
        self.priorities = PrioritisationTable(self.priority_model)
        self.filters = FilterBar()
        self.menus = RoadmapMenus(
            self, self.commands, self.state, Timeline(self.scene, self.view, self.controller),
            services.boards,
            PageHooks(self.delete_initiative, self.move_lane, self.show_message,
                      self._open_product))
        self.confirm_delete: Callable[[str, str], bool] = self._ask_delete
        self._stale: set[int] = set()
        self.forecasts = ForecastRunner(services.flow, self)
        self.forecasts.ready.connect(self._forecasts_ready)
        self.forecasts.milestones_ready.connect(self._milestones_ready)
        self.forecast_settings = ForecastSettings(self, self.forecasts, services.workspace.location)
        self.comparison = RoadmapComparison(services, self.commands, self.scene, self)
        self.scene.after_layout.append(self.comparison.layer.refresh)
        self.comparison.changed.connect(self._comparison_changed)
        self._compare_again = QTimer(self, singleShot=True, interval=0)
        self._compare_again.timeout.connect(self.comparison.refresh)
        self.bus.reloaded.connect(lambda: self.comparison.choice and self._compare_again.start())
        self.reason_bar = ReasonBar(services)
        self.commands.on_slip = self.reason_bar.ask
        self.reason_bar.explained.connect(
            lambda initiative_id, _: self.bus.selected.emit(Entity.INITIATIVE, initiative_id))
        self._build()
        self._connect()

    # ----- layout
    def _build(self) -> None:
        self.toolbar = QToolBar("Roadmap")
        self.toolbar.setObjectName("roadmapToolbar")
        self.mode_group = QActionGroup(self)
        self.mode_actions = []
        for index, name in enumerate(MODES):
            action = QAction(name, self, checkable=True)
            action.setObjectName(f"roadmapMode{index}")
            action.triggered.connect(partial(self.set_mode, index))
            self.mode_group.addAction(action)
            self.toolbar.addAction(action)
            self.mode_actions.append(action)
        self.mode_actions[0].setChecked(True)
        self.toolbar.addSeparator()
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoomCombo")
        self.zoom_box.setAccessibleName("zoomCombo")
        for zoom in Zoom:
            self.zoom_box.addItem(zoom.label, zoom)
        self.zoom_box.setCurrentIndex(self.zoom_box.findData(self.scene.zoom))
        self.toolbar.addWidget(self.zoom_box)
        self.zoom_in = self._action("Zoom in", "Ctrl++", lambda: self._step_zoom(-1))
        self.zoom_out = self._action("Zoom out", "Ctrl+-", lambda: self._step_zoom(1))
        # Signs instead of words on the toolbar, so every action fits in a 1024-pixel window.
        for action, sign in ((self.zoom_in, "+"), (self.zoom_out, "−")):
            action.setIconText(sign)
            button = self.toolbar.widgetForAction(action)
            button.setAccessibleName(action.text())
            button.setMinimumWidth(28)
        self.fit_action = self._action("Fit all", "Ctrl+0", self.view.fit_all)
        self.today_action = self._action("Today", "Ctrl+T", self.view.scroll_to_today)
        self.toolbar.addSeparator()
        self.new_action = self._action("New initiative", "Ctrl+Shift+N", self.menus.new_here)
        self.lane_action = self._action("Add lane", None, self.menus.add_lane)
        self.milestone_action = self._action("Add milestone", None, self.menus.new_milestone)
        self.template_action = self._action("New product from template…", None,
                                            self.menus.from_template)
        self.template_action.setToolTip("Start a new product with a roadmap and a board "
                                        "from a template; this product stays as it is")
        self.template_action.setObjectName("actionRoadmapFromTemplate")
        forecast_action = self._action("Forecast settings…", None, self.forecast_settings.edit,
                                       on_toolbar=False)
        self.forecast_settings.add_action(forecast_action)
        forecast_button = QToolButton()  # beside the forecasts' busy mark, off the toolbar
        forecast_button.setDefaultAction(forecast_action)
        forecast_button.setAutoRaise(True)
        self.message = MessageBar("roadmapMessageBar", "roadmapMessage")
        self.hint = QLabel()
        self.hint.setStyleSheet(f"color: {theme.HINT_HEX}; padding: 2px 6px;")
        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addWidget(self.hint)
        top.addWidget(self.forecast_settings.busy)
        top.addWidget(forecast_button)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.timeline)
        self.stack.addWidget(self.horizons)
        self.stack.addWidget(self.priorities)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.parking_lot)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.reason_bar)
        layout.addWidget(self.splitter, 1)

    def _action(self, text: str, shortcut: str | None, slot: Callable[[], Any], *,
                on_toolbar: bool = True) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text} ({shortcut})")
        action.triggered.connect(lambda _checked=False: slot())
        if on_toolbar:
            self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.bus.changed.connect(self._on_changed)
        self.bus.reloaded.connect(self.reload)
        self.bus.failed.connect(self.show_message)
        self.zoom_box.currentIndexChanged.connect(
            lambda: self.view.set_zoom(self.zoom_box.currentData()))
        self.view.zoom_changed.connect(self._zoom_changed)
        self.filters.changed.connect(self.set_filter)
        self.controller.preview.connect(self.hint.setText)
        self.controller.created.connect(self.menus.edit_new_initiative)
        self.view.edit_requested.connect(self.menus.edit_initiative)
        self.view.milestone_edit_requested.connect(self.menus.edit_milestone)
        self.view.delete_requested.connect(self.delete_initiative)
        self.view.context_requested.connect(self.menus.show_context_menu)
        self.view.lane_menu_requested.connect(self.menus.show_lane_menu)
        self.view.lane_rename_requested.connect(self.menus.rename_lane)
        self.view.lane_move_requested.connect(self.move_lane)
        self.horizons.edit_requested.connect(self.menus.edit_initiative)
        self.priorities.edit_requested.connect(self.menus.edit_initiative)
        self.parking_lot.list.doubleClicked.connect(
            lambda index: self.menus.edit_initiative(self.parking_model.id_at(index.row())))

    # ----- what is shown
    def use_services(self, services: Services) -> None:
        """Take over the services behind a roadmap painted from the first read: the
        window's ``set_product`` that follows adds what the first paint left out."""
        super().use_services(services)
        self.commands.use_services(services)
        self.menus.boards = services.boards
        self.forecasts.flow = services.flow
        self.comparison.services = services
        self.reason_bar.services = services
        self._painted_first = self.product_id

    def set_product(self, product_id: int | None) -> None:
        if product_id != self.product_id:
            self.scene.reset_range()
            self.state.filter = RoadmapFilter()
        painted, self._painted_first = self._painted_first, None
        super().set_product(product_id)
        if product_id is not None and not self.services.read_only:
            self._take_quarter_baseline(product_id)
        self.comparison.set_product(product_id)
        if painted is not None and painted == product_id:
            self.forecasts.request(product_id)  # the roadmap shown is the one just read
            return
        self._scroll_to_today = product_id is not None
        self.reload()

    def _take_quarter_baseline(self, product_id: int) -> None:
        """The first look at a product's roadmap in a calendar quarter keeps it as that
        quarter's baseline (later looks find it taken)."""
        try:
            self.services.baselines.ensure_quarter_baseline(product_id)
        except PmdeskError:
            pass  # a baseline is a convenience; the roadmap opens all the same

    def reload(self) -> None:
        """Read the whole roadmap again and redraw everything."""
        if self.defer_reload():
            return
        if self.product_id is None:
            self.state.clear()
        else:
            try:
                snapshot = self.services.reads.roadmap(self.product_id)
            except PmdeskError:
                self.product_id = None
                self.state.clear()
            else:
                self.state.load(snapshot)
        keep = self.view.horizontalScrollBar().value() / self.scene.scale.px_per_day
        origin = self.scene.scale.origin
        self.scene.rebuild()
        shift = (origin - self.scene.scale.origin).days
        self.view.horizontalScrollBar().setValue(
            round((keep + shift) * self.scene.scale.px_per_day))
        self.filters.populate(self.state)
        self.timeline.refresh_legend(self.state)
        self._refresh_models()
        self.forecasts.request(self.product_id)
        if self._scroll_to_today:
            self._scroll_to_today = False
            self.view.scroll_to_today()

    def _comparison_changed(self) -> None:
        found = self.comparison.comparison
        self.timeline.legend.set_compared_with(found.label if found is not None else "")

    def _milestones_ready(self, product_id: int, forecasts: dict[int, Any]) -> None:
        if product_id == self.product_id:
            self.state.milestone_forecasts = forecasts

    def _forecasts_ready(self, product_id: int, forecasts: dict[int, Any]) -> None:
        if product_id == self.product_id:
            self.state.forecasts = forecasts
            self.scene.show_forecasts()

    def refresh_initiatives(self, ids: set[int]) -> None:
        """Targeted update after a change to a few initiatives or their tasks."""
        views = self.commands.planning.initiative_views(ids)
        if set(views) != ids:
            self.reload()
            return
        self.state.apply_views(views)
        self.scene.sync(ids)
        self._refresh_models()
        self.forecasts.request(self.product_id)

    def _refresh_models(self) -> None:
        """Refresh the side views; the hidden mode's views wait until they are shown."""
        self.parking_model.refresh()
        mode = self.stack.currentIndex()
        if mode == 1:
            for model in self.horizon_models.values():
                model.refresh()
        else:
            self._stale.add(1)
        if mode == 2:
            self.priority_model.refresh()
        else:
            self._stale.add(2)

    def _on_changed(self, changes: ChangeSet, origin: object) -> None:
        if self.product_id is None or self.defer_reload():
            return
        relevant = [c for c in changes.changes if c.product_id in (None, self.product_id)]
        if not relevant:
            return
        if self.comparison.choice:  # the roadmap now changed: compare again, once
            self._compare_again.start()
        self.message.hide()
        ids: set[int] = set()
        tasks: set[int] = set()
        for change in relevant:
            allowed = TARGETED.get(change.entity)
            if allowed is None or change.action not in allowed or (
                "initiative_id" in change.fields
            ):
                self.reload()
                return
            if change.entity is Entity.INITIATIVE:
                ids.add(change.id)
            elif change.entity is Entity.TASK:
                tasks.add(change.id)
        carried = changes.task_rows()  # a card write of this window names its initiative
        ids |= {t.initiative_id for t in carried.values() if t.initiative_id is not None}
        ids |= self.commands.planning.initiatives_of_tasks(tasks - carried.keys())
        ids &= set(self.state.views)
        if ids:
            self.refresh_initiatives(ids)

    def set_filter(self, value: RoadmapFilter) -> None:
        self.state.filter = value
        self.scene.rebuild()
        self._refresh_models()

    def set_mode(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        if index in self._stale:
            self._stale.discard(index)
            if index == 1:
                for model in self.horizon_models.values():
                    model.refresh()
            else:
                self.priority_model.refresh()
        self.mode_actions[index].setChecked(True)
        self.parking_lot.setVisible(index == 0)
        for action in (self.zoom_in, self.zoom_out, self.fit_action, self.today_action):
            action.setEnabled(index == 0)
        self.zoom_box.setEnabled(index == 0)

    def show_message(self, message: str) -> None:
        """Show a refusal in the page's message bar when the page stands alone.

        A page inside a window leaves ``bus.failed`` to that window, which reports it once.
        """
        if self.parent() is None:
            self.message.show_message(message)

    def _zoom_changed(self, zoom: Zoom) -> None:
        self.zoom_box.blockSignals(True)
        self.zoom_box.setCurrentIndex(self.zoom_box.findData(zoom))
        self.zoom_box.blockSignals(False)

    def _step_zoom(self, direction: int) -> None:
        zoom = self.scene.zoom.finer() if direction < 0 else self.scene.zoom.coarser()
        self.view.set_zoom(zoom)

    # ----- edits coming from the side views
    def _drop_on_parking_lot(self, ids: list[int], row: int) -> bool:
        done = False
        for initiative_id in ids:
            view = self.state.views.get(initiative_id)
            if view is not None and view.initiative.scheduled:
                done = self.controller.unschedule(initiative_id) or done
        return done

    def _drop_on_horizon(self, horizon: Horizon, ids: list[int], row: int) -> bool:
        initiative_id = ids[0]
        if initiative_id not in self.state.views:
            return False
        anchors = [v.id for v in self.horizon_models[horizon].rows]
        index = self.state.index_before(anchors, row, initiative_id)
        old_index = self.state.global_index(initiative_id)
        if self.state.views[initiative_id].initiative.horizon is horizon and index == old_index:
            return False
        return bool(self.commands.move_to_horizon(initiative_id, horizon, index, old_index))

    def _edit_rice(self, initiative_id: int, field: str, text: str) -> bool:
        try:
            value = rules.parse_number(text, field)
        except PmdeskError as exc:
            self.bus.failed.emit(exc.message)
            return False
        return bool(self.commands.update_initiative(initiative_id, f"Set {field} of",
                                                    **{field: value}))

    def move_lane(self, lane_id: int, index: int) -> bool:
        order = [lane.id for lane in self.state.lanes]
        if lane_id not in order or order.index(lane_id) == index:
            return False
        lane = self.state.lane(lane_id)
        assert lane is not None
        return bool(self.commands.move_lane(lane_id, lane.name, index, order.index(lane_id)))

    def delete_initiative(self, initiative_id: int) -> bool:
        """Delete an initiative after saying what goes with it (the user may say no)."""
        if initiative_id not in self.state.views:
            return False
        title = self.state.title(initiative_id)
        if not self.confirm_delete(title, delete_consequences(self.state, initiative_id)):
            return False
        return bool(self.commands.delete_initiative(initiative_id))

    def _ask_delete(self, title: str, consequences: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Delete initiative",
                          f"Delete “{shown(title)}”?", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(f"{consequences}Ctrl+Z brings it back.".strip())
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText("Delete")
        return box.exec() == QMessageBox.StandardButton.Yes

    def _open_product(self, product_id: int) -> None:
        self.product_requested.emit(product_id)  # the window switches
        if self.product_id != product_id:  # a page on its own
            self.set_product(product_id)

    def attempt(self, action: Callable[[], Any]) -> str | None:
        """Run ``action``; return its refusal (kept off the bus), or None."""
        return self.commands.capture(action)


def delete_consequences(state: RoadmapState, initiative_id: int) -> str:
    """What else a delete takes with it, in sentences ending with a space ("" for nothing)."""
    view = state.views[initiative_id]
    deps = sum(initiative_id in (d.dependency.blocker_id, d.dependency.blocked_id)
               for d in state.dependencies)
    parts = []
    cards = view.progress.total
    if cards:
        parts.append(f"{_count(cards, 'linked card')} {'stays' if cards == 1 else 'stay'} "
                     "on the board without an initiative. ")
    if deps:
        parts.append(f"{_count(deps, 'dependency', 'dependencies')} "
                     f"{'goes' if deps == 1 else 'go'} too. ")
    return "".join(parts)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many or one + 's'}"
