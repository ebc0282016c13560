"""Board work on several cards at once: placements that can be replayed to undo them.

A ``TaskMove`` says where one card goes. A list of them is applied in order, each at
``index`` among the active cards of its target column that are not moved later in the same
list, so a list of moves and the inverse list the service returns undo each other exactly.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import CardPlace, ColumnOrder
from pmdesk.domain.errors import NotFoundError, ValidationError
from pmdesk.domain.models import Task
from pmdesk.domain.values import TaskMove
from pmdesk.services import convert
from pmdesk.services.base import POSITION_GAP, Tx, place
from pmdesk.services.board_reads import fetch_plain
from pmdesk.store import tables as t
from pmdesk.store.backend import fetch_together, read_with_next

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
    return _place_between(tx, lambda: scope, task_id, index, found)


def _place_between(
    tx: Tx, scope: Callable[[], sa.ColumnElement[bool]], task_id: int, index: int,
    found: Sequence[int],
) -> tuple[int, bool]:
    """``place_quickly`` with the positions ``found`` around ``index`` read already."""
    if index == 0:
        before, after = None, (found[0] if found else None)
    else:
        before = found[0] if found else None
        after = found[1] if len(found) > 1 else None
        if before is None:  # index past the end: the card goes last, nothing is renumbered
            return place(tx, t.task, scope(), task_id, index), False
    if before is None and after is None:
        return 0, False
    if before is None:
        return after - POSITION_GAP, False  # type: ignore[operator]
    if after is None:
        return before + POSITION_GAP, False
    if after - before > 1:
        return (before + after) // 2, False
    return place(tx, t.task, scope(), task_id, index), True


@functools.cache
def _placement_reads(later: bool) -> tuple[sa.Select[Any], sa.Select[Any]]:
    """What a move reads to place its card among the active cards of column ``column``
    (without those passed as ``later``): the positions of the two cards around index
    ``skip`` + 1 but ``card``, and the top position (for a move to the end)."""
    card = t.task.c
    scope = [card.column_id == sa.bindparam("column"), card.archived_at.is_(None)]
    if later:
        scope.append(card.id.not_in(sa.bindparam("later", expanding=True)))
    around = (sa.select(card.position).where(*scope, card.id != sa.bindparam("card"))
              .order_by(card.position, card.id).limit(2).offset(sa.bindparam("skip")))
    return around, sa.select(sa.func.max(card.position).label("position")).where(*scope)


def placement_read(moves: Sequence[TaskMove], number: int) -> tuple[sa.Select[Any],
                                                                    dict[str, Any]]:
    """The read (and its parameters) that places the card of ``moves[number]``."""
    move, later = moves[number], [m.task_id for m in moves[number + 1:]]
    around, top = _placement_reads(bool(later))
    params: dict[str, Any] = {"column": move.column_id, **({"later": later} if later else {})}
    if move.index is None:
        return top, params
    return around, {**params, "card": move.task_id, "skip": max(0, move.index - 1)}


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
    return (sa.select(item.task_id, sa.func.sum(sa.cast(item.done, sa.Integer)).label("done"),
                      sa.func.count().label("total"))
            .where(among_ids(item.task_id)).group_by(item.task_id))


def _load_tasks(
    conn: sa.Connection, task_ids: Iterable[int], rows: sa.Select[Any]
) -> list[tuple[Task, Any]]:
    """Each card among ``task_ids`` that still exists, with the row ``rows`` read for it."""
    return _tasks_later(conn, task_ids, rows)()


def _tasks_later(
    conn: sa.Connection, task_ids: Iterable[int], rows: sa.Select[Any]
) -> Callable[[], list[tuple[Task, Any]]]:
    """``_load_tasks`` read with ``conn``'s next statement: the function returned gives
    the cards (see ``read_with_next``)."""
    ids = sorted(set(task_ids))
    answers = [read_with_next(conn, ((_labels_of_cards(), among),
                                     (_checklists_of_cards(), among),
                                     (_by_id(rows, t.task), among)))
               for among in ({IDS: ids[start:start + 500]} for start in range(0, len(ids), 500))]

    def loaded() -> list[tuple[Task, Any]]:
        tasks: list[tuple[Task, Any]] = []
        for label_rows, checklist_rows, found in (answer() for answer in answers):
            labels: dict[int, list[int]] = {}
            for label in label_rows:
                labels.setdefault(label["task_id"], []).append(label["label_id"])
            checklist = {item["task_id"]: (int(item["done"] or 0), int(item["total"]))
                         for item in checklist_rows}
            tasks.extend((convert.task(r, tuple(labels.get(r["id"], ())),
                                       checklist.get(r["id"], (0, 0))), r) for r in found)
        return tasks

    return loaded


def hand_over_cards(
    tx: Tx, task_ids: Iterable[int], renumbered: Iterable[int] = ()
) -> None:
    """Give the write's ChangeSet the cards ``task_ids`` as the write leaves them, with the
    index of each active one in its column, so the board moves just those cards without
    reading anything back. A column the write renumbered goes whole.

    The cards are read with the write's last statement (on a server, in the commit's round
    trip): nothing the write does after this call may change them."""
    orders = tuple(ColumnOrder(c, tuple(active_order(tx.conn, c))) for c in set(renumbered))
    loaded = _tasks_later(tx.conn, task_ids, task_rows_with_index())
    tx.hand_over_later(lambda: _handed_over(loaded(), orders))


def hand_over_cards_now(
    tx: Tx, task_ids: Iterable[int], renumbered: Iterable[int] = ()
) -> list[Task]:
    """As ``hand_over_cards``, read now; returns the cards."""
    orders = tuple(ColumnOrder(c, tuple(active_order(tx.conn, c))) for c in set(renumbered))
    tasks, _, places = _handed_over(_load_tasks(tx.conn, task_ids, task_rows_with_index()),
                                    orders)
    tx.hand_over(tasks, orders, places)
    return list(tasks)


def _handed_over(loaded: Sequence[tuple[Task, Any]], orders: tuple[ColumnOrder, ...]
                 ) -> tuple[tuple[Task, ...], tuple[ColumnOrder, ...], tuple[CardPlace, ...]]:
    return (tuple(task for task, _ in loaded), orders,
            tuple(CardPlace(task.id, int(row[INDEX_KEY]))
                  for task, row in loaded if task.archived_at is None))


@functools.cache
def _columns_of_moves() -> sa.Select[Any]:
    """The columns passed as ``IDS`` and those the cards passed as ``CARDS`` are in, each
    with its board's product: one statement that needs no answer from another."""
    cards = sa.select(t.task.c.column_id).where(t.task.c.id.in_(
        sa.bindparam(CARDS, expanding=True)))
    return (sa.select(t.board_column, t.board.c.product_id).join(t.board)
            .where(sa.or_(among_ids(t.board_column.c.id), t.board_column.c.id.in_(cards))))


CARDS = "cards"


def _checked_ids(ids: Iterable[Any], what: str) -> list[int]:
    """``ids`` sorted, without repeats; refuses one that is not an id, as ``get_row`` does."""
    wanted = sorted(set(ids))
    for row_id in wanted:
        if not isinstance(row_id, int) or isinstance(row_id, bool):
            raise NotFoundError(f"There is no {what} with id {row_id!r}.")
    return wanted


def _by_their_ids(rows: Iterable[Any], wanted: Iterable[int], what: str) -> dict[int, Any]:
    """``rows`` by id; refuses an id of ``wanted`` that names none, as ``get_row`` does."""
    found = {row["id"]: row for row in rows}
    for row_id in wanted:
        if row_id not in found:
            raise NotFoundError(
                f"That {what} (id {row_id}) does not exist in this workspace.")
    return found


class CheckedMoves(NamedTuple):
    """What ``check_moves`` read: the task rows by id, the rows of the columns they leave
    and enter (each with its board's ``product_id``), and what places the first card."""

    rows: dict[int, Any]
    columns: dict[int, Any]
    first_placement: Sequence[Mapping[Any, Any]]


def check_moves(
    conn: sa.Connection, moves: Sequence[TaskMove], *, restoring: bool
) -> CheckedMoves:
    """Refuse a list of moves that breaks a rule, before anything is written; the reads
    it needs go out together."""
    if not moves:
        raise ValidationError("Choose at least one card.")
    ids = [m.task_id for m in moves]
    if len(set(ids)) != len(ids):
        raise ValidationError("A card can only be moved once at a time.")
    cards = _checked_ids(ids, "card")
    targets = _checked_ids((m.column_id for m in moves), "column")
    task_rows, column_rows, placement = fetch_together(conn, (
        (_by_id(task_rows_with_index(), t.task), {IDS: cards}),
        (_columns_of_moves(), {IDS: targets, CARDS: cards}),
        placement_read(moves, 0)))
    rows = _by_their_ids(task_rows, cards, "card")
    columns = _by_their_ids(column_rows, targets, "column")
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
    return CheckedMoves(rows, columns, placement)


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
    tx: Tx, moves: Sequence[TaskMove], write: Callable[[TaskMove, int], None],
    first_placement: Sequence[Mapping[Any, Any]] | None = None,
) -> set[int]:
    """Place each card of ``moves`` in turn; ``write(move, position)`` stores and logs it.
    ``first_placement`` is what ``placement_read`` read for the first, if anything.

    Returns the columns that had to be renumbered to make room.
    """
    renumbered: set[int] = set()
    for number, move in enumerate(moves):
        found = first_placement if number == 0 else None
        positions = [row["position"] for row in (
            found if found is not None
            else tx.conn.execute(*placement_read(moves, number)).mappings())]
        if move.index is None:
            position = 0 if positions[0] is None else int(positions[0]) + POSITION_GAP
        else:
            position, renumbering = _place_between(
                tx, functools.partial(_move_scope, moves, number), move.task_id,
                max(0, move.index), positions)
            if renumbering:
                renumbered.add(move.column_id)
        write(move, position)
    return renumbered


def _move_scope(moves: Sequence[TaskMove], number: int) -> sa.ColumnElement[bool]:
    """The cards among which ``moves[number]`` places its card (see ``_placement_reads``)."""
    later = [m.task_id for m in moves[number + 1:]]
    return sa.and_(
        t.task.c.column_id == moves[number].column_id,
        t.task.c.archived_at.is_(None),
        t.task.c.id.not_in(later) if later else sa.true(),
    )
