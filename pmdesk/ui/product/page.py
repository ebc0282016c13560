"""The Product page: what the product is, for whom, and the goals that colour the roadmap."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Entity
from pmdesk.domain.models import Product
from pmdesk.domain.snapshots import ProductSummary
from pmdesk.ui import theme
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.page import Page
from pmdesk.ui.product.commands import ProductEditor
from pmdesk.ui.product.fields import CommitTextEdit
from pmdesk.ui.product.goals_model import COLUMNS, GoalsModel
from pmdesk.ui.text import shown

if TYPE_CHECKING:
    from pmdesk.services import Services

TEXT_FIELDS = (
    ("vision", "Vision", "Where the product takes its customers in a few years."),
    ("problem", "Problem", "The pain worth solving, in the customer's words."),
    ("target_customers", "Target customers", "Who exactly, and who first."),
    ("value_proposition", "Value proposition", "Why they choose us over what they do today."),
    ("success_metrics", "Success metrics", "How we will know it works."),
    ("not_doing", "Not doing", "What we decided not to do, so nobody asks twice."),
)
STRATEGY_ENTITIES = (Entity.PRODUCT, Entity.GOAL, Entity.PERSON)
HEALTH_ENTITIES = (Entity.INITIATIVE, Entity.TASK, Entity.DEPENDENCY, Entity.COLUMN,
                   Entity.BOARD)


class ProductPage(Page):
    title = "Product"

    def __init__(self, services: Services, undo_stack: QUndoStack, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, undo_stack, bus, parent)
        self._health_due = False
        self.setObjectName("productPage")
        self.editor = ProductEditor(services, undo_stack, bus)
        self._product: Product | None = None
        self._build()
        bus.changed.connect(self._on_changed)
        bus.reloaded.connect(self.reload)
        self._set_editable(not services.read_only)

    # ----- layout
    def _build(self) -> None:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(16, 16, 16, 16)
        grid.setHorizontalSpacing(24)
        grid.addWidget(self._build_identity(), 0, 0)
        grid.addWidget(self._build_texts(), 1, 0)
        grid.addWidget(self._build_health(), 0, 1)
        grid.addWidget(self._build_goals(), 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _build_identity(self) -> QGroupBox:
        box = QGroupBox("Product")
        form = QFormLayout(box)
        self.name_edit = QLineEdit(objectName="productName")
        self.name_edit.setAccessibleName("Product name")
        self.name_edit.editingFinished.connect(partial(self._commit_line, "name"))
        self.tagline_edit = QLineEdit(objectName="productTagline")
        self.tagline_edit.setAccessibleName("Tagline")
        self.tagline_edit.setPlaceholderText("One sentence a customer would repeat")
        self.tagline_edit.editingFinished.connect(partial(self._commit_line, "tagline"))
        self.owner_combo = QComboBox(objectName="productOwner")
        self.owner_combo.setEditable(True)
        self.owner_combo.setAccessibleName("Owner")
        self.owner_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner_combo.lineEdit().setPlaceholderText("Who owns this product")
        self.owner_combo.lineEdit().editingFinished.connect(self._commit_owner)
        self.owner_combo.activated.connect(lambda _i: self._commit_owner())
        form.addRow("&Name", self.name_edit)
        form.addRow("&Tagline", self.tagline_edit)
        form.addRow("&Owner", self.owner_combo)
        _room_for_labels(form)
        return box

    def _build_texts(self) -> QGroupBox:
        box = QGroupBox("Strategy")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.text_edits: dict[str, CommitTextEdit] = {}
        for field, label, hint in TEXT_FIELDS:
            edit = CommitTextEdit()
            edit.setObjectName(f"product_{field}")
            edit.setAccessibleName(label)
            edit.setPlaceholderText(hint)
            edit.setMinimumHeight(52)
            edit.setMaximumHeight(88)
            edit.committed.connect(partial(self._commit_text, field))
            form.addRow(label, edit)
            self.text_edits[field] = edit
        _room_for_labels(form)
        return box

    def _build_health(self) -> QGroupBox:
        box = QGroupBox("Health, live from the board")
        layout = QVBoxLayout(box)
        self.health_label = QLabel(objectName="productHealth")
        self.health_label.setTextFormat(Qt.TextFormat.RichText)
        self.health_label.setWordWrap(True)
        layout.addWidget(self.health_label)
        return box

    def _build_goals(self) -> QGroupBox:
        box = QGroupBox("Goals (the roadmap legend)")
        layout = QVBoxLayout(box)
        self.goals_model = GoalsModel(self._edit_goal, self)
        self.goals_view = QTableView(objectName="goalsView")
        self.goals_view.setAccessibleName("Goals")
        self.goals_view.setModel(self.goals_model)
        self.goals_view.verticalHeader().hide()
        self.goals_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.goals_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goals_view.setWordWrap(True)
        self.goals_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.goals_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.goals_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.goals_view.doubleClicked.connect(self._on_goal_double_clicked)
        layout.addWidget(self.goals_view)
        buttons = QHBoxLayout()
        self.add_goal_button = QPushButton("&Add goal", objectName="addGoal")
        self.add_goal_button.clicked.connect(self.add_goal)
        self.remove_goal_button = QPushButton("&Remove", objectName="removeGoal")
        self.remove_goal_button.clicked.connect(self.remove_goal)
        self.up_button = QPushButton("Move &up", objectName="goalUp")
        self.up_button.clicked.connect(partial(self.move_goal, -1))
        self.down_button = QPushButton("Move &down", objectName="goalDown")
        self.down_button.clicked.connect(partial(self.move_goal, 1))
        for button in (self.add_goal_button, self.remove_goal_button, self.up_button,
                       self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def _set_editable(self, editable: bool) -> None:
        self.name_edit.setReadOnly(not editable)
        self.tagline_edit.setReadOnly(not editable)
        self.owner_combo.setEnabled(editable)
        for edit in self.text_edits.values():
            edit.setReadOnly(not editable)
        for button in (self.add_goal_button, self.remove_goal_button, self.up_button,
                       self.down_button):
            button.setEnabled(editable)
        triggers = (QAbstractItemView.EditTrigger.DoubleClicked
                    | QAbstractItemView.EditTrigger.EditKeyPressed) if editable else (
            QAbstractItemView.EditTrigger.NoEditTriggers)
        self.goals_view.setEditTriggers(triggers)

    # ----- data in
    def set_product(self, product_id: int | None) -> None:
        super().set_product(product_id)
        self.reload()

    def reload(self) -> None:
        if self.defer_reload():
            return
        self._load_strategy()
        if self.isVisible():
            self._load_health()
        else:  # the health figures read the whole board: after the first paint
            self._health_due = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._health_due:
            self._health_due = False
            QTimer.singleShot(0, self._load_health)

    def _on_changed(self, changes: ChangeSet, _origin: object) -> None:
        if self.product_id is None or self.defer_reload():
            return
        if changes.touches(*STRATEGY_ENTITIES):
            self._load_strategy()
        if changes.touches(*HEALTH_ENTITIES):
            self._load_health()

    def _load_strategy(self) -> None:
        self.setEnabled(self.product_id is not None)
        if self.product_id is None:
            self._product = None
            self.goals_model.set_goals([])
            return
        products = self.services.products
        product = products.get_product(self.product_id)
        self._product = product
        for edit, value in ((self.name_edit, product.name), (self.tagline_edit, product.tagline)):
            if edit.text() != value:
                edit.setText(value)
        for field, edit in self.text_edits.items():
            edit.show_text(getattr(product, field))
        people = self.services.people.list_people()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        for person in people:
            self.owner_combo.addItem(shown(person.name), person.id)
        owner = next((p for p in people if p.id == product.owner_id), None)
        self.owner_combo.setCurrentIndex(people.index(owner) if owner else -1)
        self.owner_combo.setEditText(owner.name if owner else "")
        self.owner_combo.blockSignals(False)
        self.goals_model.set_goals(products.list_goals(self.product_id))

    def _load_health(self) -> None:
        if self.product_id is None:
            self.health_label.clear()
            return
        self.health_label.setText(health_html(self.services.reads.product_summary(self.product_id)))

    # ----- edits out
    def _commit_line(self, field: str) -> None:
        if self._product is None:
            return
        edit = self.name_edit if field == "name" else self.tagline_edit
        value = edit.text().strip()
        if not self.editor.set_field(self._product, field, value):
            edit.setText(getattr(self._product, field))

    def _commit_text(self, field: str, text: str) -> None:
        if self._product is not None:
            self.editor.set_field(self._product, field, text)

    def _commit_owner(self) -> None:
        if self._product is None:
            return
        current = self.owner_combo.currentText().strip()
        owner_name = next((self.owner_combo.itemText(i) for i in range(self.owner_combo.count())
                           if self.owner_combo.itemData(i) == self._product.owner_id), "")
        if current != owner_name:
            self.editor.set_owner(self._product, current)

    def _edit_goal(self, goal, field: str, value: object) -> bool:  # noqa: ANN001
        text = value.strip() if isinstance(value, str) else value
        return self.editor.edit_goal(goal, field, text)

    def _on_goal_double_clicked(self, index: QModelIndex) -> None:
        if index.column() == 0 and not self.services.read_only:
            self.choose_goal_colour(index.row())

    def choose_goal_colour(self, row: int) -> None:
        goal = self.goals_model.goal(row)
        colour = QColorDialog.getColor(QColor(goal.colour), self, f"Colour of “{goal.name}”")
        if colour.isValid():
            self.editor.edit_goal(goal, "colour", colour.name().upper())

    def add_goal(self) -> None:
        if self.product_id is None:
            return
        count = self.goals_model.rowCount()
        name = f"New goal {count + 1}"
        palette = theme.GOAL_PALETTE
        if self.editor.add_goal(self.product_id, name, palette[count % len(palette)]):
            index = self.goals_model.index(self.goals_model.rowCount() - 1, 1)
            self.goals_view.setCurrentIndex(index)
            self.goals_view.edit(index)

    def _selected_row(self) -> int | None:
        rows = self.goals_view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def remove_goal(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.editor.delete_goal(self.goals_model.goal(row))

    def move_goal(self, step: int) -> None:
        row = self._selected_row()
        if row is None:
            return
        target = row + step
        if not 0 <= target < self.goals_model.rowCount():
            return
        if self.editor.move_goal(self.goals_model.goal(row), row, target):
            self.goals_view.selectRow(target)


def health_html(summary: ProductSummary) -> str:
    """A few live figures, in words a product manager would use."""
    done_share = summary.done_tasks / summary.task_count if summary.task_count else 0.0
    risk_colour = theme.BAD_HEX if summary.at_risk_initiatives else theme.GOOD_HEX
    overdue_colour = theme.BAD_HEX if summary.overdue_tasks else theme.GOOD_HEX
    dep_colour = theme.BAD_HEX if summary.violated_dependencies else theme.GOOD_HEX
    rows = [
        ("Initiatives", f"{summary.initiative_count} ({summary.done_initiatives} done)", None),
        ("At risk", str(summary.at_risk_initiatives), risk_colour),
        ("Cards", f"{summary.task_count} — {summary.done_tasks} done ({done_share:.0%})", None),
        ("Overdue cards", str(summary.overdue_tasks), overdue_colour),
        ("Violated dependencies", str(summary.violated_dependencies), dep_colour),
    ]
    cells = []
    for label, value, colour in rows:
        style = f" style='color:{colour}'" if colour else ""
        cells.append(f"<tr><td style='padding-right:16px'>{label}</td>"
                     f"<td><b{style}>{value}</b></td></tr>")
    return f"<table>{''.join(cells)}</table>"


def _room_for_labels(form: QFormLayout) -> None:
    """Give each label a few pixels past its text: a label exactly as wide as its text's
    advance clips the glyphs drawn wider than that ("Tagline" lost the end of its "e")."""
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            label.setMinimumWidth(label.sizeHint().width() + 6)
