"""A refused undo or redo changes nothing and keeps its step, so the user can retry."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from pmdesk.ui.kanban import BoardPage


def drop(page: BoardPage, source_column: int, row: int, target_column: int) -> None:
    source = page.view.view_for(source_column).model()
    target = page.view.view_for(target_column).model()
    mime = source.mimeData([source.index(row, 0)])
    target.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def failures(page: BoardPage) -> list[str]:
    messages: list[str] = []
    page.bus.failed.connect(messages.append)
    return messages


def test_an_undo_refused_by_a_hard_limit_stays_on_the_stack(page, board, services, titles):
    messages = failures(page)
    drop(page, board.todo, 0, board.doing)  # Login page → Doing
    stack = page.undo_stack
    assert (stack.count(), stack.index()) == (1, 1)
    services.boards.update_column(board.todo, wip_limit=2, wip_hard=True)  # To do is full
    stack.undo()
    assert len(messages) == 1 and "limit" in messages[0]
    assert (stack.count(), stack.index()) == (1, 1)
    assert stack.undoText() == "Move “Login page” to Doing" and not stack.canRedo()
    assert services.tasks.get_task(board.cards["Login page"]).task.column_id == board.doing
    assert "Login page" in titles(page, board.doing)

    services.boards.update_column(board.todo, wip_limit=None, wip_hard=False)
    stack.undo()  # the cause is gone: the same step now undoes
    assert stack.index() == 0 and len(messages) == 1
    assert services.tasks.get_task(board.cards["Login page"]).task.column_id == board.todo
    assert titles(page, board.todo)[0] == "Login page"


def test_a_refused_redo_stays_redoable(page, board, services, titles):
    messages = failures(page)
    drop(page, board.todo, 0, board.doing)
    stack = page.undo_stack
    stack.undo()
    services.boards.update_column(board.doing, wip_limit=1, wip_hard=True)  # Payment API fills it
    stack.redo()
    assert len(messages) == 1
    assert (stack.count(), stack.index()) == (1, 0) and stack.canRedo()
    assert services.tasks.get_task(board.cards["Login page"]).task.column_id == board.todo
    services.boards.update_column(board.doing, wip_limit=None, wip_hard=False)
    stack.redo()
    assert stack.index() == 1
    assert services.tasks.get_task(board.cards["Login page"]).task.column_id == board.doing
    assert "Login page" in titles(page, board.doing)


def test_a_macro_refused_halfway_is_whole_again(page, board, services, titles):
    messages = failures(page)
    page.controller.delete([board.cards["Cart badge"], board.cards["Payment API"]],
                           confirm=False)
    stack = page.undo_stack
    assert stack.undoText() == "Delete 2 cards"
    column = services.boards.delete_column(board.doing).value  # Payment API's column
    stack.undo()  # Payment API cannot come back; Cart badge must not come back alone
    assert len(messages) == 1 and (stack.count(), stack.index()) == (1, 1)
    assert "Cart badge" not in titles(page, board.todo)
    assert services.tasks.get_tasks([board.cards["Cart badge"]]) == []
    services.trash.restore(column)
    stack.undo()
    assert stack.index() == 0 and len(messages) == 1
    assert "Cart badge" in titles(page, board.todo)
    assert titles(page, board.doing) == ["Payment API"]


def test_the_undo_bar_stays_for_a_retry(page, board, services):
    messages = failures(page)
    page.controller.archive([board.cards["Payment API"]])
    bar = page.undo_bar
    assert bar.isVisible()
    column = services.boards.delete_column(board.doing, move_tasks_to=board.todo).value
    bar.undo_button.click()
    assert len(messages) == 1
    assert bar.isVisible() and page.undo_stack.index() == 1
    services.trash.restore(column)
    bar.undo_button.click()
    assert not bar.isVisible() and page.undo_stack.index() == 0
    assert services.tasks.get_task(board.cards["Payment API"]).task.archived_at is None
