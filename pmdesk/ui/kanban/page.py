"""The Board page: board selector, swimlanes, filter bar and the board itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.values import TaskMove
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.kanban import commands
from pmdesk.ui.kanban.board_data import BoardData, CardFilter, Lanes, flow_filter
from pmdesk.ui.kanban.board_menu import BoardMenu
from pmdesk.ui.kanban.board_view import BoardView
from pmdesk.ui.kanban.controller import BoardController
from pmdesk.ui.kanban.filter_bar import FilterBar
from pmdesk.ui.kanban.habits import BoardHabits
from pmdesk.ui.message_bar import MessageBar
from pmdesk.ui.page import Page
from pmdesk.ui.text import shown
from pmdesk.ui.undo_bar import UndoBar

if TYPE_CHECKING:
    from pmdesk.services import Services
    from pmdesk.ui.flow.panel import FlowPanel
    from pmdesk.ui.kanban.archive import ArchiveDialog
    from pmdesk.ui.kanban.editor import CardEditor

_NONE_PENDING = object()  # no board waits for the page to be shown
AGES_AFTER_CHANGE_MS = 300  # card ages are read again once a burst of changes settles


class BoardPage(Page):
    """The project manager's kanban board of the selected product."""

    title = "Board"

    def __init__(self, services: Services, undo_stack: QUndoStack, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, undo_stack, bus, parent)
        self.setObjectName("boardPage")
        self.data = BoardData()
        self.view = BoardView(self.data)
        self.view.cards_painted.connect(self._cards_painted)
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
        self._banner_row = MessageBar("boardMessageBar", "boardMessage")
        self.banner = self._banner_row.label
        self.undo_bar = UndoBar(undo_stack)
        self.controller.archived.connect(self.undo_bar.announce)
        self.habits = BoardHabits(self)
        self.controller.page_gesture.connect(self.habits.on_gesture)
        self._flow: FlowPanel | None = None  # built when first shown
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.mode_cards = self._mode_button("Cards", "boardModeCards", "The board's cards")
        self.mode_flow = self._mode_button("Flow", "boardModeFlow",
                                           "Cumulative flow, throughput, cycle time and the "
                                           "age of the work in progress (Ctrl+Alt+F)")
        self.mode_cards.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.mode_cards)
        modes.addButton(self.mode_flow)
        self.mode_flow.toggled.connect(self.show_flow)
        self._ages_timer = QTimer(self)
        self._ages_timer.setSingleShot(True)
        self._ages_timer.timeout.connect(self.refresh_ages)
        self._ages_after_paint = False

        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 0)
        top.addWidget(QLabel("Board"))
        top.addWidget(self.board_combo)
        top.addWidget(self.board_menu)
        top.addSpacing(12)
        top.addWidget(QLabel("Swimlanes"))
        top.addWidget(self.lanes_combo)
        top.addSpacing(12)
        top.addWidget(self.mode_cards)
        top.addWidget(self.mode_flow)
        top.addStretch()
        self.add_column_button = add_column
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
        layout.addWidget(self.stack, 1)
        undo_row = QHBoxLayout()
        undo_row.setContentsMargins(12, 0, 12, 8)
        undo_row.addStretch()
        undo_row.addWidget(self.undo_bar)
        undo_row.addStretch()
        layout.addLayout(undo_row)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        flow_keys = QShortcut(QKeySequence("Ctrl+Alt+F"), self)
        flow_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        flow_keys.activated.connect(lambda: self.show_flow(not self.showing_flow))
        bus.failed.connect(self.show_message)
        bus.changed.connect(self._on_changed)

    @property
    def flow(self) -> FlowPanel:
        """The board's flow charts, built the first time they are asked for."""
        if self._flow is None:
            from pmdesk.ui.flow.panel import FlowPanel

            panel = FlowPanel(self.services, self.undo_stack, self.bus)
            panel.card_requested.connect(self.reveal_card)
            panel.card_opened.connect(self.open_card)
            panel.keep = flow_filter(self.filter_bar.value())
            self.stack.addWidget(panel)
            self._flow = panel
            panel.show_board(self.data.board_id)
        return self._flow

    def use_services(self, services: Services) -> None:
        super().use_services(services)
        self.controller.services = services
        self.board_menu.services = services
        if self._flow is not None:
            self._flow.services = services
        if not self.data.complete:
            self.controller.reload()  # the cards below the first screen were not read
            self.filter_bar.set_choices(self.data.snapshot)
        if self.data.board_id is not None:
            self._ages_timer.start(0)  # refused while the services were opening

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
        snapshot = self.data.snapshot
        if snapshot is not None and not self.data.complete:  # a first paint: the long list
            snapshot = replace(snapshot, initiatives={})  # of initiatives comes after it
        self.filter_bar.set_choices(snapshot)
        self.data.set_filter(self.filter_bar.value())
        if self.data.filter.active:
            self.controller.regroup()
        if self._flow is not None:
            self._flow.keep = flow_filter(self.filter_bar.value())
            self._flow.show_board(board_id)
        self._ages_after_paint = True
        if not self.data.tasks:
            self._ages_timer.start(0)  # no card will be painted to wait for

    def _cards_painted(self) -> None:
        if self._ages_after_paint:  # the ages read the board's whole history: the cards
            self._ages_after_paint = False  # are on screen first
            self._ages_timer.start(0)

    def _on_changed(self, changes: ChangeSet, origin: object) -> None:
        if self.data.board_id is not None and changes.touches(Entity.TASK, Entity.COLUMN,
                                                              Entity.BOARD):
            self._ages_timer.start(AGES_AFTER_CHANGE_MS)
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
        if self._flow is not None:
            self._flow.set_filter(flow_filter(value))

    # ----- cards or flow
    def _mode_button(self, text: str, name: str, tip: str) -> QToolButton:
        button = QToolButton(objectName=name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(f"Show {text.lower()}")
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setStyleSheet("QToolButton { padding: 3px 10px; border: 1px solid #C9D1DB; }"
                             "QToolButton:checked { background: #DCE8FD; color: #1B4FB8;"
                             " border-color: #8DB1F2; font-weight: 600; }")
        return button

    @property
    def showing_flow(self) -> bool:
        return self._flow is not None and self.stack.currentWidget() is self._flow

    def show_flow(self, on: bool = True) -> None:
        """Show the board's flow charts (or its cards again)."""
        (self.mode_flow if on else self.mode_cards).setChecked(True)
        self.stack.setCurrentWidget(self.flow if on else self.view)
        # A due date says nothing about a card's past, so the charts do not filter by it.
        self.filter_bar.due.setVisible(not on)
        self.add_column_button.setVisible(not on)

    def reveal_card(self, task_id: int) -> None:
        """Show a card on the board, selected; one no longer on it opens in the editor."""
        self.show_flow(False)
        if task_id in self.data.tasks and self.view.select_task(task_id) is not None:
            return
        self.open_card(task_id)

    def refresh_ages(self) -> None:
        """Read how long the cards in progress have been going (for the age badges)."""
        board_id = self.data.board_id
        if board_id is None or self.services.workspace.closed:
            self.data.ages = None
            return
        try:
            self.data.ages = self.services.flow.card_ages(board_id)
        except PmdeskError:
            return  # busy or gone: the next change tries again
        for view in self.view.views.values():
            view.viewport().update()

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
        self._banner_row.show_message(message)

    # ----- dialogs
    def open_card(self, task_id: int) -> CardEditor | None:
        """Open the card editor (non-blocking; tests drive it directly)."""
        from pmdesk.ui.kanban.editor import CardEditor

        if self.data.snapshot is None:
            return None
        try:
            detail = self.services.tasks.get_task(task_id)
        except PmdeskError as exc:
            self.bus.failed.emit(exc.message)
            return None

        def save(fields: dict[str, Any], checklist: Any) -> bool:
            editor = self.editor  # its card is the one it last saved over (after a clash)
            loaded = editor.detail if editor is not None else detail
            command = commands.edit_card(self.services, self.bus, loaded, fields, checklist,
                                         self.controller)
            problem = self.controller.run_quietly(command)
            if problem is not None and editor is not None:
                editor.refused(command.error, problem)
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
        from pmdesk.ui.kanban.archive import ArchiveDialog

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
