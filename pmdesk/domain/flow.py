"""Flow metrics of a board from its cards' move history (definitions in FLOW.md).

Pure functions on plain values: the service reads the event log once and hands the
cards' moves here. Days are local calendar days; a move's day is ``at.date()``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class FlowColumn:
    id: int
    name: str
    kind: str  # "todo", "doing" or "done"


@dataclass(frozen=True)
class CardFlow:
    """One card's path: ``moves`` are (when, column id) entries, the first one its creation."""

    id: int
    title: str
    moves: tuple[tuple[datetime, int], ...]
    archived: datetime | None = None
    initiative_id: int | None = None
    assignee_id: int | None = None
    label_ids: frozenset[int] = frozenset()
    priority: int = 0

    @property
    def created(self) -> date:
        return self.moves[0][0].date()

    @property
    def column_id(self) -> int:
        return self.moves[-1][1]


@dataclass(frozen=True)
class BoardFlow:
    """A board's columns in order, its cards' paths and which column starts the work."""

    columns: tuple[FlowColumn, ...]
    cards: tuple[CardFlow, ...]
    start_column_id: int | None = None
    board_id: int | None = None  # which board, when read from a workspace

    @property
    def start_index(self) -> int:
        """The start column's place: the board's choice, else the first "doing" column."""
        ids = [c.id for c in self.columns]
        if self.start_column_id in ids:
            return ids.index(self.start_column_id)  # type: ignore[arg-type,unused-ignore]
        for kind in ("doing", "done"):
            for index, column in enumerate(self.columns):
                if column.kind == kind:
                    return index
        return len(self.columns)

    def rank(self) -> dict[int, int]:
        return {c.id: i for i, c in enumerate(self.columns)}

    def done_ids(self) -> frozenset[int]:
        return frozenset(c.id for c in self.columns if c.kind == "done")


@dataclass(frozen=True)
class FinishedCard:
    id: int
    title: str
    created: date
    started: date
    finished: date

    @property
    def cycle_time(self) -> int:
        return (self.finished - self.started).days + 1

    @property
    def lead_time(self) -> int:
        return (self.finished - self.created).days + 1


@dataclass(frozen=True)
class AgingCard:
    id: int
    title: str
    column_id: int
    started: date
    age: int


@dataclass(frozen=True)
class Return:
    card_id: int
    title: str
    at: datetime
    from_column: int
    to_column: int


@dataclass(frozen=True)
class Percentiles:
    p50: int | None
    p85: int | None
    p95: int | None


@dataclass(frozen=True)
class CumulativeFlow:
    """Cards per column at the end of each day; ``counts[day][column]`` in board order."""

    days: tuple[date, ...]
    counts: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Throughput:
    days: tuple[date, ...]
    per_day: tuple[int, ...]
    weeks: tuple[date, ...]  # Mondays
    per_week: tuple[int, ...]


@dataclass(frozen=True)
class FlowFilter:
    """Cards to keep (empty sets keep everything; None in a set keeps cards without one).

    ``text`` keeps cards whose title holds every word; ``no_label`` keeps unlabelled cards.
    """

    initiative_ids: frozenset[int | None] = frozenset()
    assignee_ids: frozenset[int | None] = frozenset()
    label_ids: frozenset[int] = frozenset()
    text: str = ""
    priority: int | None = None
    no_label: bool = False

    def keeps(self, card: CardFlow) -> bool:
        return ((not self.initiative_ids or card.initiative_id in self.initiative_ids)
                and (not self.assignee_ids or card.assignee_id in self.assignee_ids)
                and (not self.label_ids or bool(self.label_ids & card.label_ids))
                and (not self.no_label or not card.label_ids)
                and (self.priority is None or card.priority == self.priority)
                and (not self.text or all(word in card.title.casefold()
                                          for word in self.text.casefold().split())))

    @property
    def active(self) -> bool:
        return self != FlowFilter()


EVERYTHING = FlowFilter()


@dataclass(frozen=True)
class FlowReport:
    """Everything the Flow page and the exports show for one board and date range."""

    board: BoardFlow
    first: date
    last: date
    cumulative: CumulativeFlow
    throughput: Throughput
    finished: tuple[FinishedCard, ...]
    cycle: Percentiles
    aging: tuple[AgingCard, ...]
    column_days: dict[int, float] = field(default_factory=dict)
    returns: tuple[Return, ...] = ()


@dataclass(frozen=True)
class CardAges:
    """The work item age of each card in progress, and the board's cycle-time percentiles."""

    cycle: Percentiles
    ages: dict[int, int] = field(default_factory=dict)


def percentile(values: Sequence[int], p: float) -> int | None:
    """Nearest-rank percentile (None without values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def percentiles(values: Sequence[int]) -> Percentiles:
    return Percentiles(percentile(values, 50), percentile(values, 85), percentile(values, 95))


def started_on(card: CardFlow, rank: dict[int, int], start_index: int) -> date | None:
    """The first day the card entered the start column or a later one."""
    for when, column in card.moves:
        if rank.get(column, -1) >= start_index:
            return when.date()
    return None


def finished_on(card: CardFlow, done: frozenset[int]) -> date | None:
    """The day it entered the "done" columns for the last time, if it is still there."""
    finish = None
    for when, column in reversed(card.moves):
        if column not in done:
            break
        finish = when.date()
    return finish


def finished_cards(board: BoardFlow, first: date, last: date) -> tuple[FinishedCard, ...]:
    """Cards finished from ``first`` to ``last``, in order of finishing."""
    rank, done, start = board.rank(), board.done_ids(), board.start_index
    out = []
    for card in board.cards:
        finish = finished_on(card, done)
        if finish is None or not first <= finish <= last:
            continue
        began = started_on(card, rank, start) or finish
        out.append(FinishedCard(card.id, card.title, card.created, min(began, finish), finish))
    return tuple(sorted(out, key=lambda c: (c.finished, c.id)))


def days_between(first: date, last: date, weekdays_only: bool = False) -> list[date]:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if d.weekday() < 5] if weekdays_only else days


def throughput(finished: Iterable[FinishedCard], first: date, last: date,
               weekdays_only: bool = False) -> Throughput:
    """Cards finished per day and per week (Monday to Sunday), periods with none as 0."""
    days = days_between(first, last, weekdays_only)
    per_day = dict.fromkeys(days, 0)
    monday = first - timedelta(days=first.weekday())
    weeks = [monday + timedelta(weeks=i) for i in range((last - monday).days // 7 + 1)]
    per_week = dict.fromkeys(weeks, 0)
    for card in finished:
        if card.finished in per_day:
            per_day[card.finished] += 1
        if first <= card.finished <= last:
            per_week[card.finished - timedelta(days=card.finished.weekday())] += 1
    return Throughput(tuple(days), tuple(per_day.values()), tuple(weeks),
                      tuple(per_week.values()))


def cumulative_flow(board: BoardFlow, first: date, last: date) -> CumulativeFlow:
    """How many cards sit in each column at the end of each day from ``first`` to ``last``.

    An archived card stays in its column until the day it was archived. Days are counted
    as ordinals from ``first``: no date object per move (a board has tens of thousands).
    """
    size = (last - first).days + 1
    rank = board.rank()
    width = len(board.columns)
    diff = [[0] * width for _ in range(size + 1)]
    origin = first.toordinal()
    for card in board.cards:
        moves = card.moves
        archived = card.archived.toordinal() - origin if card.archived else None
        after = len(moves) - 1
        for index, (when, column) in enumerate(moves):
            begin = when.toordinal() - origin
            if archived is not None and begin >= archived:
                break
            end = moves[index + 1][0].toordinal() - origin if index < after else archived
            if archived is not None and end is not None and archived < end:
                end = archived
            low = max(0, begin)
            high = size if end is None else min(size, end)
            place = rank.get(column)
            if low < high and place is not None:
                diff[low][place] += 1
                diff[high][place] -= 1
    running = [0] * width
    counts = []
    for row in diff[:size]:
        running = [a + b for a, b in zip(running, row, strict=True)]
        counts.append(tuple(running))
    return CumulativeFlow(tuple(first + timedelta(days=i) for i in range(size)), tuple(counts))


def column_on(card: CardFlow, day: date) -> int | None:
    """The column a card was in at the end of ``day`` (None: not created or archived yet)."""
    if card.created > day or (card.archived is not None and card.archived.date() <= day):
        return None
    where = None
    for when, column in card.moves:
        if when.date() > day:
            break
        where = column
    return where


def cards_in_column(board: BoardFlow, column_id: int, day: date) -> list[CardFlow]:
    """The cards counted in ``column_id`` on ``day`` by the cumulative flow."""
    return [c for c in board.cards if column_on(c, day) == column_id]


def aging(board: BoardFlow, today: date) -> tuple[AgingCard, ...]:
    """Started, unfinished, active cards with their age in days (today counts as day 1)."""
    rank, done, start = board.rank(), board.done_ids(), board.start_index
    out = []
    for card in board.cards:
        if card.archived is not None or card.column_id in done:
            continue
        if rank.get(card.column_id, -1) < start:
            continue
        began = started_on(card, rank, start)
        if began is not None:
            out.append(AgingCard(card.id, card.title, card.column_id, began,
                                 (today - began).days + 1))
    return tuple(sorted(out, key=lambda c: (rank[c.column_id], -c.age, c.id)))


def column_days(board: BoardFlow, finished: Iterable[FinishedCard]) -> dict[int, float]:
    """Average days the finished cards spent in each column (every visit counted)."""
    ids = {c.id for c in finished}
    total = dict.fromkeys((c.id for c in board.columns), 0.0)
    for card in board.cards:
        if card.id not in ids:
            continue
        for (when, column), (after, _) in zip(card.moves, card.moves[1:], strict=False):
            if column in total:
                total[column] += (after - when).total_seconds() / 86400
    return {column: days / len(ids) if ids else 0.0 for column, days in total.items()}


def returns(board: BoardFlow, first: date, last: date) -> tuple[Return, ...]:
    """Moves to an earlier column of the board, from ``first`` to ``last``."""
    rank = board.rank()
    out = []
    for card in board.cards:
        moves = card.moves
        for index in range(1, len(moves)):
            source, (when, target) = moves[index - 1][1], moves[index]
            back = rank.get(target, -1)
            if (back >= 0 and back < rank.get(source, -1)  # most moves go forward: asked first
                    and first <= when.date() <= last):
                out.append(Return(card.id, card.title, when, source, target))
    return tuple(sorted(out, key=lambda r: (r.at, r.card_id)))


def report(board: BoardFlow, first: date, last: date, today: date,
           keep: FlowFilter = EVERYTHING, weekdays_only: bool = False) -> FlowReport:
    """All flow metrics of the cards ``keep`` keeps, from ``first`` to ``last``."""
    if keep.active:
        cards = tuple(c for c in board.cards if keep.keeps(c))
        board = replace(board, cards=cards)
    done = finished_cards(board, first, last)
    return FlowReport(
        board=board, first=first, last=last,
        cumulative=cumulative_flow(board, first, last),
        throughput=throughput(done, first, last, weekdays_only),
        finished=done, cycle=percentiles([c.cycle_time for c in done]),
        aging=aging(board, today), column_days=column_days(board, done),
        returns=returns(board, first, last),
    )


def card_ages(board: BoardFlow, today: date, window_days: int = 90) -> CardAges:
    """Ages of the cards in progress against the cycle times of the last ``window_days``."""
    done = finished_cards(board, today - timedelta(days=window_days - 1), today)
    return CardAges(percentiles([c.cycle_time for c in done]),
                    {c.id: c.age for c in aging(board, today)})
