"""Columns: add, rename, reorder, kind, WIP limit, delete (asking where cards go)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pmdesk.domain.enums import ColumnKind


def names(page) -> list[str]:
    return [c.name for c in page.data.columns]


def test_add_rename_reorder_and_undo(page, board) -> None:
    ctl = page.controller
    assert ctl.add_column("QA", index=2)
    assert names(page) == ["To do", "Doing", "QA", "Done"]
    qa = page.data.columns[2]
    assert page.view.view_for(qa.id).accessibleName() == "QA"
    assert ctl.edit_column(qa.id, name="Testing")
    assert page.undo_stack.undoText() == "Rename column “QA” to “Testing”"
    assert page.view.view_for(qa.id).accessibleName() == "Testing"
    assert ctl.move_column(qa.id, -1)
    assert names(page) == ["To do", "Testing", "Doing", "Done"]
    assert page.undo_stack.undoText() == "Move column “Testing” left"
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert names(page) == ["To do", "Doing", "QA", "Done"]
    page.undo_stack.undo()
    assert names(page) == ["To do", "Doing", "Done"]
    page.undo_stack.redo()
    assert names(page) == ["To do", "Doing", "QA", "Done"]


def test_kind_and_wip_limit(page, board, services) -> None:
    ctl = page.controller
    assert ctl.edit_column(board.doing, kind=ColumnKind.DONE)
    assert page.data.column(board.doing).kind is ColumnKind.DONE
    assert page.view.headers[board.doing].kind.text() == "Done"
    assert ctl.edit_column(board.todo, wip_limit=2, wip_hard=True)
    header = page.view.headers[board.todo]
    assert header.count.text() == "3 / 2 max"
    assert header.count.property("over") is True
    page.undo_stack.undo()
    assert page.view.headers[board.todo].count.text() == "3"
    assert not ctl.edit_column(board.todo, wip_limit=-1)
    assert page.banner.text() == "The WIP limit must be a whole number of cards, or empty."


def test_hard_limit_refuses_quick_add(page, board, titles) -> None:
    page.controller.edit_column(board.doing, wip_limit=1, wip_hard=True)
    assert page.controller.add_card(board.doing, "One too many") is None
    assert titles(page, board.doing) == ["Payment API"]
    assert "at its limit of 1" in page.banner.text()


def test_delete_non_empty_column_asks_where_cards_go(page, board, services, titles) -> None:
    asked = []

    def destination(column, holds, others):
        asked.append((column.name, holds, [c.name for c in others]))
        return board.done

    page.controller.prompts.cards_destination = destination
    assert page.controller.delete_column(board.todo)
    assert asked == [("To do", 3, ["Doing", "Done"])]
    assert names(page) == ["Doing", "Done"]
    assert titles(page, board.done) == ["Release notes", "Login page", "Cart badge", "Search box"]
    assert page.undo_stack.undoText() == "Delete column “To do”"
    page.undo_stack.undo()
    assert names(page) == ["To do", "Doing", "Done"]
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    assert titles(page, board.done) == ["Release notes"]


def test_cancelled_delete_writes_nothing(page, board) -> None:
    page.controller.prompts.cards_destination = lambda column, holds, others: None
    assert not page.controller.delete_column(board.todo)
    page.controller.prompts.confirm_column_delete = lambda column: False
    page.controller.add_column("Empty")
    empty = page.data.columns[-1].id
    assert not page.controller.delete_column(empty)
    page.controller.prompts.confirm_column_delete = lambda column: True
    assert page.controller.delete_column(empty)
    assert names(page) == ["To do", "Doing", "Done"]


def test_board_selector_switches_boards(page, board, services, titles) -> None:
    other = services.boards.create_board(board.product_id, "Ops").value
    page.set_product(board.product_id)
    combo = page.board_combo
    assert combo.count() == 2
    combo.setCurrentIndex(combo.findData(other.id))
    assert page.data.board_id == other.id
    assert names(page) == ["To do", "Doing", "Done"]
    assert all(titles(page, c.id) == [] for c in page.data.columns)
    assert page.filter_bar.count.text() == "0 of 0 cards"


def menu_action(page, column_id: int, text: str):
    from PySide6.QtGui import QAction

    header = page.view.headers[column_id]
    return next(a for a in header.findChildren(QAction) if a.text() == text)


def test_column_menu_actions_reach_the_board(page, board) -> None:
    prompts = page.controller.prompts
    prompts.column_name = lambda title, current: "Building" if current else "Blocked"
    prompts.wip_limit = lambda column: (3, True)
    menu_action(page, board.doing, "Rename…").trigger()
    assert page.data.column(board.doing).name == "Building"
    menu_action(page, board.doing, "WIP limit…").trigger()
    assert page.view.headers[board.doing].count.text() == "1 / 3 max"
    menu_action(page, board.doing, "Done").trigger()
    assert page.data.column(board.doing).kind is ColumnKind.DONE
    menu_action(page, board.doing, "Add column after…").trigger()
    assert names(page) == ["To do", "Building", "Blocked", "Done"]
    menu_action(page, board.doing, "Move right").trigger()
    assert names(page) == ["To do", "Blocked", "Building", "Done"]
    assert page.undo_stack.count() == 5


def test_shift_delete_asks_then_deletes(page, board, qtbot, titles) -> None:
    from PySide6.QtCore import Qt

    page.controller.prompts.confirm_delete = lambda names: names == ["Payment API"]
    view = page.view.view_for(board.doing)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert titles(page, board.doing) == []
    assert page.undo_stack.undoText() == "Delete “Payment API”"


def test_board_deleted_elsewhere_falls_back_to_another(page, board, services) -> None:
    other = services.boards.create_board(board.product_id, "Ops").value
    result = services.boards.delete_board(board.board_id)
    page.bus.reloaded.emit()  # another window or process wrote the file
    assert page.data.board_id == other.id
    assert page.board_combo.currentData() == other.id
    services.trash.restore(result.value)
    page.bus.publish(services.boards.delete_board(other.id).changes)
    assert page.data.board_id == board.board_id


def test_renamed_label_and_person_show_at_once(page, board, services) -> None:
    changes = services.people.update_label(board.labels["bug"], name="defect").changes
    page.bus.publish(changes)
    assert page.data.snapshot.labels[board.labels["bug"]].name == "defect"
    assert page.filter_bar.label.findText("defect") >= 0
    page.bus.publish(services.people.rename_person(board.people["Ada Lovelace"],
                                                   "Ada King").changes)
    model = page.view.view_for(board.todo).model()
    assert "Assignee: Ada King" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_renamed_board_updates_the_selector_without_a_second_read(page, board, services,
                                                                  monkeypatch) -> None:
    reads = []
    original = services.boards.cards
    monkeypatch.setattr(services.boards, "cards",
                        lambda *a, **k: reads.append(a) or original(*a, **k))
    page.bus.publish(services.boards.rename_board(board.board_id, "Sprint 12").changes)
    assert page.board_combo.currentText() == "Sprint 12"
    assert len(reads) == 1
