"""Flow metrics against a small history computed by hand."""

from __future__ import annotations

from datetime import date, datetime

from pmdesk.domain import flow
from pmdesk.domain.flow import BoardFlow, CardFlow, FlowColumn, FlowFilter

BACKLOG, DOING, REVIEW, DONE = 1, 2, 3, 4
COLUMNS = (FlowColumn(BACKLOG, "Backlog", "todo"), FlowColumn(DOING, "Doing", "doing"),
           FlowColumn(REVIEW, "Review", "doing"), FlowColumn(DONE, "Done", "done"))
TODAY = date(2026, 3, 10)


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute)


# A goes back from Review to Doing; B is never started; C crosses midnight and is archived;
# D is still in progress; E is finished, reopened and finished again.
CARDS = (
    CardFlow(1, "A", ((at(2, 9), BACKLOG), (at(3), DOING), (at(4), REVIEW), (at(5), DOING),
                      (at(6), REVIEW), (at(6, 17), DONE)),
             initiative_id=7, label_ids=frozenset({9})),
    CardFlow(2, "B", ((at(2, 9), BACKLOG),), initiative_id=7),
    CardFlow(3, "C", ((at(2, 9), BACKLOG), (at(2, 23, 59), DOING), (at(3, 0, 1), DONE)),
             archived=at(5), assignee_id=5),
    CardFlow(4, "D", ((at(2, 9), BACKLOG), (at(4), DOING)), assignee_id=5),
    CardFlow(5, "E", ((at(2, 9), BACKLOG), (at(3), DOING), (at(4), DONE), (at(5), REVIEW),
                      (at(9), DONE))),
)
BOARD = BoardFlow(COLUMNS, CARDS)


def test_cycle_and_lead_time_count_calendar_days_from_the_start_column() -> None:
    done = {c.title: (c.started, c.finished, c.cycle_time, c.lead_time)
            for c in flow.finished_cards(BOARD, date(2026, 3, 1), TODAY)}
    assert done == {
        "C": (date(2026, 3, 2), date(2026, 3, 3), 2, 2),  # 23:59 and 00:01 are two days
        "A": (date(2026, 3, 3), date(2026, 3, 6), 4, 5),
        "E": (date(2026, 3, 3), date(2026, 3, 9), 7, 8),  # finished at the second time
    }


def test_a_later_start_column_shortens_cycle_time() -> None:
    board = BoardFlow(COLUMNS, CARDS, start_column_id=REVIEW)
    done = {c.title: c.cycle_time for c in flow.finished_cards(board, date(2026, 3, 1), TODAY)}
    assert done == {"C": 1, "A": 3, "E": 6}  # E reached Done, past Review, on the 4th


def test_throughput_keeps_zero_days_and_weeks() -> None:
    done = flow.finished_cards(BOARD, date(2026, 3, 1), TODAY)
    result = flow.throughput(done, date(2026, 3, 2), date(2026, 3, 22))
    assert result.per_day[:8] == (0, 1, 0, 0, 1, 0, 0, 1)
    assert len(result.per_day) == 21
    assert result.weeks == (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16))
    assert result.per_week == (2, 1, 0)
    weekdays = flow.throughput(done, date(2026, 3, 2), date(2026, 3, 15), weekdays_only=True)
    assert len(weekdays.per_day) == 10 and sum(weekdays.per_day) == 3


def test_cumulative_flow_counts_each_column_at_the_end_of_the_day() -> None:
    result = flow.cumulative_flow(BOARD, date(2026, 3, 2), date(2026, 3, 9))
    assert result.days[0] == date(2026, 3, 2)
    assert list(result.counts) == [
        (4, 1, 0, 0),  # C moved to Doing at 23:59
        (2, 2, 0, 1),
        (1, 1, 1, 2),
        (1, 2, 1, 0),  # C archived on the 5th leaves the chart
        (1, 1, 1, 1),
        (1, 1, 1, 1),
        (1, 1, 1, 1),
        (1, 1, 0, 2),
    ]


def test_aging_counts_from_the_first_start_not_the_last_move() -> None:
    ages = {c.title: (c.column_id, c.age) for c in flow.aging(BOARD, TODAY)}
    assert ages == {"D": (DOING, 7)}  # B never started; A, C and E are finished


def test_returns_and_time_per_column() -> None:
    moves = [(r.title, r.from_column, r.to_column) for r in
             flow.returns(BOARD, date(2026, 3, 1), TODAY)]
    assert moves == [("A", REVIEW, DOING), ("E", DONE, REVIEW)]
    done = flow.finished_cards(BOARD, date(2026, 3, 1), TODAY)
    days = flow.column_days(BOARD, done)
    assert round(days[REVIEW], 3) == round((1 + 7 / 24 + 4) / 3, 3)


def test_percentiles_are_nearest_rank() -> None:
    values = list(range(20, 0, -1))
    assert flow.percentiles(values) == flow.Percentiles(10, 17, 19)
    assert flow.percentile([], 85) is None
    assert flow.percentile([4], 95) == 4


def test_filters_keep_the_cards_asked_for() -> None:
    def report(keep: FlowFilter = flow.EVERYTHING) -> flow.FlowReport:
        return flow.report(BOARD, date(2026, 3, 1), TODAY, TODAY, keep)

    full = report()
    mine = report(FlowFilter(assignee_ids=frozenset({5})))
    tagged = report(FlowFilter(label_ids=frozenset({9})))
    linked = report(FlowFilter(initiative_ids=frozenset({7})))
    assert [c.title for c in full.finished] == ["C", "A", "E"]
    assert [c.title for c in mine.finished] == ["C"] and [c.title for c in mine.aging] == ["D"]
    assert [c.title for c in tagged.finished] == ["A"]
    assert sum(linked.cumulative.counts[-1]) == 2
    assert full.cycle == flow.Percentiles(4, 7, 7)
