"""One change, every view: the board, the roadmap and the Product page stay in step."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListView

from pmdesk.ui.kanban.page import BoardPage
from pmdesk.ui.product.page import ProductPage
from pmdesk.ui.roadmap.page import RoadmapPage


def page_of(window, kind):
    return next(p for p in window.pages if isinstance(p, kind))


def column_view(window, name) -> QListView:
    return next(v for v in window.findChildren(QListView) if v.accessibleName() == name)


def test_a_card_dropped_on_done_updates_the_roadmap_bar_and_the_product_page(window, qtbot):
    roadmap, board = page_of(window, RoadmapPage), page_of(window, BoardPage)
    product_page = page_of(window, ProductPage)
    window.tabs.setCurrentWidget(product_page)
    qtbot.waitUntil(lambda: product_page.health_label.text() != "")
    health_before = product_page.health_label.text()
    window.tabs.setCurrentWidget(roadmap)
    window.tabs.setCurrentWidget(board)
    backlog, done = column_view(window, "Backlog"), column_view(window, "Done")
    model = backlog.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).initiative_id)
    task = model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)
    before = roadmap.scene.bars[task.initiative_id].view.progress
    mime = model.mimeData([model.index(row, 0)])
    # The model hands the move to the services and returns False so the view keeps its rows.
    done.model().dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    # The hidden pages read the change when they are shown.
    window.tabs.setCurrentWidget(roadmap)
    after = roadmap.scene.bars[task.initiative_id].view.progress
    assert (after.done, after.total) == (before.done + 1, before.total)
    window.tabs.setCurrentWidget(product_page)
    qtbot.waitUntil(lambda: product_page.health_label.text() != health_before)
    window.action_undo.trigger()
    assert product_page.health_label.text() == health_before
    window.tabs.setCurrentWidget(roadmap)
    assert roadmap.scene.bars[task.initiative_id].view.progress == before


def test_a_page_behind_another_tab_reads_nothing_until_shown(window, monkeypatch):
    roadmap, board = page_of(window, RoadmapPage), page_of(window, BoardPage)
    window.tabs.setCurrentWidget(board)
    reads = []
    monkeypatch.setattr(roadmap.services.reads, "roadmap",
                        lambda product_id, _real=roadmap.services.reads.roadmap:
                        reads.append(product_id) or _real(product_id))
    roadmap.bus.reloaded.emit()
    roadmap.bus.reloaded.emit()
    assert reads == []
    window.tabs.setCurrentWidget(roadmap)
    assert reads == [window.current_product_id()]


def test_the_last_tab_comes_back_first_and_the_others_wait(window, tmp_path, qtbot):
    from pmdesk.services.workspaces import open_services
    from pmdesk.ui.main_window import MainWindow

    window.tabs.setCurrentWidget(page_of(window, BoardPage))
    path = window.services.workspace.path
    window.close()
    window.services.workspace.close()
    again = MainWindow(open_services(path))
    qtbot.addWidget(again)
    again.show()
    assert again.tabs.currentWidget() is page_of(again, BoardPage)
    assert page_of(again, RoadmapPage).scene.bars == {}
    again.tabs.setCurrentWidget(page_of(again, RoadmapPage))
    assert page_of(again, RoadmapPage).scene.bars
    again.close()
    again.services.workspace.close()


def test_renaming_an_initiative_renames_its_tag_on_every_card(window):
    roadmap, board = page_of(window, RoadmapPage), page_of(window, BoardPage)
    window.tabs.setCurrentWidget(board)
    backlog = column_view(window, "Backlog")
    model = backlog.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).initiative_id)
    task = model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert roadmap.commands.update_initiative(task.initiative_id, "Rename",
                                              title="Renamed on the roadmap")
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Initiative: Renamed on the roadmap" in tooltip
    window.action_undo.trigger()
    assert "Initiative: Renamed on the roadmap" not in model.index(row, 0).data(
        Qt.ItemDataRole.ToolTipRole)
