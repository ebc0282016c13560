"""Statements sent together give what each would give alone, on a file and on a server."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from pmdesk.domain.errors import ValidationError
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.store import tables as t
from pmdesk.store.backend import fetch_together, read_with_next, write_with_next
from pmdesk.store.workspace import Workspace
from tests.conftest import BOTH_BACKENDS, FIXED_NOW

AWKWARD = "50% done; it's “quoted” 🚀 %(title)s %s $1 '); DROP TABLE task; --"


@pytest.fixture(params=BOTH_BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def card(services: Services) -> int:
    product = services.products.create_product("Atlas")
    board = services.boards.create_board(product.value.id, "Delivery").value
    column = services.boards.list_columns(board.id)[0]
    return services.tasks.create_task(
        column.id, AWKWARD, due_date=date(2026, 12, 24), estimate=2.5).value.id


def _statements(task_id: int) -> list[tuple[sa.Select, dict]]:
    return [
        (sa.select(t.task).where(t.task.c.id == sa.bindparam("id")), {"id": task_id}),
        (sa.select(t.board_column).where(t.board_column.c.id.in_(
            sa.bindparam("ids", expanding=True))).order_by(t.board_column.c.id),
         {"ids": [1, 2, 3]}),
        (sa.select(t.task.c.title).where(t.task.c.title == sa.bindparam("title")),
         {"title": AWKWARD}),
    ]


def _alone(conn: sa.Connection, statements: list) -> list[list[dict]]:
    return [[dict(row) for row in conn.execute(statement, params).mappings()]
            for statement, params in statements]


def test_reads_sent_together_equal_each_read_alone(workspace: Workspace, card: int):
    with workspace.engine.begin() as conn:
        together = [[dict(row) for row in rows]
                    for rows in fetch_together(conn, _statements(card))]
        assert together == _alone(conn, _statements(card))
    (task,), columns, (same,) = together
    assert task["title"] == AWKWARD and same["title"] == AWKWARD
    assert task["due_date"] == date(2026, 12, 24) and task["estimate"] == 2.5
    assert isinstance(task["created_at"], datetime)
    assert [c["id"] for c in columns] == [1, 2, 3]
    assert columns[0]["wip_hard"] is False


def test_a_later_read_sees_the_write_before_it_and_gives_its_rows_after_the_commit(
    workspace: Workspace, card: int
):
    update = sa.update(t.task).where(t.task.c.id == sa.bindparam("card")).values(
        title=sa.bindparam("new_title"))
    with workspace.engine.begin() as conn:
        write_with_next(conn, update, {"card": card, "new_title": AWKWARD + " again"})
        later = read_with_next(conn, _statements(card)[:1])
    ((task,),) = later()
    assert task["title"] == AWKWARD + " again"
    with workspace.engine.connect() as conn:
        assert conn.execute(sa.select(t.task.c.title).where(t.task.c.id == card)
                            ).scalar_one() == AWKWARD + " again"


def test_a_write_that_fails_fails_its_transaction_and_writes_nothing(
    workspace: Workspace, card: int
):
    rename = sa.update(t.task).where(t.task.c.id == sa.bindparam("card")).values(
        title=sa.bindparam("new_title"))
    broken = sa.update(t.task).where(t.task.c.id == sa.bindparam("card")).values(
        column_id=sa.bindparam("new_column"))
    with pytest.raises(sa.exc.IntegrityError), workspace.engine.begin() as conn:
        write_with_next(conn, rename, {"card": card, "new_title": "Renamed"})
        write_with_next(conn, broken, {"card": card, "new_column": 999_999})
        conn.execute(sa.select(t.task.c.id)).all()
    with workspace.engine.connect() as conn:
        assert conn.execute(sa.select(t.task.c.title).where(t.task.c.id == card)
                            ).scalar_one() == AWKWARD


def test_statements_prepared_on_a_connection_survive_a_refused_write(
    services: Services, card: int
):
    # A rollback drops prepared statements in some drivers; pmdesk's must still be there.
    board = services.reads.board(services.tasks.get_tasks([card])[0].board_id)
    first, second = board.columns[:2]
    services.tasks.create_task(second.id, "Already there")
    services.boards.update_column(second.id, wip_limit=1, wip_hard=True)
    for _ in range(3):
        with pytest.raises(ValidationError):
            services.tasks.move_tasks([TaskMove(card, second.id, 0)])
        moved = services.tasks.move_tasks([TaskMove(card, first.id, 0)])
        assert moved.changes.tasks[0].title == AWKWARD


def test_a_move_hands_over_the_card_as_stored(services: Services, card: int):
    board = services.reads.board(services.tasks.get_tasks([card])[0].board_id)
    second = board.columns[1]
    result = services.tasks.move_tasks([TaskMove(card, second.id, 0)])
    (handed,) = result.changes.tasks
    assert handed == services.tasks.get_tasks([card])[0]
    assert handed.column_id == second.id and handed.title == AWKWARD
    assert [(p.task_id, p.index) for p in result.changes.places] == [(card, 0)]
    assert FIXED_NOW == handed.column_since


def test_one_statement_sent_with_lists_of_other_lengths_reads_what_they_name(
    workspace: Workspace, card: int
):
    columns = (sa.select(t.board_column.c.id, t.board_column.c.name)
               .where(t.board_column.c.id.in_(sa.bindparam("ids", expanding=True)),
                      t.board_column.c.name != sa.bindparam("not_named"))
               .order_by(t.board_column.c.id))
    with workspace.engine.begin() as conn:
        for ids, not_named in (([1, 2], ""), ([3], ""), ([1, 2, 3, 4], "Review"), ([2, 1], "")):
            (rows,) = fetch_together(conn, [(columns, {"ids": ids, "not_named": not_named})])
            assert [dict(r) for r in rows] == _alone(
                conn, [(columns, {"ids": ids, "not_named": not_named})])[0]
            assert {r["id"] for r in rows} <= set(ids)
