"""Two clients on one server: a change committed by one shows in the other's window at
once, carried by LISTEN/NOTIFY and applied to the rows it touched (no reload, no poll)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

from pmdesk.domain.enums import Entity
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.services.workspaces import open_services
from pmdesk.ui.kanban.page import BoardPage
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.session import REMOTE
from tests.integration.cli import ROOT

pytestmark = pytest.mark.postgres


def fill(services: Services) -> dict[str, Any]:
    product = services.products.create_product("Shared product").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, _done = services.boards.list_columns(board.id)
    cards = [services.tasks.create_task(todo.id, f"Card {i}").value.id for i in range(3)]
    return {"product": product.id, "todo": todo.id, "doing": doing.id, "cards": cards}


@pytest.fixture
def team(qtbot, pg_url) -> Iterator[tuple[MainWindow, Services, dict[str, Any]]]:  # noqa: ANN001
    mine = open_services(pg_url)
    ids = fill(mine)
    window = MainWindow(mine)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.tabs.setCurrentWidget(board_page(window))
    theirs = open_services(pg_url)
    theirs.workspace.display_name = "Zofia"
    yield window, theirs, ids
    window.close()
    window.services.workspace.close()
    theirs.workspace.close()


def board_page(window: MainWindow) -> BoardPage:
    return next(p for p in window.pages if isinstance(p, BoardPage))


def cards_in(window: MainWindow, column_id: int) -> list[int]:
    view = board_page(window).view.view_for(column_id)
    return list(view.column_model().ids) if view is not None else []


def test_a_move_by_another_client_shows_in_the_window_without_a_reload(team, qtbot):
    window, theirs, ids = team
    reloads, remote = [], []
    window.bus.reloaded.connect(lambda: reloads.append(1))
    window.bus.changed.connect(lambda changes, origin: remote.append(changes))
    card = ids["cards"][1]
    theirs.tasks.move_tasks([TaskMove(card, ids["doing"], 0)])
    qtbot.waitUntil(lambda: cards_in(window, ids["doing"]) == [card], timeout=5000)
    assert card not in cards_in(window, ids["todo"])
    assert reloads == []
    assert [c.ids(Entity.TASK) for c in remote] == [{card}]
    window.bus.selected.emit(Entity.TASK, card)
    window.history_dock.show()  # a closed dock reads the history when it is opened
    history = window.history_panel.model
    by = history.headers().index("By")
    assert history.index(0, by).data() == "Zofia"


def test_own_changes_are_not_applied_twice(team, qtbot):
    window, theirs, ids = team
    seen = []
    window.bus.changed.connect(lambda changes, origin: seen.append(origin))
    assert window.create_product("Mine")
    marker = theirs.products.create_product("Theirs, after mine")
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen[0] is not REMOTE and seen[1] is REMOTE
    texts = [window.product_selector.itemText(i) for i in range(window.product_selector.count())]
    assert texts.count("Mine") == 1 and "Theirs, after mine" in texts
    assert marker.changes.txn not in window.services.workspace.written


WRITER = textwrap.dedent("""
    import sys
    from pmdesk.services.workspaces import open_services
    services = open_services(sys.argv[1])
    product = services.products.list_products()[0]
    services.products.update_product(product.id, name="Renamed in another process")
    services.workspace.close()
""")


def test_a_change_from_another_process_appears(team, qtbot):
    window, _theirs, _ids = team
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", WRITER, window.services.workspace.location],
                   check=True, env=env)
    qtbot.waitUntil(lambda: window.product_selector.currentText() ==
                    "Renamed in another process", timeout=5000)
