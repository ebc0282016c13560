"""Item models of the roadmap's side views: parking lot, horizons, prioritisation table.

Each holds initiative ids plus cached InitiativeView rows, updates changed rows with
``dataChanged``, and hands drops and edits to callbacks that push undo commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

from pmdesk.domain.enums import Horizon, InitiativeStatus
from pmdesk.domain.snapshots import InitiativeView
from pmdesk.ui import theme
from pmdesk.ui.roadmap import mime, style
from pmdesk.ui.roadmap.state import RoadmapState
from pmdesk.ui.table_model import AnyIndex as Index
from pmdesk.ui.table_model import RowsModel, replace_rows
from pmdesk.ui.text import shown, tooltip

InitiativeIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
ViewRole = Qt.ItemDataRole.UserRole + 3  # the InitiativeView of a list row
DropHandler = Callable[[list[int], int], bool]


@cache
def swatch(colour: str) -> QPixmap:
    """A small rounded square of a goal colour for list and table rows."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(0, 0, 12, 12, 3, 3)
    painter.end()
    return pixmap


class InitiativeListModel(QAbstractListModel):
    """A list of initiatives that can be dragged out and dropped in."""

    def __init__(self, state: RoadmapState, on_drop: DropHandler | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        self.on_drop = on_drop
        self.rows: list[InitiativeView] = []

    def select(self) -> list[InitiativeView]:
        return self.state.visible()

    def refresh(self) -> None:
        """Re-read the rows from the state: targeted updates when the ids are unchanged."""
        replace_rows(self, self.select())

    def id_at(self, row: int) -> int:
        return self.rows[row].id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        view = self.rows[index.row()]
        item = view.initiative
        if role == Qt.ItemDataRole.DisplayRole:
            return style.displayable(item.title)
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(self.state.colour_of(view) or theme.NO_GOAL)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.title, f"Status: {item.status.label}"]
            goal = self.state.goal(item.goal_id)
            if goal:
                lines.append(f"Goal: {goal.name}")
            if item.scheduled:
                lines.append(f"{item.start_date:%d %b %Y} – {item.end_date:%d %b %Y}")
            if view.rice is not None:
                lines.append(f"RICE score: {view.rice:,.1f}")
            return tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return shown(item.title)
        if role == InitiativeIdRole:
            return item.id
        if role == ViewRole:
            return view
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled if self.on_drop else Qt.ItemFlag.NoItemFlags
        if not index.isValid():
            return base
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [mime.INITIATIVE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return mime.encode(self.rows[row].id for row in rows)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: Index) -> bool:
        return self.on_drop is not None and bool(mime.decode(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: Index) -> bool:
        ids = mime.decode(data)
        if not ids or self.on_drop is None or action == Qt.DropAction.IgnoreAction:
            return False
        if parent.isValid():
            row = parent.row()
        if row < 0:
            row = len(self.rows)
        self.on_drop(ids, row)
        # The command updates every view through the bus; the source must not remove rows.
        return False


class ParkingLotModel(InitiativeListModel):
    """Initiatives without dates."""

    def select(self) -> list[InitiativeView]:
        return self.state.parked()


class HorizonModel(InitiativeListModel):
    """Initiatives planned for one horizon (Now, Next or Later)."""

    def __init__(self, state: RoadmapState, horizon: Horizon,
                 on_drop: DropHandler | None = None, parent: Any = None) -> None:
        super().__init__(state, on_drop, parent)
        self.horizon = horizon

    def select(self) -> list[InitiativeView]:
        return self.state.in_horizon(self.horizon)


COLUMNS = ("Initiative", "Goal", "Status", "Reach", "Impact", "Confidence %", "Effort",
           "RICE score")
RICE_COLUMNS = {3: "reach", 4: "impact", 5: "confidence", 6: "effort"}
EditHandler = Callable[[int, str, str], bool]
def effort_hint(view: InitiativeView) -> str:
    """What the effort field means, and what the cards say when it is empty."""
    if view.initiative.effort is not None:
        return "Person-months."
    points = (f" The linked cards carry {view.estimate_effort:g} story points: a size, not "
              "a duration, so they do not stand in for it." if view.estimate_effort else "")
    return f"Person-months; type it to score this initiative.{points}"


# Nothing is left to decide about these: ranking them would crowd out the open work.
FINISHED = frozenset({InitiativeStatus.DONE, InitiativeStatus.DROPPED})


class PrioritisationModel(RowsModel):
    """The product's initiatives with their RICE inputs (editable) and score (sortable)."""

    headers = COLUMNS
    rows: list[InitiativeView]

    def __init__(self, state: RoadmapState, on_edit: EditHandler | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        self.on_edit = on_edit
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder

    def _sorted(self, rows: list[InitiativeView]) -> list[InitiativeView]:
        if self.sort_column < 0:
            return rows
        column = self.sort_column
        return sorted(rows, key=lambda view: self._sort_key(view, column),
                      reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with one key per row (a proxy would ask data() n log n times)."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = [v.id for v in self.rows]
        self.sort_column, self.sort_order = column, order
        self.rows = self._sorted(self.rows)
        new_row = {v.id: row for row, v in enumerate(self.rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(new_row[old_ids[i.row()]], i.column()) for i in persistent],
        )
        self.layoutChanged.emit()

    def row_of(self, initiative_id: int) -> int:
        return next(row for row, v in enumerate(self.rows) if v.id == initiative_id)

    def refresh(self) -> None:
        self.set_rows(self._sorted([v for v in self.state.visible()
                                    if v.initiative.status not in FINISHED]))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and section == COLUMNS.index("RICE score")):
            return "Reach × impact × confidence ÷ effort"
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        view = self.rows[index.row()]
        column = index.column()
        if role == InitiativeIdRole:
            return view.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(view, column)
        if role == Qt.ItemDataRole.EditRole:
            if column in RICE_COLUMNS:
                value = getattr(view.initiative, RICE_COLUMNS[column])
                return "" if value is None else f"{value:g}"
            return self._display(view, column)
        if role == SortRole:
            return self._sort_key(view, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == 7:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return effort_hint(view)
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            goal = self.state.goal(view.initiative.goal_id)
            return swatch(goal.colour) if goal else None
        return None

    def _display(self, view: InitiativeView, column: int) -> str:
        item = view.initiative
        if column == 0:
            return style.displayable(item.title)
        if column == 1:
            goal = self.state.goal(item.goal_id)
            return shown(goal.name) if goal else ""
        if column == 2:
            return item.status.label
        if column in RICE_COLUMNS:
            value = getattr(item, RICE_COLUMNS[column])
            return "" if value is None else f"{value:,g}"
        return "" if view.rice is None else f"{view.rice:,.1f}"

    def _sort_key(self, view: InitiativeView, column: int) -> Any:
        if column in (0, 1, 2):
            return self._display(view, column).casefold()
        if column in RICE_COLUMNS:
            value = getattr(view.initiative, RICE_COLUMNS[column])
        else:
            value = view.rice
        return float("-inf") if value is None else float(value)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in RICE_COLUMNS and self.on_edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or index.column() not in RICE_COLUMNS or self.on_edit is None):
            return False
        view = self.rows[index.row()]
        return self.on_edit(view.id, RICE_COLUMNS[index.column()], str(value).strip())
