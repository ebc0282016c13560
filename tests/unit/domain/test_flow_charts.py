"""The flow charts' shapes: what each chart draws and which cards the pointer finds."""

from __future__ import annotations

from datetime import date

from pmdesk.domain import flow, flow_charts
from pmdesk.domain.chart_shapes import Area, Box, Dot, Line, Poly, Text, nice_ticks, rough_measure
from pmdesk.domain.flow import FlowFilter
from tests.unit.domain.test_flow import BOARD, DOING, REVIEW, TODAY

AREA = Area(0, 0, 600, 300)
FIRST, LAST = date(2026, 3, 2), date(2026, 3, 22)


def report(keep: FlowFilter = flow.EVERYTHING) -> flow.FlowReport:
    return flow.report(BOARD, FIRST, LAST, TODAY, keep)


def texts(picture) -> list[str]:
    return [s.text for s in picture.shapes if isinstance(s, Text)]


def test_cumulative_flow_draws_a_band_per_column_and_names_its_cards() -> None:
    picture = flow_charts.cumulative_chart(report(), AREA, rough_measure, 10)
    bands = [s for s in picture.shapes if isinstance(s, Poly)]
    assert len(bands) == 4  # every column held a card at some point
    assert {"Backlog", "Doing", "Review", "Done"} <= set(texts(picture))
    # On 4 March D sits in Doing (A moved to Review that day); hovering the band says so.
    target = next(t for t in picture.targets if t.key == (date(2026, 3, 4), DOING))
    tip, ids = picture.hit(target.x + target.w / 2, target.y + target.h / 2)
    assert ids == (4,) and tip.startswith("Doing at the end of 4 Mar 2026: 1 card")
    assert "• D" in tip


def test_cards_in_column_agrees_with_the_cumulative_counts() -> None:
    cumulative = flow.cumulative_flow(BOARD, FIRST, LAST)
    for day, counts in zip(cumulative.days, cumulative.counts, strict=True):
        for column, count in zip(BOARD.columns, counts, strict=True):
            assert len(flow.cards_in_column(BOARD, column.id, day)) == count, (day, column)


def test_throughput_shows_zero_weeks_and_lists_the_cards_of_a_week() -> None:
    picture = flow_charts.throughput_chart(report(), AREA, rough_measure, 10)
    assert len(picture.targets) == 3  # weeks of 2, 9 and 16 March
    assert [t.card_ids for t in picture.targets] == [(3, 1), (5,), ()]
    assert "Week of 16 Mar 2026: 0 cards finished" in picture.targets[2].tip
    zero = [s for s in picture.shapes if isinstance(s, Box) and s.h == 1.5]
    assert len(zero) == 1  # the empty week still has its mark on the axis
    assert any(t.startswith("average 1.0 a week") for t in texts(picture))


def test_cycle_chart_has_a_dot_per_card_and_percentile_lines() -> None:
    picture = flow_charts.cycle_chart(report(), AREA, rough_measure, 10)
    assert len([s for s in picture.shapes if isinstance(s, Dot)]) == 3
    assert {"P50 4 days", "P85 7 days", "P95 7 days"} <= set(texts(picture))
    dashed = [s for s in picture.shapes if isinstance(s, Line) and s.dash]
    assert len(dashed) == 3
    target = next(t for t in picture.targets if t.card_ids == (5,))
    tip, ids = picture.hit(target.x + target.w / 2, target.y + target.h / 2)
    assert ids == (5,) and "Finished 9 Mar 2026 in 7 days" in tip
    assert picture.hit(AREA.w - 1, AREA.h - 1) is None


def test_a_filter_changes_what_the_charts_show() -> None:
    everyone = flow_charts.cycle_chart(report(), AREA, rough_measure, 10)
    ada = flow_charts.cycle_chart(report(FlowFilter(assignee_ids=frozenset({5}))), AREA,
                                  rough_measure, 10)
    assert len(everyone.targets) == 3 and [t.card_ids for t in ada.targets] == [(3,)]


def test_aging_colours_cards_past_the_board_percentiles() -> None:
    done = flow.finished_cards(BOARD, FIRST, LAST)
    cycle = flow.percentiles([c.cycle_time for c in done])
    assert (cycle.p85, cycle.p95) == (7, 7)
    old = flow.report(BOARD, FIRST, LAST, date(2026, 3, 20))  # D started on the 4th: 17 days
    picture = flow_charts.aging_chart(old, AREA, rough_measure, 10)
    dots = [s for s in picture.shapes if isinstance(s, Dot)]
    assert [d.fill for d in dots] == [flow_charts.RED]
    assert "Doing · 1" in texts(picture) and "Review · 0" in texts(picture)
    assert flow_charts.age_colour(7, cycle) == flow_charts.DOT
    assert flow_charts.age_colour(8, cycle) == flow_charts.RED
    later = flow.report(flow.BoardFlow(BOARD.columns, BOARD.cards, REVIEW), FIRST, LAST, TODAY)
    assert [c.name for c in flow_charts.aging_columns(later)] == ["Review"]


def test_empty_charts_say_why() -> None:
    empty = flow.report(flow.BoardFlow(BOARD.columns, ()), FIRST, LAST, TODAY)
    assert texts(flow_charts.cycle_chart(empty, AREA, rough_measure, 10)) == [
        "No card finished in these days."]
    assert "No cards on this board in these days." in texts(
        flow_charts.cumulative_chart(empty, AREA, rough_measure, 10))


def test_filters_without_a_value_and_by_words() -> None:
    cards = BOARD.cards
    keep = FlowFilter(initiative_ids=frozenset({None}))
    assert [c.title for c in cards if keep.keeps(c)] == ["C", "D", "E"]
    assert [c.title for c in cards if FlowFilter(no_label=True).keeps(c)] == ["B", "C", "D", "E"]
    assert [c.title for c in cards if FlowFilter(text="a").keeps(c)] == ["A"]
    assert not FlowFilter().active and FlowFilter(priority=0).active


def test_nice_ticks_are_round_and_cover_the_top() -> None:
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(148) == [0, 50, 100, 150]
    assert nice_ticks(0) == [0, 1]
