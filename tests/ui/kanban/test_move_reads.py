"""What one card move costs in reads: the write hands the board its cards and orders.

Before the services handed them over, one drag in the window on the sample workspace began
four read transactions (the moved card read back by the board, and three by the closed
Item History dock following the selection), its undo six (the card and both columns'
orders, and the dock again) and its redo three. Now each reads nothing; the card ages the
page refreshes a moment later are one read, as before.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from pmdesk.domain.enums import Entity
from pmdesk.domain.values import TaskMove
from pmdesk.ui.kanban import BoardPage
from pmdesk.ui.main_window import MainWindow
from tests.reads import counting_reads


@pytest.fixture
def demo_window(window: MainWindow) -> MainWindow:
    """The window on the sample workspace, showing its board."""
    window.tabs.setCurrentWidget(board_page(window))
    return window


def board_page(window: MainWindow) -> BoardPage:
    return next(p for p in window.pages if isinstance(p, BoardPage))


def shown(page: BoardPage) -> dict[int, list[str]]:
    """Each column's card titles as its list shows them, top to bottom."""
    out = {}
    for column in page.data.columns:
        model = page.view.view_for(column.id).model()
        out[column.id] = [model.index(r, 0).data() for r in range(model.rowCount())]
    return out


def stored(page: BoardPage) -> dict[int, list[str]]:
    """Each column's card titles as the workspace holds them."""
    snapshot = page.services.reads.board(page.data.board_id)
    return {c.id: [t.title for t in snapshot.tasks_in(c.id)] for c in page.data.columns}


def test_a_drag_undo_and_redo_read_nothing_back(demo_window) -> None:
    page = board_page(demo_window)
    services, stack = demo_window.services, demo_window.undo_stack
    first, second = page.data.columns[0].id, page.data.columns[1].id
    before = shown(page)
    source = page.view.view_for(first).model()
    target = page.view.view_for(second).model()
    title = source.index(0, 0).data()
    with counting_reads(services) as reads:
        mime = source.mimeData([source.index(0, 0)])
        target.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert reads.transactions == 0
    moved = shown(page)
    assert moved[second][1] == title and title not in moved[first]
    assert moved == stored(page)
    with counting_reads(services) as reads:
        stack.undo()
    assert reads.transactions == 0
    assert shown(page) == before == stored(page)
    with counting_reads(services) as reads:
        stack.redo()
    assert reads.transactions == 0
    assert shown(page) == moved == stored(page)


def test_adding_archiving_and_deleting_a_card_read_nothing_back(demo_window) -> None:
    page = board_page(demo_window)
    services, stack = demo_window.services, demo_window.undo_stack
    column = page.data.columns[0].id
    with counting_reads(services) as reads:
        card = page.controller.add_card(column, "Written here", index=1)
    assert reads.transactions == 0
    assert shown(page)[column][1] == "Written here"
    with counting_reads(services) as reads:
        assert page.controller.archive([card])
    assert reads.transactions == 0
    assert "Written here" not in shown(page)[column]
    with counting_reads(services) as reads:
        stack.undo()
    assert reads.transactions == 0  # the archived card comes back from what the write handed
    assert shown(page)[column][1] == "Written here"
    assert shown(page) == stored(page)


def test_the_open_history_dock_follows_a_move(demo_window, qtbot) -> None:
    page = board_page(demo_window)
    demo_window.history_dock.show()
    first, second = page.data.columns[0].id, page.data.columns[1].id
    card = page.data.orders[first][0]
    assert page.controller.drop([card], second, -1, 0)
    panel = demo_window.history_panel
    assert panel.item[1] == card
    assert any("moved" in text.casefold() for text in panel.model.texts())


def test_undoing_a_delete_reads_nothing_back(demo_window) -> None:
    page = board_page(demo_window)
    services, stack = demo_window.services, demo_window.undo_stack
    column = page.data.columns[0].id
    before = shown(page)
    card = page.data.orders[column][1]
    assert page.controller.delete([card], confirm=False)
    assert shown(page)[column] == before[column][:1] + before[column][2:]
    with counting_reads(services) as reads:
        stack.undo()
    assert reads.transactions == 0  # the restore hands back the card and its column's order
    assert shown(page) == before == stored(page)


def test_the_open_history_dock_reads_once_per_move(demo_window) -> None:
    page = board_page(demo_window)
    demo_window.history_dock.show()
    first, second = page.data.columns[0].id, page.data.columns[1].id
    card = page.data.orders[first][0]
    for target in (second, first):
        with counting_reads(demo_window.services) as reads:
            assert page.controller.drop([card], target, -1, 0)
        assert reads.transactions == 1  # the dock: events, names and titles in one read
        panel = demo_window.history_panel
        assert panel.item == (Entity.TASK, card)
        column = page.data.column(target).name
        assert panel.model.texts()[0].endswith(f"to “{column}”")


def test_the_roadmap_reads_only_the_initiatives_of_a_card_write(window) -> None:
    roadmap = window.roadmap_page()
    window.tabs.setCurrentWidget(roadmap)
    services = window.services
    board = services.boards.list_boards(window.current_product_id())[0]
    snapshot = services.reads.board(board.id)
    card = next(t for t in snapshot.tasks if t.initiative_id is not None)
    done = next(c for c in snapshot.columns if c.id != card.column_id)
    changes = services.tasks.move_tasks([TaskMove(card.id, done.id, 0)]).changes
    with counting_reads(services) as reads:
        window.bus.publish(changes)
    assert reads.transactions == 1  # the card's initiative, not the card first
