"""Boards are added, renamed and deleted from the Board page, each one undo step."""

from __future__ import annotations

import pytest

from pmdesk.ui.kanban.page import BoardPage


@pytest.fixture
def window(window):
    window.tabs.setCurrentIndex(2)
    return window


def test_add_rename_delete_boards_with_undo(window) -> None:
    page = window.findChild(BoardPage, "boardPage")
    menu = page.board_menu
    boards = window.services.boards
    pid = window.current_product_id()
    assert menu.add("Ops — Операции")
    assert page.board_combo.currentText() == "Ops — Операции"
    assert page.data.snapshot.board.name == "Ops — Операции"
    assert [c.name for c in page.data.columns] == ["To do", "Doing", "Done"]
    assert menu.rename("Operations")
    assert [b.name for b in boards.list_boards(pid)] == ["Delivery", "Operations"]
    assert page.board_combo.currentText() == "Operations"
    page.select_board(boards.list_boards(pid)[0].id)
    cards = len(page.data.snapshot.tasks)
    assert menu.delete()
    assert [b.name for b in boards.list_boards(pid)] == ["Operations"]
    window.action_undo.trigger()
    assert [b.name for b in boards.list_boards(pid)] == ["Delivery", "Operations"]
    page.select_board(boards.list_boards(pid)[0].id)
    assert len(page.data.snapshot.tasks) == cards
    for _ in range(2):
        window.action_undo.trigger()
    assert [b.name for b in boards.list_boards(pid)] == ["Delivery"]


def test_an_empty_board_name_is_refused(window) -> None:
    messages: list[str] = []
    window.bus.failed.disconnect()
    window.bus.failed.connect(messages.append)
    page = window.findChild(BoardPage, "boardPage")
    assert not page.board_menu.add("   ")
    assert messages == ["The board name cannot be empty."]
