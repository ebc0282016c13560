"""The card editor: every field of a card, saved as one undo step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.enums import Priority
from pmdesk.domain.errors import EditConflictError, PmdeskError, ValidationError
from pmdesk.domain.models import Task, TaskDetail
from pmdesk.domain.snapshots import BoardSnapshot
from pmdesk.domain.values import ChecklistSpec
from pmdesk.ui import theme
from pmdesk.ui.conflict_dialog import ConflictDialog, offer_choice
from pmdesk.ui.date_edit import DateEdit
from pmdesk.ui.dialogs import ok_cancel_buttons
from pmdesk.ui.kanban.discussion import add_discussion_rows
from pmdesk.ui.text import plain, shown
from pmdesk.ui.theme import swatch

ItemIdRole = Qt.ItemDataRole.UserRole + 1
Save = Callable[[dict[str, Any], list[ChecklistSpec] | None], bool]




class CardEditor(QDialog):
    """Edit a card; ``save(fields, checklist)`` returns False to keep the dialog open."""

    def __init__(self, detail: TaskDetail, snapshot: BoardSnapshot, save: Save,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail, self.snapshot, self._save = detail, snapshot, save
        self.conflict: ConflictDialog | None = None
        task = detail.task
        self.setWindowTitle(f"Card: {shown(task.title)}")
        self.setObjectName("cardEditor")
        self.resize(560, 640)

        self.title = QLineEdit(task.title)
        self.title.setAccessibleName("Title")
        self.description = QPlainTextEdit(task.description)
        self.description.setAccessibleName("Description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(120)
        self.initiative = QComboBox()
        self.initiative.setAccessibleName("Initiative")
        self.initiative.addItem("No initiative", None)
        for tag in sorted(snapshot.initiatives.values(), key=lambda i: i.title.casefold()):
            self.initiative.addItem(swatch(tag.colour or theme.NO_TAG_COLOUR), shown(tag.title),
                                    tag.id)
        self._select(self.initiative, task.initiative_id)
        self.assignee = QComboBox()
        self.assignee.setAccessibleName("Assignee")
        self.assignee.addItem("Unassigned", None)
        for person in sorted(snapshot.people.values(), key=lambda p: p.name.casefold()):
            self.assignee.addItem(shown(person.name), person.id)
        self._select(self.assignee, task.assignee_id)
        self.has_due = QCheckBox("Due")
        self.due = DateEdit(task.due_date or snapshot.today)
        self.due.setAccessibleName("Due date")
        self.has_due.setChecked(task.due_date is not None)
        self.due.setEnabled(task.due_date is not None)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.estimate = QLineEdit("" if task.estimate is None else f"{task.estimate:g}")
        self.estimate.setAccessibleName("Estimate")
        self.estimate.setPlaceholderText("points, e.g. 3")
        self.priority = QComboBox()
        self.priority.setAccessibleName("Priority")
        for value in Priority:
            self.priority.addItem(value.label, int(value))
        self._select(self.priority, int(task.priority))
        self.labels = QListWidget()
        self.labels.setAccessibleName("Labels")
        self.labels.setMaximumHeight(130)
        for label in sorted(snapshot.labels.values(), key=lambda x: x.name.casefold()):
            item = QListWidgetItem(swatch(label.colour), shown(label.name))
            item.setData(ItemIdRole, label.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = label.id in task.label_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.labels.addItem(item)
        self.checklist = QListWidget()
        self.checklist.setAccessibleName("Checklist")
        self.checklist.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.checklist.setMaximumHeight(150)
        for entry in detail.checklist:
            self._add_item(entry.text, entry.done, entry.id)
        self.new_item = _EnterLine()
        self.new_item.setAccessibleName("New checklist item")
        self.new_item.setPlaceholderText("Add an item and press Enter")
        self.new_item.returnPressed.connect(self._add_new_item)
        remove = QPushButton("Remove item")
        remove.clicked.connect(self._remove_item)
        self.error = plain(QLabel())
        self.error.setStyleSheet("color: #C62828;")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Description", self.description)
        form.addRow("Initiative", self.initiative)
        form.addRow("Assignee", self.assignee)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form.addRow("Due date", due_row)
        form.addRow("Estimate", self.estimate)
        form.addRow("Priority", self.priority)
        form.addRow("Labels", self.labels)
        form.addRow("Checklist", self.checklist)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_item, 1)
        add_row.addWidget(remove)
        form.addRow("", add_row)
        add_discussion_rows(form, detail)
        form.addRow("", QLabel(self._flow_text()))
        buttons = ok_cancel_buttons(self, self.try_save, ok=QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    # ----- values
    def fields(self) -> dict[str, Any]:
        """The fields that differ from the card as it was opened."""
        task = self.detail.task
        due = self.due_date()
        values: dict[str, Any] = {
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "initiative_id": self.initiative.currentData(),
            "assignee_id": self.assignee.currentData(),
            "due_date": due,
            "estimate": self.estimate.text().strip() or None,
            "priority": Priority(self.priority.currentData()),
            "label_ids": tuple(sorted(
                self.labels.item(i).data(ItemIdRole) for i in range(self.labels.count())
                if self.labels.item(i).checkState() == Qt.CheckState.Checked
            )),
        }
        if values["estimate"] is not None and _same_number(values["estimate"], task.estimate):
            values["estimate"] = task.estimate
        return {k: v for k, v in values.items() if v != getattr(task, k)}

    def due_date(self) -> date | None:
        """The due date typed, or None without one (or while the text is not a date)."""
        return self.due.value() if self.has_due.isChecked() else None

    def checklist_items(self) -> list[ChecklistSpec] | None:
        """The checklist (id or None, text, done), or None when unchanged."""
        items: list[ChecklistSpec] = []
        for i in range(self.checklist.count()):
            item = self.checklist.item(i)
            items.append((item.data(ItemIdRole), item.text(),
                          item.checkState() == Qt.CheckState.Checked))
        before = [(c.id, c.text, c.done) for c in self.detail.checklist]
        return None if items == before else items

    def try_save(self) -> None:
        if self.has_due.isChecked():
            try:
                self.due.checked_value("The due date")
            except ValidationError as exc:
                self.show_error(exc.message)
                return
        fields, checklist = self.fields(), self.checklist_items()
        if not fields and checklist is None:
            self.accept()
            return
        if self._save(fields, checklist):
            self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def refused(self, error: PmdeskError | None, message: str) -> None:
        """Show why the save was refused; over someone else's change, offer per field
        "keep theirs / apply mine" (the dialog is returned in ``self.conflict``)."""
        self.show_error(message)
        if not isinstance(error, EditConflictError) or not isinstance(error.current, Task):
            return
        snapshot = self.snapshot
        namers = {
            "initiative_id": lambda i: getattr(snapshot.initiatives.get(i), "title", None),
            "assignee_id": lambda i: getattr(snapshot.people.get(i), "name", None),
            "priority": lambda value: Priority(value).label,
            "label_ids": lambda ids: ", ".join(snapshot.labels[i].name for i in ids
                                               if i in snapshot.labels),
        }
        self.conflict = offer_choice(self, error, self.fields(), namers, self._set_field,
                                     self._save_over, message)

    def _save_over(self, current: Task) -> None:
        """Save again on top of the card as it is now, with theirs where the user kept it."""
        self.detail = replace(self.detail, task=current)
        self.conflict = None
        self.try_save()

    # ----- helpers
    def _set_field(self, name: str, value: Any) -> None:
        """Put a card's value back into its widget (after "keep theirs")."""
        if name == "title":
            self.title.setText(value)
        elif name == "description":
            self.description.setPlainText(value)
        elif name in ("initiative_id", "assignee_id", "priority"):
            combo = {"initiative_id": self.initiative, "assignee_id": self.assignee,
                     "priority": self.priority}[name]
            self._select(combo, int(value) if name == "priority" else value)
        elif name == "due_date":
            self.has_due.setChecked(value is not None)
            if value is not None:
                self.due.setDate(value)
        elif name == "estimate":
            self.estimate.setText("" if value is None else f"{value:g}")
        elif name == "label_ids":
            for i in range(self.labels.count()):
                item = self.labels.item(i)
                checked = item.data(ItemIdRole) in value
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    def _add_item(self, text: str, done: bool, item_id: int | None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(ItemIdRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        self.checklist.addItem(item)
        return item

    def add_checklist_item(self, text: str) -> None:
        if text.strip():
            self._add_item(text.strip(), False, None)

    def _add_new_item(self) -> None:
        self.add_checklist_item(self.new_item.text())
        self.new_item.clear()

    def _remove_item(self) -> None:
        row = self.checklist.currentRow()
        if row >= 0:
            self.checklist.takeItem(row)

    def _flow_text(self) -> str:
        task = self.detail.task
        column = next((c for c in self.snapshot.columns if c.id == task.column_id), None)
        parts = [f"In {column.name}" if column else ""]
        for what, when in (("created", task.created_at), ("started", task.started_at),
                           ("done", task.done_at), ("archived", task.archived_at)):
            if when is not None:
                parts.append(f"{what} {when:%Y-%m-%d}")
        return " · ".join(p for p in parts if p)


class _EnterLine(QLineEdit):
    """A line whose Enter belongs to it (adds an item), not to the dialog's Save button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


def _same_number(text: Any, value: float | None) -> bool:
    try:
        return value is not None and float(str(text).replace(",", ".")) == value
    except ValueError:
        return False

