"""“What changed since …?” for the selected product."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.ui.history.model import EventsModel

if TYPE_CHECKING:
    from pmdesk.services import Services

DEFAULT_DAYS = 7


class ChangedSinceDialog(QDialog):
    """Every logged change of a product since a chosen day, newest first."""

    def __init__(self, services: Services, product_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("changedSinceDialog")
        self.setWindowTitle("What changed since…")
        self.services, self.product_id = services, product_id
        self.date_edit = QDateEdit(QDate.currentDate().addDays(-DEFAULT_DAYS))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("Since")
        self.date_edit.dateChanged.connect(self.refresh)
        self.summary = QLabel()
        self.model = EventsModel(with_item=True, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 260)
        header.setStretchLastSection(False)
        change = self.model.headers().index("Change")
        header.setSectionResizeMode(change, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(change + 1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Changes since"))
        top.addWidget(self.date_edit)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.refresh()

    def refresh(self) -> None:
        day = self.date_edit.date().toPython()
        since = datetime.combine(day, time.min)
        history = self.services.history
        events = history.since(self.product_id, since)
        self.model.set_events(events, history.names(self.product_id), history.titles(events))
        count = self.model.rowCount()
        self.summary.setText(f"{count} change{'s' if count != 1 else ''}")
