"""The item model of one board column (or one column of one swimlane).

It holds card ids over the shared ``BoardData`` cache. Drag and drop goes through
``mimeData``/``dropMimeData``; a drop asks the controller to move the cards, and the
model changes only when the services report the change (targeted row signals).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    Qt,
)

from pmdesk.domain.models import Task
from pmdesk.ui import text as ui_text
from pmdesk.ui.kanban.board_data import BoardData
from pmdesk.ui.table_model import AnyIndex as Index

TaskIdRole = Qt.ItemDataRole.UserRole + 1
TaskRole = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-pmdesk-cards"
RESET_OVER = 64  # more row operations than this and a reset is cheaper
FIRST_ROWS = 200  # rows a long column shows at first; scrolling down fetches more
MORE_ROWS = 500

DropHandler = Callable[[list[int], int, int, int], bool]


def encode_cards(board_id: int, task_ids: Sequence[int]) -> QMimeData:
    mime = QMimeData()
    payload = json.dumps({"board": board_id, "ids": list(task_ids)}).encode()
    mime.setData(MIME_TYPE, QByteArray(payload))
    return mime


def decode_cards(mime: QMimeData, board_id: int | None) -> list[int]:
    """The card ids dragged from this board, or an empty list."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return []
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
        ids = [int(i) for i in payload["ids"]]
    except (ValueError, KeyError, TypeError):
        return []
    return ids if payload.get("board") == board_id else []


def age_days(task: Task, today: date) -> int:
    since = task.column_since or task.created_at
    if since is None:
        return 0
    return max(0, (today - since.date()).days)


class ColumnModel(QAbstractListModel):
    """Cards of ``column_id`` in ``lane``; ``DisplayRole`` is the card title.

    A long column exposes its first rows and fetches more as the view scrolls down
    (``canFetchMore``/``fetchMore``), so laying out thousands of cards costs nothing
    up front. ``ids`` are the rows the view has; ``all_ids`` every card that matches.
    """

    def __init__(self, data: BoardData, column_id: int, lane: int, parent: Any = None,
                 *, lazy: bool = True) -> None:
        super().__init__(parent)
        self.board = data
        self.column_id = column_id
        self.lane = lane
        self.lazy = lazy
        self.all_ids: list[int] = data.ids_in(column_id, lane)
        self.ids: list[int] = self._exposed(self.all_ids, 0)
        self.drop_handler: DropHandler | None = None
        self._updating = False  # no fetching while rows are being brought in line

    def _exposed(self, all_ids: list[int], shown: int) -> list[int]:
        if not self.lazy:
            return list(all_ids)
        return all_ids[:max(shown, FIRST_ROWS)]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and not self._updating
                and len(self.ids) < len(self.all_ids))

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid() and not self._updating:
            self._load_to(len(self.ids) + MORE_ROWS)

    def _load_to(self, count: int) -> None:
        start, end = len(self.ids), min(count, len(self.all_ids))
        if end > start:
            self.beginInsertRows(QModelIndex(), start, end - 1)
            self.ids.extend(self.all_ids[start:end])
            self.endInsertRows()

    # ----- read
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        task = self.board.tasks.get(self.ids[index.row()])
        if task is None:
            return None
        if role == Qt.ItemDataRole.EditRole:
            return task.title
        if role == Qt.ItemDataRole.DisplayRole:
            return ui_text.shown(task.title)
        if role == TaskIdRole:
            return task.id
        if role == TaskRole:
            return task
        if role == Qt.ItemDataRole.ToolTipRole:
            return ui_text.tooltip(self.tooltip(task))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return ui_text.shown(self.tooltip(task).replace("\n", ", "))
        return None

    def tooltip(self, task: Task) -> str:
        snapshot = self.board.snapshot
        lines = [task.title]
        if snapshot is not None:
            tag = snapshot.initiatives.get(task.initiative_id or 0)
            if tag is not None:
                lines.append(f"Initiative: {tag.title}")
            person = snapshot.people.get(task.assignee_id or 0)
            if person is not None:
                lines.append(f"Assignee: {person.name}")
            names = [snapshot.labels[i].name for i in task.label_ids if i in snapshot.labels]
            if names:
                lines.append("Labels: " + ", ".join(names))
        if task.due_date is not None:
            lines.append(f"Due {task.due_date.isoformat()}")
        if task.priority:
            lines.append(f"Priority: {task.priority.label}")
        if task.estimate is not None:
            lines.append(f"Estimate: {task.estimate:g}")
        if task.checklist_total:
            lines.append(f"Checklist: {task.checklist_done}/{task.checklist_total}")
        days = age_days(task, self.board.today)
        lines.append(f"{days} day{'s' if days != 1 else ''} in this column")
        work = self.board.work_age(task.id)
        if work is not None:
            age, level = work
            lines.append(f"In progress for {age} day{'s' if age != 1 else ''}"
                         + (f", longer than {level} of the board's cycle times" if level else ""))
        return "\n".join(lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren)

    def row_of(self, task_id: int) -> int:
        """The row of a card, fetching rows down to it when needed (-1: not shown here)."""
        try:
            return self.ids.index(task_id)
        except ValueError:
            pass
        try:
            row = self.all_ids.index(task_id)
        except ValueError:
            return -1
        self._load_to(row + 1)
        return row

    # ----- drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_cards(self.board.board_id or 0, [self.ids[r] for r in rows])

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        ids = decode_cards(data, self.board.board_id)
        return bool(ids) and self.drop_refusal(ids) is None

    def drop_refusal(self, task_ids: Sequence[int]) -> str | None:
        """The hard WIP limit's refusal of these cards here, shown while they are dragged."""
        return self.board.drop_refusal(self.column_id, task_ids)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask for the dragged cards to move before ``row`` (or onto ``parent``'s row)."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        ids = decode_cards(data, self.board.board_id)
        if not ids or self.drop_handler is None or action != Qt.DropAction.MoveAction:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.ids)
        self.drop_handler(ids, self.column_id, self.lane, row)
        # The cards move when the services report it; the view must not remove rows itself.
        return False

    # ----- updates
    def refresh(self, changed: Iterable[int] = ()) -> None:
        """Bring the rows in line with ``BoardData`` with targeted signals."""
        self.sync(self.board.ids_in(self.column_id, self.lane), changed)

    def sync(self, new: list[int], changed: Iterable[int] = ()) -> None:
        changed = set(changed)
        exposed = self._exposed(new, len(self.ids))
        self._updating = True
        try:
            if exposed != self.ids:
                self._reorder(exposed)
        finally:
            self.all_ids = list(new)
            self._updating = False
        if changed:
            rows = [r for r, task_id in enumerate(self.ids) if task_id in changed]
            if rows:
                self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)))

    def reset(self) -> None:
        self.beginResetModel()
        self.all_ids = self.board.ids_in(self.column_id, self.lane)
        self.ids = self._exposed(self.all_ids, 0)
        self.endResetModel()

    def _reorder(self, new: list[int]) -> None:
        start, end_old, end_new = _differing_window(self.ids, new)
        window_new = new[start:end_new]
        wanted = set(window_new)
        removed = [r for r in range(start, end_old) if self.ids[r] not in wanted]
        inserted = len(wanted.difference(self.ids[start:end_old]))
        if len(removed) + inserted > RESET_OVER:
            self._reset_to(new)
            return
        root = QModelIndex()
        for first, last in reversed(_runs(removed)):
            self.beginRemoveRows(root, first, last)
            del self.ids[first:last + 1]
            self.endRemoveRows()
        present = set(self.ids[start:start + len(window_new)])
        operations = 0
        for offset, task_id in enumerate(window_new):
            row = start + offset
            if row < len(self.ids) and self.ids[row] == task_id:
                continue
            operations += 1
            if operations > RESET_OVER:
                self._reset_to(new)
                return
            if task_id in present:
                source = self.ids.index(task_id, row)
                self.beginMoveRows(root, source, source, root, row)
                self.ids.insert(row, self.ids.pop(source))
                self.endMoveRows()
            else:
                self.beginInsertRows(root, row, row)
                self.ids.insert(row, task_id)
                self.endInsertRows()
        if self.ids != new:  # cannot happen when the window was right; stay correct anyway
            self._reset_to(new)

    def _reset_to(self, new: list[int]) -> None:
        self.beginResetModel()
        self.ids = list(new)
        self.endResetModel()


def _differing_window(old: list[int], new: list[int]) -> tuple[int, int, int]:
    """(start, end in old, end in new) of the part that differs; the rest is shared.

    Found by bisecting on slice equality, which compares in C rather than row by row.
    """
    low, high = 0, min(len(old), len(new))
    while low < high:
        mid = (low + high + 1) // 2
        if old[:mid] == new[:mid]:
            low = mid
        else:
            high = mid - 1
    start = low
    low, high = 0, min(len(old), len(new)) - start
    while low < high:
        mid = (low + high + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            low = mid
        else:
            high = mid - 1
    return start, len(old) - low, len(new) - low


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Group sorted row numbers into (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
