"""Two clients writing one server workspace at the same moment: each write waits its turn.

To make the writes truly simultaneous, a third connection holds the workspace's write lock
while both clients start; both queue on it, and it is released once both wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.store import tables as t
from pmdesk.store.postgres import listening_connection
from pmdesk.store.postgres_engine import EVENTS_CHANNEL, WRITE_LOCK
from pmdesk.store.workspace import open_workspace
from tests.conftest import FIXED_NOW

pytestmark = pytest.mark.postgres


@pytest.fixture
def clients(pg_url: str) -> Iterator[tuple[Services, Services]]:
    first = Services(open_workspace(pg_url), clock=lambda: FIXED_NOW)
    second = Services(open_workspace(pg_url), clock=lambda: FIXED_NOW)
    yield first, second
    first.workspace.close()
    second.workspace.close()


@pytest.fixture
def board(clients: tuple[Services, Services]) -> dict[str, Any]:
    services = clients[0]
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, done = services.boards.list_columns(board.id)
    ids = [services.tasks.create_task(todo.id, f"Card {i}").value.id for i in range(4)]
    return {"product": product.id, "todo": todo.id, "doing": doing.id, "ids": ids}


def at_once(url: str, *writes: Callable[[], Any]) -> list[Any]:
    """Run ``writes`` in threads that all queue on the write lock, then let them go."""
    outcomes: list[Any] = [None] * len(writes)

    def run(index: int) -> None:
        try:
            outcomes[index] = writes[index]()
        except PmdeskError as exc:
            outcomes[index] = exc

    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))
        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(writes))]
        for thread in threads:
            thread.start()
        for _ in range(500):
            waiting = holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = "
                                     "'advisory' AND NOT granted").fetchone()
            if waiting and waiting[0] == len(writes):
                break
            time.sleep(0.01)
        holder.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))
    for thread in threads:
        thread.join(30)
    return outcomes


def test_two_moves_into_one_column_keep_both_cards_in_one_order(clients, board, pg_url):
    first, second = clients
    a, b = board["ids"][:2]
    at_once(pg_url, lambda: first.tasks.move_tasks([TaskMove(a, board["doing"], 0)]),
            lambda: second.tasks.move_tasks([TaskMove(b, board["doing"], 0)]))
    order = first.boards.column_order(board["doing"])
    assert sorted(order) == [a, b]
    assert second.boards.column_order(board["doing"]) == order
    positions = _positions(first, order)
    assert len(set(positions)) == 2  # both dropped at index 0, yet not on one position


def test_a_hard_wip_limit_holds_against_two_moves_at_once(clients, board, pg_url):
    first, second = clients
    a, b, c = board["ids"][:3]
    first.boards.update_column(board["doing"], wip_limit=2, wip_hard=True)
    first.tasks.move_tasks([TaskMove(a, board["doing"], 0)])
    outcomes = at_once(pg_url, lambda: first.tasks.move_tasks([TaskMove(b, board["doing"], 0)]),
                       lambda: second.tasks.move_tasks([TaskMove(c, board["doing"], 0)]))
    refused = [o for o in outcomes if isinstance(o, PmdeskError)]
    assert len(refused) == 1 and "limit of 2" in refused[0].message
    assert len(first.boards.column_order(board["doing"])) == 2


def test_the_same_new_person_added_twice_at_once_is_one_person(clients, pg_url):
    first, second = clients
    outcomes = at_once(pg_url, lambda: first.people.ensure_person("Zofia").value,
                       lambda: second.people.ensure_person("Zofia").value)
    assert outcomes[0].id == outcomes[1].id
    assert [p.name for p in first.people.list_people()] == ["Zofia"]


def test_two_imports_at_once_both_land(clients, pg_url, tmp_path: Path):
    first, second = clients
    files = []
    for name in ("Alpha", "Beta"):
        path = tmp_path / f"{name}.csv"
        path.write_text("Summary,Status\nOne,To Do\nTwo,Done\n")
        files.append((name, path))
    outcomes = at_once(
        pg_url,
        lambda: first.importing.import_csv(files[0][1]),
        lambda: second.importing.import_csv(files[1][1]))
    assert not [o for o in outcomes if isinstance(o, PmdeskError)], outcomes
    assert len(first.products.list_products()) == 2
    # The sequences moved past the ids the imports chose: ordinary inserts still work.
    assert first.products.create_product("Gamma").value.id > max(
        p.id for p in first.products.list_products() if p.name != "Gamma")


def test_event_ids_follow_commit_order(clients, board, pg_url):
    first, second = clients
    a, b = board["ids"][:2]
    at_once(pg_url, lambda: first.tasks.update_task(a, title="First"),
            lambda: second.tasks.update_task(b, title="Second"))
    with first.workspace.engine.connect() as conn:
        rows = conn.execute(sa.select(t.event.c.id, t.event.c.txn, t.event.c.at)
                            .order_by(t.event.c.id)).all()
    txns = [txn for _, txn, _ in rows]
    # Each transaction's events form one run of ids: no write's ids interleave another's.
    runs = [txn for i, txn in enumerate(txns) if i == 0 or txns[i - 1] != txn]
    assert len(runs) == len(set(runs))


def test_a_read_is_one_snapshot_even_when_a_write_commits_halfway(clients, board):
    first, second = clients
    with first.reads.read() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(t.task)).scalar_one()
        second.tasks.create_task(board["todo"], "Committed meanwhile")
        during = conn.execute(sa.select(sa.func.count()).select_from(t.task)).scalar_one()
    assert during == before
    with first.reads.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.task)).scalar_one() == \
            before + 1


def test_each_commit_announces_its_event_ids(clients, board):
    first, second = clients
    listener = listening_connection(first.workspace)
    try:
        listener.execute(f"LISTEN {EVENTS_CHANNEL}")
        second.tasks.update_task(board["ids"][0], title="Renamed")
        notices = list(listener.notifies(timeout=5, stop_after=1))
    finally:
        listener.close()
    with first.workspace.engine.connect() as conn:
        newest, txn = conn.execute(sa.select(t.event.c.id, t.event.c.txn)
                                   .order_by(t.event.c.id.desc()).limit(1)).one()
    assert [n.payload for n in notices] == [f"{newest}:{newest}:{txn}"]


def _positions(services: Services, order: list[int]) -> list[int]:
    with services.workspace.engine.connect() as conn:
        found = dict(conn.execute(sa.select(t.task.c.id, t.task.c.position)
                                  .where(t.task.c.id.in_(order))).all())
    return [found[i] for i in order]
