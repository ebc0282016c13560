"""A product made from a template takes over the whole window and starts today."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pmdesk.ui.kanban.page import BoardPage
from pmdesk.ui.product.page import ProductPage
from pmdesk.ui.roadmap.dialogs import TemplateDialog
from pmdesk.ui.roadmap.page import RoadmapPage


def test_new_product_from_template_switches_every_view(window, qtbot) -> None:
    roadmap = window.findChild(RoadmapPage, "roadmapPage")
    window.tabs.setCurrentWidget(roadmap)
    action = roadmap.template_action
    assert action.text() == "New product from template…"
    button = roadmap.toolbar.widgetForAction(action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(TemplateDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "New product from template"
    qtbot.keyClick(dialog.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.name, "Field Ops 2027")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    new = next(p for p in window.services.products.list_products() if p.name == "Field Ops 2027")
    assert window.product_selector.currentText() == "Field Ops 2027"
    assert window.windowTitle().startswith("Field Ops 2027 — ")
    assert roadmap.product_id == new.id
    assert window.findChild(ProductPage, "productPage").product_id == new.id
    board = window.findChild(BoardPage, "boardPage")
    assert board.product_id == new.id
    assert board.board_combo.currentText() == "Delivery"

    snapshot = window.services.reads.roadmap(new.id)
    today = snapshot.today
    scheduled = [v for v in snapshot.initiatives if v.initiative.scheduled]
    assert scheduled
    assert min(v.initiative.start_date for v in scheduled) <= today
    assert all(v.initiative.end_date >= today for v in scheduled)
    assert not any(v.at_risk for v in snapshot.initiatives)
    window.action_undo.trigger()
    assert "Field Ops 2027" not in [p.name for p in window.services.products.list_products()]
