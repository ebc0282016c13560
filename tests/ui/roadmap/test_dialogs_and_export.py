"""The initiative editor and the other dialogs."""

from datetime import date

from PySide6.QtCore import QDate, QPointF

from pmdesk.domain.enums import Horizon, InitiativeStatus
from tests.ui.roadmap.conftest import wide_bar


def test_the_editor_changes_every_field_in_one_step(page, sample):
    bar = wide_bar(page)
    page.view.edit_requested.emit(bar.initiative_id)
    dialog = page.menus.edit_initiative(bar.initiative_id)
    goal, lane = page.state.goals[-1], page.state.lanes[-1]
    person = sorted(page.state.people.values(), key=lambda p: p.name)[0]
    dialog.title.setText("Offline job sheets")
    dialog.description.setPlainText("Work without signal.")
    dialog.goal.setCurrentIndex(dialog.goal.findData(goal.id))
    dialog.lane.setCurrentIndex(dialog.lane.findData(lane.id))
    dialog.status.setCurrentIndex(dialog.status.findData(InitiativeStatus.IN_PROGRESS))
    dialog.owner.setCurrentIndex(dialog.owner.findData(person.id))
    dialog.horizon.setCurrentIndex(dialog.horizon.findData(Horizon.NEXT))
    dialog.start.setDate(QDate(2026, 4, 6))
    dialog.end.setDate(QDate(2026, 5, 29))
    for key, value in (("reach", "400"), ("impact", "2"), ("confidence", "80"),
                       ("effort", "4")):
        dialog.rice[key].setText(value)
    assert dialog.score.text() == "160.0"
    dialog.accept()
    assert not dialog.isVisible()
    stored = sample.initiatives.get_initiative(bar.initiative_id)
    assert stored.title == "Offline job sheets"
    assert stored.description == "Work without signal."
    assert (stored.goal_id, stored.lane_id, stored.owner_id) == (goal.id, lane.id, person.id)
    assert stored.status is InitiativeStatus.IN_PROGRESS and stored.horizon is Horizon.NEXT
    assert (stored.start_date, stored.end_date) == (date(2026, 4, 6), date(2026, 5, 29))
    assert (stored.reach, stored.impact, stored.confidence, stored.effort) == (400, 2, 80, 4)
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    assert sample.initiatives.get_initiative(bar.initiative_id) == bar.view.initiative


def test_the_editor_refuses_bad_input_and_stays_open(page, sample):
    bar = wide_bar(page)
    dialog = page.menus.edit_initiative(bar.initiative_id)
    dialog.rice["impact"].setText("7")
    dialog.accept()
    assert dialog.isVisible()
    assert "Impact must be between" in dialog.error.text()
    dialog.rice["impact"].setText("1")
    dialog.start.setDate(QDate(2026, 6, 1))
    dialog.end.setDate(QDate(2026, 5, 1))
    dialog.accept()
    assert "before the start date" in dialog.error.text()
    dialog.rice["reach"].setText("many")
    assert "must be a number" in dialog.score.text()
    assert page.undo_stack.count() == 0
    assert sample.initiatives.get_initiative(bar.initiative_id) == bar.view.initiative
    dialog.scheduled.setChecked(False)
    dialog.rice["reach"].setText("")
    dialog.accept()
    assert not sample.initiatives.get_initiative(bar.initiative_id).scheduled


def test_break_down_dialog_adds_tasks_to_the_chosen_column(page, sample):
    bar = wide_bar(page)
    board = sample.boards.list_boards(page.product_id)[0]
    column = sample.boards.list_columns(board.id)[1]
    dialog = page.menus.break_down(bar.initiative_id)
    dialog.column.setCurrentIndex(dialog.column.findData(column.id))
    dialog.titles.setPlainText("Spike\n\nBuild\nShip\n")
    dialog.accept()
    tasks = [t for t in sample.reads.board(board.id).tasks_in(column.id)
             if t.initiative_id == bar.initiative_id]
    assert [t.title for t in tasks][-3:] == ["Spike", "Build", "Ship"]
    empty = page.menus.break_down(bar.initiative_id)
    empty.accept()
    assert "at least one task" in empty.error.text()


def test_dependency_dialog_in_both_directions(page, sample):
    ids = [v.id for v in page.state.views.values()]
    dialog = page.menus.add_dependency(ids[3])
    dialog.direction.setCurrentIndex(dialog.direction.findData("blocked_by"))
    dialog.other.setCurrentIndex(dialog.other.findData(ids[2]))
    dialog.accept()
    deps = sample.initiatives.list_dependencies(page.product_id)
    assert any(d.blocker_id == ids[2] and d.blocked_id == ids[3] for d in deps)


def test_milestone_dialog_and_menu(page, sample):
    dialog = page.menus.new_milestone(date(2026, 6, 1), page.state.lanes[0].id)
    dialog.title.setText("Launch event")
    dialog.accept()
    created = next(m for m in sample.lanes.list_milestones(page.product_id)
                   if m.title == "Launch event")
    assert created.lane_id == page.state.lanes[0].id
    item = page.scene.milestones[created.id]
    menu = page.menus.build_context_menu(item.pos())
    assert [a.text() for a in menu.actions()] == ["Edit milestone…", "Delete milestone"]
    menu.actions()[1].trigger()
    assert created.id not in page.scene.milestones


def test_empty_lane_menu_creates_an_initiative_there(page, sample):
    band = page.scene.layout.lane_band(page.state.lanes[0].id)
    x = page.scene.layout.width - 200
    menu = page.menus.build_context_menu(QPointF(x, band.bar_top + 3))
    action = next(a for a in menu.actions() if a.text() == "New initiative here")
    count = len(page.state.views)
    action.trigger()
    assert len(page.state.views) == count + 1


def test_page_without_a_product_is_empty_and_inert(qtbot, sample):
    from PySide6.QtGui import QUndoStack

    from pmdesk.ui.bus import ChangeBus
    from pmdesk.ui.roadmap import RoadmapPage

    bus, stack = ChangeBus(), QUndoStack()
    page = RoadmapPage(sample, stack, bus)
    qtbot.addWidget(page)
    page.set_product(None)
    assert not page.scene.bars and page.parking_model.rowCount() == 0
    assert not page.controller.press(QPointF(10, 10))
    assert page.menus.new_here() is None


def test_long_painting_sessions_stay_alive(page):
    for _ in range(20):
        page.view.viewport().grab()


def test_a_hosted_page_leaves_refusals_to_its_window(qtbot, sample):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from pmdesk.ui.bus import ChangeBus
    from pmdesk.ui.roadmap import RoadmapPage

    host = QWidget()
    qtbot.addWidget(host)
    bus = ChangeBus(host)
    page = RoadmapPage(sample, QUndoStack(host), bus, host)
    page.set_product(sample.products.list_products()[0].id)
    seen = []
    bus.failed.connect(seen.append)
    assert page.commands.add_dependency(1, 1) is None
    assert seen and "loop" in seen[0]
    assert not page.message.isVisibleTo(page)
    message = page.attempt(lambda: page.commands.add_dependency(1, 1))
    assert "loop" in message and len(seen) == 1
