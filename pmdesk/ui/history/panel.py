"""The history of the selected card or initiative, kept up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.history import item_word
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.history.model import EventsModel
from pmdesk.ui.text import plain_label, shown

if TYPE_CHECKING:
    from pmdesk.services import Services


class HistoryPanel(QWidget):
    """Follows ``bus.selected`` and lists what happened to that item, newest first."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.services = services
        self.item: tuple[Entity, int] | None = None
        self.product_id: int | None = None
        self._refresh_on_show = False
        self.heading = plain_label("Select a card or an initiative to see its history.")
        self.heading.setWordWrap(True)
        self.model = EventsModel(parent=self)
        self.view = QTableView()
        self.view.setAccessibleName("Item history")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        # Rows follow their text as the dock is resized; a fixed height cut long values.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        change = self.model.headers().index("Change")
        header.setSectionResizeMode(change, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(change + 1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)
        bus.selected.connect(self.show_item)
        bus.changed.connect(self._on_changed)
        bus.reloaded.connect(self.refresh)

    def set_product(self, product_id: int | None) -> None:
        self.product_id = product_id
        self.item = None
        self.model.set_events([], {})
        self.heading.setText("Select a card or an initiative to see its history.")

    def show_item(self, entity: Entity, item_id: int) -> None:
        if self.item == (entity, item_id) and self.isVisible() and not self._refresh_on_show:
            return  # already current: every change to it on the bus refreshes it
        self.item = (entity, item_id)
        self.refresh()

    def refresh(self) -> None:
        if self.item is None:
            return
        if not self.isVisible():  # a closed dock follows the selection when it is opened
            self._refresh_on_show = True
            return
        self._refresh_on_show = False
        entity, item_id = self.item
        try:
            history = self.services.history.item_history(entity, item_id, self.product_id)
        except PmdeskError:
            return
        title = history.titles.get(self.item)
        self.heading.setText(shown(f"History of {item_word(entity).lower()} “{title}”" if title
                                   else f"History of this {item_word(entity).lower()}"))
        self.model.set_events(history.events, history.names)
        self.view.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._refresh_on_show:
            self.refresh()

    def _on_changed(self, changes: ChangeSet, _origin: object) -> None:
        if self.item is not None and self.item[1] in changes.ids(self.item[0]):
            self.refresh()
