"""Roadmap bars show the completion forecast, computed off the GUI thread."""

from __future__ import annotations

from pmdesk.domain.values import TaskMove


def _forecasts(qtbot, page):  # noqa: ANN001, ANN202 - pytest fixtures
    qtbot.waitUntil(lambda: not page.forecasts.busy, timeout=20000)
    with qtbot.waitSignal(page.forecasts.ready, timeout=20000):
        page.forecasts.request(page.product_id)
    return page.state.forecasts


def test_bars_with_open_cards_get_a_whisker_and_a_forecast_tooltip(qtbot, page):
    forecasts = _forecasts(qtbot, page)
    shown = [bar for bar in page.scene.bars.values() if bar.whisker is not None]
    assert shown and {bar.initiative_id for bar in shown} <= set(forecasts)
    bar = shown[0]
    p50, p85, p95 = bar.whisker
    assert p50 <= p85 <= p95
    assert "Forecast: " in bar.tooltip()
    assert "likely by" in bar.tooltip() and "· P85" in bar.tooltip()
    risky = [b for b in shown if b.forecast.at_risk]
    assert all(b.at_risk for b in risky)
    assert all("likely" in b.tooltip() for b in risky)
    page.forecasts.wait()


def test_finishing_cards_moves_the_forecast_earlier_and_undo_restores_it(qtbot, page, sample):
    forecasts = _forecasts(qtbot, page)
    initiative, before = max(((i, f) for i, f in forecasts.items() if f.forecast),
                             key=lambda item: item[1].forecast.remaining)
    board = sample.flow.board_flow(
        sample.boards.list_boards(page.product_id)[0].id)
    done = board.columns[-1].id
    cards = [c for c in board.cards if c.initiative_id == initiative
             and c.column_id != done and c.archived is None]
    undo = sample.tasks.move_tasks([TaskMove(c.id, done) for c in cards[: len(cards) // 2 + 1]])
    after = _forecasts(qtbot, page)[initiative]
    assert after.forecast.remaining < before.forecast.remaining
    assert after.forecast.p85 <= before.forecast.p85
    sample.tasks.move_tasks(undo.value)
    assert _forecasts(qtbot, page)[initiative] == before
    page.forecasts.wait()
