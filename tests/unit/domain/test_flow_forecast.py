"""Monte Carlo forecasts: repeatable, exact on constant throughput, honest without history."""

from __future__ import annotations

from datetime import date

from pmdesk.domain.flow_forecast import Draws, Forecast, Simulation, too_little_history

START = date(2026, 3, 6)  # a Friday


def test_constant_throughput_gives_one_date() -> None:
    result = Simulation([2], START, runs=50).when(10, end=date(2026, 3, 10))
    assert result is not None
    assert (result.p50, result.p85, result.p95) == (date(2026, 3, 10),) * 3
    assert result.probability == 1.0
    early = Simulation([2], START, runs=50).when(10, end=date(2026, 3, 9))
    assert early is not None and early.probability == 0.0 and early.at_risk


def test_share_growth_and_weekdays() -> None:
    assert Simulation([2], START, runs=20).when(3, share=0.5).p50 == date(2026, 3, 8)
    grown = Simulation([1], START, runs=20).when(2, growth=(2.0, 2.0))
    assert grown is not None and grown.p50 == date(2026, 3, 9)
    weekdays = Simulation([1], START, runs=20, weekdays_only=True).when(3)
    assert weekdays is not None and weekdays.p50 == date(2026, 3, 10)  # Fri, Mon, Tue


def test_the_same_seed_gives_the_same_forecast() -> None:
    samples = [0, 0, 1, 2, 0, 3, 1, 0, 0, 5, 1]
    first = Simulation(samples, START, seed=3).when(40, end=date(2026, 4, 15))
    again = Simulation(samples, START, seed=3).when(40, end=date(2026, 4, 15))
    assert first == again and first is not None
    assert first.p50 <= first.p85 <= first.p95
    assert 0.0 < (first.probability or 0) < 1.0


def test_simulations_sharing_one_generator_s_draws_forecast_as_each_would_alone() -> None:
    histories = ([0, 0, 1, 0, 2, 0, 0, 1], [1, 0, 0, 0, 0, 0, 3, 0], [0, 1, 1, 0, 0, 0, 0, 0])
    draws = Draws(seed=4, runs=300, count=8)
    for samples in histories:
        alone = Simulation(samples, START, seed=4, runs=300, shared=False)
        shared = Simulation(samples, START, seed=4, runs=300, shared=False, draws=draws)
        assert alone.when(12, end=date(2026, 5, 1)) == shared.when(12, end=date(2026, 5, 1))
        # Asked again, the runs go on from where they stopped, in both.
        assert alone.when(30, growth=(1.0, 1.2)) == shared.when(30, growth=(1.0, 1.2))
        assert alone.how_many(date(2026, 6, 1)) == shared.how_many(date(2026, 6, 1))


def test_how_many_is_the_count_reached_in_85_percent_of_runs() -> None:
    assert Simulation([3], START, runs=10).how_many(date(2026, 3, 7)) == 6
    spread = Simulation([0, 1, 2, 3, 4], START, seed=2).how_many(date(2026, 4, 4))
    assert 40 <= spread < 60  # 30 days at 2 a day is 60 on average


def test_no_throughput_and_too_little_history_say_so() -> None:
    assert Simulation([0, 0, 0], START, runs=10).when(3) is None
    assert too_little_history(4, 200) == (
        "Too little history to forecast: 4 cards finished in the last 90 days (10 needed).")
    assert "3 weeks" in (too_little_history(30, 12) or "")
    assert too_little_history(10, 21) is None


def test_the_sentence_names_probability_end_and_p85() -> None:
    forecast = Forecast(5, date(2026, 9, 20), date(2026, 10, 14), date(2026, 10, 30), 0.62,
                        date(2026, 9, 30), date(2026, 3, 6))
    assert forecast.sentence() == "62 % likely by 30 Sep · P85 14 Oct"
    assert forecast.at_risk
