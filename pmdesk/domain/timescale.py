"""Map dates to horizontal positions and back, and lay out a time header, per zoom level.

Pure arithmetic on ``datetime.date``: the roadmap view, its PNG export and its tests all
share it. A day ``d`` covers ``[x(d), x(d + 1 day))``, so an initiative from ``start`` to
``end`` (both inclusive) spans ``x(start)`` to ``x(end + 1 day)``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LONG_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
                    "August", "September", "October", "November", "December")


class Zoom(Enum):
    """Zoom levels, finest first; the value is the width of one day in pixels."""

    WEEKS = 20.0
    MONTHS = 5.0
    QUARTERS = 1.75
    YEARS = 0.5

    @property
    def px_per_day(self) -> float:
        return float(self.value)

    @property
    def label(self) -> str:
        return self.name.capitalize()

    @property
    def snaps_to_weeks(self) -> bool:
        """Coarse zooms move and resize by whole weeks, fine ones by days."""
        return self in (Zoom.QUARTERS, Zoom.YEARS)

    def finer(self) -> Zoom:
        order = list(Zoom)
        return order[max(0, order.index(self) - 1)]

    def coarser(self) -> Zoom:
        order = list(Zoom)
        return order[min(len(order) - 1, order.index(self) + 1)]


@dataclass(frozen=True, slots=True)
class Tick:
    """One cell of a header row: the period ``[start, end)`` and its labels."""

    start: date
    end: date
    label: str
    short: str


def month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def quarter_start(day: date) -> date:
    return Unit.QUARTER.start(day)


class Unit(Enum):
    """Calendar periods a header divides time into; the value is their length in months
    (0 for days and weeks, which do not follow months)."""

    DAY = -1
    WEEK = 0
    MONTH = 1
    QUARTER = 3
    HALF = 6
    YEAR = 12

    def start(self, day: date) -> date:
        """The first day of the period ``day`` is in."""
        if self is Unit.DAY:
            return day
        if self is Unit.WEEK:
            return monday_of(day)
        return date(day.year, (day.month - 1) // self.value * self.value + 1, 1)

    def after(self, start: date) -> date:
        """The first day of the period after the one that begins on ``start``."""
        if self is Unit.DAY:
            return start + timedelta(days=1)
        if self is Unit.WEEK:
            return start + timedelta(days=7)
        return add_months(start, self.value)


def spans(first: date, last: date, unit: Unit) -> Iterator[tuple[date, date]]:
    """The whole periods of ``unit`` covering ``first``..``last``, each as ``[start, end)``."""
    day = unit.start(first)
    while day <= last:
        end = unit.after(day)
        yield day, end
        day = end


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Linear mapping between dates and x, with ``origin`` at x = 0."""

    origin: date
    zoom: Zoom = Zoom.MONTHS
    stretch: float | None = None

    @property
    def px_per_day(self) -> float:
        """The zoom's day width, or ``stretch`` when "fit all" widened it."""
        return self.stretch or self.zoom.px_per_day

    def x(self, day: date) -> float:
        return (day - self.origin).days * self.px_per_day

    def span(self, start: date, end: date) -> tuple[float, float]:
        """Left and right x of an inclusive date range."""
        return self.x(start), self.x(end + timedelta(days=1))

    def date_at(self, x: float) -> date:
        """The day whose column contains ``x``."""
        return self.origin + timedelta(days=math.floor(x / self.px_per_day))

    def nearest_boundary(self, x: float) -> date:
        """The day boundary nearest ``x`` (a Monday on coarse zooms)."""
        day = self.origin + timedelta(days=round(x / self.px_per_day))
        return self.snap(day)

    def snap(self, day: date) -> date:
        """Round ``day`` to the nearest Monday on coarse zooms; keep it on fine ones."""
        if not self.zoom.snaps_to_weeks:
            return day
        monday = monday_of(day)
        return monday + timedelta(days=7) if (day - monday).days >= 4 else monday

    def snap_offset(self, dx: float) -> int:
        """Turn a horizontal drag distance into whole days (whole weeks on coarse zooms)."""
        days = round(dx / self.px_per_day)
        if self.zoom.snaps_to_weeks:
            return 7 * round(days / 7)
        return int(days)

    def with_zoom(self, zoom: Zoom, stretch: float | None = None) -> TimeScale:
        return TimeScale(self.origin, zoom, stretch)

    # ----- header
    def major_ticks(self, first: date, last: date) -> list[Tick]:
        """Top header row covering ``first``..``last``: months at week zoom, else years."""
        if self.zoom is Zoom.WEEKS:
            return list(_months(first, last, long=True))
        return list(_years(first, last))

    def minor_ticks(self, first: date, last: date) -> list[Tick]:
        """Bottom header row: weeks, months, quarters or half-years by zoom."""
        if self.zoom is Zoom.WEEKS:
            return list(_weeks(first, last))
        if self.zoom is Zoom.MONTHS:
            return list(_months(first, last, long=False))
        if self.zoom is Zoom.QUARTERS:
            return list(_periods(first, last, Unit.QUARTER, "Q"))
        return list(_periods(first, last, Unit.HALF, "H"))


def fit_zoom(first: date, last: date, width: float) -> Zoom:
    """The finest zoom that shows ``first``..``last`` within ``width`` pixels."""
    days = max(1, (last - first).days + 1)
    for zoom in Zoom:
        if days * zoom.px_per_day <= width:
            return zoom
    return Zoom.YEARS


def fit_scale(first: date, last: date, width: float) -> tuple[Zoom, float]:
    """The zoom whose header suits ``first``..``last`` and the day width filling ``width``.

    The day width is never below the zoom's own and stays under the next finer zoom's.
    """
    zoom = fit_zoom(first, last, width)
    days = max(1, (last - first).days + 1)
    ceiling = zoom.finer().px_per_day if zoom is not Zoom.WEEKS else zoom.px_per_day
    return zoom, max(zoom.px_per_day, min(width / days, ceiling))


def _weeks(first: date, last: date) -> Iterator[Tick]:
    for day, end in spans(first, last, Unit.WEEK):
        week = day.isocalendar().week
        yield Tick(day, end, f"W{week} · {day.day} {MONTH_NAMES[day.month - 1]}", f"W{week}")


def _months(first: date, last: date, *, long: bool) -> Iterator[Tick]:
    for day, end in spans(first, last, Unit.MONTH):
        name = MONTH_NAMES[day.month - 1]
        if long:
            yield Tick(day, end, f"{LONG_MONTH_NAMES[day.month - 1]} {day.year}", name)
        else:
            yield Tick(day, end, name, name[0])


def _years(first: date, last: date) -> Iterator[Tick]:
    for day, end in spans(first, last, Unit.YEAR):
        yield Tick(day, end, str(day.year), f"’{day.year % 100:02d}")


def _periods(first: date, last: date, unit: Unit, prefix: str) -> Iterator[Tick]:
    for day, end in spans(first, last, unit):
        number = (day.month - 1) // unit.value + 1
        yield Tick(day, end, f"{prefix}{number} {day.year}", f"{prefix}{number}")
