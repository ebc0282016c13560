"""Lay the board out: column headers side by side, then one row of card lists per swimlane."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from pmdesk.ui.kanban.board_data import ALL_CARDS, OTHER_LANES, BoardData, Lanes
from pmdesk.ui.kanban.delegate import CardDelegate
from pmdesk.ui.kanban.model import ColumnModel, DropHandler, TaskIdRole
from pmdesk.ui.kanban.widgets import (
    BOARD_STYLE,
    SCROLLBAR_STYLE,
    CardListView,
    ColumnHeader,
    LaneHeader,
)

LANES_OPEN = 8  # swimlanes shown unfolded when a board is grouped; the rest start folded

Key = tuple[int, int]  # (column id, lane key)


class BoardView(QWidget):
    """The board widget (``boardView``); the controller fills it and reacts to its signals."""

    gesture = Signal(object, str)  # (CardListView, gesture name)
    column_action = Signal(int, str, object)  # (column id, action, payload)
    add_card = Signal(int, str)  # (column id, title)
    card_menu = Signal(object, QPoint)  # (CardListView, global position)
    card_selected = Signal(int)  # the current card of the focused list
    cards_painted = Signal()

    def __init__(self, data: BoardData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardView")
        self.setAccessibleName("boardView")
        self.data = data
        self.delegate = CardDelegate(self)
        self._quiet_selection = False  # see ``refresh_models``
        self.drop_handler: DropHandler | None = None
        self.models: dict[Key, ColumnModel] = {}
        self.views: dict[Key, CardListView] = {}
        self.headers: dict[int, ColumnHeader] = {}
        self.expanded: set[int] = set()
        self.active_view: CardListView | None = None
        self.grouping: Lanes | None = None
        self._grid: QGridLayout | None = None
        self._pool: dict[int, tuple[LaneHeader, dict[int, CardListView]]] = {}  # lane → widgets
        self._unfilled: list[CardListView] = []  # placed lists that have yet to take their model
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The board's rules sit on the scroll area, which stays, rather than on each new
        # canvas: a canvas with a sheet of its own repolishes every widget in it again when
        # it moves into the scroll area.
        self.scroll.setStyleSheet("QScrollArea { background: #F7F8FA; }" + BOARD_STYLE
                                  + SCROLLBAR_STYLE)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #5F6B7A; font-size: 12pt;")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        layout.addWidget(self.empty)

    # ----- building
    def rebuild(self) -> None:
        """Recreate the columns and lanes from ``data`` (structure changed)."""
        focus_key = self.key_of(self.active_view) if self.active_view else None
        self.models.clear()
        self.views.clear()
        self.headers.clear()
        self.active_view = None
        container = QWidget()
        container.setObjectName("boardCanvas")
        grid = QGridLayout(container)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(0)
        columns = self.data.columns
        for x, column in enumerate(columns):
            header = ColumnHeader(column)
            header.add_card.connect(lambda title, c=column.id: self.add_card.emit(c, title))
            header.add_cancelled.connect(lambda c=column.id: self._focus_column(c))
            header.action.connect(
                lambda name, payload, c=column.id: self.column_action.emit(c, name, payload)
            )
            self.headers[column.id] = header
            grid.addWidget(header, 0, x)
        if self.grouping is not self.data.lanes:
            self.grouping = self.data.lanes
            self.expanded = set()
        self._grid, self._pool = grid, {}
        if self.data.lanes is Lanes.NONE:
            for x, column in enumerate(columns):
                grid.addWidget(self._cell(column.id, ALL_CARDS, column.name, fit=False), 1, x)
            grid.setRowStretch(1, 1)
        else:
            self._lay_lanes()
        for x in range(len(columns)):
            grid.setColumnStretch(x, 1)
        grid.setColumnStretch(len(columns), 0)
        self.scroll.setWidget(container)
        self._fill_cells()
        self.empty.setText("" if self.data.snapshot else "This product has no board yet.")
        self.empty.setVisible(self.data.snapshot is None)
        self.scroll.setVisible(self.data.snapshot is not None)
        self.update_headers()
        if focus_key in self.views:
            self.active_view = self.views[focus_key]

    def _lay_lanes(self) -> None:
        """Put one header per lane in the grid, and the card lists of the open lanes.

        Lanes already built are reused: typing in the filter changes which lanes show
        far more often than what a lane is, and building card lists is what costs.
        """
        grid, columns = self._grid, self.data.columns
        counts = self.data.lane_counts()
        lanes = self.data.lane_list(counts)
        counts = dict(counts)
        listed = {lane.key for lane in lanes}
        counts[OTHER_LANES] = sum(n for key, n in counts.items() if key not in listed)
        if not self.expanded:
            self.expanded = {lane.key for lane in lanes[:LANES_OPEN]}
        for row in range(grid.rowCount()):
            grid.setRowStretch(row, 0)
        self.models, self.views = {}, {}
        placed: set[QWidget] = set()
        row = 1
        with self.data.lanes_at_once():
            for lane in lanes:
                open_ = lane.key in self.expanded
                header, cells = self._pool.get(lane.key, (None, {}))
                if header is None:
                    header = LaneHeader(lane.title, lane.colour, counts.get(lane.key, 0), open_)
                    header.toggled.connect(lambda on, k=lane.key: self._toggle_lane(k, on))
                    self._pool[lane.key] = (header, cells)
                else:
                    header.set_count(lane.title, counts.get(lane.key, 0))
                grid.addWidget(header, row, 0, 1, max(1, len(columns)))
                placed.add(header)
                row += 1
                if not open_:
                    continue
                for x, column in enumerate(columns):
                    view = cells.get(column.id)
                    if view is None:
                        view = cells[column.id] = self._cell(column.id, lane.key, column.name,
                                                             fit=True)
                    else:
                        view.column_model().refresh()
                        self.models[(column.id, lane.key)] = view.column_model()
                        self.views[(column.id, lane.key)] = view
                    grid.addWidget(view, row, x, Qt.AlignmentFlag.AlignTop)
                    placed.add(view)
                row += 1
        for header, cells in self._pool.values():
            for widget in (header, *cells.values()):
                if widget.isHidden() == (widget in placed):
                    widget.setVisible(widget in placed)
        grid.setRowStretch(row, 1)

    def regroup(self) -> None:
        """The filter changed with swimlanes on: show the lanes that now hold cards."""
        if self.grouping is not self.data.lanes or self._grid is None:
            self.rebuild()
            return
        focus_key = self.key_of(self.active_view)
        grid = self._grid
        for index in reversed(range(grid.count())):
            if grid.getItemPosition(index)[0] >= 1:
                grid.takeAt(index)  # the lane's widgets stay; only their places go
        self._lay_lanes()
        self._fill_cells()
        self.active_view = self.views.get(focus_key) if focus_key else None
        self.update_headers()

    def _cell(self, column_id: int, lane: int, name: str, fit: bool) -> CardListView:
        model = ColumnModel(self.data, column_id, lane, lazy=not fit)
        model.drop_handler = self._drop
        view = CardListView(model, name)
        model.setParent(view)
        view.setItemDelegate(self.delegate)
        if fit:
            view.fit_to_rows(True)
        view.gesture.connect(lambda name, v=view: self.gesture.emit(v, name))
        view.focused.connect(lambda v=view: self._set_active(v))
        view.refused.connect(lambda on, c=column_id: self._mark_refused(c, on))
        view.painted.connect(self.cards_painted)
        view.customContextMenuRequested.connect(
            lambda pos, v=view: self.card_menu.emit(v, v.viewport().mapToGlobal(pos))
        )
        self.models[(column_id, lane)] = model
        self.views[(column_id, lane)] = view
        self._unfilled.append(view)
        return view

    def _fill_cells(self) -> None:
        """Hand the new card lists their models now that they sit in the board."""
        for view in self._unfilled:
            view.show_cards()
            view.selectionModel().currentChanged.connect(
                lambda current, _previous: self._current_changed(current)
            )
        self._unfilled.clear()

    def _drop(self, ids: list[int], column_id: int, lane: int, row: int) -> bool:
        return self.drop_handler(ids, column_id, lane, row) if self.drop_handler else False

    def _mark_refused(self, column_id: int, on: bool) -> None:
        header = self.headers.get(column_id)
        if header is not None:
            header.mark_refused(on)

    def _toggle_lane(self, lane: int, on: bool) -> None:
        if on:
            self.expanded.add(lane)
        else:
            self.expanded.discard(lane)
        self.rebuild()

    def _focus_column(self, column_id: int) -> None:
        view = next(self.views_of_column(column_id), None)
        if view is not None:
            view.focus_row(view.visible_row())

    def _set_active(self, view: CardListView) -> None:
        """One list holds the selection at a time, like one board would."""
        self.active_view = view
        for other in self.views.values():
            if other is not view and other.selectionModel().hasSelection():
                other.clearSelection()

    def _current_changed(self, current: QModelIndex) -> None:
        task_id = current.data(TaskIdRole) if current.isValid() else None
        if task_id is not None and not self._quiet_selection:
            self.card_selected.emit(int(task_id))

    # ----- updating
    def update_headers(self) -> None:
        shown_by_column: dict[int, int] = {}
        if self.data.filter.active:
            for (column_id, _lane), model in self.models.items():
                shown_by_column[column_id] = shown_by_column.get(column_id, 0) + model.rowCount()
            if self.data.lanes is not Lanes.NONE:
                shown_by_column = {c.id: self.data.shown_in(c.id) for c in self.data.columns}
        names = {c.id: c.name for c in self.data.columns}
        for (column_id, _lane), view in self.views.items():
            if column_id in names and view.accessibleName() != names[column_id]:
                view.setAccessibleName(names[column_id])
        for column in self.data.columns:
            header = self.headers.get(column.id)
            if header is not None:
                header.update_column(column, len(self.data.orders.get(column.id, ())),
                                     shown_by_column.get(column.id))

    def refresh_models(self, column_ids: set[int] | None, changed: set[int]) -> None:
        # A card leaving a list hands its current index to a neighbour for a moment; that
        # is not the user choosing the neighbour, so the history does not follow it.
        self._quiet_selection = True
        try:
            with self.data.lanes_at_once():
                for (column_id, _lane), model in self.models.items():
                    if column_ids is None or column_id in column_ids:
                        model.refresh(changed)
                    elif changed:
                        model.sync(model.all_ids, changed)
        finally:
            self._quiet_selection = False
        self.update_headers()

    def reset_models(self) -> None:
        with self.data.lanes_at_once():
            for model in self.models.values():
                model.reset()
        self.update_headers()

    # ----- lookups
    def key_of(self, view: CardListView | None) -> Key | None:
        return next((k for k, v in self.views.items() if v is view), None)

    def view_for(self, column_id: int, lane: int = ALL_CARDS) -> CardListView | None:
        return self.views.get((column_id, lane))

    def views_of_column(self, column_id: int) -> Iterator[CardListView]:
        return (v for (c, _), v in self.views.items() if c == column_id)

    def neighbour(self, view: CardListView, step: int) -> CardListView | None:
        """The card list ``step`` columns away in the same lane."""
        key = self.key_of(view)
        if key is None:
            return None
        index = self.data.column_index(key[0]) + step
        columns = self.data.columns
        if not 0 <= index < len(columns):
            return None
        return self.views.get((columns[index].id, key[1]))

    def select_task(self, task_id: int) -> CardListView | None:
        for view in self.views.values():
            if view.select_task(task_id):
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                self._set_active(view)
                return view
        return None
