"""The fast board read gives exactly what the general read model gives."""

from __future__ import annotations

from pmdesk.services import Services
from pmdesk.services.demo import DemoService


def test_fast_board_read_gives_the_same_cards_as_reading_one_card(services: Services) -> None:
    DemoService(services.workspace, services.boards.clock).generate(initiatives=12, tasks=120)
    compared = 0
    for product in services.products.list_products():
        for board in services.boards.list_boards(product.id):
            for archived in (False, True):
                snapshot = services.reads.board(board.id, archived=archived)
                compared += len(snapshot.tasks)
                for task in snapshot.tasks:
                    assert task == services.tasks.get_task(task.id).task
                    assert (task.archived_at is not None) == archived
            cards = services.boards.cards(board.id)
            assert tuple(cards.task(row) for row in cards.rows) == services.reads.board(
                board.id).tasks
            assert cards.snapshot.tasks == ()
    assert compared == 140


def test_column_order_and_holds(services: Services) -> None:
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(board.id)[0]
    ids = [services.tasks.create_task(todo.id, f"Card {i}").value.id for i in range(3)]
    services.tasks.archive_tasks([ids[1]])
    assert services.boards.column_order(todo.id) == [ids[0], ids[2]]
    assert services.boards.column_holds(todo.id) == 3
