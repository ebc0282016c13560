"""One flow chart on screen: painted from shapes, naming the cards under the pointer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from pmdesk.domain import flow
from pmdesk.domain.chart_shapes import Area, Measure, Picture
from pmdesk.ui import theme
from pmdesk.ui.flow.paint import QtFonts, paint_shapes
from pmdesk.ui.text import shown

Builder = Callable[[flow.FlowReport, Area, Measure, float], Picture]
PADDING = 10
MENU_CARDS = 15  # cards a click offers at most when it lands on several


class ChartView(QWidget):
    """Paints ``build(report, area, measure, size)``; hover names cards, a click picks one.

    The picture is built once per report and size, so hovering costs only a lookup.
    """

    card_requested = Signal(int)  # a single click on a card (or the card picked from a list)
    card_opened = Signal(int)  # a double click on a card

    def __init__(self, name: str, build: Builder, titles: Callable[[int], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.setMouseTracking(True)
        self.setMinimumSize(280, 190)
        self.build = build
        self.titles = titles or (lambda card_id: f"Card {card_id}")
        self.report: flow.FlowReport | None = None
        self.fonts = QtFonts(self.font())
        self._picture: Picture | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, 300)

    def set_report(self, report: flow.FlowReport | None) -> None:
        self.report = report
        self._picture = None
        self.update()

    @property
    def base_size(self) -> float:
        return max(10.0, self.font().pixelSize() if self.font().pixelSize() > 0
                   else self.font().pointSizeF() * 4 / 3)

    def picture(self) -> Picture:
        """What the chart shows at its current size (built on first need)."""
        if self._picture is None:
            if self.report is None:
                self._picture = Picture()
            else:
                area = Area(PADDING, PADDING / 2, self.width() - 2 * PADDING,
                            self.height() - PADDING)
                self._picture = self.build(self.report, area, self.fonts.measure(),
                                           self.base_size * 0.92)
        return self._picture

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.CANVAS)
        paint_shapes(painter, self.picture().shapes, self.fonts)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._picture = None
        super().resizeEvent(event)

    def cards_at(self, point: QPoint) -> tuple[str, tuple[int, ...]] | None:
        return self.picture().hit(point.x(), point.y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        found = self.cards_at(event.position().toPoint())
        if found is None or not found[0]:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor if found[1]
                       else Qt.CursorShape.ArrowCursor)
        QToolTip.showText(event.globalPosition().toPoint(), shown(found[0]), self)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        QToolTip.hideText()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return
        found = self.cards_at(event.position().toPoint())
        if found is None or not found[1]:
            return
        ids = found[1]
        if len(ids) == 1:
            self.card_requested.emit(ids[0])
            return
        self.choose(ids).popup(event.globalPosition().toPoint())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        found = self.cards_at(event.position().toPoint())
        if found is not None and len(found[1]) == 1:
            self.card_opened.emit(found[1][0])

    def choose(self, ids: tuple[int, ...]) -> QMenu:
        """A menu of the cards under a click, to pick the one to show."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for card_id in ids[:MENU_CARDS]:
            action = menu.addAction(shown(self.titles(card_id)))
            action.triggered.connect(lambda _=False, i=card_id: self.card_requested.emit(i))
        if len(ids) > MENU_CARDS:
            menu.addAction(f"+ {len(ids) - MENU_CARDS:,} more").setEnabled(False)
        return menu
