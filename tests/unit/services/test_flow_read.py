"""The board's history is read lean (two column ids per move, raw timestamps) on every
backend, and gives the same paths as the cards' moves."""

from __future__ import annotations

from datetime import date, datetime

from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.services.flow import FlowService
from tests.conftest import FIXED_NOW


def test_paths_hold_every_move_back_and_forth_with_its_time(services: Services) -> None:
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, *_, done = services.boards.list_columns(board.id)
    moved = services.tasks.create_task(todo.id, "Moved about").value
    straight = services.tasks.create_task(doing.id, "Born in progress").value
    still = services.tasks.create_task(todo.id, "Never moved").value
    for column in (doing.id, done.id, doing.id, done.id):
        services.tasks.move_tasks([TaskMove(moved.id, column)])
    services.tasks.move_tasks([TaskMove(straight.id, done.id)])
    read = FlowService(services.workspace, lambda: FIXED_NOW).board_flow(board.id)
    paths = {c.id: c for c in read.cards}
    assert [c for _, c in paths[moved.id].moves] == [todo.id, doing.id, done.id, doing.id,
                                                     done.id]
    assert [c for _, c in paths[straight.id].moves] == [doing.id, done.id]
    assert [c for _, c in paths[still.id].moves] == [todo.id]
    for card in paths.values():
        times = [when for when, _ in card.moves]
        assert all(type(when) is datetime and when.tzinfo is None for when in times)
        assert times == sorted(times)
        assert card.archived is None


def test_milestone_dates_are_the_products_own(services: Services) -> None:
    shop = services.products.create_product("Shop").value
    other = services.products.create_product("Other").value
    launch = services.lanes.create_milestone(shop.id, "Launch", "2026-09-30").value
    services.lanes.create_milestone(other.id, "Elsewhere", "2026-10-01")
    flows = FlowService(services.workspace, lambda: FIXED_NOW)
    assert flows.milestone_dates(shop.id) == {launch.id: date(2026, 9, 30)}
    found = flows.milestone_forecasts(shop.id)
    assert set(found) <= {launch.id}
    assert all(f.cards is None and f.text.startswith("Too little history")
               for f in found.values())  # a new product has no finished cards yet
