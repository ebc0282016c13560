"""Table model of a product's goals (the roadmap legend)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from pmdesk.domain.models import Goal
from pmdesk.ui.text import shown, tooltip

GoalIdRole = Qt.ItemDataRole.UserRole + 1
COLUMNS = (("colour", "Colour"), ("name", "Goal"), ("metric", "Metric"), ("target", "Target"),
           ("description", "Description"))
AnyIndex = QModelIndex | QPersistentModelIndex
EditGoal = Callable[[Goal, str, Any], bool]


class GoalsModel(QAbstractTableModel):
    """Goals as rows; edits go to ``edit_goal`` (an undoable service call), never to rows."""

    def __init__(self, edit_goal: EditGoal | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._goals: list[Goal] = []
        self._edit_goal = edit_goal

    def set_goals(self, goals: Sequence[Goal]) -> None:
        goals = list(goals)
        if [g.id for g in goals] == [g.id for g in self._goals]:
            changed = [i for i, (a, b) in enumerate(zip(self._goals, goals, strict=True)) if a != b]
            self._goals = goals
            for row in changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._goals = goals
        self.endResetModel()

    def goal(self, row: int) -> Goal:
        return self._goals[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._goals)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][1]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._goals):
            return None
        goal = self._goals[index.row()]
        field = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.EditRole:
            return getattr(goal, field)
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(goal, field)
            return shown(value) if isinstance(value, str) else value
        if role == Qt.ItemDataRole.DecorationRole and field == "colour":
            return QColor(goal.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            if field == "colour":
                return "Double-click to choose the goal's colour"
            return tooltip(getattr(goal, field)) or None
        if role == GoalIdRole:
            return goal.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()][0] != "colour" and self._edit_goal is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._edit_goal is None:
            return False
        field = COLUMNS[index.column()][0]
        return self._edit_goal(self._goals[index.row()], field, value)
