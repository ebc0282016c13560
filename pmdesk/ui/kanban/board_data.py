"""The board's cached rows: cards by id, each column's order, the filter and the swimlanes.

Plain Python on purpose: the item models read from it, the controller keeps it current.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from itertools import groupby
from typing import TYPE_CHECKING

from pmdesk.domain import rules
from pmdesk.domain.board_cards import BoardCards, CardRow, stored_day
from pmdesk.domain.models import Column, Task
from pmdesk.domain.snapshots import BoardSnapshot

if TYPE_CHECKING:
    from pmdesk.domain.flow import CardAges, FlowFilter

NO_LANE = 0  # lane key of cards without an initiative / assignee (ids start at 1)
ALL_CARDS = -1  # the single lane of a board without swimlanes
OTHER_LANES = -2  # cards of the lanes beyond LANES_MAX, grouped in one last lane
LANES_MAX = 30


class Lanes(StrEnum):
    NONE = "none"
    INITIATIVE = "initiative"
    ASSIGNEE = "assignee"

    @property
    def label(self) -> str:
        return {"none": "No swimlanes", "initiative": "By initiative",
                "assignee": "By assignee"}[self.value]


# Where a card's lane key sits in its row.
_LANE_FIELDS = {Lanes.INITIATIVE: CardRow._fields.index("initiative_id"),
                Lanes.ASSIGNEE: CardRow._fields.index("assignee_id")}


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


def flow_filter(value: CardFilter) -> FlowFilter:
    """The board's filter as the flow charts apply it (due dates aside: history has none)."""
    from pmdesk.domain.flow import FlowFilter  # loads with the flow charts, after the board

    def ids(wanted: int | None) -> frozenset[int | None]:
        if wanted is None:
            return frozenset()
        return frozenset({None}) if wanted == NO_LANE else frozenset({wanted})

    label = value.label_id
    return FlowFilter(initiative_ids=ids(value.initiative_id), assignee_ids=ids(value.assignee_id),
                      label_ids=frozenset() if label in (None, NO_LANE) else frozenset({label}),
                      no_label=label == NO_LANE, text=value.text, priority=value.priority)


class AgeLevel(StrEnum):
    """How a card's work item age compares with the board's cycle times."""

    USUAL = ""
    ABOVE_P85 = "P85"
    ABOVE_P95 = "P95"


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


_ID = operator.attrgetter("id")
_COLUMN_ID = operator.attrgetter("column_id")


class Cards(Mapping[int, Task]):
    """Card values by id, built from the read's rows the first time each is needed."""

    def __init__(self, cards: BoardCards | None = None) -> None:
        self._source = cards
        rows = cards.rows if cards else []
        self._rows: dict[int, CardRow | None] = dict(zip(map(_ID, rows), rows, strict=True))
        self._built: dict[int, Task] = {}

    def __getitem__(self, task_id: int) -> Task:
        task = self._built.get(task_id)
        if task is None:
            row = self._rows[task_id]
            assert row is not None and self._source is not None
            task = self._built[task_id] = self._source.task(row)
        return task

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._rows

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def put(self, task: Task) -> None:
        self._rows[task.id] = None
        self._built[task.id] = task

    def drop(self, task_id: int) -> None:
        self._rows.pop(task_id, None)
        self._built.pop(task_id, None)



class BoardData:
    """Every active card of one board, kept in column order."""

    def __init__(self) -> None:
        self.snapshot: BoardSnapshot | None = None
        self.complete = True  # False: read for a first paint (see ``BoardCards.complete``)
        self.tasks = Cards()
        self.orders: dict[int, list[int]] = {}
        self.filter = CardFilter()
        self.lanes = Lanes.NONE
        # What the filter and the swimlanes look at: each card's row (a card changed here
        # gets one made from its value) and its labels. The rows of the read itself: ten
        # thousand values of their own would cost as much again, and the collector's time.
        self._rows: dict[int, CardRow] = {}
        self._labels: dict[int, tuple[int, ...]] = {}
        self._text: dict[int, str] = {}  # casefolded title and description, once searched
        self._visible: set[int] | None = None  # None: no filter, every card shows
        self._listed: set[int] = set()  # lanes shown on their own (see ``lane_list``)
        self.ages: CardAges | None = None  # read after the board shows (the badges wait)
        self._buckets: dict[int, dict[int, list[int]]] | None = None  # see ``lanes_at_once``

    # ----- loading
    def load(self, cards: BoardCards) -> None:
        self.snapshot = cards.snapshot
        self.complete = cards.complete
        self.tasks = Cards(cards)
        orders = self.orders = {column.id: [] for column in cards.snapshot.columns}
        for column_id, rows in groupby(cards.rows, _COLUMN_ID):  # rows come column by column
            order = orders.get(column_id)
            if order is None:
                order = orders[column_id] = []
            order.extend(map(_ID, rows))
        self._rows = dict(zip(map(_ID, cards.rows), cards.rows, strict=True))
        self._labels = dict(cards.labels_of)
        self._text = {}
        self._visible = self._matching(self._rows) if self.filter.active else None

    def set_filter(self, value: CardFilter) -> None:
        """Apply a filter; typing more of the same search only rechecks the cards shown."""
        old, shown = self.filter, self._visible
        self.filter = value
        if not value.active:
            self._visible = None
            return
        narrower = (shown is not None and replace(old, text="") == replace(value, text="")
                    and value.text.casefold().startswith(old.text.casefold()))
        self._visible = self._matching(shown if narrower and shown is not None else self._rows)

    def _matching(self, candidates: Iterable[int]) -> set[int]:
        return {task_id for task_id in candidates if self.visible(task_id)}

    def clear(self) -> None:
        self.snapshot = None
        self.complete = True
        self.ages = None
        self.tasks = Cards()
        self.orders = {}
        self._rows, self._labels, self._text = {}, {}, {}
        self._visible = None

    def put(self, task: Task) -> None:
        self.tasks.put(task)
        self._rows[task.id] = CardRow.of(task)
        self._labels[task.id] = task.label_ids
        self._text.pop(task.id, None)
        if self._visible is not None:
            if self.visible(task.id):
                self._visible.add(task.id)
            else:
                self._visible.discard(task.id)

    def drop(self, task_id: int) -> None:
        self.tasks.drop(task_id)
        self._rows.pop(task_id, None)
        self._labels.pop(task_id, None)
        self._text.pop(task_id, None)
        if self._visible is not None:
            self._visible.discard(task_id)

    @property
    def board_id(self) -> int | None:
        return self.snapshot.board.id if self.snapshot else None

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.snapshot.columns if self.snapshot else ()

    def column(self, column_id: int) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)

    def drop_refusal(self, column_id: int, task_ids: Iterable[int]) -> str | None:
        """Why a hard WIP limit refuses these cards in this column (None: they may go).

        The same rule the services apply on the move, asked while the cards are dragged.
        """
        column = self.column(column_id)
        if column is None:
            return None
        held = self.orders.get(column_id, [])
        members = set(held)
        arriving = sum(1 for task_id in task_ids if task_id not in members)
        if not arriving:
            return None  # reordering inside the column never changes its count
        return rules.wip_refusal(column.name, column.wip_limit, column.wip_hard,
                                 len(held) + arriving)

    def column_index(self, column_id: int) -> int:
        return next((i for i, c in enumerate(self.columns) if c.id == column_id), -1)

    @property
    def today(self) -> date:
        return self.snapshot.today if self.snapshot else date.today()

    def title(self, task_id: int) -> str:
        return self._rows[task_id].title

    def work_age(self, task_id: int) -> tuple[int, AgeLevel] | None:
        """Days a card in progress has been going, against the board's P85 and P95."""
        ages = self.ages
        age = ages.ages.get(task_id) if ages is not None else None
        if ages is None or age is None:
            return None
        if ages.cycle.p95 is not None and age > ages.cycle.p95:
            return age, AgeLevel.ABOVE_P95
        if ages.cycle.p85 is not None and age > ages.cycle.p85:
            return age, AgeLevel.ABOVE_P85
        return age, AgeLevel.USUAL

    # ----- filter
    def _haystack(self, task_id: int) -> str:
        text = self._text.get(task_id)
        if text is None:
            row = self._rows.get(task_id)
            title, description = (row.title, row.description or "") if row else ("", "")
            text = self._text[task_id] = f"{title}\n{description}".casefold()
        return text

    def shows(self, task_id: int) -> bool:
        """Whether the current filter lets this card through (cached)."""
        return self._visible is None or task_id in self._visible

    def visible(self, task_id: int) -> bool:
        """Check one card against the filter."""
        f = self.filter
        if f.text:
            haystack = self._haystack(task_id)
            if not all(word in haystack for word in f.text.casefold().split()):
                return False
        row = self._rows[task_id]
        if f.assignee_id is not None and not _field_matches(row.assignee_id, f.assignee_id):
            return False
        if f.initiative_id is not None and not _field_matches(row.initiative_id,
                                                              f.initiative_id):
            return False
        if f.label_id is not None:
            labels = self._labels.get(task_id, ())
            if f.label_id == NO_LANE and labels:
                return False
            if f.label_id != NO_LANE and f.label_id not in labels:
                return False
        if f.priority is not None and row.priority != f.priority:
            return False
        if f.due is Due.OVERDUE:
            day = stored_day(row.due)
            return day is not None and day < self.today
        if f.due is Due.THIS_WEEK:
            day = stored_day(row.due)
            start = self.today - timedelta(days=self.today.weekday())
            return day is not None and start <= day <= start + timedelta(6)
        return True

    def visible_count(self) -> int:
        return len(self.tasks) if self._visible is None else len(self._visible)

    def shown_in(self, column_id: int) -> int:
        return sum(1 for i in self.orders.get(column_id, ()) if self.shows(i))

    # ----- swimlanes
    def lane_of(self, task_id: int) -> int:
        field = _LANE_FIELDS.get(self.lanes)
        return ALL_CARDS if field is None else (self._rows[task_id][field] or NO_LANE)

    def lane_field(self) -> str | None:
        return {Lanes.INITIATIVE: "initiative_id", Lanes.ASSIGNEE: "assignee_id"}.get(self.lanes)

    @contextmanager
    def lanes_at_once(self) -> Iterator[None]:
        """While every lane of the board is filled: split each column into lanes once.

        Asking each lane for its cards would walk the whole column once per lane.
        Nothing may change the cards or the filter inside.
        """
        self._buckets = {}
        try:
            yield
        finally:
            self._buckets = None

    def _lanes_of_column(self, column_id: int) -> dict[int, list[int]]:
        assert self._buckets is not None
        found = self._buckets.get(column_id)
        if found is None:
            found = {}
            shown, listed, rows = self._visible, self._listed, self._rows
            field = _LANE_FIELDS.get(self.lanes)  # ``lane_of``, without a call per card
            for task_id in self.orders.get(column_id, []):
                if shown is None or task_id in shown:
                    key = ALL_CARDS if field is None else (rows[task_id][field] or NO_LANE)
                    found.setdefault(key, []).append(task_id)
                    if key not in listed:
                        found.setdefault(OTHER_LANES, []).append(task_id)
            self._buckets[column_id] = found
        return found

    def ids_in(self, column_id: int, lane: int) -> list[int]:
        """The visible cards of one column and lane, in order."""
        order = self.orders.get(column_id, [])
        shown = self._visible
        if lane == ALL_CARDS:
            return list(order) if shown is None else [i for i in order if i in shown]
        if self._buckets is not None:
            return list(self._lanes_of_column(column_id).get(lane, ()))
        if lane == OTHER_LANES:
            listed = self._listed
            return [i for i in order
                    if self.lane_of(i) not in listed and (shown is None or i in shown)]
        return [i for i in order if self.lane_of(i) == lane and (shown is None or i in shown)]

    def lane_list(self, counts: dict[int, int] | None = None) -> list[Lane]:
        """The lanes that hold at least one visible card, plus the "none" lane.

        ``counts`` are ``lane_counts()`` when the caller has them already.
        """
        if self.lanes is Lanes.NONE or self.snapshot is None:
            return [Lane(ALL_CARDS, "")]
        counts = self.lane_counts() if counts is None else counts
        if self.lanes is Lanes.INITIATIVE:
            tags = self.snapshot.initiatives
            lanes = [Lane(i, tags[i].title, tags[i].colour) for i in counts if i in tags]
            none = Lane(NO_LANE, "No initiative")
            what = ("initiative", "initiatives")
        else:
            people = self.snapshot.people
            lanes = [Lane(i, people[i].name) for i in counts if i in people]
            none = Lane(NO_LANE, "Unassigned")
            what = ("person", "people")
        other: list[Lane] = []
        if len(lanes) > LANES_MAX:
            lanes.sort(key=lambda lane: (-counts[lane.key], lane.title.casefold()))
            rest = len(lanes) - LANES_MAX
            lanes = lanes[:LANES_MAX]
            noun = what[0] if rest == 1 else what[1]
            other = [Lane(OTHER_LANES, f"{rest:,} more {noun} (filter to bring one up)")]
        lanes.sort(key=lambda lane: lane.title.casefold())
        self._listed = {lane.key for lane in lanes} | {NO_LANE}
        return [*lanes, none, *other]

    def lane_counts(self) -> dict[int, int]:
        """Visible cards per lane key (every key, before grouping the smallest lanes)."""
        counts: dict[int, int] = {}
        rows, field = self._rows, _LANE_FIELDS.get(self.lanes)  # ``lane_of``, inlined
        for task_id in rows if self._visible is None else self._visible:
            row = rows.get(task_id)
            if row is not None:
                key = ALL_CARDS if field is None else (row[field] or NO_LANE)
                counts[key] = counts.get(key, 0) + 1
        return counts

    def titles(self, task_ids: Iterable[int]) -> list[str]:
        return [self.title(i) for i in task_ids if i in self.tasks]


