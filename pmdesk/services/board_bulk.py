"""Board work on several cards at once: placements that can be replayed to undo them.

A ``TaskMove`` says where one card goes. A list of them is applied in order, each at
``index`` among the active cards of its target column that are not moved later in the same
list, so a list of moves and the inverse list the service returns undo each other exactly.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import CardPlace, ColumnOrder
from pmdesk.domain.errors import NotFoundError, ValidationError
from pmdesk.domain.models import Task
from pmdesk.domain.values import TaskMove
from pmdesk.services import convert
from pmdesk.services.base import POSITION_GAP, Tx, end_position, place
from pmdesk.services.board_reads import fetch_plain
from pmdesk.store import tables as t

LANE_FIELDS = frozenset({"initiative_id", "assignee_id"})


def active_order(conn: sa.Connection, column_id: int) -> list[int]:
    """Ids of the active cards of a column, top to bottom (read on the driver's cursor: a
    column of thousands of cards is handed over after every move)."""
    return [row[0] for row in fetch_plain(conn, _active_ids().params(column=column_id))]


@functools.cache
def _active_ids() -> sa.Select[Any]:
    return (sa.select(t.task.c.id)
            .where(t.task.c.column_id == sa.bindparam("column"), t.task.c.archived_at.is_(None))
            .order_by(t.task.c.position, t.task.c.id))


def active_count(conn: sa.Connection, column_id: int) -> int:
    """How many active (not archived) cards a column holds."""
    return int(conn.execute(
        sa.select(sa.func.count()).where(
            t.task.c.column_id == column_id, t.task.c.archived_at.is_(None)
        )
    ).scalar_one())


def check_wip(conn: sa.Connection, column: Any, arriving: int = 1, leaving: int = 0) -> None:
    """Refuse ``arriving`` more cards (``leaving`` fewer) in a column over a hard WIP limit."""
    if column["wip_limit"] is None or not column["wip_hard"]:
        return  # a soft limit only turns the header red
    message = rules.wip_refusal(
        column["name"], column["wip_limit"], True,
        active_count(conn, column["id"]) - leaving + arriving,
    )
    if message:
        raise ValidationError(message)


def index_in_column(conn: sa.Connection, row: Any) -> int | None:
    """Where an active card sits among the active cards of its column (None if archived);
    a row ``check_moves`` read carries it already."""
    if row["archived_at"] is not None:
        return None
    if INDEX_KEY in row:
        return int(row[INDEX_KEY])
    return int(conn.execute(cards_before(t.task.c, row["column_id"], row["position"],
                                         row["id"])).scalar_one())


INDEX_KEY = "index_in_column"


def cards_before(
    card: Any, column_id: Any, position: Any, task_id: Any
) -> sa.Select[int]:
    """How many active cards of ``column_id`` come before a card at ``position``."""
    return sa.select(sa.func.count()).where(
        card.column_id == column_id, card.archived_at.is_(None),
        card.position <= position,  # lets the column's position index bound the count
        sa.or_(card.position < position,
               sa.and_(card.position == position, card.id < task_id)),
    )


@functools.cache  # built once: building it and its cache key costs more than a file read
def task_rows_with_index() -> sa.Select[Any]:
    """Task rows, each with its index in its column: one statement instead of one each."""
    other = t.task.alias("other")
    index = cards_before(other.c, t.task.c.column_id, t.task.c.position, t.task.c.id)
    return sa.select(t.task, index.scalar_subquery().label(INDEX_KEY))


def place_quickly(
    tx: Tx, scope: sa.ColumnElement[bool], task_id: int, index: int
) -> tuple[int, bool]:
    """The position that puts ``task_id`` at ``index`` of ``scope``, reading two neighbours,
    and whether the scope had to be renumbered to make room.

    Falls back to ``place`` (which renumbers the scope) when the neighbours touch.
    """
    index = max(0, index)
    query = (
        sa.select(t.task.c.position)
        .where(scope, t.task.c.id != task_id)
        .order_by(t.task.c.position, t.task.c.id)
        .limit(2)
        .offset(max(0, index - 1))
    )
    found = [int(p) for p in tx.conn.execute(query).scalars().all()]
    if index == 0:
        before, after = None, (found[0] if found else None)
    else:
        before = found[0] if found else None
        after = found[1] if len(found) > 1 else None
        if before is None:  # index past the end: the card goes last, nothing is renumbered
            return place(tx, t.task, scope, task_id, index), False
    if before is None and after is None:
        return 0, False
    if before is None:
        return after - POSITION_GAP, False  # type: ignore[operator]
    if after is None:
        return before + POSITION_GAP, False
    if after - before > 1:
        return (before + after) // 2, False
    return place(tx, t.task, scope, task_id, index), True


def load_tasks(conn: sa.Connection, task_ids: Iterable[int]) -> list[Task]:
    """The cards among ``task_ids`` that still exist, with labels and checklist counts."""
    return [task for task, _ in _load_tasks(conn, task_ids, _task_rows())]


@functools.cache
def _task_rows() -> sa.Select[Any]:
    return sa.select(t.task)


IDS = "ids"  # the list an ``among_ids`` statement is run with


def among_ids(column: sa.Column[Any]) -> sa.ColumnElement[bool]:
    """``column`` in the list passed as ``IDS`` when the statement runs: a statement built
    once serves every list (building one and its cache key costs more than a card read)."""
    return column.in_(sa.bindparam(IDS, expanding=True))


@functools.cache
def _by_id(query: sa.Select[Any], table: sa.Table) -> sa.Select[Any]:
    """``query`` narrowed to the rows of ``table`` whose ids are passed as ``IDS``."""
    return query.where(among_ids(table.c.id))


@functools.cache
def _labels_of_cards() -> sa.Select[Any]:
    label = t.task_label.c
    return (sa.select(label.task_id, label.label_id).where(among_ids(label.task_id))
            .order_by(label.task_id, label.label_id))


@functools.cache
def _checklists_of_cards() -> sa.Select[Any]:
    item = t.checklist_item.c
    return (sa.select(item.task_id, sa.func.sum(sa.cast(item.done, sa.Integer)),
                      sa.func.count())
            .where(among_ids(item.task_id)).group_by(item.task_id))


def _load_tasks(
    conn: sa.Connection, task_ids: Iterable[int], rows: sa.Select[Any]
) -> list[tuple[Task, Any]]:
    """Each card among ``task_ids`` that still exists, with the row ``rows`` read for it."""
    ids = sorted(set(task_ids))
    tasks: list[tuple[Task, Any]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        among = {IDS: chunk}
        labels: dict[int, list[int]] = {}
        for task_id, label_id in conn.execute(_labels_of_cards(), among):
            labels.setdefault(task_id, []).append(label_id)
        checklist = {
            task_id: (int(done or 0), int(total))
            for task_id, done, total in conn.execute(_checklists_of_cards(), among)
        }
        found = conn.execute(_by_id(rows, t.task), among).mappings()
        tasks.extend(
            (convert.task(r, tuple(labels.get(r["id"], ())), checklist.get(r["id"], (0, 0))), r)
            for r in found
        )
    return tasks


def hand_over_cards(
    tx: Tx, task_ids: Iterable[int], renumbered: Iterable[int] = ()
) -> list[Task]:
    """Give the write's ChangeSet the cards ``task_ids`` as the write leaves them (and
    return them), with the index of each active one in its column, so the board moves just
    those cards without reading anything back. A column the write renumbered goes whole."""
    loaded = _load_tasks(tx.conn, task_ids, task_rows_with_index())
    tasks = [task for task, _ in loaded]
    tx.hand_over(tasks, places=(CardPlace(task.id, int(row[INDEX_KEY]))
                                for task, row in loaded if task.archived_at is None))
    tx.hand_over(orders=(ColumnOrder(c, tuple(active_order(tx.conn, c)))
                         for c in set(renumbered)))
    return tasks


@functools.cache
def columns_with_product() -> sa.Select[Any]:
    """Column rows, each with its board's product."""
    return sa.select(t.board_column, t.board.c.product_id).join(t.board)


def rows_by_id(
    conn: sa.Connection, query: sa.Select[Any], table: sa.Table, ids: Iterable[Any], what: str
) -> dict[int, Any]:
    """The rows of ``query`` whose ``table`` id is among ``ids``, read in one statement;
    refuses an id that is not one, or names no row, as ``get_row`` does."""
    wanted = sorted(set(ids))
    for row_id in wanted:
        if not isinstance(row_id, int) or isinstance(row_id, bool):
            raise NotFoundError(f"There is no {what} with id {row_id!r}.")
    found = {r["id"]: r for r in conn.execute(_by_id(query, table), {IDS: wanted}).mappings()}
    for row_id in wanted:
        if row_id not in found:
            raise NotFoundError(
                f"That {what} (id {row_id}) does not exist in this workspace.")
    return found


def check_moves(
    conn: sa.Connection, moves: Sequence[TaskMove], *, restoring: bool
) -> tuple[dict[int, Any], dict[int, Any]]:
    """Refuse a list of moves that breaks a rule, before anything is written.

    Returns the task rows by id, and the rows of the columns they leave and enter (each
    with its board's ``product_id``).
    """
    if not moves:
        raise ValidationError("Choose at least one card.")
    ids = [m.task_id for m in moves]
    if len(set(ids)) != len(ids):
        raise ValidationError("A card can only be moved once at a time.")
    rows = rows_by_id(conn, task_rows_with_index(), t.task, ids, "card")
    targets = {m.column_id for m in moves}
    columns = rows_by_id(conn, columns_with_product(), t.board_column,
                         targets | {row["column_id"] for row in rows.values()}, "column")
    arriving: Counter[int] = Counter()
    for move in moves:
        row, column = rows[move.task_id], columns[move.column_id]
        if column["board_id"] != row["board_id"]:
            raise ValidationError("A card can only move between columns of its own board.")
        if not restoring and row["archived_at"] is not None:
            raise ValidationError("Restore the archived card before moving it.")
        if row["column_id"] != move.column_id or row["archived_at"] is not None:
            arriving[move.column_id] += 1
        unknown = set(move.fields) - LANE_FIELDS
        if unknown:
            names = ", ".join(f"“{name}”" for name in sorted(unknown))
            raise ValidationError(f"A move cannot set {names}.")
    for column_id, count in arriving.items():
        leaving = sum(
            1 for m in moves
            if rows[m.task_id]["column_id"] == column_id and m.column_id != column_id
            and rows[m.task_id]["archived_at"] is None
        )
        check_wip(conn, columns[column_id], count, leaving)
    return rows, columns


def inverse_moves(
    conn: sa.Connection, rows: Mapping[int, Any], moves: Sequence[TaskMove]
) -> list[TaskMove]:
    """The moves that put every card of ``moves`` back where it is now."""
    inverse = []
    for move in moves:
        row = rows[move.task_id]
        old_fields = {key: row[key] for key in move.fields}
        inverse.append(
            TaskMove(row["id"], row["column_id"], index_in_column(conn, row), old_fields)
        )
    return sorted(inverse, key=lambda m: (m.index is None, m.index or 0))


def apply_moves(
    tx: Tx, moves: Sequence[TaskMove], write: Callable[[TaskMove, int], None]
) -> set[int]:
    """Place each card of ``moves`` in turn; ``write(move, position)`` stores and logs it.

    Returns the columns that had to be renumbered to make room.
    """
    renumbered: set[int] = set()
    for number, move in enumerate(moves):
        later = [m.task_id for m in moves[number + 1:]]
        scope = sa.and_(
            t.task.c.column_id == move.column_id,
            t.task.c.archived_at.is_(None),
            t.task.c.id.not_in(later) if later else sa.true(),
        )
        if move.index is None:
            position = end_position(tx.conn, t.task, scope)
        else:
            position, renumbering = place_quickly(tx, scope, move.task_id, move.index)
            if renumbering:
                renumbered.add(move.column_id)
        write(move, position)
    return renumbered
