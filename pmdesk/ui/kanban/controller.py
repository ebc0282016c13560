"""Turn board gestures into undo commands and service results into targeted model updates."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from pmdesk.domain.changes import CardPlace, ChangeSet
from pmdesk.domain.enums import Action, ColumnKind, Entity
from pmdesk.domain.errors import NotFoundError
from pmdesk.domain.values import TaskMove
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import ServiceCommand, execute, execute_quietly
from pmdesk.ui.kanban import commands
from pmdesk.ui.kanban.board_data import ALL_CARDS, NO_LANE, OTHER_LANES, BoardData, Lanes
from pmdesk.ui.kanban.board_view import BoardView
from pmdesk.ui.kanban.column_dialogs import Prompts
from pmdesk.ui.kanban.widgets import PAGE_GESTURES, CardListView
from pmdesk.ui.shortcuts import hint

if TYPE_CHECKING:
    from pmdesk.services import Services

ORDER_FIELDS = frozenset({"column_id", "position", "archived_at"})
RELOAD_OVER = 400  # changed cards beyond which one snapshot read is cheaper
STRUCTURE = (Entity.BOARD, Entity.COLUMN)
TAGS = (Entity.LABEL, Entity.PERSON, Entity.INITIATIVE, Entity.GOAL, Entity.PRODUCT)


class BoardController(QObject):
    """Owns the board's cached rows; the only place that talks to the services."""

    counts_changed = Signal()
    open_requested = Signal(int)
    board_gone = Signal()  # the board shown was deleted (here or by another writer)
    archived = Signal(str)  # "Archived “Login page”": the page offers Undo
    page_gesture = Signal(str, list)  # filter, my_cards, assign_me, due, labels, shortcuts

    def __init__(self, services: Services, undo_stack: QUndoStack, bus: ChangeBus,
                 data: BoardData, view: BoardView, parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self.stack, self.bus = services, undo_stack, bus
        self.data, self.view = data, view
        self.prompts = Prompts(parent)
        self.stale = False  # changes arrived while the board was hidden: reload when shown
        view.drop_handler = self.drop
        view.gesture.connect(self.on_gesture)
        view.column_action.connect(self.on_column_action)
        view.add_card.connect(self._quick_add)
        view.card_menu.connect(self.show_card_menu)
        view.card_selected.connect(lambda task_id: bus.selected.emit(Entity.TASK, task_id))
        bus.changed.connect(self.on_changed)
        bus.reloaded.connect(self.reload)

    # ----- loading
    def load(self, board_id: int | None) -> None:
        self.stale = False
        if board_id is None:
            self.data.clear()
        else:
            cards = self.services.boards.cards(board_id)
            collecting = gc.isenabled()
            gc.disable()  # thousands of small values: skip collections that would find nothing
            try:
                self.data.load(cards)
            finally:
                if collecting:
                    gc.enable()
        self.view.rebuild()
        self.counts_changed.emit()

    def reload(self) -> None:
        """Read the whole board again (after structural changes or another writer)."""
        self.stale = False
        if self.data.board_id is None:
            return
        before = ([c.id for c in self.data.columns], self.data.lane_list())
        try:
            cards = self.services.boards.cards(self.data.board_id)
        except NotFoundError:
            self.load(None)
            self.board_gone.emit()
            return
        self.data.load(cards)
        if ([c.id for c in self.data.columns], self.data.lane_list()) != before:
            self.view.rebuild()
        else:
            self.view.refresh_models(None, set(self.data.tasks))
        self.counts_changed.emit()

    def regroup(self) -> None:
        """The filter or the swimlanes changed: recompute every list."""
        if self.data.lanes is Lanes.NONE and self.view.grouping is Lanes.NONE:
            self.view.reset_models()
        else:
            self.view.regroup()
        self.counts_changed.emit()

    def on_changed(self, changes: ChangeSet, origin: object = None) -> None:
        if self.data.board_id is None or self.stale:
            return
        if not self.view.isVisible() and changes.touches(*STRUCTURE, *TAGS, Entity.TASK):
            self.stale = True  # another tab is showing; catch up in one read when shown
            return
        if self._concerns_board(changes):
            self.reload()
            return
        task_ids = changes.ids(Entity.TASK)
        if not task_ids:
            return
        # A write of this process hands over its cards and where they now sit; what it
        # does not carry (another process's change) is read back by id.
        rows = changes.task_rows()
        places = changes.card_places()
        unread = task_ids - rows.keys() - changes.ids(Entity.TASK, Action.DELETE)
        if len(unread) > RELOAD_OVER:
            self.reload()
            return
        if unread:
            rows.update((t.id, t) for t in self.services.tasks.get_tasks(unread))
        touched: set[int] = set()
        leaving: dict[int, list[int]] = {}  # column: its cards that left or moved within it
        arriving: dict[int, list[CardPlace]] = {}  # column: cards placed in it, and where
        unplaced: set[int] = set()  # columns whose new order only a read can tell
        lanes_before = self._lane_keys()
        created_or_deleted = changes.ids(Entity.TASK, Action.CREATE, Action.DELETE)
        for task_id in task_ids:
            old = self.data.tasks.get(task_id)
            new = rows.get(task_id)
            if new is not None and (new.board_id != self.data.board_id or new.archived):
                new = None
            if old is None and new is None:
                continue
            touched.update(task.column_id for task in (old, new) if task is not None)
            if (task_id in created_or_deleted or old is None or new is None
                    or changes.fields_of(Entity.TASK, task_id) & ORDER_FIELDS):
                if old is not None:
                    leaving.setdefault(old.column_id, []).append(task_id)
                place = places.get(task_id)
                if new is not None and place is not None:
                    arriving.setdefault(new.column_id, []).append(place)
                elif new is not None:
                    unplaced.add(new.column_id)
            if new is None:
                self.data.drop(task_id)
            else:
                self.data.put(new)
        orders = changes.column_orders()
        for column_id in orders.keys() | leaving.keys() | arriving.keys() | unplaced:
            if column_id not in self.data.orders:
                continue
            if column_id in orders:  # the write renumbered it: it came whole
                self.data.orders[column_id] = orders[column_id]
            elif column_id in unplaced:
                self.data.orders[column_id] = self.services.boards.column_order(column_id)
            else:
                self.data.orders[column_id] = moved_in_order(
                    self.data.orders[column_id], leaving.get(column_id, ()),
                    arriving.get(column_id, ()))
            touched.add(column_id)
        if self.data.lanes is not Lanes.NONE and self._lane_keys() != lanes_before:
            self.view.rebuild()
        else:
            self.view.refresh_models(touched, set(task_ids))
        self.counts_changed.emit()

    def _concerns_board(self, changes: ChangeSet) -> bool:
        """Boards, columns, people, labels, initiatives or goals of this product changed."""
        snapshot = self.data.snapshot
        product_id = snapshot.board.product_id if snapshot else None
        return any(c.entity in STRUCTURE + TAGS and c.product_id in (None, product_id)
                   for c in changes.changes)

    def _lane_keys(self) -> list[int]:
        return [lane.key for lane in self.data.lane_list()]

    # ----- running commands
    def run(self, command: ServiceCommand) -> bool:
        return execute(self.stack, command)

    def run_quietly(self, command: ServiceCommand) -> str | None:
        """Like ``run`` but hand a refusal back instead of broadcasting it (dialogs show it)."""
        return execute_quietly(self.stack, command)

    def drop(self, ids: list[int], column_id: int, lane: int, row: int) -> bool:
        """Move ``ids`` before the visible card at ``row`` of a column (and lane)."""
        column = self.data.column(column_id)
        ids = [i for i in ids if i in self.data.tasks]
        if column is None or not ids:
            return False
        view = self.view.view_for(column_id, lane)
        visible = view.column_model().ids if view else self.data.ids_in(column_id, lane)
        moving = set(ids)
        others = [i for i in self.data.orders.get(column_id, []) if i not in moving]
        row = max(0, min(row, len(visible)))
        after = next((i for i in visible[row:] if i not in moving), None)
        before = next((i for i in reversed(visible[:row]) if i not in moving), None)
        if after is not None:
            index = others.index(after)
        elif before is not None:
            index = others.index(before) + 1
        else:
            index = len(others)
        fields: dict[str, Any] = {}
        field = self.data.lane_field()
        if field is not None and lane not in (ALL_CARDS, OTHER_LANES):
            fields = {field: None if lane == NO_LANE else lane}
        moves = []
        for offset, task_id in enumerate(ids):
            task = self.data.tasks[task_id]
            changes = {k: v for k, v in fields.items() if getattr(task, k) != v}
            moves.append(TaskMove(task_id, column_id, index + offset, changes))
        final = others[:index] + ids + others[index:]
        if final == self.data.orders.get(column_id) and not any(m.fields for m in moves):
            return False
        same = all(self.data.tasks[i].column_id == column_id for i in ids)
        target = f"within {column.name}" if same else f"to {column.name}"
        command = commands.move_cards(self.services, self.bus, moves, self.data.titles(ids),
                                      target, self)
        if not self.run(command):
            return False
        if self.view.select_task(ids[0]) is None:
            self.view.setFocus()
        return True

    # ----- cards
    def add_card(self, column_id: int, title: str, index: int | None = 0) -> int | None:
        column = self.data.column(column_id)
        if column is None:
            return None
        command = commands.add_card(self.services, self.bus, column, title, index, self)
        if not self.run(command):
            return None
        return int(command.created_id)  # type: ignore[attr-defined]

    def _quick_add(self, column_id: int, title: str) -> None:
        if self.add_card(column_id, title) is not None:
            header = self.view.headers.get(column_id)
            if header is not None:
                header.quick_add.clear()

    def archive(self, ids: Sequence[int]) -> bool:
        ids = [i for i in ids if i in self.data.tasks]
        if not ids:
            return False
        titles = self.data.titles(ids)
        if not self.run(commands.archive_cards(self.services, self.bus, ids, titles, self)):
            return False
        self.archived.emit(f"Archived {commands.quoted(titles[0])}" if len(ids) == 1
                           else f"Archived {len(ids)} cards")
        return True

    def delete(self, ids: Sequence[int], confirm: bool = True) -> bool:
        """Delete cards (active or archived) after asking; several cards are one undo step."""
        tasks = self.services.tasks.get_tasks(ids) if ids else []
        titles = {t.id: t.title for t in tasks}
        ids = [i for i in ids if i in titles]
        if not ids or (confirm and not self.prompts.confirm_delete([titles[i] for i in ids])):
            return False
        if len(ids) == 1:
            return self.run(commands.delete_card(self.services, self.bus, ids[0],
                                                 titles[ids[0]], self))
        self.stack.beginMacro(f"Delete {len(ids)} cards")
        try:
            for task_id in ids:
                self.run(commands.delete_card(self.services, self.bus, task_id, titles[task_id],
                                              self))
        finally:
            self.stack.endMacro()
        return True

    def move_by(self, view: CardListView, columns: int = 0, rows: int = 0) -> bool:
        ids = view.selected_ids()
        key = self.view.key_of(view)
        if not ids or key is None:
            return False
        model = view.column_model()
        current = [model.row_of(i) for i in ids]
        if columns:
            index = self.data.column_index(key[0]) + columns
            if not 0 <= index < len(self.data.columns):
                return False
            target = self.data.columns[index].id
            return self.drop(ids, target, key[1], min(current))
        if rows < 0:
            return min(current) > 0 and self.drop(ids, key[0], key[1], min(current) + rows)
        last = max(current)
        return last < model.rowCount() - 1 and self.drop(ids, key[0], key[1], last + 1 + rows)

    def on_gesture(self, view: CardListView, name: str) -> None:
        if name.startswith("focus_"):
            other = self.view.neighbour(view, -1 if name == "focus_left" else 1)
            if other is not None:
                other.focus_row(view.visible_row())
        elif name.startswith("move_"):
            steps = {"move_left": (-1, 0), "move_right": (1, 0), "move_up": (0, -1),
                     "move_down": (0, 1)}[name]
            self.move_by(view, *steps)
        elif name == "open":
            ids = view.selected_ids()
            if ids:
                self.open_requested.emit(ids[0])
        elif name in ("next", "previous"):
            view.focus_row(view.visible_row() + (1 if name == "next" else -1))
        elif name in PAGE_GESTURES:
            self.page_gesture.emit(name, view.selected_ids())
        elif name == "archive":
            self.archive(view.selected_ids())
        elif name == "delete":
            self.delete(view.selected_ids())
        elif name == "add":
            header = self.view.headers.get(view.column_model().column_id)
            if header is not None:
                header.quick_add.setFocus()

    def show_card_menu(self, view: CardListView, pos: QPoint) -> None:
        menu = self.card_menu(view)
        if menu is not None:
            menu.exec(pos)

    def card_menu(self, view: CardListView) -> QMenu | None:
        """The selected cards' menu, with the keys that do the same on the board."""
        ids = view.selected_ids()
        if not ids:
            return None
        menu = QMenu(view)
        hint(menu.addAction("Open…", lambda: self.open_requested.emit(ids[0])), "Return")
        hint(menu.addAction("Assign to me", lambda: self.page_gesture.emit("assign_me", ids)),
             "Space")
        hint(menu.addAction("Due date…", lambda: self.page_gesture.emit("due", ids[:1])), "D")
        hint(menu.addAction("Labels…", lambda: self.page_gesture.emit("labels", ids[:1])), "L")
        move = menu.addMenu("Move to")
        here = view.column_model().column_id
        for column in self.data.columns:
            act = move.addAction(column.name,
                                 lambda c=column.id: self.drop(ids, c, ALL_CARDS, 0))
            act.setEnabled(column.id != here)
        menu.addSeparator()
        hint(menu.addAction("Archive", lambda: self.archive(ids)), "C")
        hint(menu.addAction("Delete…", lambda: self.delete(ids)), "Shift+Del")
        return menu

    # ----- columns
    def on_column_action(self, column_id: int, name: str, payload: object) -> None:
        column = self.data.column(column_id)
        if column is None:
            return
        if name == "rename":
            new = self.prompts.column_name("Rename column", column.name)
            if new is not None:
                self.edit_column(column_id, name=new)
        elif name == "wip":
            limits = self.prompts.wip_limit(column)
            if limits is not None:
                self.edit_column(column_id, wip_limit=limits[0], wip_hard=limits[1])
        elif name == "kind":
            self.edit_column(column_id, kind=ColumnKind(payload))
        elif name in ("move_left", "move_right"):
            self.move_column(column_id, -1 if name == "move_left" else 1)
        elif name == "add_after":
            new = self.prompts.column_name("Add column", "")
            if new is not None:
                self.add_column(new, self.data.column_index(column_id) + 1)
        elif name == "delete":
            self.delete_column(column_id)

    def edit_column(self, column_id: int, **fields: Any) -> bool:
        column = self.data.column(column_id)
        if column is None:
            return False
        changed = {k: v for k, v in fields.items() if getattr(column, k) != v}
        if not changed:
            return False
        return self.run(commands.edit_column(self.services, self.bus, column, changed, self))

    def add_column(self, name: str, index: int | None = None) -> bool:
        if self.data.board_id is None:
            return False
        return self.run(commands.add_column(self.services, self.bus, self.data.board_id, name,
                                            index, self))

    def move_column(self, column_id: int, step: int) -> bool:
        column = self.data.column(column_id)
        old = self.data.column_index(column_id)
        new = old + step
        if column is None or not 0 <= new < len(self.data.columns):
            return False
        return self.run(commands.move_column(self.services, self.bus, column, old, new, self))

    def delete_column(self, column_id: int, move_to: int | None = None,
                      confirm: bool = True) -> bool:
        column = self.data.column(column_id)
        if column is None:
            return False
        others = [c for c in self.data.columns if c.id != column_id]
        holds = self.services.boards.column_holds(column_id)
        if holds and move_to is None:
            if not others:
                self.bus.failed.emit("A board needs at least one column.")
                return False
            move_to = self.prompts.cards_destination(column, holds, others)
            if move_to is None:
                return False
        elif confirm and not holds and not self.prompts.confirm_column_delete(column):
            return False
        return self.run(commands.delete_column(self.services, self.bus, column, move_to, self))


def moved_in_order(
    order: list[int], leaving: Iterable[int], arriving: Iterable[CardPlace]
) -> list[int]:
    """A column's order once ``leaving`` cards are out and ``arriving`` ones in their places.

    Each place is an index in the column as the write left it, so inserting the arrivals
    from the top down puts every one where the write did.
    """
    out = list(order)
    gone = set(leaving)
    if len(gone) > 16:  # many cards: one pass instead of a search for each
        out = [task_id for task_id in out if task_id not in gone]
    else:
        for task_id in gone:
            if task_id in out:
                out.remove(task_id)
    for place in sorted(arriving, key=lambda p: p.index):
        out.insert(place.index, place.task_id)
    return out
