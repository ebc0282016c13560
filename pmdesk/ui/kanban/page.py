"""The Board page: board selector, swimlanes, filter bar and the board itself."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.kanban import commands
from pmdesk.ui.kanban.archive import ArchiveDialog
from pmdesk.ui.kanban.board_data import BoardData, CardFilter, Lanes
from pmdesk.ui.kanban.board_menu import BoardMenu
from pmdesk.ui.kanban.board_view import BoardView
from pmdesk.ui.kanban.controller import BoardController
from pmdesk.ui.kanban.editor import CardEditor
from pmdesk.ui.kanban.filter_bar import FilterBar
from pmdesk.ui.kanban.habits import BoardHabits
from pmdesk.ui.page import Page
from pmdesk.ui.text import plain, shown
from pmdesk.ui.undo_bar import UndoBar

_NONE_PENDING = object()  # no board waits for the page to be shown


class BoardPage(Page):
    """The project manager's kanban board of the selected product."""

    title = "Board"

    def __init__(self, services: Services, undo_stack: QUndoStack, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, undo_stack, bus, parent)
        self.setObjectName("boardPage")
        self.data = BoardData()
        self.view = BoardView(self.data)
        self.controller = BoardController(services, undo_stack, bus, self.data, self.view, self)
        self.controller.counts_changed.connect(self._update_count)
        self.controller.open_requested.connect(self.open_card)
        self.controller.board_gone.connect(self._fill_boards)
        self.editor: CardEditor | None = None
        self.archive_dialog: ArchiveDialog | None = None
        self._boards: dict[int, int] = {}  # product id -> last board shown
        self._pending_board: int | None | object = _NONE_PENDING

        self.board_combo = QComboBox()
        self.board_combo.setObjectName("boardSelector")
        self.board_combo.setAccessibleName("Board")
        self.board_combo.setMinimumWidth(160)
        self.board_combo.currentIndexChanged.connect(self._board_chosen)
        self.board_menu = BoardMenu(
            services, undo_stack, bus,
            lambda: (self.product_id, self.board_combo.currentData(),
                     self.board_combo.currentText()),
            self.select_board, self)
        self.lanes_combo = QComboBox()
        self.lanes_combo.setObjectName("swimlanes")
        self.lanes_combo.setAccessibleName("Swimlanes")
        for lanes in Lanes:
            self.lanes_combo.addItem(lanes.label, lanes.value)
        self.lanes_combo.currentIndexChanged.connect(self._lanes_chosen)
        add_column = QPushButton("Add column")
        add_column.setObjectName("addColumn")
        add_column.clicked.connect(self._add_column)
        archive = QPushButton("Archive…")
        archive.setObjectName("showArchive")
        archive.setToolTip("Archived cards of this board, to restore")
        archive.clicked.connect(self.show_archive)
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self.set_filter)
        self.banner = plain(QLabel())
        self.banner.setObjectName("boardMessage")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #FDECEA; color: #8E1B1B; padding: 6px 10px; border-radius: 4px;"
        )
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Dismiss message")
        close.setAutoRaise(True)
        close.clicked.connect(lambda: self._banner_row.hide())
        self._banner_row = QWidget()
        banner_layout = QHBoxLayout(self._banner_row)
        banner_layout.setContentsMargins(10, 0, 10, 0)
        banner_layout.addWidget(self.banner, 1)
        banner_layout.addWidget(close)
        self._banner_row.hide()
        self.undo_bar = UndoBar(undo_stack)
        self.controller.archived.connect(self.undo_bar.announce)
        self.habits = BoardHabits(self)
        self.controller.page_gesture.connect(self.habits.on_gesture)

        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 0)
        top.addWidget(QLabel("Board"))
        top.addWidget(self.board_combo)
        top.addWidget(self.board_menu)
        top.addSpacing(12)
        top.addWidget(QLabel("Swimlanes"))
        top.addWidget(self.lanes_combo)
        top.addStretch()
        top.addWidget(add_column)
        top.addWidget(archive)
        filters = QHBoxLayout()
        filters.setContentsMargins(12, 0, 12, 4)
        filters.addWidget(self.filter_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self._banner_row)
        layout.addWidget(self.view, 1)
        undo_row = QHBoxLayout()
        undo_row.setContentsMargins(12, 0, 12, 8)
        undo_row.addStretch()
        undo_row.addWidget(self.undo_bar)
        undo_row.addStretch()
        layout.addLayout(undo_row)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        bus.failed.connect(self.show_message)
        bus.changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_board is not _NONE_PENDING:
            self.show_board(self._pending_board)  # type: ignore[arg-type]
        elif self.controller.stale:
            self.controller.reload()
            self.filter_bar.set_choices(self.data.snapshot)

    # ----- product and board
    def set_product(self, product_id: int | None) -> None:
        super().set_product(product_id)
        self._fill_boards()

    def _fill_boards(self) -> None:
        boards = self.services.boards.list_boards(self.product_id) if self.product_id else []
        wanted = self._boards.get(self.product_id or 0, self.data.board_id)
        self.board_combo.blockSignals(True)
        self.board_combo.clear()
        for board in boards:
            self.board_combo.addItem(shown(board.name), board.id)
        index = self.board_combo.findData(wanted)
        self.board_combo.setCurrentIndex(index if index >= 0 else 0)
        self.board_combo.blockSignals(False)
        self._board_chosen()

    def select_board(self, board_id: int) -> None:
        index = self.board_combo.findData(board_id)
        if index >= 0:
            self.board_combo.setCurrentIndex(index)

    def _board_chosen(self, *args: Any) -> None:
        board_id = self.board_combo.currentData()
        if self.product_id is not None and board_id is not None:
            self._boards[self.product_id] = board_id
        shown = self._pending_board is _NONE_PENDING and self.data.board_id is not None
        if shown and board_id == self.data.board_id:
            return  # already on screen; the controller keeps it current
        self.show_board(board_id)

    def show_board(self, board_id: int | None) -> None:
        """Show a board; while the page is hidden, only remember it (read when shown)."""
        if not self.isVisible():
            self._pending_board = board_id
            self.controller.stale = False
            return
        self._pending_board = _NONE_PENDING
        self.controller.load(board_id)
        self.filter_bar.set_choices(self.data.snapshot)
        self.data.set_filter(self.filter_bar.value())
        if self.data.filter.active:
            self.controller.regroup()

    def _on_changed(self, changes: ChangeSet, origin: object) -> None:
        boards = [c for c in changes.changes if c.entity is Entity.BOARD]
        if self.product_id is not None and any(
            c.product_id in (None, self.product_id) for c in boards
        ):
            self._fill_boards()
        elif changes.touches(Entity.LABEL, Entity.PERSON, Entity.INITIATIVE, Entity.GOAL):
            self.filter_bar.set_choices(self.data.snapshot)

    # ----- filter and lanes
    def set_filter(self, value: CardFilter) -> None:
        self.data.set_filter(value)
        self.controller.regroup()

    def set_lanes(self, lanes: Lanes) -> None:
        self.lanes_combo.setCurrentIndex(self.lanes_combo.findData(lanes.value))

    def _lanes_chosen(self, *args: Any) -> None:
        self.data.lanes = Lanes(self.lanes_combo.currentData())
        self.controller.regroup()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def _update_count(self) -> None:
        self.filter_bar.set_count(self.data.visible_count(), len(self.data.tasks))

    # ----- messages
    def show_message(self, message: str) -> None:
        """Show a refusal; inside a main window, the window reports ``bus.failed`` itself."""
        if self.window() is not self:
            return
        self.banner.setText(message)
        self._banner_row.show()

    # ----- dialogs
    def open_card(self, task_id: int) -> CardEditor | None:
        """Open the card editor (non-blocking; tests drive it directly)."""
        if self.data.snapshot is None:
            return None
        try:
            detail = self.services.tasks.get_task(task_id)
        except PmdeskError as exc:
            self.bus.failed.emit(exc.message)
            return None

        def save(fields: dict[str, Any], checklist: Any) -> bool:
            command = commands.edit_card(self.services, self.bus, detail, fields, checklist,
                                         self.controller)
            problem = self.controller.run_quietly(command)
            if problem is not None and self.editor is not None:
                self.editor.show_error(problem)
            return problem is None

        self.editor = CardEditor(detail, self.data.snapshot, save, self)
        self.editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor.finished.connect(self._editor_closed)
        self.editor.open()
        return self.editor

    def _editor_closed(self) -> None:
        self.editor = None
        if self.view.active_view is not None:
            self.view.active_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_archive(self) -> ArchiveDialog | None:
        if self.data.board_id is None:
            return None
        if self.archive_dialog is None or self.archive_dialog.board_id != self.data.board_id:
            self.archive_dialog = ArchiveDialog(
                self.services, self.bus, self.data.board_id, self.restore_cards,
                lambda ids: self.controller.delete(ids), self,
            )
        self.archive_dialog.refresh()
        self.archive_dialog.show()
        return self.archive_dialog

    def restore_cards(self, task_ids: Sequence[int]) -> bool:
        tasks = self.services.tasks.get_tasks(task_ids)
        archived = [t for t in tasks if t.archived]
        if not archived:
            return False
        placements = [TaskMove(t.id, t.column_id) for t in archived]
        command = commands.restore_cards(self.services, self.bus, placements,
                                         [t.title for t in archived], self.controller)
        return self.controller.run(command)

    def _add_column(self) -> None:
        name = self.controller.prompts.column_name("Add column", "")
        if name is not None:
            self.controller.add_column(name)
