"""Delete or Backspace on a card archives it and says so, with Undo at hand."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_archive_key_shows_a_notice_whose_undo_brings_the_card_back(
        page, board, services, qtbot, titles) -> None:
    view = page.view.view_for(board.todo)
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert titles(page, board.todo) == ["Login page", "Search box"]
    bar = page.undo_bar
    assert bar.isVisible() and bar.label.text() == "Archived “Cart badge”"
    qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    assert not services.tasks.get_task(board.cards["Cart badge"]).task.archived


def test_the_notice_never_undoes_a_later_step(page, board, qtbot, titles) -> None:
    view = page.view.view_for(board.todo)
    view.setFocus()
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert page.undo_bar.label.text() == "Archived 3 cards"
    assert titles(page, board.todo) == []
    line = page.view.headers[board.doing].quick_add
    qtbot.keyClicks(line, "Later step")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert not page.undo_bar.isVisible()
    page.undo_bar.undo()  # a stale click does nothing
    assert "Later step" in titles(page, board.doing)
    assert titles(page, board.todo) == []
