"""Every refused input gets a clear message and writes nothing (not even an event)."""

from datetime import date

import pytest

from pmdesk.domain.enums import ColumnKind
from pmdesk.domain.errors import NotFoundError, ValidationError
from pmdesk.domain.values import TaskMove


@pytest.fixture
def world(services):
    products = services.products
    a = products.create_product("Atlas").value
    b = products.create_product("Borealis").value
    board_a = services.boards.list_boards(a.id)[0]
    cols = services.boards.list_columns(board_a.id)
    init_a = services.initiatives.create_initiative(a.id, "Login").value
    init_b = services.initiatives.create_initiative(b.id, "Other").value
    task = services.tasks.create_task(cols[0].id, "Write tests").value
    return dict(a=a, b=b, board=board_a, cols=cols, init_a=init_a, init_b=init_b, task=task)


def assert_refused(services, call, match):
    events = services.history.count()
    with pytest.raises(ValidationError, match=match):
        call()
    assert services.history.count() == events


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_empty_titles_are_refused_everywhere(services, world, title):
    assert_refused(services, lambda: services.products.create_product(title), "cannot be empty")
    assert_refused(services, lambda: services.initiatives.create_initiative(world["a"].id, title),
                   "cannot be empty")
    assert_refused(services, lambda: services.tasks.create_task(world["cols"][0].id, title),
                   "cannot be empty")
    assert_refused(services, lambda: services.tasks.update_task(world["task"].id, title=title),
                   "cannot be empty")
    assert services.tasks.get_task(world["task"].id).task.title == "Write tests"


def test_end_before_start_is_refused_also_when_only_one_date_changes(services, world):
    init = services.initiatives.update_initiative(
        world["init_a"].id, start_date=date(2026, 3, 1), end_date=date(2026, 4, 1)).value
    assert_refused(services,
                   lambda: services.initiatives.update_initiative(init.id, end_date="2026-02-01"),
                   "before the start date")
    assert services.initiatives.get_initiative(init.id).end_date == date(2026, 4, 1)


def test_unknown_ids_are_refused(services, world):
    with pytest.raises(NotFoundError, match="does not exist"):
        services.tasks.update_task(99999, title="x")
    assert_refused(services, lambda: services.tasks.create_task(4242, "x"), "does not exist")
    assert_refused(services,
                   lambda: services.tasks.update_task(world["task"].id, assignee_id=777),
                   "does not exist")


def test_cross_product_links_are_refused(services, world):
    assert_refused(
        services,
        lambda: services.tasks.update_task(world["task"].id, initiative_id=world["init_b"].id),
        "another product")
    assert_refused(
        services,
        lambda: services.initiatives.add_dependency(world["init_a"].id, world["init_b"].id),
        "one product")
    lane_b = services.lanes.create_lane(world["b"].id, "B lane").value
    assert_refused(
        services,
        lambda: services.initiatives.update_initiative(world["init_a"].id, lane_id=lane_b.id),
        "another product")
    label_b = services.people.create_label(world["b"].id, "bug").value
    assert_refused(
        services,
        lambda: services.tasks.update_task(world["task"].id, label_ids=[label_b.id]),
        "another product")


def test_dependency_cycles_are_refused(services, world):
    pid = world["a"].id
    second = services.initiatives.create_initiative(pid, "Signup").value
    third = services.initiatives.create_initiative(pid, "Billing").value
    services.initiatives.add_dependency(world["init_a"].id, second.id)
    services.initiatives.add_dependency(second.id, third.id)
    assert_refused(services,
                   lambda: services.initiatives.add_dependency(third.id, world["init_a"].id),
                   "loop")
    assert_refused(services,
                   lambda: services.initiatives.add_dependency(second.id, second.id), "loop")
    assert_refused(services,
                   lambda: services.initiatives.add_dependency(world["init_a"].id, second.id),
                   "already blocks")


def test_a_hard_wip_limit_refuses_the_drop_and_writes_nothing(services, world):
    cols = world["cols"]
    doing = services.boards.update_column(cols[1].id, wip_limit=1, wip_hard=True).value
    services.tasks.create_task(doing.id, "Busy")
    before = services.reads.board(world["board"].id)
    assert_refused(services,
                   lambda: services.tasks.move_tasks([TaskMove(world["task"].id, doing.id, 0)]),
                   "at its limit of 1")
    assert services.reads.board(world["board"].id) == before
    soft = services.boards.update_column(cols[2].id, wip_limit=1, wip_hard=False).value
    services.tasks.create_task(soft.id, "Shipped")
    services.tasks.move_tasks([TaskMove(world["task"].id, soft.id, 0)])  # soft limits only warn


@pytest.mark.parametrize(
    "fields",
    [dict(reach=-5), dict(impact=9), dict(confidence=150), dict(effort=0), dict(reach="many")],
)
def test_out_of_range_rice_inputs_are_refused(services, world, fields):
    assert_refused(
        services, lambda: services.initiatives.update_initiative(world["init_a"].id, **fields),
        "Reach|Impact|Confidence|Effort|number")


def test_bad_colours_kinds_and_wip_limits_are_refused(services, world):
    assert_refused(services, lambda: services.products.create_goal(world["a"].id, "G",
                                                                   colour="blue"), "colour")
    assert_refused(services,
                   lambda: services.boards.update_column(world["cols"][0].id, kind="later"),
                   "todo, doing, done")
    assert_refused(services,
                   lambda: services.boards.update_column(world["cols"][0].id, wip_limit=-2),
                   "whole number")


def test_deleting_a_column_with_cards_asks_where_they_go(services, world):
    todo = world["cols"][0]
    assert_refused(services, lambda: services.boards.delete_column(todo.id), "choose where")
    services.boards.delete_column(todo.id, move_tasks_to=world["cols"][1].id)
    assert services.tasks.get_task(world["task"].id).task.column_id == world["cols"][1].id


def test_a_card_cannot_move_to_another_boards_column(services, world):
    other = services.boards.create_board(world["a"].id, "Ops").value
    other_col = services.boards.list_columns(other.id)[0]
    move = TaskMove(world["task"].id, other_col.id, 0)
    assert_refused(services, lambda: services.tasks.move_tasks([move]), "its own board")


def test_column_kind_enum_round_trips(services, world):
    column = services.boards.update_column(world["cols"][0].id, kind=ColumnKind.DOING).value
    assert column.kind is ColumnKind.DOING


def test_an_unknown_field_is_a_validation_error_not_a_type_error(services, world):
    task, column = world["task"], world["cols"][0]
    assert_refused(services, lambda: services.tasks.update_task(task.id, colour="red"),
                   "A card has no field “colour” that can be set")
    assert_refused(services, lambda: services.tasks.create_task(column.id, "X", size=3),
                   "no field “size”")
    assert_refused(services, lambda: services.boards.update_column(column.id, limit=3),
                   "A column has no field “limit”")
    assert_refused(services, lambda: services.products.update_product(world["a"].id, bogus=1),
                   "no field “bogus”")


def test_an_enormous_wip_limit_is_refused(services, world):
    column = world["cols"][0]
    assert_refused(services, lambda: services.boards.update_column(column.id,
                                                                   wip_limit=10**30),
                   "whole number of cards")
