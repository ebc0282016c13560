"""The board's cached rows: cards by id, each column's order, the filter and the swimlanes.

Plain Python on purpose: the item models read from it, the controller keeps it current.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from pmdesk.domain.models import Column, Task
from pmdesk.domain.snapshots import BoardSnapshot

NO_LANE = 0  # lane key of cards without an initiative / assignee (ids start at 1)
ALL_CARDS = -1  # the single lane of a board without swimlanes


class Lanes(StrEnum):
    NONE = "none"
    INITIATIVE = "initiative"
    ASSIGNEE = "assignee"

    @property
    def label(self) -> str:
        return {"none": "No swimlanes", "initiative": "By initiative",
                "assignee": "By assignee"}[self.value]


class Due(StrEnum):
    ANY = ""
    OVERDUE = "overdue"
    THIS_WEEK = "week"


@dataclass(frozen=True, slots=True)
class CardFilter:
    """What the filter bar asks for; None means "any", ``NO_LANE`` means "none set"."""

    text: str = ""
    assignee_id: int | None = None
    label_id: int | None = None
    initiative_id: int | None = None
    priority: int | None = None
    due: Due = Due.ANY

    @property
    def active(self) -> bool:
        return self != CardFilter()

    def with_(self, **changes: object) -> CardFilter:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Lane:
    key: int
    title: str
    colour: str | None = None


def _field_matches(value: int | None, wanted: int | None) -> bool:
    if wanted is None:
        return True
    if wanted == NO_LANE:
        return value is None
    return value == wanted


class BoardData:
    """Every active card of one board, kept in column order."""

    def __init__(self) -> None:
        self.snapshot: BoardSnapshot | None = None
        self.tasks: dict[int, Task] = {}
        self.orders: dict[int, list[int]] = {}
        self.filter = CardFilter()
        self.lanes = Lanes.NONE
        self._haystack: dict[int, str] = {}

    # ----- loading
    def load(self, snapshot: BoardSnapshot) -> None:
        self.snapshot = snapshot
        self.tasks = {task.id: task for task in snapshot.tasks}
        self.orders = {column.id: [] for column in snapshot.columns}
        for task in snapshot.tasks:
            self.orders.setdefault(task.column_id, []).append(task.id)
        self._haystack = {task.id: _haystack(task) for task in snapshot.tasks}

    def put(self, task: Task) -> None:
        self.tasks[task.id] = task
        self._haystack[task.id] = _haystack(task)

    def drop(self, task_id: int) -> None:
        self.tasks.pop(task_id, None)
        self._haystack.pop(task_id, None)

    @property
    def board_id(self) -> int | None:
        return self.snapshot.board.id if self.snapshot else None

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.snapshot.columns if self.snapshot else ()

    def column(self, column_id: int) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)

    def column_index(self, column_id: int) -> int:
        return next((i for i, c in enumerate(self.columns) if c.id == column_id), -1)

    @property
    def today(self) -> date:
        return self.snapshot.today if self.snapshot else date.today()

    # ----- filter
    def visible(self, task: Task) -> bool:
        f = self.filter
        if f.text and not all(word in self._haystack.get(task.id, "")
                              for word in f.text.casefold().split()):
            return False
        if not _field_matches(task.assignee_id, f.assignee_id):
            return False
        if not _field_matches(task.initiative_id, f.initiative_id):
            return False
        if f.label_id is not None:
            if f.label_id == NO_LANE and task.label_ids:
                return False
            if f.label_id != NO_LANE and f.label_id not in task.label_ids:
                return False
        if f.priority is not None and int(task.priority) != f.priority:
            return False
        if f.due is Due.OVERDUE:
            return task.due_date is not None and task.due_date < self.today
        if f.due is Due.THIS_WEEK:
            start = self.today - timedelta(days=self.today.weekday())
            return task.due_date is not None and start <= task.due_date <= start + timedelta(6)
        return True

    def visible_count(self) -> int:
        if not self.filter.active:
            return len(self.tasks)
        return sum(1 for task in self.tasks.values() if self.visible(task))

    # ----- swimlanes
    def lane_of(self, task: Task) -> int:
        if self.lanes is Lanes.INITIATIVE:
            return task.initiative_id or NO_LANE
        if self.lanes is Lanes.ASSIGNEE:
            return task.assignee_id or NO_LANE
        return ALL_CARDS

    def lane_field(self) -> str | None:
        return {Lanes.INITIATIVE: "initiative_id", Lanes.ASSIGNEE: "assignee_id"}.get(self.lanes)

    def ids_in(self, column_id: int, lane: int) -> list[int]:
        """The visible cards of one column and lane, in order."""
        tasks = self.tasks
        order = self.orders.get(column_id, [])
        if lane == ALL_CARDS and not self.filter.active:
            return list(order)
        return [
            i for i in order
            if (lane == ALL_CARDS or self.lane_of(tasks[i]) == lane) and self.visible(tasks[i])
        ]

    def lane_list(self) -> list[Lane]:
        """The lanes that hold at least one visible card, plus the "none" lane."""
        if self.lanes is Lanes.NONE or self.snapshot is None:
            return [Lane(ALL_CARDS, "")]
        used = {self.lane_of(t) for t in self.tasks.values() if self.visible(t)}
        if self.lanes is Lanes.INITIATIVE:
            tags = self.snapshot.initiatives
            lanes = [Lane(i, tags[i].title, tags[i].colour) for i in used if i in tags]
            none = Lane(NO_LANE, "No initiative")
        else:
            people = self.snapshot.people
            lanes = [Lane(i, people[i].name) for i in used if i in people]
            none = Lane(NO_LANE, "Unassigned")
        lanes.sort(key=lambda lane: lane.title.casefold())
        return [*lanes, none]

    def lane_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for task in self.tasks.values():
            if self.visible(task):
                key = self.lane_of(task)
                counts[key] = counts.get(key, 0) + 1
        return counts

    def titles(self, task_ids: Iterable[int]) -> list[str]:
        return [self.tasks[i].title for i in task_ids if i in self.tasks]


def _haystack(task: Task) -> str:
    return f"{task.title}\n{task.description}".casefold()
