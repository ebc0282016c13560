"""Roadmap ▸ Baselines…: a product's saved plans, renamed, deleted or compared with.

Renaming and deleting are undo steps of the window (Edit ▸ Undo brings a baseline back).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.baselines import Baseline
from pmdesk.domain.errors import PmdeskError
from pmdesk.ui import theme
from pmdesk.ui.roadmap.compare import RoadmapComparison
from pmdesk.ui.text import shown

IdRole = Qt.ItemDataRole.UserRole + 1


class BaselinesDialog(QDialog):
    """List the product's baselines; rename, delete or compare with the selected one."""

    def __init__(self, comparison: RoadmapComparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("baselinesDialog")
        self.setWindowTitle("Baselines")
        self.resize(520, 360)
        self.comparison = comparison
        self.baselines: list[Baseline] = []
        self.list = QListWidget()
        self.list.setObjectName("baselineList")
        self.list.setAccessibleName("Baselines")
        self.list.itemDoubleClicked.connect(lambda _item: self.compare())
        self.rename_button = QPushButton("Rename…")
        self.delete_button = QPushButton("Delete")
        self.compare_button = QPushButton("Compare with")
        self.rename_button.clicked.connect(lambda: self.rename())
        self.delete_button.clicked.connect(self.delete)
        self.compare_button.clicked.connect(self.compare)
        self.problem = QLabel()
        self.problem.setStyleSheet(theme.PROBLEM_TEXT)
        self.problem.setWordWrap(True)
        side = QVBoxLayout()
        for button in (self.compare_button, self.rename_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Saved plans of this product, newest first. Taken by hand, "
                                "at the start of each quarter and with each one-pager."))
        layout.addLayout(row, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.fill()

    def fill(self) -> None:
        product_id = self.comparison.product_id
        try:
            self.baselines = ([] if product_id is None else
                              self.comparison.services.baselines.list_baselines(product_id))
        except PmdeskError as exc:
            self.problem.setText(exc.message)
            self.baselines = []
        keep = self.list.currentRow()
        self.list.clear()
        for baseline in self.baselines:
            item = QListWidgetItem(shown(
                f"{baseline.name}  ·  {baseline.taken_at:%d %b %Y %H:%M}  ·  "
                f"{baseline.kind.label}"))
            item.setData(IdRole, baseline.id)
            self.list.addItem(item)
        if self.baselines:
            self.list.setCurrentRow(min(max(keep, 0), len(self.baselines) - 1))
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for button in (self.rename_button, self.delete_button, self.compare_button):
            button.setEnabled(chosen)

    def selected(self) -> Baseline | None:
        row = self.list.currentRow()
        return self.baselines[row] if 0 <= row < len(self.baselines) else None

    def rename(self, name: str | None = None) -> bool:
        baseline = self.selected()
        if baseline is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename baseline", "Name:",
                                            text=baseline.name)
            if not ok:
                return False
        message = self.comparison.commands.capture(
            lambda: self.comparison.rename_baseline(baseline, name))
        self.problem.setText(message or "")
        self.fill()
        return message is None

    def delete(self) -> bool:
        baseline = self.selected()
        if baseline is None:
            return False
        message = self.comparison.commands.capture(
            lambda: self.comparison.delete_baseline(baseline))
        self.problem.setText(message or "")
        self.fill()
        return message is None

    def compare(self) -> None:
        baseline = self.selected()
        if baseline is not None:
            self.comparison.choose(f"baseline:{baseline.id}")
            self.accept()
