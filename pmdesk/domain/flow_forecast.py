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
STREAM_BLOCK = 8192  # days drawn at least at once for runs that take one generator in turn


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


class Draws:
    """One seeded generator's draws, as indexes into ``count`` samples, drawn ahead and kept.

    Simulations that each take one generator in turn for all their runs draw the same
    indexes whenever their seed, run count and number of samples agree (every initiative
    forecast from its own history samples the same window of days): drawn once, each maps
    them to its own days. The values are those ``random.choices`` would give each of them.
    """

    def __init__(self, seed: int, runs: int, count: int) -> None:
        self._rng = random.Random(seed)
        self.growth = [self._rng.random() for _ in range(runs)]  # one per run, drawn first
        self.count = count
        self.runs = runs
        self.indexes: list[int] = []

    def reach(self, size: int) -> list[int]:
        """The indexes, at least ``size`` of them."""
        if len(self.indexes) < size:
            self.indexes.extend(self._rng.choices(range(self.count),
                                                  k=max(size - len(self.indexes), STREAM_BLOCK)))
        return self.indexes


class Simulation:
    """Seeded runs of cumulative throughput over the coming days, reused by every forecast."""

    def __init__(self, samples: Sequence[int], start: date, *, seed: int = 1,
                 runs: int = RUNS, weekdays_only: bool = False, shared: bool = True,
                 draws: Draws | None = None) -> None:
        if runs < 1 or not samples:
            raise ValueError("a simulation needs runs and throughput samples")
        self.samples = list(samples)
        self.start = start
        self.days = calendar(start, weekdays_only)
        self.shared = shared
        # Shared by many forecasts: one generator per run, so a run's days do not depend on
        # which forecast asked first. Asked once: one generator is enough (and cheaper),
        # taken by the runs in turn, its draws kept ahead (``Draws``, perhaps shared).
        if shared:
            self.rngs = [random.Random(seed * 1_000_003 + i) for i in range(runs)]
            self.growth_draws = [rng.random() for rng in self.rngs]
        else:
            if draws is None or (draws.count, draws.runs) != (len(self.samples), runs):
                draws = Draws(seed, runs, len(self.samples))
            self.rngs = []
            self.growth_draws = draws.growth
        self._ahead = draws
        # Per day, the runs' totals sorted, for the days computed so far (shared runs).
        self._by_day: list[list[int]] = []
        self.mean = sum(self.samples) / len(self.samples)
        self.runs: list[list[int]] = [[] for _ in range(runs)]
        # The one generator's days as one stream: its running sums, and where the next run
        # starts in it; runs are kept as spans of it until something needs them as lists.
        self._sums: list[int] = [0]  # _sums[k]: the total of the stream's first k days
        self._taken = 0
        self._spans: list[tuple[int, int]] | None = None

    def _fill(self, size: int) -> None:
        """Extend the stream's running sums to at least ``size`` days."""
        done = len(self._sums) - 1
        if done >= size:
            return
        assert self._ahead is not None
        upto = max(size, done + STREAM_BLOCK // 4)  # a few more: the next run needs them
        indexes = self._ahead.reach(upto)
        sums = itertools.accumulate(map(self.samples.__getitem__, indexes[done:upto]),
                                    initial=self._sums[-1])
        next(sums)
        self._sums.extend(sums)

    def _draws(self, index: int, size: int) -> list[int]:
        """The next ``size`` sampled days of run ``index``."""
        if self.shared:
            return self.rngs[index].choices(self.samples, k=size)
        assert self._ahead is not None
        start = self._taken
        self._taken = start + size
        self._fill(start + size)
        indexes = self._ahead.reach(start + size)[start:start + size]
        return list(map(self.samples.__getitem__, indexes))

    def _materialize(self) -> None:
        """Copy runs kept as spans of the stream into ``runs`` (before other uses)."""
        if self._spans is None:
            return
        sums = self._sums
        for index, (begin, stop) in enumerate(self._spans):
            base = sums[begin]
            self.runs[index] = [total - base for total in sums[begin + 1:stop + 1]]
        self._spans = None

    def _extend(self, index: int, target: float, count: int = 0) -> None:
        self._materialize()
        run = self.runs[index]
        total = run[-1] if run else 0
        horizon, mean = len(self.days), self.mean
        while (total < target or len(run) < count) and len(run) < horizon:
            guess = (target - total) / mean if mean else 0
            size = min(horizon - len(run), max(8, count - len(run), int(guess * 1.2) + 1))
            sums = itertools.accumulate(self._draws(index, size), initial=total)
            next(sums)  # the running total itself, already in the run
            run.extend(sums)
            total = run[-1]

    def _finish_days_fresh(self, targets: list[float]) -> list[int] | None:
        """``finish_days`` for new runs that share one generator, found on the stream's
        running sums: each run draws the same days as ``_extend`` would, without copying."""
        sums, horizon, mean = self._sums, len(self.days), self.mean
        spans: list[tuple[int, int]] = []
        out: list[int] = []
        at = self._taken
        self._spans = spans
        for target in targets:
            begin = at
            if target <= 0:
                spans.append((begin, begin))
                out.append(0)
                continue
            total = 0
            while total < target and at - begin < horizon:
                guess = (target - total) / mean if mean else 0
                at += min(horizon - (at - begin), max(8, int(guess * 1.2) + 1))
                self._fill(at)
                total = sums[at] - sums[begin]
            spans.append((begin, at))
            # The first day whose total reaches the target (totals are whole cards).
            day = bisect.bisect_left(sums, sums[begin] + math.ceil(target), begin + 1, at + 1)
            if day > at:
                self._taken = at
                spans.extend((at, at) for _ in range(len(self.runs) - len(spans)))
                return None
            out.append(day - begin)
        self._taken = at
        return out

    def _sorted_through(self, target: float) -> list[list[int]]:
        """Per day, the runs' sorted totals, computed until every run has reached
        ``target`` (later days cannot change an answer) or the horizon."""
        self._materialize()
        by_day, horizon, runs = self._by_day, len(self.days), self.runs
        while len(by_day) < horizon and (not by_day or by_day[-1][0] < target):
            done, count = len(by_day), min(horizon, max(64, 2 * len(by_day)))
            for index, run in enumerate(runs):
                if len(run) < count:
                    self._extend(index, 0, count)
            by_day.extend(sorted(day) for day in zip(*(run[done:count] for run in runs),
                                                     strict=True))
        return by_day

    def finish_days(self, remaining: int, share: float = 1.0,
                    growth: tuple[float, float] = (1.0, 1.0)) -> list[int] | None:
        """Days needed (1 = the start day) per run; None when it never finishes."""
        if share <= 0 or not any(self.samples):
            return None
        low, high = growth
        if not self.shared and self._taken == 0 and not any(self.runs):
            return self._finish_days_fresh(
                [remaining * (low + (high - low) * draw) / share for draw in self.growth_draws])
        self._materialize()
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
        runs, target = len(self.runs), remaining / share
        by_day = self._sorted_through(target)
        computed = len(by_day)

        def finished(day: int) -> int:  # runs done by the end of day index ``day``
            if day >= computed:  # past the days computed: every run was done by then
                return runs
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
        self._materialize()
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
    own_draws: dict[int, Draws] = {}  # by number of samples: the same window for all
    total_wip = sum(wip.values())
    for initiative in targets:
        remaining = open_cards[initiative]
        mine = own.get(initiative, [])
        if len(mine) >= 10:
            samples = flow.throughput(mine, first, last).per_day
            draws = own_draws.get(len(samples))
            if draws is None:
                draws = own_draws[len(samples)] = Draws(seed, RUNS, len(samples))
            simulation = Simulation(samples, today, seed=seed, shared=False, draws=draws)
            share = 1.0
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
