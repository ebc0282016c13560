"""Quick add, the card editor, archive and delete, all undoable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from pmdesk.domain.enums import Priority


def test_quick_add_puts_card_on_top(page, board, qtbot, titles) -> None:
    line = page.view.headers[board.doing].quick_add
    qtbot.keyClicks(line, "  Write   docs ")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert titles(page, board.doing) == ["Write docs", "Payment API"]
    assert line.text() == ""
    assert page.undo_stack.undoText() == "Add “Write docs” to Doing"
    page.undo_stack.undo()
    assert titles(page, board.doing) == ["Payment API"]
    page.undo_stack.redo()
    assert titles(page, board.doing) == ["Write docs", "Payment API"]


def test_n_focuses_quick_add_and_enter_opens_editor(page, board, qtbot) -> None:
    view = page.view.view_for(board.todo)
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert page.view.headers[board.todo].quick_add.hasFocus()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.editor is not None
    assert page.editor.title.text() == "Cart badge"
    page.editor.reject()


def test_editor_round_trips_every_field(page, board, services, qtbot) -> None:
    card = board.cards["Cart badge"]
    editor = page.open_card(card)
    editor.title.setText("Cart badge v2")
    editor.description.setPlainText("Show the item count.\nUpdate live.")
    editor.initiative.setCurrentIndex(editor.initiative.findData(board.initiatives["Checkout"]))
    editor.assignee.setCurrentIndex(editor.assignee.findData(board.people["Ada Lovelace"]))
    editor.has_due.setChecked(True)
    editor.due.setDate(QDate(2026, 5, 17))
    editor.estimate.setText("2.5")
    editor.priority.setCurrentIndex(editor.priority.findData(int(Priority.LOW)))
    for i in range(editor.labels.count()):
        editor.labels.item(i).setCheckState(Qt.CheckState.Checked)
    editor.add_checklist_item("Design")
    editor.add_checklist_item("Build")
    editor.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    editor.try_save()
    assert page.editor is None
    detail = services.tasks.get_task(card)
    task = detail.task
    assert task.title == "Cart badge v2"
    assert task.description == "Show the item count.\nUpdate live."
    assert task.initiative_id == board.initiatives["Checkout"]
    assert task.assignee_id == board.people["Ada Lovelace"]
    assert task.due_date == date(2026, 5, 17)
    assert task.estimate == 2.5
    assert task.priority is Priority.LOW
    assert set(task.label_ids) == set(board.labels.values())
    assert [(c.text, c.done) for c in detail.checklist] == [("Design", True), ("Build", False)]
    assert page.undo_stack.undoText() == "Edit “Cart badge”"
    # Reopen: the editor shows what was saved, and saving unchanged writes nothing.
    editor = page.open_card(card)
    assert editor.fields() == {} and editor.checklist_items() is None
    editor.checklist.item(1).setCheckState(Qt.CheckState.Checked)
    editor.has_due.setChecked(False)
    editor.try_save()
    detail = services.tasks.get_task(card)
    assert detail.task.due_date is None and detail.task.checklist_done == 2
    page.undo_stack.undo()
    page.undo_stack.undo()
    detail = services.tasks.get_task(card)
    assert detail.task.title == "Cart badge" and detail.task.estimate is None
    assert detail.task.label_ids == (board.labels["frontend"],)
    assert detail.checklist == ()
    page.undo_stack.redo()
    detail = services.tasks.get_task(card)
    assert [(c.text, c.done) for c in detail.checklist] == [("Design", True), ("Build", False)]
    model = page.view.view_for(board.todo).model()
    assert model.index(1, 0).data() == "Cart badge v2"


def test_editor_refusal_keeps_dialog_open_with_message(page, board, services) -> None:
    editor = page.open_card(board.cards["Cart badge"])
    editor.estimate.setText("lots")
    editor.try_save()
    assert page.editor is editor and editor.isVisible()
    assert editor.error.text() == "The estimate must be a number, not “lots”."
    editor.title.setText("   ")
    editor.estimate.setText("")
    editor.try_save()
    assert editor.error.text() == "The card title cannot be empty."
    assert services.tasks.get_task(board.cards["Cart badge"]).task.title == "Cart badge"
    editor.reject()


def test_delete_archives_and_archive_view_restores(page, board, services, qtbot, titles) -> None:
    view = page.view.view_for(board.todo)
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert titles(page, board.todo) == ["Login page", "Search box"]
    assert page.undo_stack.undoText() == "Archive “Cart badge”"
    assert services.tasks.get_task(board.cards["Cart badge"]).task.archived
    archive = page.show_archive()
    assert archive.titles() == ["Cart badge"]
    archive.search.setText("nothing like it")
    assert archive.titles() == []
    archive.search.clear()
    archive.select(["Cart badge"])
    assert page.restore_cards(archive.selected_ids())
    assert archive.titles() == []
    assert titles(page, board.todo) == ["Login page", "Search box", "Cart badge"]
    page.undo_stack.undo()  # restore
    page.undo_stack.undo()  # archive: back in its old place
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    archive.close()


def test_delete_asks_first_and_undo_brings_card_back(page, board, services, titles) -> None:
    answers = []
    page.controller.prompts.confirm_delete = lambda names: answers.append(names) or False
    assert not page.controller.delete([board.cards["Search box"]])
    assert answers == [["Search box"]]
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    page.controller.prompts.confirm_delete = lambda names: True
    assert page.controller.delete([board.cards["Search box"], board.cards["Login page"]])
    assert titles(page, board.todo) == ["Cart badge"]
    assert page.undo_stack.undoText() == "Delete 2 cards"
    page.undo_stack.undo()
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    assert services.tasks.get_task(board.cards["Login page"]).task.label_ids == (
        board.labels["bug"],)


def test_escape_leaves_quick_add(page, board, qtbot) -> None:
    line = page.view.headers[board.todo].quick_add
    line.setFocus()
    qtbot.keyClicks(line, "Half a thought")
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert line.text() == ""
    assert page.view.active_view is page.view.view_for(board.todo)
    assert page.undo_stack.count() == 0
