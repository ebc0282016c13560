"""Dragging cards over a full hard-limit column shows the refusal before the drop."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.kanban.test_kanban_moves import event_count

MOVE = Qt.DropAction.MoveAction
NO_BUTTON, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def _drag_over(view, mime) -> tuple[bool, bool]:
    """Send what Qt sends a list while cards are dragged across it; whether it took each."""
    spot = QPoint(view.viewport().width() // 2, 12)
    enter = QDragEnterEvent(spot, MOVE, mime, NO_BUTTON, NO_KEYS)
    QApplication.sendEvent(view.viewport(), enter)
    move = QDragMoveEvent(spot, MOVE, mime, NO_BUTTON, NO_KEYS)
    QApplication.sendEvent(view.viewport(), move)
    return enter.isAccepted(), move.isAccepted()


def _dragged(page, column_id: int, row: int = 0):
    source = page.view.view_for(column_id)
    model = source.model()
    return model.mimeData([model.index(row, 0)])


def test_a_full_hard_limit_column_refuses_while_dragging(page, board, services, titles,
                                                          monkeypatch, qtbot) -> None:
    asked = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: asked.append(a))
    page.controller.edit_column(board.doing, wip_limit=1, wip_hard=True)  # Payment API fills it
    doing = page.view.view_for(board.doing)
    header = page.view.headers[board.doing]
    before, stack = event_count(services), page.undo_stack.count()

    dragged = _dragged(page, board.todo)
    entered, moved = _drag_over(doing, dragged)
    assert not entered and not moved  # Qt shows the forbidden cursor
    assert doing.property("refused") is True and header.property("refused") is True
    looks = doing.grab().toImage()
    assert looks.pixelColor(0, looks.height() // 2).name() == "#c62828"  # red edge
    assert looks.pixelColor(looks.width() // 2, looks.height() - 8).name() == "#fdecea"

    mime = _dragged(page, board.todo)  # the event does not own it: keep it alive
    drop = QDropEvent(QPointF(20, 12), MOVE, mime, NO_BUTTON, NO_KEYS)
    doing.dropEvent(drop)  # Qt delivers a drop only during a real drag: hand it over directly
    assert not drop.isAccepted()
    assert doing.property("refused") is False and header.property("refused") is False
    assert titles(page, board.doing) == ["Payment API"]
    assert event_count(services) == before and page.undo_stack.count() == stack
    assert page._banner_row.isHidden() and not asked  # refused before, nothing to say after


def test_the_cue_goes_when_the_cards_leave_and_other_columns_accept(page, board, qtbot) -> None:
    page.controller.edit_column(board.doing, wip_limit=1, wip_hard=True)
    doing = page.view.view_for(board.doing)
    dragged = _dragged(page, board.todo)
    _drag_over(doing, dragged)
    assert doing.property("refused") is True
    QApplication.sendEvent(doing.viewport(), QDragLeaveEvent())
    assert doing.property("refused") is False

    # Reordering inside the full column, and dropping into a column with room, are fine.
    dragged = _dragged(page, board.doing)
    assert _drag_over(doing, dragged)[1] and doing.property("refused") is not True
    done = page.view.view_for(board.done)
    dragged = _dragged(page, board.todo)
    assert _drag_over(done, dragged)[1] and done.property("refused") is not True
