"""Breaking initiatives down into tasks, and the targeted reads of the roadmap."""

import pytest

from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.snapshots import DependencyView
from pmdesk.services.roadmap_planning import RoadmapPlanningService


@pytest.fixture
def planning(services):
    return RoadmapPlanningService(services.workspace, services.reads.clock)


@pytest.fixture
def product(services):
    return services.products.create_product("Atlas").value


def columns(services, product_id):
    return services.boards.list_columns(services.boards.list_boards(product_id)[0].id)


def test_break_down_adds_linked_tasks_at_the_end_of_the_column(services, planning, product):
    init = services.initiatives.create_initiative(product.id, "Offline job sheets").value
    todo, _, done = columns(services, product.id)
    services.tasks.create_task(todo.id, "Already there")
    result = planning.break_down(init.id, todo.id, ["  Sync  queue ", "", "Conflict screen"])
    assert [t.title for t in result.value] == ["Sync queue", "Conflict screen"]
    assert all(t.initiative_id == init.id for t in result.value)
    board = services.reads.board(todo.board_id)
    assert [t.title for t in board.tasks_in(todo.id)] == [
        "Already there", "Sync queue", "Conflict screen"]
    assert result.changes.ids(Entity.TASK) == {t.id for t in result.value}
    planning.break_down(init.id, done.id, ["Spike"])
    view = planning.initiative_views([init.id])[init.id]
    assert (view.progress.done, view.progress.total) == (1, 3)


def test_break_down_refusals_write_nothing(services, planning, product):
    init = services.initiatives.create_initiative(product.id, "A").value
    other = services.products.create_product("Other").value
    todo = columns(services, product.id)[0]
    with pytest.raises(ValidationError, match="at least one task"):
        planning.break_down(init.id, todo.id, ["", "   "])
    with pytest.raises(ValidationError, match="own product"):
        planning.break_down(init.id, columns(services, other.id)[0].id, ["x"])
    services.boards.update_column(todo.id, wip_limit=1, wip_hard=True)
    with pytest.raises(ValidationError, match="limit of 1"):
        planning.break_down(init.id, todo.id, ["x", "y"])
    assert services.reads.board(todo.board_id).tasks == ()


def test_remove_tasks_is_restorable_with_the_same_ids(services, planning, product):
    init = services.initiatives.create_initiative(product.id, "A").value
    todo = columns(services, product.id)[0]
    tasks = planning.break_down(init.id, todo.id, ["x", "y"]).value
    tombstone = planning.remove_tasks([t.id for t in tasks]).value
    assert services.reads.board(todo.board_id).tasks == ()
    services.trash.restore(tombstone)
    assert [t.id for t in services.reads.board(todo.board_id).tasks] == [t.id for t in tasks]
    with pytest.raises(ValidationError, match="already deleted"):
        planning.remove_tasks([tasks[0].id, 999_999])


def test_targeted_reads(services, planning, product):
    a = services.initiatives.create_initiative(
        product.id, "A", start_date="2026-03-01", end_date="2026-03-20").value
    b = services.initiatives.create_initiative(
        product.id, "B", start_date="2026-03-10", end_date="2026-03-30").value
    dep = services.initiatives.add_dependency(a.id, b.id).value
    todo = columns(services, product.id)[0]
    task = services.tasks.create_task(todo.id, "T", initiative_id=a.id, estimate=3).value
    views = planning.initiative_views([a.id, b.id, 424242])
    assert set(views) == {a.id, b.id}
    assert views[a.id].estimate_effort == 3
    assert planning.initiatives_of_tasks([task.id]) == {a.id}
    assert planning.initiative_views([]) == {}
    deps = planning.dependency_views([DependencyView(dep, False)], views)
    assert deps[0].violated
