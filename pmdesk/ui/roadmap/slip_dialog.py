"""Roadmap ▸ What Slipped…: the slip report as a table, exportable as PDF or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk import export
from pmdesk.domain.baselines import InitiativeChange, Movement, SlipReport, signed_days
from pmdesk.domain.errors import PmdeskError
from pmdesk.ui import theme
from pmdesk.ui.table_model import AnyIndex, RowsModel
from pmdesk.ui.text import shown

HEADERS = ("Initiative", "Change", "Baseline end", "Current end", "Moved", "Cards",
           "Estimate", "Status", "P85 forecast", "Reason")


class SlipModel(RowsModel):
    """One row per changed initiative, the biggest slips first."""

    headers = HEADERS
    rows: list[InitiativeChange]

    def __init__(self, report: SlipReport, parent: Any = None) -> None:
        super().__init__(parent)
        self.report = report
        self.rows = report.comparison.report_rows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        change = self.rows[index.row()]
        column = HEADERS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and column == "Moved":
            days = change.days_moved or 0
            return theme.BAD if days > 0 else theme.GOOD if days < 0 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                "Baseline end", "Current end", "Moved", "Cards", "Estimate", "P85 forecast"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return shown(self.cell(change, column))

    def cell(self, change: InitiativeChange, column: str) -> str:
        before, after = change.before, change.after
        if column == "Initiative":
            return change.title
        if column == "Change":
            return change.movement.value
        if column == "Baseline end":
            return _day(before.end_date if before else None)
        if column == "Current end":
            return _day(after.end_date if after else None)
        if column == "Moved":
            return "" if change.days_moved is None else signed_days(change.days_moved)
        if column == "Cards":
            return f"{change.cards_change:+d}" if change.cards_change else ""
        if column == "Estimate":
            return f"{change.estimate_change:+g}" if change.estimate_change else ""
        if column == "Status":
            status = change.status_change
            return f"{status[0].label} → {status[1].label}" if status else ""
        if column == "P85 forecast":
            return _day(self.report.forecasts.get(change.id))
        return change.reason


def _day(day: Any) -> str:
    return "" if day is None else f"{day:%d %b %Y}"


class SlipDialog(QDialog):
    """The report of one comparison, with its PDF and CSV a click away."""

    def __init__(self, report: SlipReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slipDialog")
        self.setWindowTitle(f"What moved since {report.comparison.label}")
        self.report = report
        self.resize(1100, 520)
        comparison = report.comparison
        slips = comparison.slips()
        summary = QLabel(shown(
            f"{report.product_name}: {len(slips)} moved later, "
            f"{len(comparison.of(Movement.ADDED))} added, "
            f"{len(comparison.of(Movement.REMOVED))} removed since {comparison.label} "
            f"({comparison.since:%d %b %Y})."))
        summary.setObjectName("slipSummary")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = SlipModel(report, self)
        self.table = QTableView()
        self.table.setObjectName("slipTable")
        self.table.setAccessibleName("What slipped")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for text, slot in (("Export PDF…", self.export_pdf), ("Export CSV…", self.export_csv)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.problem = QLabel()
        self.problem.setStyleSheet(theme.PROBLEM_TEXT)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def export_pdf(self) -> None:
        self._export("PDF documents (*.pdf)", ".pdf", export.build_slip_report)

    def export_csv(self) -> None:
        self._export("CSV spreadsheets (*.csv)", ".csv", export.slip_csv)

    def _export(self, filter_: str, suffix: str, build: Any) -> None:
        name = f"{self.report.product_name} changes since {self.report.comparison.label}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, "Export the slip report",
                                              str(Path.home() / name), filter_)
        if not path:
            return
        target = Path(path) if path.lower().endswith(suffix) else Path(path + suffix)
        try:
            export.write_atomically(target, build(self.report))
        except PmdeskError as exc:
            self.problem.setText(exc.message)


__all__ = ["SlipDialog", "SlipModel"]
