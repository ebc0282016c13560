"""Live sync on a server: each commit is announced to the other clients with its event ids,
and turns into the same ChangeSet the writer's own views got."""

from __future__ import annotations

import select
from collections.abc import Iterator
from typing import Any

import pytest

from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.errors import ServerUnavailableError
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.store.live import Commit, EventListener, parse_notice
from pmdesk.store.workspace import open_workspace
from tests.conftest import FIXED_NOW

pytestmark = pytest.mark.postgres


@pytest.fixture
def pair(pg_url: str) -> Iterator[tuple[Services, Services, EventListener]]:
    mine = Services(open_workspace(pg_url), clock=lambda: FIXED_NOW)
    theirs = Services(open_workspace(pg_url), clock=lambda: FIXED_NOW)
    listener = mine.live.listen()
    assert listener is not None
    yield mine, theirs, listener
    listener.close()
    mine.workspace.close()
    theirs.workspace.close()


def wait_for(listener: EventListener, txn: str | None) -> list[Commit]:
    """Every commit announced until the one of ``txn`` (included)."""
    commits: list[Commit] = []
    while not commits or commits[-1].txn != txn:
        readable, _, _ = select.select([listener.fileno()], [], [], 5)
        assert readable, "no notice within 5 s"
        commits += listener.take()
    return commits


def board_of(services: Services) -> dict[str, Any]:
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, _done = services.boards.list_columns(board.id)
    card = services.tasks.create_task(todo.id, "Login page")
    return {"product": product.id, "todo": todo.id, "doing": doing.id, "card": card.value.id,
            "txn": card.changes.txn}


def test_another_clients_move_arrives_as_the_changes_its_writer_saw(pair):
    mine, theirs, listener = pair
    ids = board_of(theirs)
    wait_for(listener, ids["txn"])
    moved = theirs.tasks.move_tasks([TaskMove(ids["card"], ids["doing"], 0)])
    commits = wait_for(listener, moved.changes.txn)
    assert [c.txn for c in commits] == [moved.changes.txn]
    changes = mine.live.changes(commits)
    assert changes is not None
    assert changes.ids(Entity.TASK) == {ids["card"]}
    assert changes.fields_of(Entity.TASK, ids["card"]) == \
        moved.changes.fields_of(Entity.TASK, ids["card"])
    assert {c.product_id for c in changes.changes} == {ids["product"]}


def test_own_commits_are_not_announced_back(pair):
    mine, theirs, listener = pair
    board_of(mine)
    created = theirs.products.create_product("Theirs")
    [commit] = wait_for(listener, created.changes.txn)
    changes = mine.live.changes([commit])
    assert changes is not None and changes.ids(Entity.PRODUCT, Action.CREATE)
    assert listener.take() == []


def test_a_checklist_change_marks_its_card(pair):
    mine, theirs, listener = pair
    ids = board_of(theirs)
    listed = theirs.tasks.set_checklist(ids["card"], [(None, "Write it", False)])
    wait_for(listener, listed.changes.txn)
    item = theirs.tasks.get_task(ids["card"]).checklist[0]
    toggled = theirs.tasks.toggle_checklist_item(item.id, True)
    changes = mine.live.changes(wait_for(listener, toggled.changes.txn))
    assert changes is not None
    assert changes.fields_of(Entity.TASK, ids["card"]) == {"checklist"}


def test_a_flood_of_changes_asks_for_one_reload(pair, monkeypatch):
    mine, theirs, listener = pair
    monkeypatch.setattr("pmdesk.services.live.FOLLOW_AT_MOST", 2)
    ids = board_of(theirs)
    commits = wait_for(listener, ids["txn"])
    assert mine.live.changes(commits) is None


def test_while_offline_every_write_is_refused_before_it_starts(pair):
    mine, _theirs, _listener = pair
    mine.live.go_offline()
    with pytest.raises(ServerUnavailableError, match="is out of reach, so nothing was "
                       "changed; edits work again once pmdesk has reconnected"):
        mine.products.create_product("Lost")
    again = mine.live.resume()
    assert again is not None
    again.close()
    assert [p.name for p in mine.products.list_products()] == []
    mine.products.create_product("Saved")


def test_notices_of_other_programs_are_ignored():
    assert parse_notice("3:5:abc") == Commit(3, 5, "abc")
    assert parse_notice("hello") is None
