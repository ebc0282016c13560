"""When the board finishes an initiative's cards, the roadmap offers Done and reports agree."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt

from pmdesk.domain.enums import ColumnKind, InitiativeStatus
from pmdesk.export.onepager import build_onepager
from pmdesk.ui.kanban.page import BoardPage
from pmdesk.ui.roadmap.page import RoadmapPage
from tests.ui.roadmap.conftest import centre_of


def _drop_to_done(page: BoardPage, task_id: int) -> None:
    done = next(c for c in page.data.columns if c.kind is ColumnKind.DONE)
    column = page.data.tasks[task_id].column_id
    source = page.view.view_for(column).model()
    target = page.view.view_for(done.id).model()
    mime = source.mimeData([source.index(source.row_of(task_id), 0)])
    assert target.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    target.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert page.data.tasks[task_id].column_id == done.id


def test_finishing_every_card_offers_done_and_the_counts_agree(window, qtbot) -> None:
    services = window.services
    product_id = window.current_product_id()
    snapshot = services.reads.roadmap(product_id)
    target = next(v for v in snapshot.initiatives
                  if v.initiative.status is InitiativeStatus.PLANNED and v.initiative.scheduled
                  and 0 < v.progress.total and v.progress.done < v.progress.total)
    board = window.findChild(BoardPage, "boardPage")
    window.tabs.setCurrentWidget(board)
    cards = [t for t in board.data.tasks.values() if t.initiative_id == target.id]
    assert len(cards) == target.progress.total  # all on the shown board
    done_columns = {c.id for c in board.data.columns if c.kind is ColumnKind.DONE}
    for card in cards:
        if card.column_id not in done_columns:
            _drop_to_done(board, card.id)

    roadmap = window.findChild(RoadmapPage, "roadmapPage")
    window.tabs.setCurrentWidget(roadmap)
    bar = roadmap.scene.bars[target.id]
    assert bar.view.progress.done == bar.view.progress.total
    assert bar.view.suggested_status is InitiativeStatus.DONE
    assert "The board says Done" in bar.tooltip()

    # Reports count it as done already, and every figure agrees with every other.
    summary = services.reads.product_summary(product_id)
    data = services.reports.onepager(product_id)
    counts = data.statuses
    assert summary.done_initiatives == counts.done
    assert len(data.active) == counts.active == counts.planned + counts.in_progress
    assert target.id not in {v.id for v in data.active}
    text = " ".join(PdfReader(io.BytesIO(build_onepager(data))).pages[0].extract_text().split())
    tile = re.search(r"(\d+) active initiatives (\d+) in progress · (\d+) planned", text)
    assert tile and int(tile[1]) == int(tile[2]) + int(tile[3]) == counts.active
    health = re.search(r"(\d+) in progress · (\d+) planned · (\d+) done", text)
    assert health and (int(health[1]), int(health[2]), int(health[3])) == (
        counts.in_progress, counts.planned, counts.done)

    # The roadmap offers to store it; one undo step.
    menu = roadmap.menus.build_context_menu(centre_of(bar))
    offer = next(a for a in menu.actions() if a.text().startswith("Mark Done"))
    total = target.progress.total
    assert offer.text() == f"Mark Done ({total} of {total} cards done)"
    offer.trigger()
    assert services.initiatives.get_initiative(target.id).status is InitiativeStatus.DONE
    assert roadmap.scene.bars[target.id].view.suggested_status is None
    assert window.undo_stack.undoText() == f"Set status of “{target.initiative.title}”"
