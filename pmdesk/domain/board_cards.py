"""A board as the views open it: stored rows that become ``Task`` values on demand.

Plain Python on purpose: the services' board read and the window's first read (which runs
before SQLAlchemy is imported) both return these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any, NamedTuple

from pmdesk.domain.enums import Priority
from pmdesk.domain.models import Board, Goal, Person, Product, Task
from pmdesk.domain.snapshots import BoardSnapshot, RoadmapSnapshot

_PRIORITIES = {int(p): p for p in Priority}


def stored_day(value: Any) -> date | None:
    """A date as the database returns it: text on SQLite, a ``date`` on a server."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def stored_moment(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


class CardRow(NamedTuple):
    """One card as the board read returns it: stored values, dates as the database returns
    them (text on SQLite, see ``stored_day``)."""

    id: int
    board_id: int
    column_id: int
    title: str
    initiative_id: int | None
    description: str
    assignee_id: int | None
    due: str | date | None
    estimate: float | None
    priority: int
    position: int
    created: str | datetime | None
    started: str | datetime | None
    done: str | datetime | None
    archived: str | datetime | None
    column_since: str | datetime | None

    @property
    def due_date(self) -> date | None:
        return stored_day(self.due)

    @classmethod
    def of(cls, task: Task) -> CardRow:
        """The row of a card known by its value (its dates stay values)."""
        return cls(task.id, task.board_id, task.column_id, task.title, task.initiative_id,
                   task.description, task.assignee_id, task.due_date, task.estimate,
                   int(task.priority), task.position, task.created_at, task.started_at,
                   task.done_at, task.archived_at, task.column_since)

    @classmethod
    def many(cls, rows: Iterable[Sequence[Any]]) -> list[CardRow]:
        """Stored rows (of exactly these fields) as ``CardRow``s, made fast (thousands)."""
        return list(map(partial(tuple.__new__, cls), rows))

    @classmethod
    def placeholder(cls, task_id: int, board_id: int, column_id: int,
                    position: int) -> CardRow:
        """A card whose place is known but whose content was not read (yet)."""
        return cls.placeholders(board_id, [(task_id, column_id, position)])[0]

    @classmethod
    def placeholders(cls, board_id: int,
                     places: Iterable[Sequence[int]]) -> list[CardRow]:
        """``placeholder``s for (id, column id, position) rows, made fast (thousands)."""
        new = tuple.__new__
        return [new(cls, (task_id, board_id, column_id, "", None, "", None, None, None, 0,
                          position, None, None, None, None, None))
                for task_id, column_id, position in places]


@dataclass(frozen=True, slots=True)
class BoardCards:
    """A board read for display: ``snapshot`` without its tasks, plus the raw card rows.

    ``rows`` are in board order (column, then position); ``task(row)`` turns one into a
    ``Task``, so a view builds values only for the cards it actually shows. A first paint's
    read is not ``complete``: only the cards on screen are read in full, the others are
    ``CardRow.placeholder``s until the board is read again.
    """

    snapshot: BoardSnapshot
    rows: list[CardRow]
    labels_of: dict[int, tuple[int, ...]]
    checklists: dict[int, tuple[int, int]]
    complete: bool = True

    def task(self, row: CardRow) -> Task:
        (task_id, b_id, column_id, title, initiative_id, description, assignee_id, due,
         estimate, priority, position, created, started, done, archived_at, since) = row
        done_items, total_items = self.checklists.get(task_id, (0, 0))
        return Task(
            task_id, b_id, column_id, title, initiative_id, description, assignee_id,
            stored_day(due), estimate, _PRIORITIES.get(priority, Priority.NONE), position,
            stored_moment(created), stored_moment(started), stored_moment(done),
            stored_moment(archived_at), stored_moment(since), self.labels_of.get(task_id, ()),
            done_items, total_items,
        )


@dataclass(frozen=True, slots=True)
class ProductStrategy:
    """The Product page without its health figures: the product's own fields, its goals,
    and the people (by name) who may own it."""

    product: Product
    goals: tuple[Goal, ...]
    people: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class FirstView:
    """What the window paints first, read before the services exist.

    ``products`` carry only their id and name (what the product selector shows);
    ``boards`` are the chosen product's boards; ``cards`` the first one's cards when the
    board is what is painted first, ``roadmap`` the product's roadmap or ``strategy`` its
    Product page when that is.
    ``mark`` is the newest history event then: the services compare it once they run, so
    a write by another process in between is read again.
    """

    products: tuple[Product, ...]
    product_id: int | None
    boards: tuple[Board, ...]
    cards: BoardCards | None
    mark: int
    roadmap: RoadmapSnapshot | None = None
    strategy: ProductStrategy | None = None
