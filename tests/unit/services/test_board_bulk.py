"""Moving, archiving and restoring several cards in one step, and undoing it exactly."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pmdesk.domain.errors import ValidationError
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.store import tables as t


@pytest.fixture
def board(services: Services) -> dict:
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, done = services.boards.list_columns(board.id)
    ids = [services.tasks.create_task(todo.id, f"Card {i}").value.id for i in range(5)]
    return {"product": product, "board": board, "todo": todo.id, "doing": doing.id,
            "done": done.id, "ids": ids}


def events(services: Services) -> int:
    with services.workspace.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(t.event)).scalar_one()


def test_move_several_then_undo_restores_order(services: Services, board: dict) -> None:
    a, b, c, d, e = board["ids"]
    moves = [TaskMove(b, board["doing"], 0), TaskMove(d, board["doing"], 1)]
    inverse = services.tasks.move_tasks(moves).value
    assert services.boards.column_order(board["doing"]) == [b, d]
    assert services.boards.column_order(board["todo"]) == [a, c, e]
    started = {x.id: x.started_at for x in services.tasks.get_tasks([b, d])}
    assert all(started.values())
    services.tasks.move_tasks(inverse)
    assert services.boards.column_order(board["todo"]) == [a, b, c, d, e]
    assert services.boards.column_order(board["doing"]) == []


def test_reorder_within_column_and_back(services: Services, board: dict) -> None:
    a, b, c, d, e = board["ids"]
    inverse = services.tasks.move_tasks(
        [TaskMove(d, board["todo"], 0), TaskMove(e, board["todo"], 1)]
    ).value
    assert services.boards.column_order(board["todo"]) == [d, e, a, b, c]
    again = services.tasks.move_tasks(inverse).value
    assert services.boards.column_order(board["todo"]) == [a, b, c, d, e]
    services.tasks.move_tasks(again)
    assert services.boards.column_order(board["todo"]) == [d, e, a, b, c]


def test_move_into_done_stamps_done_and_sets_lane_field(services: Services, board: dict) -> None:
    person = services.people.ensure_person("Ada Lovelace").value
    task_id = board["ids"][0]
    inverse = services.tasks.move_tasks(
        [TaskMove(task_id, board["done"], 0, {"assignee_id": person.id})]
    ).value
    task = services.tasks.get_tasks([task_id])[0]
    assert task.done_at is not None and task.assignee_id == person.id
    services.tasks.move_tasks(inverse)
    task = services.tasks.get_tasks([task_id])[0]
    assert task.done_at is None and task.assignee_id is None
    assert task.column_id == board["todo"]


def test_hard_limit_refuses_whole_move_and_writes_nothing(services: Services, board: dict) -> None:
    services.boards.update_column(board["doing"], wip_limit=1, wip_hard=True)
    before = events(services)
    with pytest.raises(ValidationError, match="at its limit of 1"):
        services.tasks.move_tasks([TaskMove(i, board["doing"], 0) for i in board["ids"][:2]])
    assert events(services) == before
    assert services.boards.column_order(board["doing"]) == []


def test_restoring_into_a_full_column_is_refused(services: Services, board: dict) -> None:
    a, b = board["ids"][:2]
    services.tasks.move_tasks([TaskMove(a, board["doing"], 0)])
    placements = services.tasks.archive_tasks([a]).value
    services.boards.update_column(board["doing"], wip_limit=1, wip_hard=True)
    services.tasks.move_tasks([TaskMove(b, board["doing"], 0)])
    before = events(services)
    with pytest.raises(ValidationError, match="at its limit of 1"):
        services.tasks.restore_tasks(placements)
    assert events(services) == before
    assert services.tasks.get_tasks([a])[0].archived_at is not None


def test_a_move_within_a_full_column_is_allowed(services: Services, board: dict) -> None:
    services.boards.update_column(board["todo"], wip_limit=5, wip_hard=True)
    a, b, c, d, e = board["ids"]
    services.tasks.move_tasks([TaskMove(e, board["todo"], 0)])
    assert services.boards.column_order(board["todo"]) == [e, a, b, c, d]


def test_soft_limit_allows_going_over(services: Services, board: dict) -> None:
    services.boards.update_column(board["doing"], wip_limit=1)
    services.tasks.move_tasks([TaskMove(i, board["doing"], 0) for i in board["ids"][:2]])
    assert len(services.boards.column_order(board["doing"])) == 2


def test_archive_and_restore_in_place(services: Services, board: dict) -> None:
    a, b, c, d, e = board["ids"]
    placements = services.tasks.archive_tasks([b, d]).value
    assert services.boards.column_order(board["todo"]) == [a, c, e]
    archived = services.reads.board(board["board"].id, archived=True)
    assert {x.id for x in archived.tasks} == {b, d}
    services.tasks.restore_tasks(placements)
    assert services.boards.column_order(board["todo"]) == [a, b, c, d, e]


def test_restore_to_the_end_by_default(services: Services, board: dict) -> None:
    a, b, c, d, e = board["ids"]
    services.tasks.archive_tasks([a])
    services.tasks.restore_tasks([TaskMove(a, board["todo"])])
    assert services.boards.column_order(board["todo"]) == [b, c, d, e, a]


def test_refusals(services: Services, board: dict) -> None:
    other = services.products.create_product("Other").value
    foreign = services.boards.list_columns(services.boards.list_boards(other.id)[0].id)[0]
    with pytest.raises(ValidationError, match="its own board"):
        services.tasks.move_tasks([TaskMove(board["ids"][0], foreign.id, 0)])
    with pytest.raises(ValidationError, match="at least one"):
        services.tasks.move_tasks([])
    services.tasks.archive_tasks([board["ids"][0]])
    with pytest.raises(ValidationError, match="Restore the archived card"):
        services.tasks.move_tasks([TaskMove(board["ids"][0], board["doing"], 0)])


def test_get_tasks_skips_missing(services: Services, board: dict) -> None:
    tasks = services.tasks.get_tasks([board["ids"][0], 99999])
    assert [x.id for x in tasks] == [board["ids"][0]]


def test_repeated_inserts_between_neighbours_renumber_when_needed(
    services: Services, board: dict
) -> None:
    todo = board["todo"]
    extra = [services.tasks.create_task(todo, f"Extra {i}").value.id for i in range(14)]
    a = board["ids"][0]
    expected = services.boards.column_order(todo)
    for task_id in extra:
        services.tasks.move_tasks([TaskMove(task_id, todo, 1)])
        expected.remove(task_id)
        expected.insert(1, task_id)
        assert services.boards.column_order(todo) == expected
    assert expected[0] == a
