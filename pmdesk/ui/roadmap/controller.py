"""Direct manipulation of the roadmap, in scene coordinates, without mouse events.

The view forwards press/drag/release here; tests call the same methods (or the direct
ones below) because simulated mouse drags do nothing offscreen. A gesture previews by
moving items and pushes exactly one undo command on release.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from pmdesk.domain.enums import Entity, Horizon, InitiativeStatus
from pmdesk.domain.timescale import Zoom, monday_of
from pmdesk.ui import theme
from pmdesk.ui.roadmap import style
from pmdesk.ui.roadmap.commands import RoadmapCommands
from pmdesk.ui.roadmap.items import BarItem
from pmdesk.ui.roadmap.layout import BandKind
from pmdesk.ui.roadmap.scene import RoadmapScene

DRAG_THRESHOLD = 3.0
NEW_TITLE = "New initiative"
DEFAULT_LENGTH = {Zoom.WEEKS: 14, Zoom.MONTHS: 28, Zoom.QUARTERS: 56, Zoom.YEARS: 91}
KEEP: Any = ...


class DragMode(Enum):
    MOVE = "move"
    START = "start"
    END = "end"
    CREATE = "create"
    MILESTONE = "milestone"


@dataclass
class _Drag:
    mode: DragMode
    item_id: int
    origin: QPointF
    start: date
    end: date
    lane_id: Any = KEEP
    moved: bool = False


def date_span(start: date, end: date) -> str:
    if start == end:
        return f"{start:%a %d %b %Y}"
    return f"{start:%d %b %Y} – {end:%d %b %Y} ({(end - start).days + 1} days)"


class RoadmapController(QObject):
    """Turns gestures on the scene into roadmap commands."""

    preview = Signal(str)
    created = Signal(int)

    def __init__(self, scene: RoadmapScene, commands: RoadmapCommands,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.commands = commands
        self._drag: _Drag | None = None
        self._ghost: QGraphicsRectItem | None = None

    @property
    def state(self) -> Any:
        return self.scene.state

    @property
    def dragging(self) -> bool:
        return self._drag is not None

    # ----- hit testing
    def mode_at(self, pos: QPointF) -> DragMode | None:
        bar = self.scene.bar_at(pos)
        if bar is not None:
            local = pos.x() - bar.x()
            grip = min(style.EDGE_GRIP, bar.width / 4)
            if local <= grip:
                return DragMode.START
            if local >= bar.width - grip:
                return DragMode.END
            return DragMode.MOVE
        if self.scene.milestone_at(pos) is not None:
            return DragMode.MILESTONE
        band = self.scene.layout.band_at(pos.y())
        if band is not None and band.kind is not BandKind.MILESTONES:
            return DragMode.CREATE
        return None

    def lane_at(self, pos: QPointF) -> Any:
        """The lane id under ``pos`` (None for "No lane"), or KEEP outside any lane."""
        band = self.scene.layout.band_at(pos.y())
        if band is None or band.kind is BandKind.MILESTONES:
            return KEEP
        return band.lane_id

    # ----- gestures
    def press(self, pos: QPointF) -> bool:
        """Start a gesture at ``pos``; False when nothing there can be dragged."""
        mode = self.mode_at(pos)
        if mode is None or self.state.product_id is None:
            return False
        scale = self.scene.scale
        if mode is DragMode.MILESTONE:
            mark = self.scene.milestone_at(pos)
            assert mark is not None
            when = self._milestone(mark.milestone_id).date
            self._drag = _Drag(mode, mark.milestone_id, pos, when, when)
        elif mode is DragMode.CREATE:
            day = scale.date_at(pos.x())
            self._drag = _Drag(mode, 0, pos, day, day, self.lane_at(pos))
        else:
            bar = self.scene.bar_at(pos)
            assert bar is not None
            self.scene.clearSelection()
            bar.setSelected(True)
            self.commands.bus.selected.emit(Entity.INITIATIVE, bar.initiative_id)
            item = bar.view.initiative
            assert item.start_date is not None and item.end_date is not None
            self._drag = _Drag(mode, bar.initiative_id, pos, item.start_date, item.end_date)
        return True

    def drag(self, pos: QPointF) -> None:
        drag = self._drag
        if drag is None:
            return
        dx, dy = pos.x() - drag.origin.x(), pos.y() - drag.origin.y()
        drag.moved = drag.moved or abs(dx) >= DRAG_THRESHOLD or abs(dy) >= DRAG_THRESHOLD
        if not drag.moved:
            return
        start, end = self._target_dates(drag, pos)
        scale = self.scene.scale
        if drag.mode is DragMode.MILESTONE:
            item = self.scene.milestones[drag.item_id]
            item.setPos(scale.x(start) + scale.px_per_day / 2, item.y())
            self.preview.emit(date_span(start, start))
            return
        if drag.mode is DragMode.CREATE:
            self._show_ghost(start, end, drag.lane_id)
            self.preview.emit(f"New initiative: {date_span(start, end)}")
            return
        bar = self.scene.bars[drag.item_id]
        slot = self.scene.layout.bars[drag.item_id]
        x0, x1 = scale.span(start, end)
        bar.set_width(x1 - x0)
        bar.setPos(x0, slot.y + (dy if drag.mode is DragMode.MOVE else 0))
        lane = self.lane_at(pos) if drag.mode is DragMode.MOVE else KEEP
        where = ""
        if lane is not KEEP and lane != bar.view.initiative.lane_id:
            target = self.state.lane(lane)
            where = f" → {target.name if target else 'No lane'}"
        self.preview.emit(f"{bar.view.initiative.title}: {date_span(start, end)}{where}")

    def release(self, pos: QPointF) -> bool:
        """Finish the gesture: one command when something changed. True when one was pushed."""
        drag = self._drag
        if drag is None:
            return False
        self.drag(pos)
        self._drag = None
        self._hide_ghost()
        self.preview.emit("")
        if not drag.moved:
            return False
        start, end = self._target_dates(drag, pos)
        done = bool(self._commit(drag, start, end, pos))
        if not done:
            self.scene.sync()
        return done

    def take_out(self) -> int | None:
        """End a bar move without a change, to carry the bar out of the view instead.

        Returns the initiative id (for a drag into the parking lot), or None when no bar
        is being moved.
        """
        drag = self._drag
        if drag is None or drag.mode is not DragMode.MOVE:
            return None
        self.cancel()
        return drag.item_id

    def cancel(self) -> None:
        if self._drag is not None:
            self._drag = None
            self._hide_ghost()
            self.preview.emit("")
            self.scene.sync()

    def _target_dates(self, drag: _Drag, pos: QPointF) -> tuple[date, date]:
        scale = self.scene.scale
        dx = pos.x() - drag.origin.x()
        if drag.mode in (DragMode.MOVE, DragMode.MILESTONE):
            days = timedelta(days=scale.snap_offset(dx))
            return drag.start + days, drag.end + days
        if drag.mode is DragMode.START:
            return min(scale.nearest_boundary(pos.x()), drag.end), drag.end
        if drag.mode is DragMode.END:
            end = scale.nearest_boundary(pos.x()) - timedelta(days=1)
            return drag.start, max(end, drag.start)
        first, last = sorted((drag.start, scale.date_at(pos.x())))
        if scale.zoom.snaps_to_weeks:
            first, last = monday_of(first), monday_of(last) + timedelta(days=6)
        return first, last

    def _commit(self, drag: _Drag, start: date, end: date, pos: QPointF) -> bool:
        if drag.mode is DragMode.MILESTONE:
            return bool(self.commands.update_milestone(self._milestone(drag.item_id), "Move",
                                                       date=start))
        if drag.mode is DragMode.CREATE:
            return self.create(drag.lane_id, start, end) is not None
        if drag.mode is DragMode.MOVE:
            return bool(self.commands.move_dates(drag.item_id, start, end, self.lane_at(pos)))
        return bool(self.commands.move_dates(drag.item_id, start, end, verb="Resize"))

    def _milestone(self, milestone_id: int) -> Any:
        return next(m for m in self.state.milestones if m.id == milestone_id)

    # ----- preview of a new bar
    def _show_ghost(self, start: date, end: date, lane_id: Any) -> None:
        band = self.scene.layout.lane_band(None if lane_id is KEEP else lane_id)
        if band is None:
            return
        x0, x1 = self.scene.scale.span(start, end)
        rect = QRectF(x0, band.bar_top + (style.ROW_HEIGHT - style.BAR_HEIGHT) / 2,
                      x1 - x0, style.BAR_HEIGHT)
        if self._ghost is None:
            self._ghost = QGraphicsRectItem()
            self._ghost.setPen(QPen(theme.MUTED, 1, Qt.PenStyle.DashLine))
            self._ghost.setBrush(QBrush(theme.DRAG_GHOST))
            self._ghost.setZValue(5)
            self.scene.addItem(self._ghost)
        self._ghost.setRect(rect)

    def _hide_ghost(self) -> None:
        if self._ghost is not None:
            self.scene.removeItem(self._ghost)
            self._ghost = None

    # ----- direct operations (menus, keyboard, drops, tests)
    def move_by(self, initiative_id: int, days: int, lane_id: Any = KEEP) -> bool:
        item = self.state.views[initiative_id].initiative
        if not item.scheduled:
            return False
        delta = timedelta(days=days)
        return bool(self.commands.move_dates(initiative_id, item.start_date + delta,
                                             item.end_date + delta, lane_id))

    def resize(self, initiative_id: int, start: date | None = None,
               end: date | None = None) -> bool:
        item = self.state.views[initiative_id].initiative
        new_start, new_end = start or item.start_date, end or item.end_date
        if new_start is None or new_end is None:
            return False
        return bool(self.commands.move_dates(initiative_id, new_start, new_end, verb="Resize"))

    def schedule_at(self, initiative_id: int, pos: QPointF) -> bool:
        """Give a parked initiative dates where it was dropped (and that lane)."""
        scale = self.scene.scale
        start = scale.snap(scale.date_at(pos.x()))
        end = start + timedelta(days=DEFAULT_LENGTH[scale.zoom] - 1)
        return bool(self.commands.move_dates(initiative_id, start, end, self.lane_at(pos),
                                             verb="Schedule"))

    def unschedule(self, initiative_id: int) -> bool:
        return bool(self.commands.unschedule(initiative_id))

    def create(self, lane_id: Any, start: date, end: date, title: str = NEW_TITLE) -> Any:
        """Create a planned initiative on ``lane_id`` from ``start`` to ``end``."""
        product_id = self.state.product_id
        if product_id is None:
            return None
        horizon = Horizon.NOW if (start - self.state.today).days <= 30 else (
            Horizon.NEXT if (start - self.state.today).days <= 120 else Horizon.LATER)
        fields: dict[str, Any] = {"start_date": start, "end_date": end, "horizon": horizon,
                                  "status": InitiativeStatus.PLANNED}
        if lane_id is not KEEP:
            fields["lane_id"] = lane_id
        created = self.commands.create_initiative(product_id, title, **fields)
        if created is not None:
            self.created.emit(created.id)
        return created

    def selected_bar(self) -> BarItem | None:
        for item in self.scene.selectedItems():
            if isinstance(item, BarItem):
                return item
        return None
