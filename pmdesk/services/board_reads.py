"""The board snapshot, read fast enough to open a 10,000-card board in a frame or two.

Same result as ``ReadService.board`` but with plain row tuples and dates parsed from their
stored text, which skips per-value result processing on thousands of rows.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from pmdesk.domain.enums import Priority
from pmdesk.domain.models import Task
from pmdesk.domain.snapshots import BoardSnapshot, InitiativeTag
from pmdesk.services import convert
from pmdesk.services.base import get_row
from pmdesk.store import tables as t

_PRIORITIES = {int(p): p for p in Priority}
_TEXT = sa.String
_TASK_COLUMNS = (
    t.task.c.id, t.task.c.board_id, t.task.c.column_id, t.task.c.title,
    t.task.c.initiative_id, t.task.c.description, t.task.c.assignee_id,
    sa.type_coerce(t.task.c.due_date, _TEXT), t.task.c.estimate, t.task.c.priority,
    t.task.c.position,
    *(sa.type_coerce(t.task.c[name], _TEXT)
      for name in ("created_at", "started_at", "done_at", "archived_at", "column_since")),
)


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def _moment(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def fetch_plain(conn: sa.Connection, statement: sa.Select[Any]) -> list[tuple[Any, ...]]:
    """Run ``statement`` on the driver's cursor: plain tuples, no per-value processing."""
    compiled = statement.compile(dialect=conn.dialect)
    params: Any = compiled.construct_params()
    if compiled.positional and compiled.positiontup is not None:
        params = tuple(params[key] for key in compiled.positiontup)
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Building ten thousand frozen values would trigger full collections for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class CardRow(NamedTuple):
    """One card as the board read returns it: stored values, dates still as text."""

    id: int
    board_id: int
    column_id: int
    title: str
    initiative_id: int | None
    description: str
    assignee_id: int | None
    due: str | None
    estimate: float | None
    priority: int
    position: int
    created: str | None
    started: str | None
    done: str | None
    archived: str | None
    column_since: str | None

    @property
    def due_date(self) -> date | None:
        return _day(self.due)


@dataclass(frozen=True, slots=True)
class BoardCards:
    """A board read for display: ``snapshot`` without its tasks, plus the raw card rows.

    ``rows`` are in board order (column, then position); ``task(row)`` turns one into a
    ``Task``, so a view builds values only for the cards it actually shows.
    """

    snapshot: BoardSnapshot
    rows: list[CardRow]
    labels_of: dict[int, tuple[int, ...]]
    checklists: dict[int, tuple[int, int]]

    def task(self, row: CardRow) -> Task:
        (task_id, b_id, column_id, title, initiative_id, description, assignee_id, due,
         estimate, priority, position, created, started, done, archived_at, since) = row
        done_items, total_items = self.checklists.get(task_id, (0, 0))
        return Task(
            task_id, b_id, column_id, title, initiative_id, description, assignee_id,
            _day(due), estimate, _PRIORITIES.get(priority, Priority.NONE), position,
            _moment(created), _moment(started), _moment(done), _moment(archived_at),
            _moment(since), self.labels_of.get(task_id, ()), done_items, total_items,
        )


def board_snapshot(
    conn: sa.Connection, board_id: int, today: date, *, archived: bool = False
) -> BoardSnapshot:
    cards = board_cards(conn, board_id, today, archived=archived)
    with no_gc_pauses():
        tasks = tuple(cards.task(row) for row in cards.rows)
    return replace(cards.snapshot, tasks=tasks)


def board_cards(
    conn: sa.Connection, board_id: int, today: date, *, archived: bool = False
) -> BoardCards:
    board = convert.board(get_row(conn, t.board, board_id, "board"))
    columns = tuple(
        convert.column(r)
        for r in conn.execute(
            sa.select(t.board_column)
            .where(t.board_column.c.board_id == board_id,
                   sa.true() if archived else t.board_column.c.archived_at.is_(None))
            .order_by(t.board_column.c.position, t.board_column.c.id)
        ).mappings()
    )
    state = t.task.c.archived_at.is_not(None) if archived else t.task.c.archived_at.is_(None)
    in_board = sa.and_(t.task.c.board_id == board_id, state)
    labels_of: dict[int, list[int]] = {}
    for task_id, label_id in fetch_plain(
        conn,
        sa.select(t.task_label.c.task_id, t.task_label.c.label_id)
        .join(t.task, t.task.c.id == t.task_label.c.task_id)
        .where(in_board)
        .order_by(t.task_label.c.task_id, t.task_label.c.label_id),
    ):
        labels_of.setdefault(task_id, []).append(label_id)
    checklists: dict[int, tuple[int, int]] = {
        task_id: (int(n_done or 0), int(n))
        for task_id, n_done, n in fetch_plain(
            conn,
            sa.select(
                t.checklist_item.c.task_id,
                sa.func.sum(sa.cast(t.checklist_item.c.done, sa.Integer)),
                sa.func.count(),
            )
            .join(t.task, t.task.c.id == t.checklist_item.c.task_id)
            .where(in_board)
            .group_by(t.checklist_item.c.task_id),
        )
    }
    rank = {c.id: i for i, c in enumerate(columns)}
    rows = list(map(CardRow._make, fetch_plain(
        conn, sa.select(*_TASK_COLUMNS).where(in_board).order_by(t.task.c.position, t.task.c.id)
    )))
    rows.sort(key=lambda r: rank.get(r.column_id, 0))
    people = conn.execute(sa.select(t.person)).mappings()
    labels = conn.execute(
        sa.select(t.label).where(t.label.c.product_id == board.product_id)
    ).mappings()
    tags = conn.execute(
        sa.select(t.initiative.c.id, t.initiative.c.title, t.goal.c.colour)
        .outerjoin(t.goal, t.goal.c.id == t.initiative.c.goal_id)
        .where(t.initiative.c.product_id == board.product_id)
    ).all()
    snapshot = BoardSnapshot(
        board=board,
        columns=columns,
        tasks=(),
        people={r["id"]: convert.person(r) for r in people},
        labels={r["id"]: convert.label(r) for r in labels},
        initiatives={i: InitiativeTag(i, title, colour) for i, title, colour in tags},
        today=today,
    )
    return BoardCards(snapshot, rows, {k: tuple(v) for k, v in labels_of.items()}, checklists)
