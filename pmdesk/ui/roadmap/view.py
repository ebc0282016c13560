"""The roadmap's QGraphicsView with a sticky time header and lane header in its margins.

Mouse and keyboard input is forwarded to the controller; the headers paint only the
visible range, computed from the scroll position.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QToolTip, QWidget

from pmdesk.domain.timescale import Zoom, fit_scale
from pmdesk.ui import theme
from pmdesk.ui.roadmap import mime, style
from pmdesk.ui.roadmap.controller import DragMode, RoadmapController
from pmdesk.ui.roadmap.layout import Band, BandKind
from pmdesk.ui.roadmap.scene import RoadmapScene
from pmdesk.ui.text import shown

HEADER_FONT = style.ui_font(8.5)
HEADER_BOLD = style.ui_font(8.5, bold=True)
LANE_FONT = style.ui_font(9.0, bold=True)
_CURSORS = {
    DragMode.START: Qt.CursorShape.SizeHorCursor,
    DragMode.END: Qt.CursorShape.SizeHorCursor,
    DragMode.MOVE: Qt.CursorShape.OpenHandCursor,
    DragMode.MILESTONE: Qt.CursorShape.OpenHandCursor,
    DragMode.CREATE: Qt.CursorShape.CrossCursor,
}


class RoadmapView(QGraphicsView):
    """``roadmapView``: the timeline of one product."""

    zoom_changed = Signal(object)
    edit_requested = Signal(int)
    milestone_edit_requested = Signal(int)
    context_requested = Signal(QPointF, QPoint)
    delete_requested = Signal(int)
    lane_menu_requested = Signal(object, QPoint)
    lane_rename_requested = Signal(int)
    lane_move_requested = Signal(int, int)

    def __init__(self, scene: RoadmapScene, controller: RoadmapController,
                 parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.roadmap = scene
        self.controller = controller
        self.setObjectName("roadmapView")
        self.setAccessibleName("roadmapView")
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportMargins(style.LANE_HEADER_WIDTH, style.HEADER_HEIGHT, 0, 0)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.time_header = TimeHeader(self)
        self.lane_header = LaneHeader(self)
        self.horizontalScrollBar().valueChanged.connect(self.time_header.update)
        self.verticalScrollBar().valueChanged.connect(self.lane_header.update)
        scene.changed.connect(self._scene_changed)
        scene.sceneRectChanged.connect(self._repaint_viewport)

    def _repaint_viewport(self) -> None:
        # A scene update repaints only the scene rect: when it shrinks or the scale changes,
        # the rest of the viewport would keep a deleted bar or the old Today line.
        self.viewport().update()

    def _scene_changed(self) -> None:
        self.time_header.update()
        self.lane_header.update()

    # ----- geometry of the margins
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        frame = self.frameWidth()
        viewport = self.viewport().geometry()
        self.time_header.setGeometry(frame, frame, style.LANE_HEADER_WIDTH + viewport.width(),
                                     style.HEADER_HEIGHT)
        self.lane_header.setGeometry(frame, viewport.top(), style.LANE_HEADER_WIDTH,
                                     viewport.height())

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        scene = self.scene()  # None once the scene is gone (a closing window)
        if dx and isinstance(scene, RoadmapScene):
            scene.pin_labels(self.visible_scene_rect().left())

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # ----- zoom and scrolling
    def set_zoom(self, zoom: Zoom, anchor: float | None = None,
                 stretch: float | None = None) -> None:
        """Switch zoom keeping the date under viewport x ``anchor`` (default: centre) still."""
        if zoom is self.roadmap.zoom and stretch == self.roadmap.stretch:
            return
        anchor = self.viewport().width() / 2 if anchor is None else anchor
        days = (self.horizontalScrollBar().value() + anchor) / self.roadmap.scale.px_per_day
        self.roadmap.set_zoom(zoom, stretch)
        self.horizontalScrollBar().setValue(round(days * self.roadmap.scale.px_per_day - anchor))
        self.zoom_changed.emit(zoom)
        self._scene_changed()

    def scroll_to_date(self, day: date, offset: float = 0.0) -> None:
        x = self.roadmap.scale.x(day)
        self.horizontalScrollBar().setValue(round(x - offset))

    def scroll_to_today(self) -> None:
        self.scroll_to_date(self.roadmap.state.today, self.viewport().width() / 3)

    def content_range(self) -> tuple[date, date]:
        state = self.roadmap.state
        days = [state.today] + [m.date for m in state.milestones]
        for view in state.scheduled():
            item = view.initiative
            if item.start_date is not None and item.end_date is not None:
                days += [item.start_date, item.end_date]
        return min(days), max(days)

    def fit_all(self) -> None:
        """Show every bar and milestone across the width, scrolled to the first."""
        self.fit_range(*self.content_range())

    def fit_range(self, first: date, last: date) -> None:
        """Show the days from ``first`` to ``last`` across the width."""
        margin = 16.0
        label = style.MILESTONE_LABEL_MAX if self.roadmap.state.milestones else 0.0
        width = max(100.0, self.viewport().width() - 2 * margin - label * 0.6)
        zoom, stretch = fit_scale(first, last, width)
        self.set_zoom(zoom, stretch=stretch)
        self.scroll_to_date(first, margin)
        self.verticalScrollBar().setValue(0)

    # ----- input
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus()
            if self.controller.press(self.mapToScene(event.position().toPoint())):
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                event.accept()
                return
            self.roadmap.clearSelection()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = self.mapToScene(event.position().toPoint())
        if self.controller.dragging:
            if not self.viewport().rect().contains(event.position().toPoint()):
                initiative_id = self.controller.take_out()
                if initiative_id is not None:
                    self._carry_out(initiative_id)
                    event.accept()
                    return
            self.controller.drag(pos)
            event.accept()
            return
        mode = self.controller.mode_at(pos)
        cursor = _CURSORS[mode] if mode is not None else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)
        super().mouseMoveEvent(event)

    def _carry_out(self, initiative_id: int) -> None:
        """Drag a bar out of the timeline, e.g. back into the parking lot."""
        self.viewport().unsetCursor()
        drag = QDrag(self)
        drag.setMimeData(mime.encode([initiative_id]))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.controller.dragging and event.button() == Qt.MouseButton.LeftButton:
            self.controller.release(self.mapToScene(event.position().toPoint()))
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = self.mapToScene(event.position().toPoint())
        self.controller.cancel()
        bar = self.roadmap.bar_at(pos)
        if bar is not None:
            self.edit_requested.emit(bar.initiative_id)
            return
        mark = self.roadmap.milestone_at(pos)
        if mark is not None:
            self.milestone_edit_requested.emit(mark.milestone_id)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.controller.cancel()
        self.context_requested.emit(self.mapToScene(event.pos()), event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = event.angleDelta().y()
            zoom = self.roadmap.zoom.finer() if step > 0 else self.roadmap.zoom.coarser()
            self.set_zoom(zoom, event.position().x())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        bar = self.controller.selected_bar()
        key = event.key()
        if key == Qt.Key.Key_Escape and self.controller.dragging:
            self.controller.cancel()
        elif bar is not None and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = 7 if self.roadmap.zoom.snaps_to_weeks else 1
            self.controller.move_by(bar.initiative_id, step if key == Qt.Key.Key_Right else -step)
        elif bar is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit(bar.initiative_id)
        elif bar is not None and key == Qt.Key.Key_Delete:
            self.delete_requested.emit(bar.initiative_id)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # ----- drops from the parking lot and the horizon lists
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if mime.decode(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        pos = self.mapToScene(event.position().toPoint())
        if mime.decode(event.mimeData()) and self.roadmap.layout.band_at(pos.y()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = mime.decode(event.mimeData())
        if not ids:
            event.ignore()
            return
        pos = self.mapToScene(event.position().toPoint())
        self.controller.schedule_at(ids[0], pos)
        event.acceptProposedAction()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.roadmap.bar_at(self.mapToScene(event.pos()))
            if bar is not None:
                QToolTip.showText(event.globalPos(), bar.tooltip(), self.viewport())
                return True
        return super().viewportEvent(event)


class TimeHeader(QWidget):
    """Two rows of periods for the visible dates, labels kept inside their cells."""

    def __init__(self, view: RoadmapView) -> None:
        super().__init__(view)
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.HEADER_BG)
        scale = self.view.roadmap.scale
        left = self.view.horizontalScrollBar().value()
        width = self.width() - style.LANE_HEADER_WIDTH
        first, last = scale.date_at(left), scale.date_at(left + width)
        painter.translate(style.LANE_HEADER_WIDTH, 0)
        painter.setClipRect(QRectF(0, 0, width, style.HEADER_HEIGHT))
        rows = ((0, scale.major_ticks(first, last), HEADER_BOLD),
                (style.HEADER_ROW, scale.minor_ticks(first, last), HEADER_FONT))
        for top, ticks, font in rows:
            painter.setFont(font)
            metrics = QFontMetricsF(font)
            for tick in ticks:
                x0, x1 = scale.x(tick.start) - left, scale.x(tick.end) - left
                painter.setPen(QPen(theme.GRID_MAJOR, 1))
                painter.drawLine(QPointF(x0, top), QPointF(x0, top + style.HEADER_ROW))
                shown0, shown1 = max(x0, 0.0), min(x1, float(width))
                room = shown1 - shown0 - 8
                label = tick.label if metrics.horizontalAdvance(tick.label) <= room else tick.short
                text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
                if room >= 14 and text and text != "…":
                    painter.setPen(theme.INK if top == 0 else theme.MUTED)
                    painter.drawText(QRectF(shown0 + 5, top, room, style.HEADER_ROW),
                                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                     text)
        painter.setPen(QPen(theme.GRID_MAJOR, 1))
        painter.drawLine(QPointF(0, style.HEADER_ROW), QPointF(width, style.HEADER_ROW))
        painter.drawLine(QPointF(0, style.HEADER_HEIGHT - 1),
                         QPointF(width, style.HEADER_HEIGHT - 1))
        today = scale.x(self.view.roadmap.state.today) - left + scale.px_per_day / 2
        if 0 <= today <= width:
            painter.setPen(QPen(theme.TODAY, 2))
            painter.drawLine(QPointF(today, style.HEADER_ROW + 6),
                             QPointF(today, style.HEADER_HEIGHT))
        painter.setClipping(False)
        painter.translate(-style.LANE_HEADER_WIDTH, 0)
        painter.setPen(QPen(theme.GRID_MAJOR, 1))
        painter.drawLine(QPointF(style.LANE_HEADER_WIDTH - 1, 0),
                         QPointF(style.LANE_HEADER_WIDTH - 1, style.HEADER_HEIGHT))
        painter.drawLine(QPointF(0, style.HEADER_HEIGHT - 1),
                         QPointF(style.LANE_HEADER_WIDTH, style.HEADER_HEIGHT - 1))
        painter.setFont(HEADER_BOLD)
        painter.setPen(theme.MUTED)
        painter.drawText(QRectF(12, style.HEADER_ROW, style.LANE_HEADER_WIDTH - 16,
                                style.HEADER_ROW),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "Lanes")
        painter.end()


class LaneHeader(QWidget):
    """Lane names beside their bands; double-click renames, drag reorders."""

    def __init__(self, view: RoadmapView) -> None:
        super().__init__(view)
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._pressed: Band | None = None

    def band_at(self, y: float) -> Band | None:
        return self.view.roadmap.layout.band_at(y + self.view.verticalScrollBar().value())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.BAND_ALT)
        top = self.view.verticalScrollBar().value()
        metrics = QFontMetricsF(LANE_FONT)
        painter.setFont(LANE_FONT)
        for index, band in enumerate(self.view.roadmap.layout.bands):
            y0, y1 = band.top - top, band.bottom - top
            if y1 < 0 or y0 > self.height():
                continue
            if band.kind is BandKind.MILESTONES:
                painter.fillRect(QRectF(0, y0, self.width(), band.height), theme.HEADER_BG)
            elif index % 2 == 0:
                painter.fillRect(QRectF(0, y0, self.width(), band.height), theme.BAND)
            painter.setPen(QPen(theme.GRID_MAJOR, 1))
            painter.drawLine(QPointF(0, y1), QPointF(self.width(), y1))
            muted = band.kind is not BandKind.LANE
            painter.setPen(theme.MUTED if muted else theme.INK)
            label_top = max(y0, min(0.0, y1 - style.ROW_HEIGHT)) + style.LANE_PADDING / 2
            text = metrics.elidedText(shown(band.title), Qt.TextElideMode.ElideRight,
                                      self.width() - 24)
            painter.drawText(QRectF(12, label_top, self.width() - 24, style.ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            if self._pressed is not None and band is self._pressed:
                painter.fillRect(QRectF(0, y0, 4, band.height), theme.SELECTION)
        painter.setPen(QPen(theme.GRID_MAJOR, 1))
        painter.drawLine(QPointF(self.width() - 1, 0), QPointF(self.width() - 1, self.height()))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        band = self.band_at(event.position().y())
        self._pressed = band if band is not None and band.kind is BandKind.LANE else None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pressed, self._pressed = self._pressed, None
        self.update()
        target = self.band_at(event.position().y())
        if pressed is None or target is None or target is pressed:
            return
        lanes = [b for b in self.view.roadmap.layout.bands if b.kind is BandKind.LANE]
        if not lanes or pressed.lane_id is None:
            return
        if target.kind is BandKind.LANE:
            anchor = target
        else:
            anchor = lanes[0] if target.kind is BandKind.MILESTONES else lanes[-1]
        order = [lane.id for lane in self.view.roadmap.state.lanes]
        if anchor.lane_id in order:
            self.view.lane_move_requested.emit(pressed.lane_id, order.index(anchor.lane_id))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        band = self.band_at(event.position().y())
        if band is not None and band.kind is BandKind.LANE and band.lane_id is not None:
            self.view.lane_rename_requested.emit(band.lane_id)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.view.lane_menu_requested.emit(self.band_at(event.pos().y()), event.globalPos())

