"""Cards finished by a milestone's date: from the boards' daily throughput, seeded."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pmdesk.domain import flow
from pmdesk.domain.flow_forecast import forecast_milestones

TODAY = date(2026, 6, 1)
COLUMNS = (flow.FlowColumn(1, "To do", "todo"), flow.FlowColumn(2, "Doing", "doing"),
           flow.FlowColumn(3, "Done", "done"))


def board(finished_per_day: int, days: int = 90, open_cards: int = 30) -> flow.BoardFlow:
    """Cards finished steadily over the last ``days``, and some still open."""
    cards = []
    for day in range(days):
        when = datetime.combine(TODAY - timedelta(days=days - day), datetime.min.time())
        for _ in range(finished_per_day):
            cards.append(flow.CardFlow(len(cards) + 1, "done", (
                (when - timedelta(days=2), 1), (when - timedelta(days=1), 2), (when, 3))))
    start = datetime.combine(TODAY - timedelta(days=days), datetime.min.time())
    for _ in range(open_cards):
        cards.append(flow.CardFlow(len(cards) + 1, "open", ((start, 1),)))
    return flow.BoardFlow(COLUMNS, tuple(cards))


def test_steady_throughput_gives_the_count_by_each_coming_date() -> None:
    dates = {1: TODAY + timedelta(days=9), 2: TODAY + timedelta(days=29),
             3: TODAY - timedelta(days=1)}
    found = forecast_milestones([board(2)], dates, TODAY)
    assert set(found) == {1, 2}  # a milestone already past gets no forecast
    assert found[1].cards == 20 and found[2].cards == 60  # today counts as the first day
    assert found[1].open_cards == 30
    assert found[1].text == "At least 20 cards finished by 10 Jun (85 % likely) · 30 open now"


def test_the_same_seed_gives_the_same_counts_and_later_dates_never_fewer() -> None:
    noisy = board(1)
    cards = list(noisy.cards)
    for index in range(0, len(cards) - 30, 3):  # every third day finishes nothing
        cards[index] = flow.CardFlow(cards[index].id, "open", cards[index].moves[:1])
    noisy = flow.BoardFlow(COLUMNS, tuple(cards))
    dates = {i: TODAY + timedelta(days=7 * i) for i in range(1, 9)}
    first = forecast_milestones([noisy], dates, TODAY, seed=4)
    assert first == forecast_milestones([noisy], dates, TODAY, seed=4)
    counts = [first[i].cards for i in sorted(dates)]
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_too_little_history_says_so_instead_of_a_count() -> None:
    found = forecast_milestones([board(1, days=5)], {1: TODAY + timedelta(days=10)}, TODAY)
    assert found[1].cards is None
    assert found[1].text.startswith("Too little history to forecast")


def test_a_date_in_another_year_names_its_year() -> None:
    found = forecast_milestones([board(1)], {1: date(2027, 2, 19)}, TODAY)
    assert "finished by 19 Feb 2027 (85 % likely)" in found[1].text
