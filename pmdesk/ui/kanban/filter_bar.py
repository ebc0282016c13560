"""The filter bar: instant text search plus assignee, label, initiative, priority and due."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from pmdesk.domain.enums import Priority
from pmdesk.domain.snapshots import BoardSnapshot
from pmdesk.ui import theme
from pmdesk.ui.kanban.board_data import NO_LANE, CardFilter, Due
from pmdesk.ui.text import shown


class FilterBar(QWidget):
    """Emits ``changed(CardFilter)`` on every keystroke and choice."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.setObjectName("filterBar")
        self.search = QLineEdit()
        self.search.setObjectName("boardSearch")
        self.search.setAccessibleName("Search cards")
        self.search.setPlaceholderText("Filter cards (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.assignee = self._combo("Assignee")
        self.label = self._combo("Label")
        self.initiative = self._combo("Initiative")
        self.initiative.setMaximumWidth(260)
        self.priority = self._combo("Priority")
        self.due = self._combo("Due")
        self.due.addItem("Any due date", Due.ANY)
        self.due.addItem("Overdue", Due.OVERDUE)
        self.due.addItem("Due this week", Due.THIS_WEEK)
        self.clear = QToolButton()
        self.clear.setText("Clear")
        self.clear.setAccessibleName("Clear filters")
        self.clear.clicked.connect(self.reset)
        self.count = QLabel()
        self.count.setObjectName("cardCount")
        self.count.setStyleSheet("color: #5F6B7A;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        for combo in (self.assignee, self.label, self.initiative, self.priority, self.due):
            layout.addWidget(combo, 1)
        layout.addWidget(self.clear)
        layout.addStretch()
        layout.addWidget(self.count)
        self.search.textChanged.connect(self._emit)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def set_choices(self, snapshot: BoardSnapshot | None) -> None:
        """Refill the choices from the board, keeping what is still available."""
        self._quiet = True
        try:
            keep = self.value()
            self._fill(self.assignee, "Anyone", "Unassigned",
                       [(p.name, p.id, None) for p in (snapshot.people.values() if snapshot
                                                       else ())])
            self._fill(self.label, "Any label", "No label",
                       [(x.name, x.id, x.colour) for x in (snapshot.labels.values() if snapshot
                                                           else ())])
            self._fill(self.initiative, "Any initiative", "No initiative",
                       [(i.title, i.id, i.colour or theme.NO_TAG_COLOUR)
                        for i in (snapshot.initiatives.values() if snapshot else ())])
            self.priority.clear()
            self.priority.addItem("Any priority", None)
            for value in sorted(Priority, reverse=True):
                self.priority.addItem(value.label, int(value))
            for combo, value in ((self.assignee, keep.assignee_id), (self.label, keep.label_id),
                                 (self.initiative, keep.initiative_id),
                                 (self.priority, keep.priority)):
                combo.setCurrentIndex(max(0, combo.findData(value)))
        finally:
            self._quiet = False

    @staticmethod
    def _fill(combo: QComboBox, any_text: str, none_text: str,
              items: list[tuple[str, int, str | None]]) -> None:
        combo.clear()
        combo.addItem(any_text, None)
        combo.addItem(none_text, NO_LANE)
        for text, value, colour in sorted(items, key=lambda x: x[0].casefold()):
            if colour:
                combo.addItem(theme.swatch(colour), shown(text), value)
            else:
                combo.addItem(shown(text), value)

    def value(self) -> CardFilter:
        return CardFilter(
            text=self.search.text().strip(),
            assignee_id=self.assignee.currentData(),
            label_id=self.label.currentData(),
            initiative_id=self.initiative.currentData(),
            priority=self.priority.currentData(),
            due=Due(self.due.currentData() or ""),
        )

    def reset(self) -> None:
        self._quiet = True
        try:
            self.search.clear()
            for combo in (self.assignee, self.label, self.initiative, self.priority, self.due):
                combo.setCurrentIndex(0)
        finally:
            self._quiet = False
        self._emit()

    def set_count(self, shown: int, total: int) -> None:
        self.count.setText(f"{shown:,} of {total:,} cards")

    def _emit(self, *args: object) -> None:
        if not self._quiet:
            self.changed.emit(self.value())
