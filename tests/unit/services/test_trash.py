"""Deletes return a tombstone that brings back everything, with the same ids."""

from datetime import date

import pytest

from pmdesk.domain.errors import ValidationError
from pmdesk.services.demo import DemoService


def test_deleting_and_restoring_a_card_keeps_labels_checklist_link_and_place(services):
    product = services.products.create_product("Atlas").value
    init = services.initiatives.create_initiative(product.id, "Login").value
    board = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(board.id)[0]
    bug = services.people.create_label(product.id, "bug").value
    first = services.tasks.create_task(todo.id, "First").value
    card = services.tasks.create_task(todo.id, "Card", label_ids=[bug.id], initiative_id=init.id,
                                      checklist=["a", "b"]).value
    services.tasks.create_task(todo.id, "Last")
    before = services.reads.board(board.id)
    tombstone = services.tasks.delete_task(card.id).value
    assert card.id not in [t.id for t in services.reads.board(board.id).tasks]
    services.trash.restore(tombstone)
    assert services.reads.board(board.id) == before
    assert services.tasks.get_task(card.id).task.checklist_total == 2
    assert first.id == before.tasks[0].id


def test_deleting_an_initiative_unlinks_tasks_and_restore_relinks_them(services):
    product = services.products.create_product("Atlas").value
    a = services.initiatives.create_initiative(product.id, "A").value
    b = services.initiatives.create_initiative(product.id, "B").value
    services.initiatives.add_dependency(a.id, b.id)
    todo = services.boards.list_columns(services.boards.list_boards(product.id)[0].id)[0]
    task = services.tasks.create_task(todo.id, "Linked", initiative_id=a.id).value
    before = services.reads.roadmap(product.id, date(2026, 1, 1))
    tombstone = services.initiatives.delete_initiative(a.id).value
    assert services.tasks.get_task(task.id).task.initiative_id is None
    services.trash.restore(tombstone)
    assert services.tasks.get_task(task.id).task.initiative_id == a.id
    assert services.reads.roadmap(product.id, date(2026, 1, 1)) == before


def test_a_whole_sample_product_comes_back_identical(services):
    DemoService(services.workspace, services.products.clock).generate(20, 120, seed=3)
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    roadmap, cards = services.reads.roadmap(product.id), services.reads.board(board.id)
    tombstone = services.products.delete_product(product.id).value
    assert product.id not in [p.id for p in services.products.list_products()]
    services.trash.restore(tombstone)
    assert services.reads.roadmap(product.id) == roadmap
    assert services.reads.board(board.id) == cards


def test_restoring_into_something_deleted_since_is_refused_cleanly(services):
    product = services.products.create_product("Atlas").value
    board = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(board.id)[0]
    card = services.tasks.create_task(todo.id, "Card").value
    tombstone = services.tasks.delete_task(card.id).value
    services.boards.delete_board(board.id)
    with pytest.raises(ValidationError, match="cannot be brought back"):
        services.trash.restore(tombstone)


def test_deleting_a_column_moves_cards_and_undo_puts_them_back(services):
    product = services.products.create_product("Atlas").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, _ = services.boards.list_columns(board.id)
    card = services.tasks.create_task(doing.id, "Card").value
    before = services.reads.board(board.id)
    tombstone = services.boards.delete_column(doing.id, move_tasks_to=todo.id).value
    assert services.tasks.get_task(card.id).task.column_id == todo.id
    services.trash.restore(tombstone)
    assert services.reads.board(board.id) == before
