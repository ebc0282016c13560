"""While the server is away, the reads the window shows and exports from answer with what
they last returned (on either backend: the stand-in does not look at which it has)."""

from __future__ import annotations

import pytest

from pmdesk.domain.errors import ServerUnavailableError
from pmdesk.services.last_known import LastKnown


@pytest.fixture
def shown(services):  # noqa: ANN001, ANN201 - pytest fixtures
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(board.id)[0]
    for title in ("Login page", "Sign-up form"):
        services.tasks.create_task(todo.id, title)
    return LastKnown(services), product.id, board.id


def test_reads_answer_from_their_last_result_while_the_server_is_away(shown):
    front, product_id, board_id = shown
    roadmap = front.reads.roadmap(product_id)
    cards = front.boards.cards(board_id)
    front.services.workspace.unavailable = "Shop is out of reach."
    assert front.reads.roadmap(product_id) is roadmap
    assert front.boards.cards(board_id) is cards
    board = front.reads.board(board_id)  # derived from the cards the board showed
    assert [t.title for t in board.tasks] == ["Login page", "Sign-up form"]
    with pytest.raises(ServerUnavailableError, match="this was not shown before the "
                       "connection was lost; try again once pmdesk has reconnected"):
        front.reports.onepager(product_id)
    with pytest.raises(ServerUnavailableError, match="is out of reach"):
        front.products.create_product("Not now")


def test_derived_answers_match_what_the_server_would_say(shown):
    front, product_id, board_id = shown
    front.boards.cards(board_id)
    front.flow.forecast_inputs(product_id)
    real_board = front.services.reads.board(board_id)
    real_forecasts = front.services.flow.forecasts(product_id)
    front.services.workspace.unavailable = "Shop is out of reach."
    assert front.reads.board(board_id) == real_board
    assert front.flow.forecasts(product_id) == real_forecasts


def test_flow_reports_come_from_the_history_read_for_the_forecasts(shown):
    front, product_id, board_id = shown
    front.flow.forecast_inputs(product_id)
    front.flow.today()
    real = front.services.flow.report(board_id)
    front.services.workspace.unavailable = "Shop is out of reach."
    assert front.flow.report(board_id) == real
    assert front.flow.report(board_id, None, None) == real  # as the exports ask
    with pytest.raises(ServerUnavailableError, match=r"^The JSON export copies the whole "
                       r"workspace from the server, and .* is out of reach; export it once "
                       r"pmdesk has reconnected\.$"):
        front.reports.workspace_dump()


def test_other_calls_pass_straight_through(shown):
    front, _product_id, _board_id = shown
    assert front.workspace is front.services.workspace
    assert front.tasks is front.services.tasks
    assert front.products.create_product("Through").value.name == "Through"
