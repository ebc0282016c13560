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


def test_a_card_dropped_on_done_updates_the_roadmap_bar_and_the_product_page(window):
    roadmap, board = page_of(window, RoadmapPage), page_of(window, BoardPage)
    product_page = page_of(window, ProductPage)
    window.tabs.setCurrentWidget(roadmap)
    window.tabs.setCurrentWidget(board)
    backlog, done = column_view(window, "Backlog"), column_view(window, "Done")
    model = backlog.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).initiative_id)
    task = model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)
    bar = roadmap.scene.bars[task.initiative_id]
    before = bar.view.progress
    health_before = product_page.health_label.text()
    mime = model.mimeData([model.index(row, 0)])
    # The model hands the move to the services and returns False so the view keeps its rows.
    done.model().dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    after = roadmap.scene.bars[task.initiative_id].view.progress
    assert (after.done, after.total) == (before.done + 1, before.total)
    assert product_page.health_label.text() != health_before
    window.action_undo.trigger()
    assert roadmap.scene.bars[task.initiative_id].view.progress == before
    assert product_page.health_label.text() == health_before


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
