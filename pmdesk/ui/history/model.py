"""A read-only table of logged changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pmdesk.domain.enums import Entity
from pmdesk.domain.history import Names, describe, item_word
from pmdesk.domain.models import Event
from pmdesk.ui.text import shown, tooltip

EventIdRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class EventsModel(QAbstractTableModel):
    """Rows of (when, [item,] what changed, by whom); newest first."""

    def __init__(self, with_item: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._with_item = with_item
        self._rows: list[tuple[Event, str, str]] = []

    def set_events(
        self,
        events: Sequence[Event],
        names: Names,
        titles: Mapping[tuple[Entity, int], str] | None = None,
    ) -> None:
        titles = titles or {}
        self.beginResetModel()
        self._rows = []
        for event in sorted(events, key=lambda e: e.id, reverse=True):
            word = item_word(event.entity)
            title = titles.get((event.entity, event.entity_id))
            item = f"{word} “{title}”" if title else word
            self._rows.append((event, item, describe(event, names)))
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        if self._with_item:
            return ("When", "Item", "Change", "By")
        return ("When", "Change", "By")

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headers())):
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event, item, text = self._rows[index.row()]
        if role == EventIdRole:
            return event.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = self.headers()[index.column()]
        if column == "When":
            value = event.at.strftime("%Y-%m-%d %H:%M")
        elif column == "By":
            value = event.author
        else:
            value = item if column == "Item" else text
        return tooltip(value) if role == Qt.ItemDataRole.ToolTipRole else shown(value)

    def texts(self) -> list[str]:
        return [text for _, _, text in self._rows]
