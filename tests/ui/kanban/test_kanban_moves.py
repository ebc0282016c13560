"""Drag and drop through the models, keyboard moves, WIP limits and undo."""

from __future__ import annotations

import sqlalchemy as sa
from PySide6.QtCore import QModelIndex, Qt

from pmdesk.services.workspaces import open_services
from pmdesk.store import tables as t
from pmdesk.ui.kanban import BoardPage


def drop(page: BoardPage, source_column: int, rows: list[int], target_column: int,
         target_row: int, *, allowed: bool = True) -> bool:
    source = page.view.view_for(source_column).model()
    target = page.view.view_for(target_column).model()
    mime = source.mimeData([source.index(r, 0) for r in rows])
    assert target.canDropMimeData(
        mime, Qt.DropAction.MoveAction, target_row, 0, QModelIndex()) is allowed
    return target.dropMimeData(mime, Qt.DropAction.MoveAction, target_row, 0, QModelIndex())


def event_count(services) -> int:
    with services.workspace.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(t.event)).scalar_one()


def test_drop_moves_card_in_store_and_other_view(page, board, services, titles) -> None:
    drop(page, board.todo, [0], board.doing, 0)
    assert titles(page, board.doing) == ["Login page", "Payment API"]
    assert titles(page, board.todo) == ["Cart badge", "Search box"]
    task = services.tasks.get_task(board.cards["Login page"]).task
    assert task.column_id == board.doing and task.started_at is not None
    assert page.undo_stack.undoText() == "Move “Login page” to Doing"
    page.undo_stack.undo()
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    assert services.tasks.get_task(board.cards["Login page"]).task.column_id == board.todo
    page.undo_stack.redo()
    assert titles(page, board.doing) == ["Login page", "Payment API"]


def test_drop_into_done_stamps_done_time(page, board, services) -> None:
    drop(page, board.doing, [0], board.done, 1)
    task = services.tasks.get_task(board.cards["Payment API"]).task
    assert task.done_at is not None


def test_multi_select_move_is_one_undo_step(page, board, titles) -> None:
    drop(page, board.todo, [0, 2], board.done, 0)
    assert titles(page, board.done) == ["Login page", "Search box", "Release notes"]
    assert page.undo_stack.count() == 1
    assert page.undo_stack.undoText() == "Move 2 cards to Done"
    page.undo_stack.undo()
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]


def test_reorder_persists_after_reopening(page, board, services, titles, tmp_path) -> None:
    drop(page, board.todo, [2], board.todo, 0)
    assert titles(page, board.todo) == ["Search box", "Login page", "Cart badge"]
    assert page.undo_stack.undoText() == "Move “Search box” within To do"
    drop(page, board.todo, [0], board.todo, 3)
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    drop(page, board.todo, [1], board.todo, 0)
    expected = ["Cart badge", "Login page", "Search box"]
    assert titles(page, board.todo) == expected
    path = services.workspace.path
    page.close()
    services.workspace.close()
    reopened = open_services(path)
    try:
        snapshot = reopened.reads.board(board.board_id)
        assert [x.title for x in snapshot.tasks_in(board.todo)] == expected
    finally:
        reopened.workspace.close()


def test_hard_limit_refuses_drop_and_writes_nothing(page, board, services, titles) -> None:
    page.controller.edit_column(board.doing, wip_limit=1, wip_hard=True)
    before = event_count(services)
    stack_before = page.undo_stack.count()
    drop(page, board.todo, [0], board.doing, 0, allowed=False)  # a drop that comes anyway
    assert event_count(services) == before
    assert page.undo_stack.count() == stack_before
    assert titles(page, board.doing) == ["Payment API"]
    assert services.tasks.get_task(board.cards["Login page"]).task.column_id == board.todo
    assert page.banner.text() == "“Doing” is at its limit of 1 cards."
    assert not page._banner_row.isHidden()


def test_soft_limit_turns_header_red(page, board) -> None:
    page.controller.edit_column(board.doing, wip_limit=1)
    header = page.view.headers[board.doing]
    assert header.count.text() == "1 / 1"
    assert header.count.property("over") is False
    drop(page, board.todo, [0], board.doing, 0)
    header = page.view.headers[board.doing]
    assert header.count.text() == "2 / 1"
    assert header.count.property("over") is True


def test_keyboard_moves(page, board, qtbot, titles) -> None:
    view = page.view.view_for(board.todo)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles(page, board.todo) == ["Cart badge", "Login page", "Search box"]
    view = page.view.active_view
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert titles(page, board.doing) == ["Payment API", "Login page"]
    view = page.view.active_view
    assert view is page.view.view_for(board.doing)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles(page, board.doing) == ["Login page", "Payment API"]
    qtbot.keyClick(page.view.active_view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert titles(page, board.todo)[0] == "Login page"
    assert page.undo_stack.count() == 4


def test_arrow_keys_move_the_selection_between_columns(page, board, qtbot) -> None:
    todo = page.view.view_for(board.todo)
    todo.setFocus()
    todo.setCurrentIndex(todo.model().index(1, 0))
    qtbot.keyClick(todo, Qt.Key.Key_Right)
    doing = page.view.view_for(board.doing)
    assert page.view.active_view is doing
    assert doing.currentIndex().data() == "Payment API"
    qtbot.keyClick(doing, Qt.Key.Key_Left)
    assert page.view.active_view is todo


def test_move_from_card_menu_path(page, board, titles) -> None:
    page.controller.drop([board.cards["Cart badge"]], board.done, -1, 99)
    assert titles(page, board.done) == ["Release notes", "Cart badge"]


def test_board_orders_follow_the_store_through_moves_undo_and_redo(page, board, services):
    """The board applies the orders each move hands over; they are always the store's."""
    import random

    rng = random.Random(7)
    columns = [board.todo, board.doing, board.done]

    def stored() -> dict[int, list[int]]:
        return {c: services.boards.column_order(c) for c in columns}

    def shown() -> dict[int, list[int]]:
        return {c: list(page.view.view_for(c).column_model().ids) for c in columns}

    start = stored()
    after_each = []
    for _ in range(25):
        every = [i for c in columns for i in page.data.orders[c]]
        ids = rng.sample(every, rng.randint(1, 3))
        target = rng.choice(columns)
        row = rng.randint(0, len(page.data.orders[target]))
        if page.controller.drop(ids, target, -1, row):
            assert shown() == stored()
            after_each.append(stored())
    assert len(after_each) > 15
    while page.undo_stack.canUndo():
        page.undo_stack.undo()
        assert shown() == stored()
    assert shown() == start
    for expected in after_each:
        page.undo_stack.redo()
        assert shown() == stored() == expected


def test_only_one_list_keeps_a_selection(page, board) -> None:
    drop(page, board.todo, [0], board.doing, 0)
    drop(page, board.doing, [1], board.done, 0)
    selected = [v for v in page.view.views.values() if v.selectionModel().hasSelection()]
    assert selected == [page.view.view_for(board.done)]
