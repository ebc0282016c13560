"""Backend-neutral drawing shapes for charts: the Flow page, its PDF and its PNG draw these.

Coordinates grow right and down (as on screen); a PDF backend flips them. Text is placed
by its baseline and an anchor; widths come from a ``Measure`` the backend supplies, so
labels fit the same way in every output.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

Measure = Callable[[str, float, bool], float]  # (text, size, bold) -> width


def rough_measure(text: str, size: float, bold: bool = False) -> float:
    """A width estimate for tests and for backends without font metrics."""
    return len(text) * size * (0.6 if bold else 0.55)


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    width: float = 1.0
    radius: float = 0.0


@dataclass(frozen=True, slots=True)
class Poly:
    points: tuple[tuple[float, float], ...]
    fill: str
    stroke: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1.0
    dash: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    r: float
    fill: str
    stroke: str | None = None


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    colour: str
    anchor: str = "start"  # "start", "middle" or "end"
    bold: bool = False


Shape = Box | Poly | Line | Dot | Text


@dataclass(frozen=True, slots=True)
class Target:
    """An area that names cards on hover and leads to them on click.

    ``key`` asks the picture's ``explain`` for the tip and cards (when they are costly to
    list for every area up front, as for a cumulative-flow band on one day).
    """

    x: float
    y: float
    w: float
    h: float
    tip: str = ""
    card_ids: tuple[int, ...] = ()
    key: tuple[object, ...] | None = None

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h


@dataclass
class Picture:
    """What a chart draws, and where the pointer finds cards."""

    shapes: list[Shape] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    explain: Callable[[tuple[object, ...]], tuple[str, tuple[int, ...]]] | None = None

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)

    def hit(self, x: float, y: float) -> tuple[str, tuple[int, ...]] | None:
        """The tip and cards under a point: the smallest area holding it, else nothing."""
        best: Target | None = None
        for target in self.targets:
            if target.contains(x, y) and (best is None or target.w * target.h < best.w * best.h):
                best = target
        if best is None:
            return None
        if best.key is not None and self.explain is not None:
            return self.explain(best.key)
        return best.tip, best.card_ids


@dataclass(frozen=True, slots=True)
class Area:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


INK = "#1F2328"
MUTED = "#5F6B7A"
GRID = "#E3E7EC"
AXIS = "#AEB7C2"


def nice_ticks(top: float, count: int = 4) -> list[int]:
    """Round tick values from 0 to at least ``top`` (whole numbers, about ``count`` steps)."""
    top = max(1.0, top)
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return list(range(0, int(math.ceil(top / step)) * step + 1, step))


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def day_text(day: date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


def short_day(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def fitted(text: str, room: float, measure: Measure, size: float, bold: bool = False) -> str:
    """``text``, shortened with an ellipsis until it fits ``room``."""
    if measure(text, size, bold) <= room:
        return text
    while text and measure(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def titles_tip(head: str, titles: Sequence[str], limit: int = 8) -> str:
    """A tooltip: a headline, then the cards it is about (the first ``limit`` of them)."""
    lines = [head, *(f"• {t}" for t in titles[:limit])]
    if len(titles) > limit:
        lines.append(f"+ {len(titles) - limit:,} more")
    return "\n".join(lines)


def frame(picture: Picture, area: Area, ticks: list[int], measure: Measure, size: float,
          unit: str = "") -> Area:
    """Draw the y axis (grid lines and labels) and return the plot area inside it."""
    widest = max(measure(f"{t:,}{unit}", size, False) for t in ticks)
    plot = Area(area.x + widest + 6, area.y + size * 0.6, area.w - widest - 6,
                area.h - size * 2.4)
    top = ticks[-1] or 1
    for tick in ticks:
        y = plot.bottom - tick / top * plot.h
        picture.add(Line(plot.x, y, plot.right, y, GRID if tick else AXIS, 0.8),
                    Text(plot.x - 4, y + size * 0.35, f"{tick:,}{unit}", size, MUTED, "end"))
    return plot


def y_of(plot: Area, value: float, top: float) -> float:
    return plot.bottom - value / (top or 1) * plot.h


def day_labels(picture: Picture, plot: Area, days: Sequence[date], x_of: Callable[[int], float],
               measure: Measure, size: float) -> None:
    """Date labels under the plot: month starts when the range is long, else spaced days."""
    if not days:
        return
    y = plot.bottom + size * 1.4
    room = measure("30 Sep", size, False) + 10
    picks = [i for i, d in enumerate(days) if d.day == 1] if len(days) > 75 else []
    if len(picks) < 2:
        every = max(1, math.ceil(len(days) / max(1.0, plot.w / room)))
        picks = list(range(0, len(days), every))
    last_x = -math.inf
    for index in picks:
        x = x_of(index)
        if x - last_x < room:
            continue
        day = days[index]
        text = day.strftime("%b") if day.day == 1 and len(days) > 75 else short_day(day)
        if day.day == 1 and day.month == 1:
            text += f" {day.year}"
        picture.add(Line(x, plot.bottom, x, plot.bottom + 3, AXIS, 0.8),
                    Text(x, y, text, size, MUTED, "middle"))
        last_x = x


def legend(picture: Picture, x: float, y: float, right: float,
           items: Sequence[tuple[str, str]], measure: Measure, size: float) -> float:
    """Colour swatches with names from ``x``, wrapping before ``right``; return the bottom."""
    line, left = size * 1.5, x
    for name, colour in items:
        room = size + 4 + measure(name, size, False) + 12
        if x > left and x + room > right:
            x, y = left, y + line
        picture.add(Box(x, y - size * 0.8, size * 0.9, size * 0.9, colour, radius=2),
                    Text(x + size + 4, y, name, size, INK))
        x += room
    return y + line * 0.5


def no_data(picture: Picture, area: Area, sentence: str, size: float) -> None:
    picture.add(Text(area.x + area.w / 2, area.y + area.h / 2, sentence, size, MUTED, "middle"))
