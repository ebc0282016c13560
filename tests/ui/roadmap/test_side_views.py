"""Parking lot, Now/Next/Later, prioritisation and live progress from the board."""

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDropEvent

from pmdesk.domain.enums import ColumnKind, Horizon
from pmdesk.domain.values import TaskMove
from pmdesk.ui.roadmap import mime
from pmdesk.ui.roadmap.layout import BandKind
from pmdesk.ui.roadmap.models import InitiativeIdRole, PrioritisationModel, SortRole
from tests.ui.roadmap.conftest import wide_bar


def test_every_item_model_passes_the_model_tester(page, qtmodeltester):
    assert page.parking_model.rowCount() > 0
    qtmodeltester.check(page.parking_model)
    page.set_mode(1)
    for model in page.horizon_models.values():
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    page.set_mode(2)
    open_ = [v for v in page.state.views.values()
             if v.initiative.status.value not in ("done", "dropped")]
    assert page.priority_model.rowCount() == len(open_)
    qtmodeltester.check(page.priority_model)
    page.priority_model.sort(0)
    qtmodeltester.check(page.priority_model)


def test_schedule_from_the_parking_lot_and_unschedule_back(page, sample):
    model = page.parking_model
    parked = model.rows[0].initiative
    count = model.rowCount()
    data = model.mimeData([model.index(0, 0)])
    assert mime.decode(data) == [parked.id]
    band = next(b for b in page.scene.layout.bands
                if b.kind is BandKind.LANE and b.lane_id != parked.lane_id)
    scene_pos = QPointF(page.scene.scale.x(page.state.today), band.bar_top + 10)
    drop_at = page.view.mapFromScene(scene_pos)
    event = QDropEvent(QPointF(drop_at), Qt.DropAction.MoveAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.view.dropEvent(event)
    stored = sample.initiatives.get_initiative(parked.id)
    assert stored.start_date == page.state.today
    assert (stored.end_date - stored.start_date).days == 27
    assert stored.lane_id == band.lane_id
    assert parked.id in page.scene.bars
    assert model.rowCount() == count - 1
    assert page.undo_stack.text(0) == f"Schedule “{parked.title}”"

    model.dropMimeData(mime.encode([parked.id]), Qt.DropAction.MoveAction, -1, 0,
                       QModelIndex())
    stored = sample.initiatives.get_initiative(parked.id)
    assert stored.start_date is None and stored.end_date is None
    assert parked.id not in page.scene.bars
    assert model.rowCount() == count
    assert page.undo_stack.text(1) == f"Unschedule “{parked.title}”"
    page.undo_stack.undo()
    assert parked.id in page.scene.bars


def test_the_context_menu_moves_a_bar_to_the_parking_lot(page, sample):
    bar = wide_bar(page)
    menu = page.menus.build_context_menu(bar.pos() + QPointF(5, 5))
    texts = [a.text() for a in menu.actions()]
    assert texts[:4] == ["Edit…\tReturn", "Add dependency…", "Break down into tasks…",
                         "Move to parking lot"]
    assert "Delete…\tDel" in texts
    next(a for a in menu.actions() if a.text() == "Move to parking lot").trigger()
    assert not sample.initiatives.get_initiative(bar.initiative_id).scheduled
    assert bar.initiative_id in [v.id for v in page.parking_model.rows]


def test_progress_follows_tasks_moved_on_the_board(page, sample):
    board = sample.boards.list_boards(page.product_id)[0]
    columns = sample.boards.list_columns(board.id)
    done = next(c for c in columns if c.kind is ColumnKind.DONE)
    snapshot = sample.reads.board(board.id)
    task = next(t for t in snapshot.tasks
                if t.initiative_id in page.scene.bars and t.column_id != done.id)
    bar = page.scene.bars[task.initiative_id]
    before = bar.view.progress
    result = sample.tasks.move_tasks([TaskMove(task.id, done.id, 0)])
    page.bus.publish(result.changes, origin="board")
    after = page.scene.bars[task.initiative_id].view.progress
    assert after.done == before.done + 1
    assert after.by_count > before.by_count
    assert page.scene.bars[task.initiative_id] is bar  # updated in place, not rebuilt


def test_horizons_show_every_initiative_and_drops_move_between_them(page, sample):
    page.set_mode(1)
    total = sum(m.rowCount() for m in page.horizon_models.values())
    assert total == len(page.state.views)
    later = page.horizon_models[Horizon.LATER]
    now = page.horizon_models[Horizon.NOW]
    moving = later.rows[0].initiative
    now_count = now.rowCount()
    now.dropMimeData(later.mimeData([later.index(0, 0)]), Qt.DropAction.MoveAction, 0, 0,
                     QModelIndex())
    assert sample.initiatives.get_initiative(moving.id).horizon is Horizon.NOW
    assert now.rowCount() == now_count + 1
    assert now.index(0, 0).data(InitiativeIdRole) == moving.id
    assert page.undo_stack.text(0) == f"Move “{moving.title}” to Now"
    page.undo_stack.undo()
    assert sample.initiatives.get_initiative(moving.id).horizon is Horizon.LATER
    assert later.index(0, 0).data(InitiativeIdRole) == moving.id


def test_prioritisation_edits_rice_in_place_and_sorts_by_score(page, sample):
    page.set_mode(2)
    model: PrioritisationModel = page.priority_model
    def scores():
        return [model.index(r, 7).data(SortRole) for r in range(model.rowCount())]

    assert scores() == sorted(scores(), reverse=True)
    assert model.index(0, 7).data() != ""
    page.priorities.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, 0).data().casefold() for r in range(model.rowCount())]
    assert titles == sorted(titles)
    page.priorities.sortByColumn(7, Qt.SortOrder.DescendingOrder)
    row = next(r for r, v in enumerate(model.rows) if v.initiative.reach is not None)
    view = model.rows[row]
    assert model.setData(model.index(row, 3), "12345")
    assert sample.initiatives.get_initiative(view.id).reach == 12345
    row = model.row_of(view.id)
    assert model.index(row, 3).data() == "12,345"
    assert scores() == sorted(scores(), reverse=True)
    assert page.undo_stack.text(0) == f"Set reach of “{view.initiative.title}”"
    assert not model.setData(model.index(row, 4), "9")
    assert "Impact must be between" in page.message.text()
    assert sample.initiatives.get_initiative(view.id).impact == view.initiative.impact
    assert not model.setData(model.index(row, 5), "lots")
    assert "must be a number" in page.message.text()


def test_an_empty_effort_is_never_filled_from_story_points(page, sample, qtbot):
    page.set_mode(2)
    table, model = page.priorities, page.priority_model
    row = next(r for r, v in enumerate(model.rows)
               if v.initiative.effort is None and v.estimate_effort
               and None not in (v.initiative.reach, v.initiative.impact,
                                v.initiative.confidence))
    view = model.rows[row]
    index = model.index(row, 6)
    assert index.data() == "" and view.rice is None
    assert model.index(row, 7).data() == ""
    assert f"{view.estimate_effort:g} story points" in index.data(Qt.ItemDataRole.ToolTipRole)
    # Typing the effort scores it, in one undoable step.
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.indexWidget(index)
    assert editor is not None, "F2 opens the cell's editor"
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits an editor closed by Return from the event loop, right after the key.
    qtbot.waitUntil(lambda: model.index(model.row_of(view.id), 6).data() == "2")
    scored = model.rows[model.row_of(view.id)]
    assert model.index(model.row_of(view.id), 6).data() == "2"
    assert scored.rice == pytest.approx(
        view.initiative.reach * view.initiative.impact * view.initiative.confidence / 100 / 2)


def test_hidden_side_views_catch_up_when_shown(page, sample):
    view = next(v for v in page.state.views.values() if v.initiative.reach is not None)
    page.commands.update_initiative(view.id, "Set reach of", reach=7)
    page.set_mode(2)
    row = page.priority_model.row_of(view.id)
    assert page.priority_model.index(row, 3).data() == "7"
