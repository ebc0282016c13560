"""Moving an end more than a week later asks for a one-line reason, skipped in one click."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from pmdesk.domain.enums import Entity


def scheduled(page):
    return next(i for i in sorted(page.state.views.values(), key=lambda i: i.id)
                if i.initiative.end_date is not None).initiative


def notes(page, initiative_id):
    return [e.note for e in page.services.history.for_item(Entity.INITIATIVE, initiative_id)]


def test_a_slip_asks_why_and_keeps_the_reason_with_the_change(page, qtbot):
    item = scheduled(page)
    bar = page.reason_bar
    assert not bar.isVisible()
    assert page.commands.move_dates(item.id, item.start_date,
                                    item.end_date + timedelta(days=23), verb="Resize")
    assert bar.isVisible() and "23 days later" in bar.question.text()
    qtbot.keyClicks(bar.edit, "Vendor API came late")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert not bar.isVisible()
    assert notes(page, item.id)[-1] == "Vendor API came late"
    history = page.services.history.for_item(Entity.INITIATIVE, item.id)
    assert history[-1].fields["end_date"][1] == (item.end_date + timedelta(days=23)).isoformat()


def test_skip_keeps_no_reason_and_small_or_earlier_moves_do_not_ask(page, qtbot):
    item = scheduled(page)
    bar = page.reason_bar
    before = len(notes(page, item.id))
    page.commands.move_dates(item.id, item.start_date, item.end_date + timedelta(days=7))
    assert not bar.isVisible()  # a week is no slip worth a reason
    page.commands.move_dates(item.id, item.start_date, item.end_date + timedelta(days=30))
    assert bar.isVisible()
    qtbot.mouseClick(bar.skip, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    page.commands.move_dates(item.id, item.start_date, item.end_date - timedelta(days=1))
    assert not bar.isVisible()
    assert notes(page, item.id)[before:] == ["", "", ""]
    page.undo_stack.undo()
    assert not bar.isVisible()  # undo and redo never ask


def test_the_item_history_shows_the_reason(page, qtbot):
    from pmdesk.ui.history.panel import HistoryPanel

    panel = HistoryPanel(page.services, page.bus)
    qtbot.addWidget(panel)
    panel.show()
    item = scheduled(page)
    page.commands.move_dates(item.id, item.start_date, item.end_date + timedelta(days=14))
    page.reason_bar.edit.setText("Two engineers moved to the audit")
    page.reason_bar.save.click()
    assert panel.item == (Entity.INITIATIVE, item.id)
    assert any("reason: Two engineers moved to the audit" in text
               for text in panel.model.texts())
