"""The Flow view of a board: cumulative flow, throughput, cycle time and aging WIP.

It reads the board's move history once per change and recomputes the charts for every
filter or date range from that copy, so typing in the filter never waits for the file.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain import flow, flow_charts
from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import PmdeskError
from pmdesk.ui import theme
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import ServiceCommand, execute, quoted
from pmdesk.ui.date_edit import DateEdit
from pmdesk.ui.flow.chart_view import Builder, ChartView
from pmdesk.ui.text import plain, shown

if TYPE_CHECKING:
    from pmdesk.services import Services

PRESETS = (("Last 4 weeks", 28), ("Last 90 days", 90), ("Last 6 months", 182),
           ("Last 12 months", 365), ("Custom dates", 0))
DEFAULT_DAYS = 90
REFRESH_MS = 250  # changes arriving together (a drag of many cards) refresh once
CHART_NAMES = ("cumulativeFlowChart", "throughputChart", "cycleTimeChart", "agingChart")
CHARTS: tuple[tuple[str, str, Builder], ...] = tuple(
    (name, title, build) for name, (title, build) in zip(CHART_NAMES, flow_charts.CHARTS,
                                                         strict=True))


class FlowPanel(QWidget):
    """Charts of one board; the Board page gives it the board and its filter."""

    card_requested = Signal(int)
    card_opened = Signal(int)

    def __init__(self, services: Services, undo_stack: QUndoStack, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowPanel")
        self.services, self.stack, self.bus = services, undo_stack, bus
        self.board_id: int | None = None
        self.board: flow.BoardFlow | None = None
        self.keep = flow.EVERYTHING
        self.report: flow.FlowReport | None = None
        self.stale = False
        self._titles: dict[int, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.reload)

        self.preset = QComboBox(objectName="flowRange")
        self.preset.setAccessibleName("Days shown")
        for text, days in PRESETS:
            self.preset.addItem(text, days)
        self.first_edit = DateEdit()
        self.first_edit.setAccessibleName("First day")
        self.last_edit = DateEdit()
        self.last_edit.setAccessibleName("Last day")
        for edit in (self.first_edit, self.last_edit):
            edit.setMaximumWidth(150)
        self.start_combo = QComboBox(objectName="flowStartColumn")
        self.start_combo.setAccessibleName("Work starts in")
        self.start_combo.setToolTip("Cycle time and age count from a card's first day in this "
                                    "column or a later one")
        self.summary = plain(QLabel(objectName="flowSummary"))
        self.summary.setStyleSheet(f"color: {theme.SUMMARY_HEX};")
        self.message = plain(QLabel(objectName="flowMessage"))
        self.message.setStyleSheet(f"color: {theme.MESSAGE_COLOURS['error'][1]};")
        self.message.hide()
        top = QHBoxLayout()
        top.setContentsMargins(12, 4, 12, 0)
        top.addWidget(QLabel("Days"))
        top.addWidget(self.preset)
        top.addWidget(QLabel("from"))
        top.addWidget(self.first_edit)
        top.addWidget(QLabel("to"))
        top.addWidget(self.last_edit)
        top.addSpacing(16)
        top.addWidget(QLabel("Work starts in"))
        top.addWidget(self.start_combo)
        top.addStretch()
        grid = QGridLayout()
        grid.setContentsMargins(12, 6, 12, 10)
        grid.setSpacing(10)
        self.charts: dict[str, ChartView] = {}
        for index, (name, title, build) in enumerate(CHARTS):
            view = ChartView(name, build, self.title_of)
            view.card_requested.connect(self.card_requested)
            view.card_opened.connect(self.card_opened)
            self.charts[name] = view
            grid.addWidget(self._framed(title, view), index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        info = QHBoxLayout()
        info.setContentsMargins(14, 0, 12, 0)
        info.addWidget(self.summary, 1)
        info.addWidget(self.message)
        layout.addLayout(info)
        layout.addLayout(grid, 1)
        self._set_days(DEFAULT_DAYS)
        self.preset.setCurrentIndex(self.preset.findData(DEFAULT_DAYS))
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.first_edit.dateChanged.connect(self._dates_typed)
        self.last_edit.dateChanged.connect(self._dates_typed)
        self.start_combo.activated.connect(self._start_chosen)
        bus.changed.connect(self._on_changed)
        bus.reloaded.connect(self._on_reloaded)

    @staticmethod
    def _framed(title: str, view: ChartView) -> QFrame:
        box = QFrame(objectName="flowChartBox")
        box.setStyleSheet(f"#flowChartBox {{ background: {theme.PANEL_HEX};"
                          f" border: 1px solid {theme.PANEL_BORDER_HEX}; border-radius: 6px; }}")
        label = QLabel(title)
        label.setStyleSheet(f"font-weight: 600; color: {theme.CARD_TITLE_HEX}; border: none;")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        return box

    # ----- what is shown
    @property
    def first(self) -> date:
        return self.first_edit.value() or self.today - timedelta(days=DEFAULT_DAYS - 1)

    @property
    def last(self) -> date:
        return self.last_edit.value() or self.today

    @property
    def today(self) -> date:
        return self.services.flow.today()

    def title_of(self, card_id: int) -> str:
        return self._titles.get(card_id, f"Card {card_id}")

    def show_board(self, board_id: int | None) -> None:
        """Show a board's charts (read now when visible, else when next shown)."""
        if board_id != self.board_id:
            self.board_id, self.board = board_id, None
        self.stale = True
        if self.isVisible():
            self.reload()

    def set_filter(self, keep: flow.FlowFilter) -> None:
        self.keep = keep
        self.recompute()

    def set_range(self, first: date, last: date) -> None:
        """Show the days from ``first`` to ``last`` (both included)."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(0))
        self.preset.blockSignals(False)
        self.first_edit.setDate(first)
        self.last_edit.setDate(last)

    def reload(self) -> None:
        """Read the board's history again and redraw."""
        self._timer.stop()
        self.stale = False
        if self.board_id is None:
            self.board = None
        else:
            try:
                self.board = self.services.flow.board_flow(self.board_id)
            except PmdeskError as exc:
                self.board = None
                self._show_message(exc.message)
        self._titles = {c.id: c.title for c in self.board.cards} if self.board else {}
        self._fill_start_columns()
        self.recompute()

    def recompute(self) -> None:
        """Recompute the charts from the copy of the history (filter, dates)."""
        if self.board is None:
            self.report = None
            self.summary.setText("This product has no board yet." if self.board_id is None
                                 else "")
        else:
            first, last = self.first, self.last
            if last < first:
                self._show_message("The last day is before the first; showing the first day.")
                last = first
            else:
                self.message.hide()
            self.report = flow.report(self.board, first, last, self.today, self.keep)
            self.summary.setText(shown(flow_charts.summary(self.report)))
        for view in self.charts.values():
            view.set_report(self.report)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # ----- the date range
    def _set_days(self, days: int) -> None:
        today = self.today
        for edit, day in ((self.first_edit, today - timedelta(days=days - 1)),
                          (self.last_edit, today)):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)

    def _preset_chosen(self, _index: int) -> None:
        days = self.preset.currentData()
        if days:
            self._set_days(days)
            self.recompute()

    def _dates_typed(self, _day: QDate) -> None:
        if self.preset.currentData():
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(self.preset.findData(0))
            self.preset.blockSignals(False)
        self.recompute()

    # ----- the start column
    def _fill_start_columns(self) -> None:
        combo = self.start_combo
        combo.blockSignals(True)
        combo.clear()
        board = self.board
        if board is not None:
            default = next((c for c in board.columns if c.kind == "doing"), None)
            combo.addItem(f"First “doing” column ({shown(default.name)})" if default
                          else "First “doing” column", None)
            for column in board.columns:
                if column.kind != "done":
                    combo.addItem(shown(column.name), column.id)
            chosen = board.start_column_id
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(0, index))
        combo.setEnabled(board is not None and not self.services.read_only)
        combo.blockSignals(False)

    def _start_chosen(self, _index: int) -> None:
        self.set_start_column(self.start_combo.currentData())

    def set_start_column(self, column_id: int | None) -> bool:
        """Store where the board's work starts (one undo step)."""
        if self.board is None or self.board_id is None:
            return False
        old = self.board.start_column_id
        if old == column_id:
            return False
        names = {c.id: c.name for c in self.board.columns}
        where = quoted(names[column_id]) if column_id in names else "the first “doing” column"
        board_id, boards = self.board_id, self.services.boards
        command = ServiceCommand(f"Start cycle time in {where}",
                                 lambda: boards.set_start_column(board_id, column_id),
                                 lambda: boards.set_start_column(board_id, old), self.bus)
        if not execute(self.stack, command):
            self._fill_start_columns()
            return False
        return True

    # ----- keeping current
    def _on_changed(self, changes: ChangeSet, _origin: object) -> None:
        if self.board_id is None or not changes.touches(Entity.TASK, Entity.COLUMN,
                                                        Entity.BOARD):
            return
        self.stale = True
        if self.isVisible():
            self._timer.start()

    def _on_reloaded(self, *_args: Any) -> None:
        self.stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            self.reload()
