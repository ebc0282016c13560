"""The archive of a board: archived cards, restored (or deleted) from here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Entity
from pmdesk.services import Services
from pmdesk.ui.bus import ChangeBus

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
        self.resize(520, 560)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter archived cards")
        self.search.setAccessibleName("Filter archived cards")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        self.list.setObjectName("archivedCards")
        self.list.setAccessibleName("Archived cards")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda _item: restore(self.selected_ids()))
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
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        bus.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        snapshot = self.services.boards.snapshot(self.board_id, archived=True)
        columns = {c.id: c.name for c in snapshot.columns}
        self.list.clear()
        tasks = sorted(snapshot.tasks, key=lambda t: (t.archived_at is None, t.archived_at),
                       reverse=True)
        for task in tasks:
            when = f"{task.archived_at:%Y-%m-%d}" if task.archived_at else ""
            item = QListWidgetItem(f"{task.title}\n{columns.get(task.column_id, '')} · "
                                   f"archived {when}")
            item.setData(TaskIdRole, task.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, task.title)
            self.list.addItem(item)
        self.summary.setText(f"{len(tasks):,} archived card{'s' if len(tasks) != 1 else ''}")
        self._apply_filter(self.search.text())

    def selected_ids(self) -> list[int]:
        return [item.data(TaskIdRole) for item in self.list.selectedItems()]

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def _on_changed(self, changes: ChangeSet, origin: object) -> None:
        if changes.touches(Entity.TASK, Entity.COLUMN, Entity.BOARD) and self.isVisible():
            self.refresh()
