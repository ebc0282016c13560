"""Monte Carlo forecasts from daily throughput (definitions in FLOW.md).

"When": draw days from the history's daily throughput, with replacement, until the
remaining cards are done. Many forecasts that share one throughput history (every
initiative of a product scaled by its share of the work) share the simulated runs:
a share ``s`` of the throughput finishes ``n`` cards when the whole finishes ``n / s``.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pmdesk.domain import flow
from pmdesk.domain.flow import percentile

# Boards, the initiatives' (start, end) dates and today.
ForecastInputs = tuple[list[flow.BoardFlow], dict[int, tuple[date, date]], date]
RUNS = 2000
MIN_FINISHED = 10
MIN_HISTORY_DAYS = 21
WINDOW_DAYS = 90
HORIZON_DAYS = 2 * 365


@dataclass(frozen=True)
class Forecast:
    """Finish dates at P50/P85/P95 and the chance of finishing by ``end`` (None: no end)."""

    remaining: int
    p50: date
    p85: date
    p95: date
    probability: float | None = None
    end: date | None = None
    start: date | None = None

    def sentence(self) -> str:
        """ "62 % likely by 30 Sep · P85 14 Oct"."""
        year = (self.start or self.p50).year
        p85 = f"P85 {_day(self.p85, year)}"
        if self.end is None or self.probability is None:
            return f"P50 {_day(self.p50, year)} · {p85}"
        return f"{round(self.probability * 100)} % likely by {_day(self.end, year)} · {p85}"

    @property
    def at_risk(self) -> bool:
        return self.probability is not None and self.probability < 0.7


@dataclass(frozen=True)
class InitiativeForecast:
    """A forecast for one initiative, or the sentence saying why there is none."""

    initiative_id: int
    forecast: Forecast | None
    message: str = ""

    @property
    def text(self) -> str:
        return self.forecast.sentence() if self.forecast else self.message

    @property
    def at_risk(self) -> bool:
        return self.forecast is not None and self.forecast.at_risk


def _day(day: date, year: int) -> str:
    return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if day.year != year else "")


def too_little_history(finished: int, history_days: int) -> str | None:
    """The sentence to show instead of a forecast, or None when there is enough."""
    if finished < MIN_FINISHED:
        return (f"Too little history to forecast: {finished} card"
                f"{'' if finished == 1 else 's'} finished in the last {WINDOW_DAYS} days "
                f"({MIN_FINISHED} needed).")
    if history_days < MIN_HISTORY_DAYS:
        return (f"Too little history to forecast: the board has {history_days} days of "
                "history (3 weeks needed).")
    return None


def calendar(start: date, weekdays_only: bool) -> list[date]:
    """The forecast's days from ``start`` on (weekdays only when the team works those)."""
    days: list[date] = []
    day = start
    while len(days) < HORIZON_DAYS:
        if not weekdays_only or day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


class Simulation:
    """Seeded runs of cumulative throughput over the coming days, reused by every forecast."""

    def __init__(self, samples: Sequence[int], start: date, *, seed: int = 1,
                 runs: int = RUNS, weekdays_only: bool = False, shared: bool = True) -> None:
        if runs < 1 or not samples:
            raise ValueError("a simulation needs runs and throughput samples")
        self.samples = list(samples)
        self.start = start
        self.days = calendar(start, weekdays_only)
        # Shared by many forecasts: one generator per run, so a run's days do not depend on
        # which forecast asked first. Asked once: one generator is enough (and cheaper).
        if shared:
            self.rngs = [random.Random(seed * 1_000_003 + i) for i in range(runs)]
        else:
            self.rngs = [random.Random(seed)] * runs
        self.shared = shared
        self._by_day: list[list[int]] | None = None
        self.mean = sum(self.samples) / len(self.samples)
        self.runs: list[list[int]] = [[] for _ in range(runs)]
        self.growth_draws = [rng.random() for rng in self.rngs]

    def _extend(self, index: int, target: float, count: int = 0) -> None:
        run = self.runs[index]
        total = run[-1] if run else 0
        choices, samples, horizon = self.rngs[index].choices, self.samples, len(self.days)
        while (total < target or len(run) < count) and len(run) < horizon:
            guess = (target - total) / self.mean if self.mean else 0
            size = min(horizon - len(run), max(8, count - len(run), int(guess * 1.2) + 1))
            sums = itertools.accumulate(choices(samples, k=size), initial=total)
            next(sums)  # the running total itself, already in the run
            run.extend(sums)
            total = run[-1]

    def finish_days(self, remaining: int, share: float = 1.0,
                    growth: tuple[float, float] = (1.0, 1.0)) -> list[int] | None:
        """Days needed (1 = the start day) per run; None when it never finishes."""
        if share <= 0 or not any(self.samples):
            return None
        low, high = growth
        out = []
        for index, (run, draw) in enumerate(zip(self.runs, self.growth_draws, strict=True)):
            target = remaining * (low + (high - low) * draw) / share
            if target <= 0:
                out.append(0)
                continue
            if not run or run[-1] < target:
                self._extend(index, target)
            index = bisect.bisect_left(run, target)
            if index >= len(run):
                return None
            out.append(index + 1)
        return out

    def when(self, remaining: int, share: float = 1.0, end: date | None = None,
             growth: tuple[float, float] = (1.0, 1.0), begin: date | None = None,
             ) -> Forecast | None:
        """P50/P85/P95 finish dates of ``remaining`` cards, and the chance by ``end``.

        Work that may not begin before ``begin`` (a planned initiative) starts then.
        """
        offset = bisect.bisect_left(self.days, begin) if begin else 0
        if self.shared and growth == (1.0, 1.0):
            return self._when_sorted(remaining, share, end, offset)
        needed = self.finish_days(remaining, share, growth)
        if needed is None:
            return None
        last = len(self.days) - 1
        dates = [self.days[min(last, offset + max(0, n - 1))] for n in needed]
        probability = None if end is None else sum(d <= end for d in dates) / len(dates)
        p50, p85, p95 = (self.days[min(last, offset + max(0, int(percentile(needed, p) or 1) - 1))]
                         for p in (50, 85, 95))
        return Forecast(remaining, p50, p85, p95, probability, end, self.start)

    def _when_sorted(self, remaining: int, share: float, end: date | None,
                     offset: int) -> Forecast | None:
        """``when`` for many forecasts on one simulation: per day, the runs' sorted totals.

        The same answer as sorting every run's finish day, at a few bisections per forecast.
        """
        if share <= 0 or not any(self.samples):
            return None
        if self._by_day is None:
            for index in range(len(self.runs)):
                self._extend(index, 0, len(self.days))
            self._by_day = [sorted(day) for day in zip(*self.runs, strict=True)]
        by_day, runs, target = self._by_day, len(self.runs), remaining / share

        def finished(day: int) -> int:  # runs done by the end of day index ``day``
            return runs - bisect.bisect_left(by_day[day], target) if day >= 0 else 0

        def day_of(p: float) -> int | None:
            rank = max(1, math.ceil(p / 100 * runs))
            low, high = 0, len(by_day) - 1
            if finished(high) < rank:
                return None
            while low < high:
                middle = (low + high) // 2
                if finished(middle) >= rank:
                    high = middle
                else:
                    low = middle + 1
            return low

        found = [day_of(p) for p in (50, 85, 95)]
        if any(day is None for day in found):
            return None
        last = len(self.days) - 1
        p50, p85, p95 = (self.days[min(last, offset + (day or 0))] for day in found)
        probability = None
        if end is not None:
            probability = finished(bisect.bisect_right(self.days, end) - 1 - offset) / runs
        return Forecast(remaining, p50, p85, p95, probability, end, self.start)

    def how_many(self, by: date, share: float = 1.0) -> int:
        """Cards finished by ``by`` in 85 % of the runs (the 15th percentile of the sums)."""
        count = bisect.bisect_right(self.days, by)
        if count == 0:
            return 0
        sums = []
        for index, run in enumerate(self.runs):
            if len(run) < count:
                self._extend(index, 0, count)
            sums.append(int(run[count - 1] * share))
        return percentile(sums, 15) or 0


def forecast_initiatives(boards: list[flow.BoardFlow], dates: dict[int, tuple[date, date]],
                         today: date,
                         *, seed: int = 1, growth: tuple[float, float] = (1.0, 1.0)
                         ) -> dict[int, InitiativeForecast]:
    """Forecast every initiative of ``dates`` that has open cards on ``boards``."""
    first = today - timedelta(days=WINDOW_DAYS)
    last = today - timedelta(days=1)
    finished: list[flow.FinishedCard] = []
    own: dict[int, list[flow.FinishedCard]] = {}
    open_cards: dict[int, int] = {}
    wip: dict[int, int] = {}
    history_start = today
    for board in boards:
        done = board.done_ids()
        rank, start = board.rank(), board.start_index
        by_id = {c.id: c for c in board.cards}
        for done_card in flow.finished_cards(board, first, last):
            finished.append(done_card)
            initiative = by_id[done_card.id].initiative_id
            if initiative is not None:
                own.setdefault(initiative, []).append(done_card)
        for card in board.cards:
            history_start = min(history_start, card.created)
            if card.archived is not None or card.column_id in done:
                continue
            if card.initiative_id is None:
                continue
            open_cards[card.initiative_id] = open_cards.get(card.initiative_id, 0) + 1
            if rank.get(card.column_id, -1) >= start:
                wip[card.initiative_id] = wip.get(card.initiative_id, 0) + 1
    targets = [i for i in dates if open_cards.get(i)]
    out: dict[int, InitiativeForecast] = {}
    refusal = too_little_history(len(finished), (today - history_start).days)
    if refusal:
        return {i: InitiativeForecast(i, None, refusal) for i in targets}
    board_samples = flow.throughput(finished, first, last).per_day
    shared = Simulation(board_samples, today, seed=seed)
    total_wip = sum(wip.values())
    for initiative in targets:
        remaining = open_cards[initiative]
        mine = own.get(initiative, [])
        if len(mine) >= 10:
            simulation, share = Simulation(flow.throughput(mine, first, last).per_day, today,
                                           seed=seed, shared=False), 1.0
        elif wip.get(initiative):
            simulation, share = shared, wip[initiative] / total_wip
        else:  # nothing in progress yet: it gets the share of one card in progress
            simulation, share = shared, 1 / (total_wip + 1)
        begin, end = dates[initiative]
        result = simulation.when(remaining, share, end, growth, begin)
        out[initiative] = InitiativeForecast(
            initiative, result,
            "" if result else "No cards were finished recently, so there is no date to forecast.")
    return out


@dataclass(frozen=True)
class MilestoneForecast:
    """How many cards the product's boards finish by a milestone's date, 85 % of the time."""

    milestone_id: int
    by: date
    cards: int | None  # None: no forecast (``message`` says why)
    open_cards: int = 0
    message: str = ""
    today: date | None = None  # the year is named when the date is in another

    @property
    def text(self) -> str:
        """ "At least 34 cards finished by 30 Sep (85 % likely) · 120 open now"."""
        if self.cards is None:
            return self.message
        by = _day(self.by, (self.today or self.by).year)
        return (f"At least {self.cards:,} card{'' if self.cards == 1 else 's'} finished by "
                f"{by} (85 % likely) · {self.open_cards:,} open now")


def forecast_milestones(boards: list[flow.BoardFlow], milestones: dict[int, date],
                        today: date, *, seed: int = 1) -> dict[int, MilestoneForecast]:
    """For each milestone from today on: the cards finished by its date in 85 % of runs."""
    first, last = today - timedelta(days=WINDOW_DAYS), today - timedelta(days=1)
    finished = [c for board in boards for c in flow.finished_cards(board, first, last)]
    cards = [c for board in boards for c in board.cards]
    open_cards = sum(1 for board in boards for c in board.cards
                     if c.archived is None and c.column_id not in board.done_ids())
    history = (today - min((c.created for c in cards), default=today)).days
    coming = {i: day for i, day in milestones.items() if day >= today}
    refusal = too_little_history(len(finished), history)
    if refusal:
        return {i: MilestoneForecast(i, day, None, open_cards, refusal, today)
                for i, day in coming.items()}
    samples = flow.throughput(finished, first, last).per_day
    simulation = Simulation(samples, today, seed=seed)
    return {i: MilestoneForecast(i, day, simulation.how_many(day), open_cards, today=today)
            for i, day in coming.items()}
