"""The timeline is a projection of the snapshot; gestures go through the controller."""

from datetime import timedelta

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsView

from pmdesk.domain.timescale import Zoom
from pmdesk.ui.roadmap.items import ArrowItem
from pmdesk.ui.roadmap.layout import BandKind
from tests.ui.roadmap.conftest import centre_of, wide_bar


def test_the_view_is_findable_by_its_public_name(page):
    view = page.findChild(QGraphicsView, "roadmapView")
    assert view is page.view
    assert view.accessibleName() == "roadmapView"
    assert page.title == "Roadmap"


def test_scene_is_built_from_the_snapshot(page, sample):
    snapshot = sample.reads.roadmap(page.product_id)
    scheduled = {v.id for v in snapshot.initiatives if v.initiative.scheduled}
    assert set(page.scene.bars) == scheduled
    assert set(page.scene.milestones) == {m.id for m in snapshot.milestones}
    arrows = [i for i in page.scene.items() if isinstance(i, ArrowItem)]
    assert len(arrows) == len(snapshot.dependencies)
    violated = {d.dependency.id for d in snapshot.dependencies if d.violated}
    assert violated and {a.dependency_id for a in arrows if a.violated} == violated
    lanes = [b.title for b in page.scene.layout.bands if b.kind is BandKind.LANE]
    assert lanes == [lane.name for lane in snapshot.lanes]
    scale = page.scene.scale
    for view in snapshot.initiatives:
        if view.id in scheduled:
            bar = page.scene.bars[view.id]
            assert bar.x() == scale.x(view.initiative.start_date)
            assert bar.view.progress == view.progress


def test_bars_of_a_lane_never_overlap(page):
    for zoom in Zoom:
        page.view.set_zoom(zoom)
        slots = sorted(page.scene.layout.bars.values(), key=lambda s: (s.y, s.x0))
        for a, b in zip(slots, slots[1:], strict=False):
            if a.y == b.y:
                assert a.x1 <= b.x0


def test_move_a_bar_by_dragging_through_the_controller(page, sample):
    bar = wide_bar(page)
    item = bar.view.initiative
    start = centre_of(bar)
    assert page.controller.press(start)
    page.controller.drag(start + QPointF(20, 0))
    page.controller.drag(start + QPointF(50, 0))  # 10 days at the month zoom
    assert sample.initiatives.get_initiative(item.id).start_date == item.start_date
    assert page.controller.release(start + QPointF(50, 0))
    stored = sample.initiatives.get_initiative(item.id)
    assert stored.start_date == item.start_date + timedelta(days=10)
    assert stored.end_date == item.end_date + timedelta(days=10)
    assert page.undo_stack.count() == 1
    assert page.undo_stack.text(0) == f"Move “{item.title}”"
    assert page.scene.bars[item.id].x() == page.scene.scale.x(stored.start_date)
    page.undo_stack.undo()
    assert sample.initiatives.get_initiative(item.id).start_date == item.start_date
    assert page.scene.bars[item.id].x() == page.scene.scale.x(item.start_date)
    page.undo_stack.redo()
    assert sample.initiatives.get_initiative(item.id).start_date == stored.start_date


def test_a_click_without_movement_changes_nothing(page):
    bar = wide_bar(page)
    assert page.controller.press(centre_of(bar))
    assert not page.controller.release(centre_of(bar) + QPointF(1, 0))
    assert page.undo_stack.count() == 0
    assert bar.isSelected()


def test_drag_a_bar_to_another_lane(page, sample):
    bar = wide_bar(page)
    item = bar.view.initiative
    target = next(b for b in page.scene.layout.bands
                  if b.kind is BandKind.LANE and b.lane_id != item.lane_id)
    start = centre_of(bar)
    page.controller.press(start)
    page.controller.release(QPointF(start.x(), target.bar_top + 10))
    stored = sample.initiatives.get_initiative(item.id)
    assert stored.lane_id == target.lane_id
    assert stored.start_date == item.start_date
    assert page.scene.layout.bars[item.id].lane_id == target.lane_id


def test_resize_both_edges(page, sample):
    bar = wide_bar(page)
    item = bar.view.initiative
    scale = page.scene.scale
    right = QPointF(bar.x() + bar.width - 1, bar.y() + 5)
    page.controller.press(right)
    page.controller.release(right + QPointF(5 * scale.px_per_day + 1, 0))
    stored = sample.initiatives.get_initiative(item.id)
    assert stored.end_date == item.end_date + timedelta(days=5)
    assert stored.start_date == item.start_date
    assert page.undo_stack.text(0) == f"Resize “{item.title}”"
    bar = page.scene.bars[item.id]
    left = QPointF(bar.x() + 1, bar.y() + 5)
    page.controller.press(left)
    page.controller.release(left + QPointF(-3 * scale.px_per_day, 0))
    assert sample.initiatives.get_initiative(item.id).start_date == (
        item.start_date - timedelta(days=3))
    # An edge dragged past the other one stops at a one-day bar.
    bar = page.scene.bars[item.id]
    left = QPointF(bar.x() + 1, bar.y() + 5)
    page.controller.press(left)
    page.controller.release(left + QPointF(bar.width * 3, 0))
    stored = sample.initiatives.get_initiative(item.id)
    assert stored.start_date == stored.end_date


def test_coarse_zoom_moves_by_whole_weeks(page, sample):
    page.view.set_zoom(Zoom.QUARTERS)
    bar = wide_bar(page, 30)
    item = bar.view.initiative
    start = centre_of(bar)
    page.controller.press(start)
    page.controller.release(start + QPointF(penalty := 19 * Zoom.QUARTERS.px_per_day, 0))
    assert penalty
    moved = sample.initiatives.get_initiative(item.id).start_date - item.start_date
    assert moved == timedelta(days=21)


def test_create_an_initiative_by_dragging_on_an_empty_stretch(page, sample):
    band = next(b for b in page.scene.layout.bands if b.kind is BandKind.LANE)
    scale = page.scene.scale
    x = page.scene.layout.width - 40 * scale.px_per_day  # after every bar
    press = QPointF(x, band.bar_top + 2)
    assert page.controller.mode_at(press).value == "create"
    before = {i.id for i in sample.initiatives.list_initiatives(page.product_id)}
    page.controller.press(press)
    page.controller.drag(press + QPointF(30, 0))
    page.controller.release(press + QPointF(14 * scale.px_per_day, 0))
    created = [i for i in sample.initiatives.list_initiatives(page.product_id)
               if i.id not in before]
    assert len(created) == 1
    new = created[0]
    assert new.lane_id == band.lane_id
    assert new.start_date == scale.date_at(x)
    assert (new.end_date - new.start_date).days == 14
    assert new.id in page.scene.bars
    page.undo_stack.undo()
    assert new.id not in page.scene.bars
    page.undo_stack.redo()
    assert sample.initiatives.get_initiative(new.id).title == "New initiative"


def test_milestones_move_by_dragging(page, sample):
    milestone = page.state.milestones[0]
    item = page.scene.milestones[milestone.id]
    page.controller.press(item.pos())
    page.controller.release(item.pos() + QPointF(7 * page.scene.scale.px_per_day, 0))
    moved = next(m for m in sample.lanes.list_milestones(page.product_id)
                 if m.id == milestone.id)
    assert moved.date == milestone.date + timedelta(days=7)


def test_a_refused_change_shows_its_message_and_restores_the_bar(page, sample):
    bar = wide_bar(page)
    item = bar.view.initiative
    sample.initiatives.delete_initiative(item.id)  # someone else deleted it
    start = centre_of(bar)
    page.controller.press(start)
    assert not page.controller.release(start + QPointF(50, 0))
    assert page.undo_stack.count() == 0
    assert "does not exist" in page.message.text()
    assert page.message.isVisibleTo(page)


def test_zoom_switches_keep_the_anchor_date_and_fit_all_shows_everything(page):
    view = page.view
    middle = view.viewport().width() / 2
    before = page.scene.scale.date_at(view.horizontalScrollBar().value() + middle)
    view.set_zoom(Zoom.WEEKS)
    assert page.zoom_box.currentData() is Zoom.WEEKS
    after = page.scene.scale.date_at(view.horizontalScrollBar().value() + middle)
    assert abs((after - before).days) <= 1
    page.zoom_box.setCurrentIndex(page.zoom_box.findData(Zoom.YEARS))
    assert page.scene.zoom is Zoom.YEARS
    view.fit_all()
    first, last = view.content_range()
    visible = view.visible_scene_rect()
    scale = page.scene.scale
    assert visible.left() <= scale.x(first) and scale.x(last) <= visible.right()


def test_keyboard_nudges_the_selected_bar(page, sample, qtbot):
    from PySide6.QtCore import Qt

    bar = wide_bar(page)
    item = bar.view.initiative
    bar.setSelected(True)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Right)
    assert sample.initiatives.get_initiative(item.id).start_date == (
        item.start_date + timedelta(days=1))


def test_filters_hide_bars_and_lanes(page):
    goal = page.state.goals[0]
    page.filters.goal.setCurrentIndex(page.filters.goal.findData(goal.id))
    assert page.scene.bars
    assert all(b.view.initiative.goal_id == goal.id for b in page.scene.bars.values())
    page.filters.goal.setCurrentIndex(0)
    lane = page.state.lanes[1]
    page.filters.lane.setCurrentIndex(page.filters.lane.findData(lane.id))
    assert [b.lane_id for b in page.scene.layout.bands if b.kind is BandKind.LANE] == [lane.id]
    assert all(b.view.initiative.lane_id == lane.id for b in page.scene.bars.values())
    assert all(v.initiative.lane_id == lane.id for v in page.parking_model.rows)


def test_only_visible_labels_are_painted_and_headers_follow_the_scroll(page):
    view = page.view
    exposed = view.visible_scene_rect()
    painted = page.scene.items(exposed)
    assert 0 < len(painted) < len(page.scene.items())
    image = view.time_header.grab().toImage()
    step = max(1, image.width() // 200)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step)
               for y in range(image.height())}
    assert len(colours) > 3  # background, ticks and date labels, not an empty strip


def test_ctrl_wheel_zooms_and_a_plain_wheel_scrolls(page):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QWheelEvent

    def wheel(delta, modifiers):
        centre = QPointF(page.view.viewport().rect().center())
        return QWheelEvent(centre, page.view.viewport().mapToGlobal(centre), QPoint(0, 0),
                           QPoint(0, delta), Qt.MouseButton.NoButton, modifiers,
                           Qt.ScrollPhase.NoScrollPhase, False)

    page.view.wheelEvent(wheel(120, Qt.KeyboardModifier.ControlModifier))
    assert page.scene.zoom is Zoom.WEEKS
    page.view.wheelEvent(wheel(-120, Qt.KeyboardModifier.ControlModifier))
    page.view.wheelEvent(wheel(-120, Qt.KeyboardModifier.ControlModifier))
    assert page.scene.zoom is Zoom.QUARTERS
    assert page.zoom_box.currentData() is Zoom.QUARTERS


def test_lane_header_press_and_release_reorders(page, qtbot):
    from PySide6.QtCore import QPoint, Qt

    header = page.view.lane_header
    bands = [b for b in page.scene.layout.bands if b.kind is BandKind.LANE]
    first, third = bands[0], bands[2]
    top = page.view.verticalScrollBar().value()
    qtbot.mousePress(header, Qt.MouseButton.LeftButton, pos=QPoint(20, int(first.top - top + 10)))
    qtbot.mouseRelease(header, Qt.MouseButton.LeftButton,
                       pos=QPoint(20, int(third.top - top + 10)))
    assert [lane.id for lane in page.state.lanes].index(first.lane_id) == 2


def test_a_moving_bar_can_be_taken_out_of_the_view(page):
    bar = wide_bar(page)
    page.controller.press(centre_of(bar))
    page.controller.drag(centre_of(bar) + QPointF(30, 0))
    assert page.controller.take_out() == bar.initiative_id
    assert not page.controller.dragging
    assert page.scene.bars[bar.initiative_id].x() == page.scene.layout.bars[bar.initiative_id].x0
    assert page.undo_stack.count() == 0
