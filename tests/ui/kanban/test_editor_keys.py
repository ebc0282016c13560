"""The card editor under the keyboard: Enter in the checklist field, typing whole dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt


def test_enter_in_the_checklist_field_adds_an_item_and_keeps_the_editor_open(
        page, board, services, qtbot) -> None:
    editor = page.open_card(board.cards["Cart badge"])
    editor.new_item.setFocus()
    qtbot.keyClicks(editor.new_item, "Design")
    qtbot.keyClick(editor.new_item, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.new_item, "Build")
    qtbot.keyClick(editor.new_item, Qt.Key.Key_Enter)
    assert page.editor is editor and editor.isVisible()
    assert [editor.checklist.item(i).text() for i in range(editor.checklist.count())] == [
        "Design", "Build"]
    assert editor.focusWidget() is editor.new_item and editor.new_item.text() == ""
    assert services.tasks.get_task(board.cards["Cart badge"]).checklist == ()
    # Enter elsewhere still saves.
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert page.editor is None
    assert [c.text for c in services.tasks.get_task(board.cards["Cart badge"]).checklist] == [
        "Design", "Build"]


def test_typing_a_whole_date_gives_that_date(page, board, services, qtbot) -> None:
    editor = page.open_card(board.cards["Cart badge"])  # due 2026-03-04
    editor.due.setFocus()
    typing = editor.focusWidget()  # where a user's keys go
    for typed, expected in (("2026-12-20", date(2026, 12, 20)),
                            ("2026-12-20", date(2026, 12, 20)),
                            ("2027-01-05", date(2027, 1, 5))):
        qtbot.keyClick(typing, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(typing, typed)
        assert editor.due_date() == expected
    qtbot.keyClick(typing, Qt.Key.Key_Up)  # a day later
    assert editor.due_date() == date(2027, 1, 6)
    qtbot.keyClick(typing, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(typing, "2027-02-30")
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    assert page.editor is editor
    assert editor.error.text() == "The due date “2027-02-30” is not a date; type it as 2026-12-20."
    qtbot.keyClick(typing, Qt.Key.Key_Backspace)
    qtbot.keyClick(typing, Qt.Key.Key_Backspace)
    qtbot.keyClicks(typing, "25")
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    assert page.editor is None
    assert services.tasks.get_task(board.cards["Cart badge"]).task.due_date == date(2027, 2, 25)
