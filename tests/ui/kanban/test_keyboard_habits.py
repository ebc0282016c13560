"""Trello/Jira keyboard habits on the board, and the ? shortcut sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pmdesk.ui.shortcuts import ShortcutSheet


def _select(page, column_id, row):
    view = page.view.view_for(column_id)
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    return view


def test_f_and_slash_focus_the_filter(page, board, qtbot) -> None:
    for key in (Qt.Key.Key_F, Qt.Key.Key_Slash):
        view = _select(page, board.todo, 0)
        qtbot.keyClick(view, key)
        assert page.focusWidget() is page.filter_bar.search


def test_j_and_k_walk_the_cards(page, board, qtbot) -> None:
    view = _select(page, board.todo, 0)
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.currentIndex().data() == "Search box"
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().data() == "Cart badge"


def test_space_assigns_me_q_shows_my_cards(page, board, services, qtbot, titles) -> None:
    asked = []
    page.habits.who_am_i = lambda names: asked.append(names) or "Grace Hopper"
    view = _select(page, board.todo, 2)  # Search box, unassigned
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert asked == [["Ada Lovelace", "Grace Hopper"]]
    card = board.cards["Search box"]
    assert services.tasks.get_task(card).task.assignee_id == board.people["Grace Hopper"]
    view = page.view.view_for(board.todo)
    qtbot.keyClick(view, Qt.Key.Key_Q)  # asked once only
    assert len(asked) == 1
    assert titles(page, board.todo) == ["Cart badge", "Search box"]
    assert titles(page, board.doing) == []
    qtbot.keyClick(page.view.view_for(board.todo), Qt.Key.Key_Q)
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    view = _select(page, board.todo, 2)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # mine already: unassign
    assert services.tasks.get_task(card).task.assignee_id is None
    page.undo_stack.undo()
    assert services.tasks.get_task(card).task.assignee_id == board.people["Grace Hopper"]


def test_c_archives_d_opens_the_due_date_l_the_labels(page, board, services, qtbot,
                                                      titles) -> None:
    view = _select(page, board.todo, 1)
    qtbot.keyClick(view, Qt.Key.Key_D)
    editor = page.editor
    assert editor is not None and editor.title.text() == "Cart badge"
    assert editor.focusWidget() is editor.due.line and editor.has_due.isChecked()
    editor.reject()
    view = _select(page, board.todo, 0)
    qtbot.keyClick(view, Qt.Key.Key_L)
    assert page.editor.focusWidget() is page.editor.labels
    page.editor.reject()
    view = _select(page, board.todo, 0)
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert titles(page, board.todo) == ["Cart badge", "Search box"]
    assert page.undo_bar.label.text() == "Archived “Login page”"


def test_question_mark_shows_the_shortcut_sheet(page, board, qtbot) -> None:
    view = _select(page, board.todo, 0)
    qtbot.keyClick(view, Qt.Key.Key_Question)
    sheet = page.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    keys = [k for k, _ in sheet.rows()]
    for expected in ("F or /", "Q", "Space", "J / K or ↓ / ↑", "D", "L", "?"):
        assert expected in keys
    sheet.close()


def test_card_menu_shows_the_keys(page, board) -> None:
    view = _select(page, board.todo, 0)
    shown = [[a.text() for a in page.controller.card_menu(view).actions()]]
    assert "Archive\tC" in shown[0] and "Assign to me\tSpace" in shown[0]
    assert "Open…\tReturn" in shown[0]


def test_help_menu_lists_the_shortcuts(window, qtbot) -> None:
    assert window.action_shortcuts in window.help_menu.actions()
    assert window.action_shortcuts.shortcut().toString() == "?"
    window.action_shortcuts.trigger()
    assert window.findChild(ShortcutSheet).isVisible()
