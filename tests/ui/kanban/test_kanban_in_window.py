"""The Board page as a main-window tab on the sample workspace."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListView

from pmdesk.ui.kanban import BoardPage


def test_board_tab_follows_the_product_and_shares_undo(window, qtbot) -> None:
    page = window.findChild(BoardPage, "boardPage")
    assert page is not None and window.tabs.tabText(window.tabs.indexOf(page)) == "Board"
    window.tabs.setCurrentWidget(page)
    board_view = window.findChild(type(page.view), "boardView")
    assert board_view is page.view
    backlog = next(v for v in window.findChildren(QListView) if v.accessibleName() == "Backlog")
    ready = next(v for v in window.findChildren(QListView) if v.accessibleName() == "Ready")
    title = backlog.model().index(0, 0).data()
    before = ready.model().rowCount()
    mime = backlog.model().mimeData([backlog.model().index(0, 0)])
    ready.model().dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert ready.model().index(0, 0).data() == title
    assert ready.model().rowCount() == before + 1
    assert window.action_undo.text().endswith(f"Move “{title}” to Ready")
    window.action_undo.trigger()
    assert backlog.model().index(0, 0).data() == title
    window.product_selector.setCurrentIndex(1)
    assert page.data.snapshot.board.product_id == window.product_selector.currentData()
    assert {c.name for c in page.data.columns} == {"Do zrobienia", "W toku", "Gotowe"}


def test_hidden_board_catches_up_when_shown(window) -> None:
    page = window.findChild(BoardPage, "boardPage")
    window.tabs.setCurrentWidget(page)
    window.tabs.setCurrentIndex(0)
    assert not page.isVisible()
    services = window.services
    backlog = page.data.columns[0]
    result = services.tasks.create_task(backlog.id, "Written while hidden", index=0)
    window.bus.publish(result.changes)
    assert page.controller.stale
    window.tabs.setCurrentWidget(page)
    assert not page.controller.stale
    assert page.view.view_for(backlog.id).model().index(0, 0).data() == "Written while hidden"


def test_hidden_board_reads_nothing_until_shown(window, monkeypatch) -> None:
    page = window.findChild(BoardPage, "boardPage")
    window.tabs.setCurrentIndex(0)
    reads = []
    original = window.services.boards.cards
    monkeypatch.setattr(window.services.boards, "cards",
                        lambda *a, **k: reads.append(a) or original(*a, **k))
    window.product_selector.setCurrentIndex(1)
    assert reads == []
    window.tabs.setCurrentWidget(page)
    assert len(reads) == 1
    assert {c.name for c in page.data.columns} == {"Do zrobienia", "W toku", "Gotowe"}
