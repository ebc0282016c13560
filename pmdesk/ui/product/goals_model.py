"""Table model of a product's goals (the roadmap legend)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from pmdesk.domain.models import Goal
from pmdesk.ui.table_model import AnyIndex, RowsModel
from pmdesk.ui.text import shown, tooltip

GoalIdRole = Qt.ItemDataRole.UserRole + 1
COLUMNS = (("colour", "Colour"), ("name", "Goal"), ("metric", "Metric"), ("target", "Target"),
           ("description", "Description"))
EditGoal = Callable[[Goal, str, Any], bool]


class GoalsModel(RowsModel):
    """Goals as rows; edits go to ``edit_goal`` (an undoable service call), never to rows."""

    headers = tuple(header for _field, header in COLUMNS)
    rows: list[Goal]

    def __init__(self, edit_goal: EditGoal | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._edit_goal = edit_goal

    def set_goals(self, goals: Sequence[Goal]) -> None:
        self.set_rows(goals)

    def goal(self, row: int) -> Goal:
        return self.rows[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        goal = self.rows[index.row()]
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
        return self._edit_goal(self.rows[index.row()], field, value)
