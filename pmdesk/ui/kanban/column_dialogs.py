"""The questions the board asks: names, WIP limits, confirmations, where cards go."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QVBoxLayout, QWidget

from pmdesk.domain.models import Column
from pmdesk.ui.commands import quoted
from pmdesk.ui.dialogs import ok_cancel_buttons
from pmdesk.ui.text import confirm, plain_label, shown


class WipDialog(QDialog):
    """A column's WIP limit (0 = none) and whether it is hard."""

    def __init__(self, column: Column, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QCheckBox, QFormLayout, QSpinBox  # enums on first use

        super().__init__(parent)
        self.setWindowTitle(f"WIP limit of {shown(column.name)}")
        self.limit = QSpinBox()
        self.limit.setRange(0, 100_000)
        self.limit.setSpecialValueText("No limit")
        self.limit.setValue(column.wip_limit or 0)
        self.limit.setAccessibleName("WIP limit")
        self.hard = QCheckBox("Hard limit: refuse cards beyond it")
        self.hard.setChecked(column.wip_hard)
        form = QFormLayout()
        form.addRow("Limit", self.limit)
        form.addRow("", self.hard)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[int | None, bool]:
        limit = self.limit.value() or None
        return limit, self.hard.isChecked() and limit is not None


class DestinationDialog(QDialog):
    """Ask which column takes the cards of a column being deleted."""

    def __init__(self, column: Column, holds: int, others: Sequence[Column],
                 parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox  # Qt builds its enums on first use

        super().__init__(parent)
        self.setWindowTitle(f"Delete {shown(column.name)}")
        text = plain_label(f"{quoted(column.name)} holds {holds} card{'s' if holds != 1 else ''}"
                           " (archived ones included). Move them to:")
        text.setWordWrap(True)
        self.target = QComboBox()
        self.target.setAccessibleName("Move the cards to")
        for other in others:
            self.target.addItem(shown(other.name), other.id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        delete = buttons.addButton("Move cards and delete",
                                   QDialogButtonBox.ButtonRole.DestructiveRole)
        delete.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.target)
        layout.addWidget(buttons)


class Prompts:
    """Modal questions, kept apart so tests can answer them."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def column_name(self, title: str, current: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog  # Qt builds its enums on first use

        text, ok = QInputDialog.getText(self.parent, title, "Column name", text=current)
        return text if ok and text.strip() else None

    def wip_limit(self, column: Column) -> tuple[int | None, bool] | None:
        dialog = WipDialog(column, self.parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def cards_destination(self, column: Column, holds: int, others: Sequence[Column]) -> int | None:
        dialog = DestinationDialog(column, holds, others, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return int(dialog.target.currentData())

    def confirm_column_delete(self, column: Column) -> bool:
        return confirm(self.parent, "Delete column",
                       f"Delete the empty column {quoted(column.name)}?")

    def confirm_delete(self, titles: Sequence[str]) -> bool:
        what = quoted(titles[0]) if len(titles) == 1 else f"these {len(titles)} cards"
        return confirm(self.parent, "Delete cards",
                       f"Delete {what} for good? Archive keeps a card out of the way instead.")
