"""The Item History dock shows each change whole however narrow the dock is made."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pmdesk.ui.kanban.page import BoardPage


def _cut_rows(view) -> list[str]:
    """Rows whose text needs more height than the row has at the columns' widths."""
    model = view.model()
    return [str(model.index(row, 1).data()) for row in range(model.rowCount())
            if view.sizeHintForRow(row) > view.rowHeight(row)]


def test_history_rows_grow_when_the_dock_narrows(window, qtbot) -> None:
    board = window.findChild(BoardPage, "boardPage")
    window.tabs.setCurrentWidget(board)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)  # View ▸ Item History
    assert window.history_dock.isVisible()
    cards = next(v for v in board.view.views.values() if v.model().rowCount())
    qtbot.mouseClick(cards.viewport(), Qt.MouseButton.LeftButton,
                     pos=cards.visualRect(cards.model().index(0, 0)).center())
    panel = window.history_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    for width in (420, 260, 200):
        window.resizeDocks([window.history_dock], [width], Qt.Orientation.Horizontal)
        qtbot.wait(30)
        assert not _cut_rows(panel.view), f"cut at {width} px: {_cut_rows(panel.view)}"
