"""Graphics items of the roadmap: initiative bars, milestone diamonds, dependency arrows.

Items only draw what they are given; moving them is the controller's job.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.flow_forecast import InitiativeForecast
from pmdesk.domain.snapshots import InitiativeView
from pmdesk.ui import theme
from pmdesk.ui.roadmap import style
from pmdesk.ui.text import tooltip

BAR_FONT = style.ui_font(8.5)
MILESTONE_FONT = style.ui_font(8.0)
_RISK_SIZE = 12.0


class BarItem(QGraphicsItem):
    """One scheduled initiative: goal colour, progress fill, elided title, risk mark."""

    def __init__(self, view: InitiativeView, colour: str | None, width: float) -> None:
        super().__init__()
        self.view = view
        self.colour = colour or theme.NO_GOAL
        self.width = width
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(False)
        self.setZValue(2)
        self._metrics = QFontMetricsF(BAR_FONT)
        self.forecast: InitiativeForecast | None = None
        self.whisker: tuple[float, float, float] | None = None  # x of P50, P85, P95

    @property
    def initiative_id(self) -> int:
        return self.view.id

    @property
    def at_risk(self) -> bool:
        """Late linked work, or less than 70 % likely to finish by the end date."""
        return self.view.at_risk or (self.forecast is not None and self.forecast.at_risk)

    def set_forecast(self, forecast: InitiativeForecast | None,
                     whisker: tuple[float, float, float] | None) -> None:
        """Show the forecast whisker (P50 to P95, a mark at P85), in the bar's coordinates."""
        if (forecast, whisker) == (self.forecast, self.whisker):
            return
        self.prepareGeometryChange()
        self.forecast, self.whisker = forecast, whisker
        self.update()

    def update_view(self, view: InitiativeView, colour: str | None) -> None:
        if view == self.view and (colour or theme.NO_GOAL) == self.colour:
            return
        self.view, self.colour = view, colour or theme.NO_GOAL
        self.update()

    def set_width(self, width: float) -> None:
        width = max(width, 2.0)
        if width != self.width:
            self.prepareGeometryChange()
            self.width = width

    def tooltip(self) -> str:
        """Built when asked (by the view), not for every bar up front."""
        item, progress = self.view.initiative, self.view.progress
        lines = [item.title, f"{item.start_date:%d %b %Y} – {item.end_date:%d %b %Y}",
                 f"Status: {item.status.label}"]
        if progress.total:
            lines.append(f"Progress: {progress.done} of {progress.total} tasks done "
                         f"({progress.by_count:.0%})")
        if self.forecast is not None:
            lines.append(f"Forecast: {self.forecast.text}")
        if self.view.at_risk:
            lines.append("At risk: linked work is late or due after the end date.")
        elif self.at_risk:
            lines.append("At risk: less than 70 % likely to finish by the end date.")
        suggested = self.view.suggested_status
        if suggested is not None:
            lines.append(f"The board says {suggested.label}: right-click to mark it so.")
        return tooltip("\n".join(lines))

    def label_left(self) -> float:
        """Where the title starts, in the bar's coordinates: after the colour strip, or
        at the view's left edge when the bar starts left of it, so its name stays in sight."""
        edge = getattr(self.scene(), "pin_left", 0.0)
        return max(9.0, edge - self.x() + 6)

    def boundingRect(self) -> QRectF:  # noqa: N802
        rect = QRectF(-1, -1, self.width + 2, style.BAR_HEIGHT + 2)
        if self.whisker is not None:
            rect = rect.united(QRectF(self.whisker[0] - 4, style.BAR_HEIGHT - 7,
                                      self.whisker[2] - self.whisker[0] + 8, 10))
        return rect

    def shape(self) -> QPainterPath:
        """The bar alone: the whisker past its end does not take clicks."""
        path = QPainterPath()
        path.addRect(QRectF(-1, -1, self.width + 2, style.BAR_HEIGHT + 2))
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        item = self.view.initiative
        rect = QRectF(0, 0, self.width, style.BAR_HEIGHT)
        dropped = item.status is InitiativeStatus.DROPPED
        base = theme.DROPPED if dropped else QColor(self.colour)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.blend(base, 0.78))
        painter.drawRoundedRect(rect, 4, 4)
        fraction = 1.0 if item.status is InitiativeStatus.DONE else self.view.progress.by_count
        if fraction > 0 and self.width > 4:
            painter.save()
            clip = QPainterPath()
            clip.addRoundedRect(rect, 4, 4)
            painter.setClipPath(clip)
            painter.setBrush(theme.blend(base, 0.45))
            painter.drawRect(QRectF(0, 0, self.width * min(fraction, 1.0), style.BAR_HEIGHT))
            painter.setBrush(base)
            painter.drawRect(QRectF(0, 0, min(4.0, self.width), style.BAR_HEIGHT))
            painter.restore()
        elif self.width > 4:
            painter.setBrush(base)
            painter.drawRoundedRect(QRectF(0, 0, min(4.0, self.width), style.BAR_HEIGHT), 2, 2)
        if self.isSelected():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(theme.SELECTION, 2))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        if self.whisker is not None:
            self._paint_whisker(painter, *self.whisker)
        right = self.width - 6
        if self.at_risk and self.width > _RISK_SIZE + 10:
            self._paint_risk(painter, QPointF(self.width - 4 - _RISK_SIZE / 2, rect.center().y()))
            right -= _RISK_SIZE + 4
        left = self.label_left()
        text_width = right - left
        if text_width < 14:
            return
        font = QFont(BAR_FONT)
        font.setStrikeOut(dropped)
        painter.setFont(font)
        painter.setPen(theme.MUTED if dropped else theme.INK)
        text = self._metrics.elidedText(style.displayable(item.title),
                                        Qt.TextElideMode.ElideRight, text_width)
        painter.drawText(QRectF(left, 0, text_width, style.BAR_HEIGHT),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    @staticmethod
    def _paint_whisker(painter: QPainter, p50: float, p85: float, p95: float) -> None:
        y = style.BAR_HEIGHT - 2.5
        painter.setPen(QPen(theme.WHISKER, 1.6))
        painter.drawLine(QPointF(p50, y), QPointF(p95, y))
        for x in (p50, p95):
            painter.drawLine(QPointF(x, y - 3.5), QPointF(x, y + 3.5))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.WHISKER)
        painter.drawEllipse(QPointF(p85, y), 3.2, 3.2)

    @staticmethod
    def _paint_risk(painter: QPainter, centre: QPointF) -> None:
        half = _RISK_SIZE / 2
        triangle = style.polygon([(centre.x(), centre.y() - half),
                                  (centre.x() + half, centre.y() + half - 1),
                                  (centre.x() - half, centre.y() + half - 1)])
        painter.fillPath(triangle, theme.RISK)
        painter.setPen(QPen(theme.WHITE, 1.6))
        painter.drawLine(QPointF(centre.x(), centre.y() - 2), QPointF(centre.x(), centre.y() + 1.5))
        painter.drawPoint(QPointF(centre.x(), centre.y() + 3.6))


class MilestoneItem(QGraphicsItem):
    """A diamond on its date with its title to the right (elided to a fixed width)."""

    SIZE = 12.0

    def __init__(self, milestone_id: int, title: str, label_width: float) -> None:
        super().__init__()
        self.milestone_id = milestone_id
        self.title = title
        self.label_width = label_width
        self.setZValue(3)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.note = ""  # under the title in the tooltip: the cards forecast by this date
        self.setToolTip(tooltip(title))

    def set_label(self, title: str, label_width: float) -> None:
        self.prepareGeometryChange()
        self.title, self.label_width = title, label_width
        self.setToolTip(tooltip("\n".join(filter(None, (title, self.note)))))

    def set_note(self, note: str) -> None:
        if note != self.note:
            self.note = note
            self.setToolTip(tooltip("\n".join(filter(None, (self.title, note)))))

    def boundingRect(self) -> QRectF:  # noqa: N802
        half = self.SIZE / 2 + 1
        return QRectF(-half, -style.MILESTONE_ROW / 2, self.label_width + 2 * half + 8,
                      style.MILESTONE_ROW)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        half = self.SIZE / 2
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        diamond = style.polygon([(0, -half), (half, 0), (0, half), (-half, 0)])
        painter.fillPath(diamond, theme.SELECTION if self.isSelected() else theme.MILESTONE)
        painter.strokePath(diamond, QPen(theme.WHITE, 1.5))
        painter.setFont(MILESTONE_FONT)
        painter.setPen(theme.INK)
        metrics = QFontMetricsF(MILESTONE_FONT)
        text = metrics.elidedText(style.displayable(self.title), Qt.TextElideMode.ElideRight,
                                  self.label_width + 1)
        painter.drawText(QRectF(half + 4, -style.MILESTONE_ROW / 2, self.label_width + 2,
                                style.MILESTONE_ROW),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


class ArrowItem(QGraphicsItem):
    """A dependency from the end of the blocker to the start of the blocked initiative."""

    def __init__(self, dependency_id: int, violated: bool) -> None:
        super().__init__()
        self.dependency_id = dependency_id
        self.violated = violated
        self.path = QPainterPath()
        self.head = QPainterPath()
        self.points: list[tuple[float, float]] = []
        self.setZValue(1)

    def set_route(self, points: list[tuple[float, float]], violated: bool) -> None:
        """Follow ``points`` (corners of an orthogonal route) to an arrowhead at the last."""
        self.prepareGeometryChange()
        self.violated = violated
        self.points = points
        (tip_x, tip_y) = points[-1]
        tip = QPointF(tip_x - 1, tip_y)
        path = QPainterPath(QPointF(*points[0]))
        for x, y in points[1:-1]:
            path.lineTo(x, y)
        path.lineTo(tip.x() - 6, tip.y())
        self.path = path
        self.head = style.polygon([(tip.x(), tip.y()), (tip.x() - 7, tip.y() - 4),
                                   (tip.x() - 7, tip.y() + 4)])
        self.setToolTip("This dependency is violated: the blocker ends after this starts."
                        if violated else "")
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.path.boundingRect().united(self.head.boundingRect()).adjusted(-3, -3, 3, 3)

    def shape(self) -> QPainterPath:
        return self.path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = theme.ARROW_VIOLATED if self.violated else theme.ARROW
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(colour, 1.8 if self.violated else 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        painter.fillPath(self.head, colour)
