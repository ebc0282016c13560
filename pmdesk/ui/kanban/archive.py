"""The archive of a board: archived cards, restored (or deleted) from here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Entity
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.text import shown, tooltip

if TYPE_CHECKING:
    from pmdesk.services import Services

TaskIdRole = Qt.ItemDataRole.UserRole + 1


class ArchiveDialog(QDialog):
    """Lists the board's archived cards, newest first; stays current through the bus."""

    def __init__(self, services: Services, bus: ChangeBus, board_id: int,
                 restore: Callable[[Sequence[int]], bool],
                 delete: Callable[[Sequence[int]], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.board_id = services, board_id
        self.setWindowTitle("Archived cards")
        self.setObjectName("boardArchive")
        self.resize(640, 560)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter archived cards")
        self.search.setAccessibleName("Filter archived cards")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.table = QTreeWidget()
        self.table.setObjectName("archivedCards")
        self.table.setAccessibleName("Archived cards")
        self.table.setHeaderLabels(["Card", "Column", "Archived"])
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSortingEnabled(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemDoubleClicked.connect(lambda *_: restore(self.selected_ids()))
        self.summary = QLabel()
        restore_button = QPushButton("Restore")
        restore_button.setObjectName("restoreCards")
        restore_button.clicked.connect(lambda: restore(self.selected_ids()))
        delete_button = QPushButton("Delete…")
        delete_button.clicked.connect(lambda: delete(self.selected_ids()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        bus.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        snapshot = self.services.reads.board(self.board_id, archived=True)
        columns = {c.id: c.name for c in snapshot.columns}
        self.table.clear()
        tasks = snapshot.tasks
        for task in tasks:
            when = f"{task.archived_at:%Y-%m-%d %H:%M}" if task.archived_at else ""
            item = QTreeWidgetItem([shown(task.title), shown(columns.get(task.column_id, "")),
                                    when])
            item.setData(0, TaskIdRole, task.id)
            item.setToolTip(0, tooltip(task.title))
            self.table.addTopLevelItem(item)
        self.table.sortItems(2, Qt.SortOrder.DescendingOrder)
        self.summary.setText(f"{len(tasks):,} archived card{'s' if len(tasks) != 1 else ''}")
        self._apply_filter(self.search.text())

    def selected_ids(self) -> list[int]:
        return [item.data(0, TaskIdRole) for item in self.table.selectedItems()]

    def titles(self) -> list[str]:
        """The titles listed (and not filtered out), top to bottom."""
        items = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        return [item.text(0) for item in items if not item.isHidden()]

    def select(self, titles: list[str]) -> None:
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            item.setSelected(item.text(0) in titles)

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            haystack = f"{item.text(0)} {item.text(1)}".casefold()
            item.setHidden(not all(w in haystack for w in words))

    def _on_changed(self, changes: ChangeSet, origin: object) -> None:
        if changes.touches(Entity.TASK, Entity.COLUMN, Entity.BOARD) and self.isVisible():
            self.refresh()
