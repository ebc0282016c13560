"""Widgets around the timeline: filters, goal legend, parking lot, horizons, priorities."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.enums import Horizon, InitiativeStatus
from pmdesk.ui import theme
from pmdesk.ui.roadmap import style
from pmdesk.ui.roadmap.horizon_delegate import HorizonDelegate
from pmdesk.ui.roadmap.models import (
    HorizonModel,
    InitiativeIdRole,
    InitiativeListModel,
    ParkingLotModel,
    PrioritisationModel,
)
from pmdesk.ui.roadmap.state import RoadmapFilter, RoadmapState
from pmdesk.ui.text import shown, tooltip


class FilterBar(QWidget):
    """Goal, lane, status and owner filters; emits the combined filter."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Show"))
        self.goal, self.lane, self.status, self.owner = (QComboBox() for _ in range(4))
        for box, name in ((self.goal, "goalFilter"), (self.lane, "laneFilter"),
                          (self.status, "statusFilter"), (self.owner, "ownerFilter")):
            box.setObjectName(name)
            box.setAccessibleName(name)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(self._emit)
            layout.addWidget(box)
        layout.addStretch(1)
        self._quiet = False

    def populate(self, state: RoadmapState) -> None:
        """Refill the choices from the state, keeping the current selection when possible."""
        self._quiet = True
        current = state.filter
        self._fill(self.goal, "All goals", [(g.name, g.id) for g in state.goals], current.goal_id)
        lanes = [(lane.name, lane.id) for lane in state.lanes] + [("No lane", 0)]
        self._fill(self.lane, "All lanes", lanes, current.lane_id)
        self._fill(self.status, "Any status", [(s.label, s.value) for s in InitiativeStatus],
                   current.status.value if current.status else None)
        people = sorted(state.people.values(), key=lambda p: p.name.casefold())
        self._fill(self.owner, "Any owner", [(p.name, p.id) for p in people], current.owner_id)
        self._quiet = False

    @staticmethod
    def _fill(box: QComboBox, everything: str, items: Sequence[tuple[str, object]],
              current: object) -> None:
        box.clear()
        box.addItem(everything, None)
        for text, data in items:
            box.addItem(shown(text), data)
        box.setCurrentIndex(max(0, box.findData(current)))

    def current(self) -> RoadmapFilter:
        status = self.status.currentData()
        return RoadmapFilter(self.goal.currentData(), self.lane.currentData(),
                             InitiativeStatus(status) if status else None,
                             self.owner.currentData())

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.current())


class Legend(QWidget):
    """Goal colours as chips, wrapped onto several lines when needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[tuple[str, str]] = []
        self.compared_with = ""  # a ghost outline's entry while comparing
        self.setObjectName("roadmapLegend")
        self.font_ = style.ui_font(8.5)

    def set_goals(self, entries: list[tuple[str, str]]) -> None:
        self.entries = entries
        self.setToolTip(tooltip("\n".join(name for name, _ in entries)))
        self.updateGeometry()
        self.update()

    def set_compared_with(self, label: str) -> None:
        self.compared_with = label
        self.updateGeometry()
        self.update()

    def _lines(self, width: float) -> list[list[tuple[str, str, float]]]:
        metrics = QFontMetricsF(self.font_)
        lines: list[list[tuple[str, str, float]]] = [[]]
        used = 0.0
        extras = [("At risk", "risk"), ("Today", "today")]
        if self.compared_with:
            extras.append((f"Outline: dates in {self.compared_with}; +d later, −d earlier",
                           "ghost"))
        for name, colour in self.entries + extras:
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                      420 if colour == "ghost" else 220)
            chip = 22 + metrics.horizontalAdvance(text) + 18
            if lines[-1] and used + chip > width:
                lines.append([])
                used = 0.0
            lines[-1].append((text, colour, chip))
            used += chip
        return lines

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return 8 + 22 * len(self._lines(max(width - 16, 100)))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, self.heightForWidth(max(self.width(), 600)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font_)
        y = 4.0
        for line in self._lines(self.width() - 16):
            x = 8.0
            for text, colour, chip in line:
                if colour == "risk":
                    painter.fillPath(style.polygon([(x + 7, y + 5), (x + 14, y + 17),
                                                    (x, y + 17)]), theme.RISK)
                elif colour == "today":
                    painter.fillRect(int(x + 6), int(y + 4), 2, 14, theme.TODAY)
                elif colour == "ghost":
                    painter.setPen(QPen(theme.OUTLINE, 1.2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(int(x), int(y + 5), 14, 12, 3, 3)
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(QColor(colour))
                    painter.drawRoundedRect(int(x), int(y + 5), 14, 12, 3, 3)
                painter.setPen(theme.INK)
                painter.drawText(int(x + 20), int(y), int(chip - 20), 22,
                                 int(Qt.AlignmentFlag.AlignVCenter), shown(text))
                x += chip
            y += 22
        painter.end()


def initiative_list(model: InitiativeListModel, name: str) -> QListView:
    view = QListView()
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
    view.setUniformItemSizes(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


class ParkingLot(QFrame):
    """Initiatives without dates; drag one onto the timeline to schedule it."""

    def __init__(self, model: ParkingLotModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; padding: 4px;")
        hint = QLabel("Initiatives without dates. Drag one onto the timeline to schedule "
                      "it; drag a bar out of the timeline onto this list to unschedule it.")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {theme.HINT_HEX}; padding: 0 4px 4px 4px;")
        self.list = initiative_list(model, "parkingLot")
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        model.modelReset.connect(self._count)
        self._count()

    def _count(self) -> None:
        self.heading.setText(f"Parking lot ({self.model.rowCount()})")


class HorizonBoard(QWidget):
    """Now / Next / Later columns; drag initiatives between them."""

    edit_requested = Signal(int)

    def __init__(self, models: dict[Horizon, HorizonModel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("horizonBoard")
        self.models = models
        self.lists: dict[Horizon, QListView] = {}
        self.headings: dict[Horizon, QLabel] = {}
        layout = QHBoxLayout(self)
        hints = {Horizon.NOW: "committed, in delivery", Horizon.NEXT: "being shaped",
                 Horizon.LATER: "ideas to explore"}
        for horizon, model in models.items():
            column = QVBoxLayout()
            heading = QLabel()
            heading.setStyleSheet("font-weight: bold; font-size: 11pt; padding: 4px;")
            hint = QLabel(hints[horizon])
            hint.setStyleSheet(f"color: {theme.HINT_HEX}; padding: 0 4px;")
            view = initiative_list(model, f"horizon{horizon.label}")
            view.setItemDelegate(HorizonDelegate(view))  # status and progress under the title
            view.doubleClicked.connect(self._edit)
            column.addWidget(heading)
            column.addWidget(hint)
            column.addWidget(view)
            layout.addLayout(column)
            self.lists[horizon], self.headings[horizon] = view, heading
            model.modelReset.connect(self._count)
        self._count()

    def _count(self) -> None:
        for horizon, model in self.models.items():
            self.headings[horizon].setText(f"{horizon.label} ({model.rowCount()})")

    def _edit(self, index: QModelIndex) -> None:
        self.edit_requested.emit(int(index.data(InitiativeIdRole)))


class PrioritisationTable(QTableView):
    """RICE inputs editable in place, sorted by score."""

    edit_requested = Signal(int)

    def __init__(self, model: PrioritisationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prioritisationTable")
        self.setAccessibleName("prioritisationTable")
        self.source = model
        self.setModel(model)
        self.setSortingEnabled(True)
        self.sortByColumn(7, Qt.SortOrder.DescendingOrder)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        # Fixed widths: sizing columns to their contents reads every row of every column.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((0, 170, 100, 80, 70, 105, 120, 100)):
            if width:
                self.setColumnWidth(column, width)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        self.doubleClicked.connect(self._maybe_edit)

    def _maybe_edit(self, index: QModelIndex) -> None:
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit_requested.emit(int(index.data(InitiativeIdRole)))
