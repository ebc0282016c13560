"""A believable past for the sample boards: when each card was created, moved and finished.

Six months of work with a steady-ish pace: quiet weekends, public holidays and a summer
week with nothing finished, cards that go back a column, cards reopened after Done, and
a few stale cards nobody has touched for weeks. Everything comes from one seeded random
generator, so ``--seed`` gives the same history on the same day.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

HISTORY_DAYS = 182
# Days nobody finishes anything: common European public holidays (month, day).
HOLIDAYS = frozenset({(1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11),
                      (12, 24), (12, 25), (12, 26), (12, 31)})
DAY_START = 8 * 3600 + 30 * 60
DAY_END = 18 * 3600 + 30 * 60


@dataclass
class CardPath:
    """Where a card was and when: the first step is its creation."""

    steps: list[tuple[datetime, int]] = field(default_factory=list)
    archived: datetime | None = None

    @property
    def column(self) -> int:
        return self.steps[-1][1]


class HistoryPlanner:
    """Plan card paths over the columns of one board (``kinds`` in board order)."""

    def __init__(self, rng: random.Random, kinds: Sequence[str], now: datetime) -> None:
        self.rng, self.now = rng, now
        self.today = now.date()
        self.first = self.today - timedelta(days=HISTORY_DAYS - 1)
        self.todo = [i for i, k in enumerate(kinds) if k == "todo"]
        self.doing = [i for i, k in enumerate(kinds) if k == "doing"]
        self.done = [i for i, k in enumerate(kinds) if k == "done"]
        summer = self.today - timedelta(days=130)
        self.summer = {summer + timedelta(days=i) for i in range(7)}

    # ----- the calendar
    def weight(self, day: date) -> float:
        """How much a team gets done on ``day`` (0 on holidays, little at weekends)."""
        if (day.month, day.day) in HOLIDAYS or day in self.summer:
            return 0.0
        if day.weekday() >= 5:
            return 0.06
        progress = (day - self.first).days / HISTORY_DAYS
        return 0.85 + 0.3 * progress

    def finish_days(self, count: int) -> list[date]:
        """Days on which ``count`` cards were finished, following the team's pace."""
        days = [self.first + timedelta(days=i) for i in range(HISTORY_DAYS)]
        weights = [self.weight(d) for d in days]
        return sorted(self.rng.choices(days, weights, k=count))

    def _workday(self, day: date) -> date:
        """Most moves happen on working days: pull a weekend or holiday move back."""
        while self.weight(day) == 0.0 or (day.weekday() >= 5 and self.rng.random() < 0.9):
            day -= timedelta(days=1)
        return day

    def _days_between(self, low: date, high: date, count: int) -> list[date]:
        span = (high - low).days
        picked = sorted(low + timedelta(days=self.rng.randint(0, span)) for _ in range(count))
        return [max(low, self._workday(d)) for d in picked]

    # ----- paths
    def finished(self, finish: date) -> CardPath:
        """A card that entered Done for the last time on ``finish``."""
        rng = self.rng
        cycle = min(60, max(1, round(rng.lognormvariate(math.log(4.5), 0.75))))
        start = self._workday(finish - timedelta(days=cycle - 1))
        sequence = list(self.doing) or [self.done[0]]
        if len(self.doing) > 1 and rng.random() < 0.15:
            sequence += [self.doing[-2], self.doing[-1]]  # sent back from review
        sequence.append(self.done[-1])
        if self.doing and rng.random() < 0.05:
            sequence += [self.doing[-1], self.done[-1]]  # reopened, then finished again
        path = self._before_start(start)
        middle = self._days_between(start, finish, len(sequence) - 2)
        days = [start, *middle, finish] if len(sequence) > 1 else [finish]
        self._append(path, list(zip(days, sequence, strict=True)))
        if rng.random() < 0.08:
            archived = finish + timedelta(days=rng.randint(2, 20))
            if archived < self.today:
                path.archived = self._stamp([archived])[0]
        return path

    def in_progress(self, column: int) -> CardPath:
        """A card started and not finished, now in ``column`` (a doing column)."""
        rng = self.rng
        stale = rng.random() < 0.2
        age = rng.randint(25, 110) if stale else rng.randint(1, 12)
        start = self._workday(self.today - timedelta(days=age - 1))
        sequence = [c for c in self.doing if c <= column] or [column]
        later = [c for c in self.doing if c > column]
        if later and rng.random() < 0.2:
            sequence += [later[0], column]  # went ahead, came back
        last = start + timedelta(days=(self.today - start).days // 3) if stale else self.today
        path = self._before_start(start)
        days = [start, *self._days_between(start, last, len(sequence) - 1)]
        self._append(path, list(zip(days, sequence, strict=True)))
        return path

    def waiting(self, column: int) -> CardPath:
        """A card not started, now in ``column`` (a to-do column)."""
        rng = self.rng
        created = self._workday(self.today - timedelta(days=rng.randint(0, HISTORY_DAYS + 10)))
        first = self.todo[0] if self.todo else column
        steps = [(created, first)]
        if column != first:
            steps += [(self._days_between(created, self.today, 1)[0], column)]
        elif len(self.todo) > 1 and rng.random() < 0.07:
            there, back = self._days_between(created, self.today, 2)
            steps += [(there, self.todo[-1]), (back, first)]  # groomed, then pushed back
        path = CardPath()
        self._append(path, steps)
        return path

    def _before_start(self, start: date) -> CardPath:
        """Creation in the first column and grooming into the last to-do column."""
        rng = self.rng
        wait = min(70, int(rng.expovariate(1 / 14)))
        created = self._workday(start - timedelta(days=wait))
        steps = [(created, self.todo[0])] if self.todo else []
        if len(self.todo) > 1 and rng.random() < 0.85:
            steps.append((self._days_between(created, start, 1)[0], self.todo[-1]))
        path = CardPath()
        self._append(path, steps)
        return path

    def _append(self, path: CardPath, steps: list[tuple[date, int]]) -> None:
        if path.steps:
            floor = path.steps[-1][0].date()
            steps = [(max(d, floor), c) for d, c in steps]
        stamps = self._stamp([d for d, _ in steps], after=path.steps[-1][0] if path.steps else None)
        path.steps += list(zip(stamps, [c for _, c in steps], strict=True))

    def _stamp(self, days: list[date], after: datetime | None = None) -> list[datetime]:
        """Times of day for moves on ``days`` (sorted), in working hours, before now."""
        out: list[datetime] = []
        for day in days:
            day = min(day, self.today)
            low, high = DAY_START, DAY_END
            if day == self.today:
                now = self.now.hour * 3600 + self.now.minute * 60 + self.now.second
                high = max(2, min(high, now - 60))
                low = min(low, high // 2)
            stamp = datetime.combine(day, time()) + timedelta(seconds=self.rng.randint(low, high))
            previous = out[-1] if out else after
            if previous is not None and stamp <= previous:
                stamp = previous + timedelta(minutes=self.rng.randint(1, 20))
                stamp = min(stamp, max(previous + timedelta(seconds=1), self.now))
            out.append(stamp)
        return out
