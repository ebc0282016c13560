"""View ▸ Compare With: ghost outlines at the plan's dates, "+23 d" labels, new and removed."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMenu

from pmdesk.domain.baselines import Movement, signed_days
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.roadmap import RoadmapPage
from pmdesk.ui.roadmap.ghosts import DeltaLabel, GhostItem


def ghosts(page):
    return [item for item in page.scene.items() if isinstance(item, GhostItem)]


def labels(page):
    return {item.text for item in page.scene.items() if isinstance(item, DeltaLabel)}


def test_comparing_is_off_by_default(page):
    assert page.comparison.choice == "" and page.comparison.comparison is None
    assert ghosts(page) == [] and labels(page) == set()
    assert page.timeline.legend.compared_with == ""


def test_three_months_ago_shows_ghosts_at_the_old_dates_and_labels_of_days_moved(page):
    page.comparison.choose("ago:3")
    comparison = page.comparison.comparison
    assert comparison is not None and comparison.label == "3 months ago"
    moved = [c for c in comparison.of(Movement.MOVED) if c.id in page.scene.bars]
    assert comparison.slips() and any(c.reason for c in comparison.slips())
    by_id = {g.initiative_id: g for g in ghosts(page)}
    for change in moved:
        ghost = by_id[change.id]
        bar = page.scene.bars[change.id]
        x0, x1 = page.scene.scale.span(change.before.start_date, change.before.end_date)
        assert (ghost.pos().x(), ghost.width) == (x0, x1 - x0)
        assert abs(ghost.pos().y() - bar.pos().y()) < 4 and not ghost.removed
        if change.days_moved:
            assert page.comparison.layer.label_of(change.id) == signed_days(change.days_moved)
    assert signed_days(comparison.slips()[0].slip) in labels(page)
    assert "3 months ago" in page.timeline.legend.compared_with


def test_added_is_marked_new_and_removed_is_a_dashed_ghost_under_the_lanes(page, qtbot):
    page.comparison.choose("ago:3")
    victim = page.comparison.comparison.slips()[0]
    assert page.commands.delete_initiative(victim.id)
    product = page.product_id
    fresh = page.commands.create_initiative(product, "Partner API", start_date=page.state.today,
                                            end_date=page.state.today.replace(day=28))
    qtbot.waitUntil(lambda: page.comparison.comparison.change(fresh.id) is not None)
    removed = [g for g in ghosts(page) if g.removed]
    assert [g.initiative_id for g in removed] == [victim.id]
    assert removed[0].pos().y() >= page.scene.layout.height
    assert page.scene.sceneRect().bottom() > removed[0].pos().y()
    assert page.comparison.layer.label_of(fresh.id) == "new"
    page.undo_stack.undo()
    page.undo_stack.undo()
    qtbot.waitUntil(lambda: not [g for g in ghosts(page) if g.removed])


def test_the_choice_is_remembered_per_product(page, qtbot, sample):
    first, second = (p.id for p in sample.products.list_products()[:2])
    page.comparison.choose("ago:1")
    page.set_product(second)
    assert page.comparison.choice == "" and ghosts(page) == []
    again = RoadmapPage(sample, QUndoStack(), ChangeBus())
    qtbot.addWidget(again)
    again.set_product(first)
    assert again.comparison.choice == "ago:1" and again.comparison.comparison is not None
    again.comparison.choose("")
    assert ghosts(again) == []


def test_the_menu_lists_baselines_moments_a_date_and_none(page):
    saved = page.comparison.save_baseline("Q1 plan")
    menu = QMenu()
    page.comparison.fill_menu(menu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0].startswith("Q1 plan (") and texts[-4:] == [
        "1 month ago", "3 months ago", "A Date…", "None"]
    assert any(t.startswith("Q1 2026 start") for t in texts)  # the quarter's own
    next(a for a in menu.actions() if a.objectName() == f"compare:baseline:{saved.id}").trigger()
    assert page.comparison.comparison.label == "Q1 plan"
    assert page.comparison.comparison.of(Movement.MOVED) == []  # nothing moved since


def test_saving_renaming_and_deleting_a_baseline_are_undo_steps(page):
    from pmdesk.ui.roadmap.baselines_dialog import BaselinesDialog

    baselines = page.services.baselines
    product = page.product_id
    saved = page.comparison.save_baseline("Q1 plan")
    assert page.undo_stack.undoText() == "Save baseline “Q1 plan”"
    dialog = BaselinesDialog(page.comparison, page)
    dialog.list.setCurrentRow(0)
    assert dialog.selected().id == saved.id
    assert dialog.rename("January plan")
    assert baselines.get_baseline(saved.id).name == "January plan"
    assert dialog.delete()
    assert saved.id not in [b.id for b in baselines.list_baselines(product)]
    page.undo_stack.undo()
    assert baselines.get_baseline(saved.id).name == "January plan"
    page.undo_stack.undo()
    assert baselines.get_baseline(saved.id).name == "Q1 plan"
    page.undo_stack.undo()
    assert saved.id not in [b.id for b in baselines.list_baselines(product)]
    page.undo_stack.redo()
    assert baselines.get_baseline(saved.id).plan == saved.plan


def test_the_slip_dialog_lists_each_change_with_its_reason(page, qtbot, qtmodeltester):
    from pmdesk import documents
    from pmdesk.ui.roadmap.slip_dialog import SlipDialog

    page.comparison.choose("ago:3")
    report = documents.slip_report(page.services, page.product_id, page.comparison.comparison)
    dialog = SlipDialog(report, page)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    first = report.comparison.slips()[0]
    assert model.index(0, 0).data() == first.title
    assert model.index(0, 4).data() == signed_days(first.slip)
    reasons = {model.index(r, 9).data() for r in range(model.rowCount())}
    assert {c.reason for c in report.comparison.slips() if c.reason} <= reasons


def test_the_window_s_roadmap_and_view_menus_reach_baselines_and_the_report(window, qtbot,
                                                                            monkeypatch):
    from PySide6.QtGui import QAction

    from pmdesk.ui.roadmap.slip_dialog import SlipDialog

    shown = []
    monkeypatch.setattr(SlipDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    monkeypatch.setattr("pmdesk.ui.roadmap.compare.QInputDialog.getText",
                        lambda *a, **k: ("Q1 plan", True))
    save = window.findChild(QAction, "actionSaveBaseline")
    assert save.shortcut().toString() == "Ctrl+Alt+B"
    save.trigger()
    comparison = window.roadmap_page().comparison
    product = window.current_product_id()
    assert "Q1 plan" in [b.name for b in window.services.baselines.list_baselines(product)]
    window.compare_menu.aboutToShow.emit()
    names = [a.objectName() for a in window.compare_menu.actions()]
    assert "compare:ago:3" in names and "compare:none" in names
    next(a for a in window.compare_menu.actions() if a.objectName() == "compare:ago:3").trigger()
    assert comparison.comparison is not None
    window.tabs.setCurrentWidget(window.roadmap_page())  # a page behind another tab waits
    qtbot.waitUntil(lambda: bool(ghosts(window.roadmap_page())))
    window.findChild(QAction, "actionWhatSlipped").trigger()
    assert shown and shown[0].report.comparison.label == "3 months ago"
    assert shown[0].model.rowCount() > 0


def test_a_date_is_asked_and_a_future_one_refused(page, monkeypatch):
    from datetime import date

    from PySide6.QtWidgets import QDialog

    from pmdesk.ui.roadmap.compare import DateDialog

    picked = {"day": date(2026, 1, 15)}
    monkeypatch.setattr(DateDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(DateDialog, "day", lambda dialog: picked["day"])
    page.comparison.ask_date()
    assert page.comparison.choice == "date:2026-01-15"
    assert page.comparison.comparison.label == "15 Jan 2026"
    picked["day"] = date(2027, 1, 1)
    page.comparison.ask_date()
    assert page.comparison.choice == "date:2026-01-15"
    assert "before today" in page.message.text()
