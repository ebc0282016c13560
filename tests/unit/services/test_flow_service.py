"""Flow read from the event log, and the forecast back-tested on the sample history."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pmdesk.domain import flow
from pmdesk.domain.flow_forecast import Simulation
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.services.demo import DemoService
from pmdesk.services.flow import FlowService
from tests.conftest import FIXED_NOW


def test_board_moves_are_read_back_from_the_event_log(services: Services) -> None:
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    columns = services.boards.list_columns(board.id)
    card = services.tasks.create_task(columns[0].id, "Card").value
    services.tasks.move_tasks([TaskMove(card.id, columns[-1].id)])
    services.tasks.move_tasks([TaskMove(card.id, columns[1].id)])
    read = FlowService(services.workspace, lambda: FIXED_NOW).board_flow(board.id)
    (path,) = [c for c in read.cards if c.id == card.id]
    assert [column for _, column in path.moves] == [columns[0].id, columns[-1].id, columns[1].id]
    assert [c.id for c in read.columns] == [c.id for c in columns]


@pytest.mark.sqlite_only  # statistics over a big sample: the same numbers on any backend
def test_p85_covers_the_real_finish_in_85_percent_of_held_out_cases(services: Services) -> None:
    DemoService(services.workspace, lambda: FIXED_NOW).generate(30, 1500, seed=1)
    flows = FlowService(services.workspace, lambda: FIXED_NOW)
    board = flows.board_flow(flows_board_id(services))
    today = FIXED_NOW.date()
    finished = flow.finished_cards(board, today - timedelta(days=200), today)
    covered = cases = 0
    for back in range(80, 19, -3):
        cutoff = today - timedelta(days=back)
        history = [c for c in finished if c.finished < cutoff]
        samples = flow.throughput(history, cutoff - timedelta(days=90),
                                  cutoff - timedelta(days=1)).per_day
        after = [c.finished for c in finished if c.finished >= cutoff]
        for count in (5, 10, 20, 40):
            if len(after) < count:
                continue
            forecast = Simulation(samples, cutoff, seed=back).when(count)
            assert forecast is not None
            cases += 1
            covered += after[count - 1] <= forecast.p85
    coverage = covered / cases
    print(f"back-test: P85 covered {covered} of {cases} held-out cases ({coverage:.0%})")
    assert cases >= 60
    assert 0.75 <= coverage <= 0.95


def flows_board_id(services: Services) -> int:
    product = services.products.list_products()[0]
    return services.boards.list_boards(product.id)[0].id


def test_forecasts_cover_scheduled_initiatives_and_move_earlier_when_cards_finish(
        services: Services) -> None:
    DemoService(services.workspace, lambda: FIXED_NOW).generate(seed=1)
    flows = FlowService(services.workspace, lambda: FIXED_NOW)
    product = services.products.list_products()[0]
    before = flows.forecasts(product.id)
    assert len(before) >= 10
    assert all(f.forecast is not None for f in before.values())
    assert flows.forecasts(product.id) == before  # seeded: the same numbers every time
    initiative, forecast = max(before.items(), key=lambda item: item[1].forecast.remaining)
    board = flows.board_flow(flows_board_id(services))
    done = board.columns[-1].id
    open_cards = [c.id for c in board.cards if c.initiative_id == initiative
                  and c.column_id != done and c.archived is None]
    services.tasks.move_tasks([TaskMove(i, done) for i in open_cards[: len(open_cards) // 2]])
    after = flows.forecasts(product.id)[initiative].forecast
    assert after is not None and forecast.forecast is not None
    assert after.remaining < forecast.forecast.remaining
    assert after.p85 <= forecast.forecast.p85
