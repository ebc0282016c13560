"""The roadmap compared with a baseline: ghost outlines where bars were, how far they moved.

A moved bar gets an outline at its baseline dates and a label ("+23 d", "−5 d") past its
end; an added one a "new" tag; an initiative removed since is a dashed ghost in a row of
its own under the lanes. The layer sits on the scene and is redrawn after each rebuild or
re-pack, so it never changes what the bars are.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pmdesk.domain.baselines import Comparison, InitiativeChange, Movement, signed_days
from pmdesk.domain.lanes import BAR_GAP, RowPacker
from pmdesk.ui import theme
from pmdesk.ui.roadmap import style
from pmdesk.ui.text import tooltip

LABEL_FONT = style.ui_font(7.5, bold=True)
REMOVED_HEADER = 22.0
FRAME = 2.0  # how far an outline stands off the bar it frames
GHOST_HEIGHT = style.BAR_HEIGHT + 2 * FRAME


class GhostItem(QGraphicsItem):
    """An outline at an initiative's baseline dates (dashed when it was removed since)."""

    def __init__(self, change: InitiativeChange, width: float, removed: bool) -> None:
        super().__init__()
        self.change, self.width, self.removed = change, max(width, 2.0), removed
        # Over the bars, so the plan's end shows inside a bar that grew; clicks pass through.
        self.setZValue(2.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        before = change.before
        if before is not None and before.start_date and before.end_date:
            when = f"{before.start_date:%d %b %Y} – {before.end_date:%d %b %Y}"
            what = "Removed since; it was planned" if removed else "Planned"
            self.setToolTip(tooltip(f"{change.title}\n{what} {when}"))

    @property
    def initiative_id(self) -> int:
        return self.change.id

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(-1, -1, self.width + 2, GHOST_HEIGHT + 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        line = Qt.PenStyle.DashLine if self.removed else Qt.PenStyle.SolidLine
        pen = QPen(theme.OUTLINE, 1.4, line)
        painter.setPen(pen)
        painter.setBrush(theme.VEIL if self.removed else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(0.5, 0.5, self.width - 1, GHOST_HEIGHT - 1), 5, 5)
        if self.removed:
            painter.setFont(style.ui_font(8.0))
            painter.setPen(theme.OUTLINE)
            text = QFontMetricsF(painter.font()).elidedText(
                style.displayable(self.change.title), Qt.TextElideMode.ElideRight,
                max(self.width - 10, 0))
            painter.drawText(QRectF(6, 0, max(self.width - 10, 0), GHOST_HEIGHT),
                             int(Qt.AlignmentFlag.AlignVCenter), text)


class DeltaLabel(QGraphicsItem):
    """"+23 d" (later, red), "−5 d" (earlier, green) or "new" (blue) beside a bar."""

    def __init__(self, text: str, colour: QColor) -> None:
        super().__init__()
        self.text, self.colour = text, colour
        self.setZValue(3)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._width = QFontMetricsF(LABEL_FONT).horizontalAdvance(text) + 8

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, 0, self._width, 14)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.LABEL_BACKING)
        painter.drawRoundedRect(self.boundingRect(), 3, 3)
        painter.setPen(QPen(self.colour, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.setFont(LABEL_FONT)
        painter.drawText(self.boundingRect(), int(Qt.AlignmentFlag.AlignCenter), self.text)


def delta_of(change: InitiativeChange) -> tuple[str, QColor] | None:
    """The label a bar shows for its change, if any."""
    if change.movement is Movement.ADDED:
        return "new", theme.NEWS
    days = change.days_moved
    if change.movement is Movement.MOVED and days:
        return signed_days(days), theme.BAD if days > 0 else theme.GOOD
    return None


class GhostLayer:
    """The comparison's items on one roadmap scene."""

    def __init__(self, scene: object) -> None:
        from pmdesk.ui.roadmap.scene import RoadmapScene

        assert isinstance(scene, RoadmapScene)
        self.scene = scene
        self.comparison: Comparison | None = None
        self.ghosts: dict[int, GhostItem] = {}
        self.labels: dict[int, DeltaLabel] = {}
        self.removed_row: QGraphicsItem | None = None

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.refresh()

    def clear(self) -> None:
        for item in [*self.ghosts.values(), *self.labels.values(), self.removed_row]:
            # A rebuild clears the scene, which deletes the items with it.
            if item is not None and shiboken6.isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        self.ghosts, self.labels, self.removed_row = {}, {}, None

    def refresh(self) -> None:
        """Place every ghost and label again (after a rebuild, a re-pack or a new choice)."""
        self.clear()
        if self.comparison is None:
            return
        scene, scale = self.scene, self.scene.scale
        removed: list[InitiativeChange] = []
        for change in self.comparison.changes:
            if change.movement is Movement.REMOVED:
                if change.before and change.before.start_date and change.before.end_date:
                    removed.append(change)
                continue
            bar = scene.bars.get(change.id)
            if bar is None:
                continue
            right = bar.pos().x() + bar.width
            before = change.before
            if (change.movement is Movement.MOVED and before is not None
                    and before.start_date is not None and before.end_date is not None):
                x0, x1 = scale.span(before.start_date, before.end_date)
                ghost = GhostItem(change, x1 - x0, removed=False)
                ghost.setPos(x0, bar.pos().y() - FRAME)
                scene.addItem(ghost)
                self.ghosts[change.id] = ghost
                right = max(right, x1)
            delta = delta_of(change)
            if delta is not None:
                label = DeltaLabel(*delta)
                label.setPos(right + 5, bar.pos().y() + (style.BAR_HEIGHT - 14) / 2)
                scene.addItem(label)
                self.labels[change.id] = label
        self._removed_rows(removed)

    def _removed_rows(self, removed: list[InitiativeChange]) -> None:
        """Removed initiatives, packed in rows under the lanes with a heading."""
        if not removed:
            return
        scene, scale = self.scene, self.scene.scale
        top = scene.layout.height + 4
        assert self.comparison is not None
        heading = scene.addSimpleText(f"Removed since {self.comparison.label}")
        heading.setFont(style.ui_font(8.5, bold=True))
        heading.setBrush(theme.OUTLINE)
        heading.setPos(8, top)
        heading.setZValue(2)
        self.removed_row = heading
        rows = RowPacker(BAR_GAP)
        for change in sorted(removed, key=lambda c: c.before.start_date):  # type: ignore
            assert change.before is not None
            assert change.before.start_date is not None and change.before.end_date is not None
            x0, x1 = scale.span(change.before.start_date, change.before.end_date)
            row = rows.put(x0, x1)
            ghost = GhostItem(change, x1 - x0, removed=True)
            ghost.setPos(x0, top + REMOVED_HEADER + row * style.ROW_HEIGHT)
            scene.addItem(ghost)
            self.ghosts[change.id] = ghost
        bottom = top + REMOVED_HEADER + len(rows) * style.ROW_HEIGHT + style.LANE_PADDING
        rect = scene.sceneRect()
        scene.setSceneRect(rect.united(QRectF(rect.left(), rect.top(), rect.width(),
                                              bottom - rect.top())))

    def label_of(self, initiative_id: int) -> str | None:
        label = self.labels.get(initiative_id)
        return None if label is None else label.text

    def anchor(self, initiative_id: int) -> QPointF | None:
        ghost = self.ghosts.get(initiative_id)
        return None if ghost is None else ghost.pos()
