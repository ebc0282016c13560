"""The four flow charts as shapes: cumulative flow, weekly throughput, cycle time, aging WIP.

Each function lays one chart out in ``area`` from a ``FlowReport`` and returns a
``Picture``: the Flow page paints it with QPainter, the flow PDF with reportlab, and both
find the cards under the pointer (or nothing) the same way.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from pmdesk.domain import flow
from pmdesk.domain.chart_shapes import (
    AXIS,
    MUTED,
    Area,
    Box,
    Dot,
    Line,
    Measure,
    Picture,
    Poly,
    Target,
    Text,
    day_labels,
    day_text,
    fitted,
    frame,
    legend,
    nice_ticks,
    no_data,
    plural,
    short_day,
    titles_tip,
    y_of,
)

KIND_PALETTES = {
    "todo": ("#C3CBD4", "#D9DFE6", "#AAB4BF"),
    "doing": ("#4C84E8", "#8DB1F2", "#2E5FC0", "#6E9BEE", "#A9C3F5"),
    "done": ("#3E9B5A", "#7CC08E", "#2D7443"),
}
DOT = "#2F6FEB"
AMBER = "#D98A00"
RED = "#C62828"
GREEN = "#2E7D32"
ZONES = ("#EEF7F0", "#FFF9E8", "#FFF1E3", "#FDF1F1")  # below P50, to P85, to P95, above


def column_colours(columns: tuple[flow.FlowColumn, ...]) -> dict[int, str]:
    """A colour per column: greys to do, blues in progress, greens done."""
    used: dict[str, int] = defaultdict(int)
    out = {}
    for column in columns:
        palette = KIND_PALETTES.get(column.kind, KIND_PALETTES["todo"])
        out[column.id] = palette[used[column.kind] % len(palette)]
        used[column.kind] += 1
    return out


def age_colour(age: int, cycle: flow.Percentiles) -> str:
    """Red above the board's P95 of cycle time, amber above its P85, blue otherwise."""
    if cycle.p95 is not None and age > cycle.p95:
        return RED
    if cycle.p85 is not None and age > cycle.p85:
        return AMBER
    return DOT


def _x_days(plot: Area, count: int, centred: bool) -> tuple[float, float]:
    """(x of day 0, step): days at the edges for areas, in slot middles for points."""
    if centred or count <= 1:
        step = plot.w / max(1, count)
        return plot.x + step / 2, step
    return plot.x, plot.w / (count - 1)


def cumulative_chart(report: flow.FlowReport, area: Area, measure: Measure,
                     size: float) -> Picture:
    """Stacked bands per column, done at the bottom, one point per day."""
    picture = Picture()
    columns = report.board.columns
    colours = column_colours(columns)
    items = [(c.name, colours[c.id]) for c in columns]
    top_y = legend(picture, area.x, area.y + size, area.right, items, measure, size)
    counts = report.cumulative.counts
    days = report.cumulative.days
    body = Area(area.x, top_y, area.w, area.bottom - top_y)
    totals = [sum(row) for row in counts]
    if not days or not any(totals):
        no_data(picture, body, "No cards on this board in these days.", size)
        return picture
    ticks = nice_ticks(max(totals))
    plot = frame(picture, body, ticks, measure, size)
    top = ticks[-1]
    x0, step = _x_days(plot, len(days), centred=False)
    order = list(range(len(columns)))[::-1]  # done (last in board order) at the bottom
    below = [0] * len(days)
    for index in order:
        above = [low + row[index] for low, row in zip(below, counts, strict=True)]
        if any(a != b for a, b in zip(above, below, strict=True)):
            upper = [(x0 + i * step, y_of(plot, v, top)) for i, v in enumerate(above)]
            lower = [(x0 + i * step, y_of(plot, v, top)) for i, v in enumerate(below)]
            if len(days) == 1:
                upper.append((plot.right, upper[0][1]))
                lower.append((plot.right, lower[0][1]))
            picture.add(Poly(tuple(upper + lower[::-1]), colours[columns[index].id], "#FFFFFF"))
            for i, (low, high) in enumerate(zip(below, above, strict=True)):
                if high > low:
                    y_top, y_low = y_of(plot, high, top), y_of(plot, low, top)
                    picture.targets.append(Target(x0 + (i - 0.5) * step, y_top, step,
                                                  y_low - y_top,
                                                  key=(days[i], columns[index].id)))
        below = above
    day_labels(picture, plot, days, lambda i: x0 + i * step, measure, size)
    names = {c.id: c.name for c in columns}

    def explain(key: tuple[object, ...]) -> tuple[str, tuple[int, ...]]:
        day, column_id = key
        assert isinstance(day, date) and isinstance(column_id, int)
        cards = flow.cards_in_column(report.board, column_id, day)
        head = f"{names[column_id]} at the end of {day_text(day)}: {plural(len(cards), 'card')}"
        return titles_tip(head, [c.title for c in cards]), tuple(c.id for c in cards)

    picture.explain = explain
    return picture


def throughput_chart(report: flow.FlowReport, area: Area, measure: Measure,
                     size: float) -> Picture:
    """Cards finished per week, weeks with none shown as zero."""
    picture = Picture()
    weeks, per_week = report.throughput.weeks, report.throughput.per_week
    if not weeks:
        no_data(picture, area, "No days chosen.", size)
        return picture
    ticks = nice_ticks(max(per_week) * 1.15 if per_week else 1)
    plot = frame(picture, area, ticks, measure, size)
    top = ticks[-1]
    x0, step = _x_days(plot, len(weeks), centred=True)
    by_week: dict[date, list[flow.FinishedCard]] = defaultdict(list)
    for card in report.finished:
        by_week[card.finished - timedelta(days=card.finished.weekday())].append(card)
    bar = min(step * 0.72, size * 4)
    label_room = measure("00", size * 0.9, False) < bar + 4
    for i, (monday, count) in enumerate(zip(weeks, per_week, strict=True)):
        x = x0 + i * step
        y = y_of(plot, count, top)
        if count:
            picture.add(Box(x - bar / 2, y, bar, plot.bottom - y, "#4C84E8", radius=1.5))
        else:  # a visible zero: leaving it out would hide the weeks nothing finished
            picture.add(Box(x - bar / 2, plot.bottom - 1.5, bar, 1.5, AXIS))
        if label_room:
            picture.add(Text(x, y - 3, str(count), size * 0.9, MUTED, "middle"))
        cards = by_week.get(monday, [])
        head = f"Week of {day_text(monday)}: {plural(count, 'card')} finished"
        picture.targets.append(Target(x - step / 2, plot.y, step, plot.h,
                                      titles_tip(head, [c.title for c in cards]),
                                      tuple(c.id for c in cards)))
    if per_week:
        mean = sum(per_week) / len(per_week)
        y = y_of(plot, mean, top)
        label = f"average {mean:.1f} a week"
        room = measure(label, size * 0.9, False)
        picture.add(Line(plot.x, y, plot.right, y, GREEN, 1.0, (4, 3)),
                    Box(plot.right - room - 6, plot.y - size * 0.5, room + 6, size * 1.3,
                        "#FFFFFF"),
                    Line(plot.right - room - 26, plot.y + size * 0.2, plot.right - room - 8,
                         plot.y + size * 0.2, GREEN, 1.0, (4, 3)),
                    Text(plot.right - 2, plot.y + size * 0.5, label, size * 0.9, GREEN, "end"))
    day_labels(picture, plot, weeks, lambda i: x0 + i * step, measure, size)
    return picture


def _percentile_lines(picture: Picture, plot: Area, cycle: flow.Percentiles, top: float,
                      size: float) -> None:
    for name, value, colour in (("P50", cycle.p50, GREEN), ("P85", cycle.p85, AMBER),
                                ("P95", cycle.p95, RED)):
        if value is None:
            continue
        y = y_of(plot, value, top)
        picture.add(Line(plot.x, y, plot.right, y, colour, 1.2, (5, 3)),
                    Text(plot.right - 2, y - 3, f"{name} {plural(value, 'day')}", size * 0.9,
                         colour, "end", bold=True))


def cycle_chart(report: flow.FlowReport, area: Area, measure: Measure, size: float) -> Picture:
    """One dot per finished card (finish day, cycle time), with the P50/P85/P95 lines."""
    picture = Picture()
    done = report.finished
    if not done:
        no_data(picture, area, "No card finished in these days.", size)
        return picture
    cycle = report.cycle
    top_value = max(max(c.cycle_time for c in done), cycle.p95 or 0)
    ticks = nice_ticks(top_value * 1.08)
    plot = frame(picture, area, ticks, measure, size, "")
    top = ticks[-1]
    days = [report.first + timedelta(days=i) for i in range((report.last - report.first).days + 1)]
    x0, step = _x_days(plot, len(days), centred=True)
    _percentile_lines(picture, plot, cycle, top, size)
    groups: dict[tuple[date, int], list[flow.FinishedCard]] = defaultdict(list)
    for card in done:
        groups[(card.finished, card.cycle_time)].append(card)
    base = max(2.5, size * 0.32)
    origin = report.first.toordinal()
    tones: dict[int, str] = {}  # by age: many cards share one
    for (finished, days_taken), cards in groups.items():
        x = x0 + (finished.toordinal() - origin) * step
        y = y_of(plot, days_taken, top)
        radius = base * (1 + 0.22 * min(4, len(cards) - 1))
        tone = tones.get(days_taken)
        if tone is None:
            tone = tones[days_taken] = age_colour(days_taken, cycle)
        picture.add(Dot(x, y, radius, tone, "#FFFFFF"))
        reach = radius + 2
        # The tip is written when the pointer gets there (``explain``), not for every dot.
        picture.targets.append(Target(x - reach, y - reach, 2 * reach, 2 * reach,
                                      card_ids=tuple(c.id for c in cards),
                                      key=(finished, days_taken)))
    day_labels(picture, plot, days, lambda i: x0 + i * step, measure, size)
    picture.add(Text(plot.x + 2, plot.y + size * 0.9, "days", size * 0.9, MUTED))

    def explain(key: tuple[object, ...]) -> tuple[str, tuple[int, ...]]:
        finished, days_taken = key
        assert isinstance(finished, date) and isinstance(days_taken, int)
        cards = groups[(finished, days_taken)]
        if len(cards) == 1:
            card = cards[0]
            head = (f"{card.title}\nFinished {day_text(finished)} in "
                    f"{plural(days_taken, 'day')} (started {short_day(card.started)})")
        else:
            head = titles_tip(f"{plural(len(cards), 'card')} finished {day_text(finished)} in "
                              f"{plural(days_taken, 'day')}", [c.title for c in cards])
        return head, tuple(c.id for c in cards)

    picture.explain = explain
    return picture


def aging_columns(report: flow.FlowReport) -> list[flow.FlowColumn]:
    """The columns work ages in: from the start column up to, not including, done."""
    start = report.board.start_index
    return [c for i, c in enumerate(report.board.columns) if i >= start and c.kind != "done"]


def aging_chart(report: flow.FlowReport, area: Area, measure: Measure, size: float) -> Picture:
    """Each card in progress at its age, per column, over the board's cycle-time zones."""
    picture = Picture()
    columns = aging_columns(report)
    if not columns:
        no_data(picture, area, "No column of this board is in progress.", size)
        return picture
    cycle = report.cycle
    ages = [c.age for c in report.aging]
    ticks = nice_ticks(max([*ages, cycle.p95 or 0, 1]) * 1.08)
    plot = frame(picture, area, ticks, measure, size)
    top = ticks[-1]
    bounds = [0, cycle.p50, cycle.p85, cycle.p95, top]
    for low, high, colour in zip(bounds, bounds[1:], ZONES, strict=False):
        if low is None or high is None or high <= low:
            continue
        y_high, y_low = y_of(plot, min(high, top), top), y_of(plot, low, top)
        picture.shapes.insert(0, Box(plot.x, y_high, plot.w, y_low - y_high, colour))
    _percentile_lines(picture, plot, cycle, top, size)
    slot = plot.w / len(columns)
    place = {c.id: i for i, c in enumerate(columns)}
    counts: dict[int, int] = defaultdict(int)
    radius = max(2.5, size * 0.34)
    reach = radius + 2
    aged = {card.id: card for card in report.aging}
    tones: dict[int, str] = {}  # by age: many cards share one
    for card in report.aging:
        if card.column_id not in place:
            continue
        counts[card.column_id] += 1
        spread = ((card.id * 0.618034) % 1 - 0.5) * slot * 0.6  # the same place every time
        x = plot.x + (place[card.column_id] + 0.5) * slot + spread
        y = y_of(plot, min(card.age, top), top)
        tone = tones.get(card.age)
        if tone is None:
            tone = tones[card.age] = age_colour(card.age, cycle)
        picture.add(Dot(x, y, radius, tone, "#FFFFFF"))
        picture.targets.append(Target(x - reach, y - reach, 2 * reach, 2 * reach,
                                      card_ids=(card.id,), key=(card.id,)))

    def explain(key: tuple[object, ...]) -> tuple[str, tuple[int, ...]]:
        card = aged[key[0]]  # type: ignore[index]
        return (f"{card.title}\n{plural(card.age, 'day')} old, started "
                f"{day_text(card.started)}"), (card.id,)

    picture.explain = explain
    for i, column in enumerate(columns):
        x = plot.x + (i + 0.5) * slot
        if i:
            picture.add(Line(plot.x + i * slot, plot.y, plot.x + i * slot, plot.bottom, AXIS,
                             0.6, (2, 3)))
        label = fitted(f"{column.name} · {counts[column.id]}", slot - 6, measure, size)
        picture.add(Text(x, plot.bottom + size * 1.4, label, size, MUTED, "middle"))
    picture.add(Text(plot.x + 2, plot.y + size * 0.9, "days old", size * 0.9, MUTED))
    return picture


CHARTS = (
    ("Cumulative flow", cumulative_chart),
    ("Throughput per week", throughput_chart),
    ("Cycle time of finished cards", cycle_chart),
    ("Age of the work in progress", aging_chart),
)


def summary(report: flow.FlowReport) -> str:
    """One line of the figures a project manager quotes."""
    weeks = report.throughput.per_week
    parts = [f"{len(report.finished):,} finished",
             f"{sum(weeks) / len(weeks):.1f} a week" if weeks else "",
             f"{len(report.aging):,} in progress"]
    cycle = report.cycle
    if cycle.p50 is not None:
        parts.append(f"cycle time P50 {cycle.p50} d · P85 {cycle.p85} d · P95 {cycle.p95} d")
    if report.returns:
        parts.append(f"{len(report.returns):,} moved back")
    return " · ".join(p for p in parts if p)
