"""Undo/redo round trips of every roadmap command, with stable ids."""

from datetime import date, timedelta

from pmdesk.domain.enums import InitiativeStatus


def roadmap(services, product_id):
    return services.reads.roadmap(product_id)


def round_trip(page, services, do):
    """Run ``do``; check undo restores the roadmap exactly and redo reapplies it."""
    before = roadmap(services, page.product_id)
    result = do()
    assert result
    after = roadmap(services, page.product_id)
    assert after != before
    page.undo_stack.undo()
    assert roadmap(services, page.product_id) == before
    page.undo_stack.redo()
    assert roadmap(services, page.product_id) == after
    page.undo_stack.undo()
    page.undo_stack.redo()
    assert roadmap(services, page.product_id) == after
    return result


def test_create_and_delete_initiatives(page, sample):
    cmds = page.commands
    created = round_trip(page, sample, lambda: cmds.create_initiative(
        page.product_id, "Offline job sheets", start_date=date(2026, 4, 1),
        end_date=date(2026, 4, 30), lane_id=page.state.lanes[0].id))
    assert page.undo_stack.text(0) == "Create “Offline job sheets”"
    assert created.id in page.scene.bars
    round_trip(page, sample, lambda: cmds.delete_initiative(created.id))
    assert page.undo_stack.text(1) == "Delete “Offline job sheets”"


def test_delete_brings_back_dependencies_and_task_links(page, sample):
    dep = page.state.dependencies[0].dependency
    round_trip(page, sample, lambda: page.commands.delete_initiative(dep.blocker_id))
    assert not any(d.dependency.id == dep.id for d in page.state.dependencies)
    page.undo_stack.undo()
    assert any(d.dependency.id == dep.id for d in page.state.dependencies)
    assert dep.id in page.scene.arrows


def test_edit_fields(page, sample):
    view = next(iter(page.state.views.values()))
    round_trip(page, sample, lambda: page.commands.update_initiative(
        view.id, "Edit", title="Renamed", status=InitiativeStatus.DROPPED, reach=10,
        goal_id=None, owner_id=None))
    assert page.undo_stack.text(0) == f"Edit “{view.initiative.title}”"
    assert not page.commands.update_initiative(view.id, "Edit", title="Renamed")


def test_dependencies(page, sample):
    views = [v for v in page.state.views.values() if v.initiative.scheduled]
    a, b = views[0].id, views[-1].id
    dep = round_trip(page, sample, lambda: page.commands.add_dependency(b, a))
    assert page.undo_stack.text(0).startswith("Make “")
    assert dep.id in page.scene.arrows
    round_trip(page, sample, lambda: page.commands.remove_dependency(dep.id))
    assert page.commands.add_dependency(a, a) is None
    assert "loop" in page.message.text()


def test_break_down_into_tasks(page, sample):
    board = sample.boards.list_boards(page.product_id)[0]
    todo = sample.boards.list_columns(board.id)[0]
    view = next(v for v in page.state.views.values() if v.initiative.scheduled)
    before = page.scene.bars[view.id].view.progress.total
    tasks = round_trip(page, sample, lambda: page.commands.break_down(
        view.id, todo.id, ["Design sync", "Build sync", "  "]))
    assert page.undo_stack.text(0) == (
        f"Break “{view.initiative.title}” down into 2 tasks")
    assert [t.title for t in tasks] == ["Design sync", "Build sync"]
    assert page.scene.bars[view.id].view.progress.total == before + 2
    page.undo_stack.undo()
    assert page.scene.bars[view.id].view.progress.total == before
    ids = {t.id for t in sample.reads.board(board.id).tasks}
    assert not ids & {t.id for t in tasks}


def test_lanes(page, sample):
    cmds = page.commands
    lane = round_trip(page, sample, lambda: cmds.create_lane(page.product_id, "Partners"))
    assert page.state.lanes[-1].name == "Partners"
    round_trip(page, sample, lambda: cmds.rename_lane(lane.id, "Partners", "Partner apps"))
    assert page.undo_stack.text(1) == "Rename lane “Partners”"
    round_trip(page, sample, lambda: page.move_lane(lane.id, 0))
    assert page.state.lanes[0].id == lane.id
    first = page.state.lanes[1]
    assert round_trip(page, sample, lambda: cmds.delete_lane(first.id, first.name))
    assert not page.commands.rename_lane(lane.id, "Partner apps", "  ")
    assert "cannot be empty" in page.message.text()


def test_lane_menu_reorders_and_deletes(page, sample):
    band = next(b for b in page.scene.layout.bands if b.lane_id == page.state.lanes[0].id)
    menu = page.menus.build_lane_menu(band)
    actions = {a.text(): a for a in menu.actions()}
    assert not actions["Move up"].isEnabled()
    moved = page.state.lanes[0].id
    actions["Move down"].trigger()
    assert page.state.lanes[1].id == moved
    page.menus.build_lane_menu(page.scene.layout.lane_band(moved))
    names = [lane.name for lane in page.state.lanes]
    actions = {a.text(): a for a in page.menus.build_lane_menu(
        page.scene.layout.lane_band(moved)).actions()}
    actions["Delete lane"].trigger()
    assert moved not in [lane.id for lane in page.state.lanes]
    page.undo_stack.undo()
    assert [lane.name for lane in page.state.lanes] == names


def test_lane_header_drag_reorders(page):
    first, last = page.state.lanes[0], page.state.lanes[-1]
    page.view.lane_move_requested.emit(first.id, len(page.state.lanes) - 1)
    assert page.state.lanes[-1].id == first.id
    assert page.state.lanes[-2].id == last.id


def test_milestones(page, sample):
    cmds = page.commands
    milestone = round_trip(page, sample, lambda: cmds.create_milestone(
        page.product_id, "Beta", date(2026, 5, 4), None))
    assert milestone.id in page.scene.milestones
    current = next(m for m in page.state.milestones if m.id == milestone.id)
    round_trip(page, sample, lambda: cmds.update_milestone(
        current, "Move", date=current.date + timedelta(days=7)))
    current = next(m for m in page.state.milestones if m.id == milestone.id)
    round_trip(page, sample, lambda: cmds.delete_milestone(current))


def test_new_roadmap_from_template_is_one_undo_step(page, sample):
    products = len(sample.products.list_products())
    dialog = page.menus.from_template()
    dialog.choices.setCurrentRow(2)
    assert dialog.name.text() == "Technology roadmap"
    dialog.name.setText("Platform 2027")
    switched = []
    page.product_requested.connect(switched.append)
    dialog.accept()
    assert not dialog.isVisible()
    new = next(p for p in sample.products.list_products() if p.name == "Platform 2027")
    assert page.product_id == new.id == switched[0]
    assert [lane.name for lane in page.state.lanes] == [
        "Infrastructure", "Architecture", "Security", "Tooling"]
    assert page.undo_stack.text(0) == "New product “Platform 2027”"
    page.undo_stack.undo()
    assert len(sample.products.list_products()) == products
    assert page.product_id is None and not page.scene.bars
    page.undo_stack.redo()
    assert len(sample.products.list_products()) == products + 1


def test_template_refusal_keeps_the_dialog_open(page, sample):
    dialog = page.menus.from_template()
    dialog.name.setText(sample.products.list_products()[0].name)
    dialog.accept()
    assert dialog.isVisible()
    assert "already exists" in dialog.error.text()
    assert page.undo_stack.count() == 0
    dialog.reject()
