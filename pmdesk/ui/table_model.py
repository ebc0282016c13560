"""Models over a list of value rows: one way to take new rows, one base for small tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex


def replace_rows(model: QAbstractItemModel, rows: Sequence[Any], last_column: int = 0,
                 key: Callable[[Any], Any] = lambda row: row.id) -> None:
    """Give ``model`` (which shows its ``rows`` attribute) new rows: when the same ones
    stay in the same order only the changed rows repaint, since a reset would lose the
    selection and the scroll position."""
    new, old = list(rows), model.rows  # type: ignore[attr-defined]
    if [key(r) for r in new] != [key(r) for r in old]:
        model.beginResetModel()
        model.rows = new  # type: ignore[attr-defined]
        model.endResetModel()
        return
    model.rows = new  # type: ignore[attr-defined]
    for row, (before, after) in enumerate(zip(old, new, strict=True)):
        if before != after:
            model.dataChanged.emit(model.index(row, 0), model.index(row, last_column))


class RowsModel(QAbstractTableModel):
    """``rows`` under ``headers``: the counts and header texts of a small table."""

    headers: Sequence[str] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        replace_rows(self, rows, len(self.headers) - 1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers)):
            return self.headers[section]
        return None
