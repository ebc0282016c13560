"""The board moves just the cards a write hands over, to the index the write left them at.

A move hands over the moved cards and their places, not whole columns: a column goes whole
only when the write had to renumber it. These tests hold the board's lists against the
store's order through moves into the middle, renumbering, undo and redo, and a move by
another process (which hands over nothing).
"""

from __future__ import annotations

import pytest

from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.values import TaskMove
from pmdesk.services.workspaces import open_services
from pmdesk.ui.kanban import BoardPage
from tests.reads import counting_reads


def shown(page: BoardPage, column_id: int) -> list[int]:
    return list(page.view.view_for(column_id).column_model().ids)


def stored(page: BoardPage, column_id: int) -> list[int]:
    return page.services.boards.column_order(column_id)


@pytest.fixture
def handed(page: BoardPage) -> list[ChangeSet]:
    """Every ChangeSet the page's bus carries."""
    seen: list[ChangeSet] = []
    page.bus.changed.connect(lambda changes, origin=None: seen.append(changes))
    return seen


@pytest.fixture
def long_todo(page, board, services) -> list[int]:
    """Twelve more cards at the end of To do."""
    for number in range(12):
        services.tasks.create_task(board.todo, f"Card {number}")
    page.controller.reload()
    return shown(page, board.todo)


def test_a_move_into_the_middle_hands_over_one_place_and_no_column(
        page, board, long_todo, handed) -> None:
    card = long_todo[-1]
    with counting_reads(page.services) as reads:
        assert page.controller.drop([card], board.todo, -1, 5)
    assert reads.transactions == 0
    assert shown(page, board.todo) == long_todo[:5] + [card] + long_todo[5:-1]
    assert shown(page, board.todo) == stored(page, board.todo)
    changes = handed[-1]
    assert changes.orders == ()
    assert [(p.task_id, p.index) for p in changes.places] == [(card, 5)]


def test_several_cards_into_the_middle_of_another_column(page, board, long_todo) -> None:
    cards = [long_todo[1], long_todo[7], long_todo[3]]
    for _ in range(3):  # three more in Doing, so "the middle" is one
        page.controller.add_card(board.doing, "Filler", index=None)
    doing_before = shown(page, board.doing)
    assert page.controller.drop(cards, board.doing, -1, 2)
    assert shown(page, board.doing) == doing_before[:2] + cards + doing_before[2:]
    for column in (board.todo, board.doing):
        assert shown(page, column) == stored(page, column)


def test_renumbering_a_column_hands_it_over_whole_and_undo_redo_follow(
        page, board, long_todo, handed) -> None:
    # Each card dropped between the first two halves the gap there, until the column has
    # to be renumbered to make room.
    movers = long_todo[2:]
    orders_after = []
    for card in movers:
        assert page.controller.drop([card], board.todo, -1, 1)
        assert shown(page, board.todo) == stored(page, board.todo)
        orders_after.append(shown(page, board.todo))
    renumbered = [c for c in handed if c.orders]
    assert renumbered, "ten halvings of the gap must have renumbered the column"
    assert all(o.column_id == board.todo for c in renumbered for o in c.orders)
    assert shown(page, board.todo)[:2] == [long_todo[0], movers[-1]]
    for expected in reversed(orders_after[:-1]):
        page.undo_stack.undo()
        assert shown(page, board.todo) == expected == stored(page, board.todo)
    page.undo_stack.undo()
    assert shown(page, board.todo) == long_todo == stored(page, board.todo)
    for expected in orders_after:
        page.undo_stack.redo()
        assert shown(page, board.todo) == expected == stored(page, board.todo)


def test_adding_a_card_into_a_full_gap_renumbers_and_shows_it_there(
        page, board, long_todo) -> None:
    for number in range(12):
        page.controller.add_card(board.todo, f"Squeezed {number}", index=1)
        assert shown(page, board.todo) == stored(page, board.todo)
    assert page.data.tasks[shown(page, board.todo)[1]].title == "Squeezed 11"


def test_archive_and_restore_move_only_those_cards(page, board, long_todo, handed) -> None:
    cards = [long_todo[4], long_todo[9]]
    assert page.controller.archive(cards)
    assert handed[-1].places == () and handed[-1].orders == ()
    assert shown(page, board.todo) == [c for c in long_todo if c not in cards]
    page.undo_stack.undo()
    assert {p.task_id: p.index for p in handed[-1].places} == {cards[0]: 4, cards[1]: 9}
    assert shown(page, board.todo) == long_todo == stored(page, board.todo)


def test_a_move_by_another_process_is_read_back(page, board, services, long_todo) -> None:
    other = open_services(services.workspace.path)
    try:
        card = long_todo[8]
        written = other.tasks.move_tasks([TaskMove(card, board.doing, 1)]).changes
    finally:
        other.workspace.close()
    # What another process's commit arrives as: what changed, nothing handed over.
    arrived = ChangeSet(written.changes, written.txn)
    with counting_reads(page.services) as reads:
        page.bus.publish(arrived, "another client")
    assert reads.transactions >= 1
    assert card not in shown(page, board.todo)
    assert shown(page, board.doing)[1] == card
    for column in (board.todo, board.doing):
        assert shown(page, column) == stored(page, column)
