"""The server goes away mid-session: a banner says so, the data stays visible and read-only,
edits are refused whole, and the window resumes by itself when the server is back."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from pmdesk.domain.errors import ServerUnavailableError
from pmdesk.domain.values import TaskMove
from pmdesk.services.workspaces import open_services
from pmdesk.ui.export_actions import (
    write_board,
    write_flow,
    write_json,
    write_onepager,
    write_roadmap,
)
from pmdesk.ui.main_window import MainWindow
from tests import pg
from tests.ui.test_live_sync import board_page, cards_in, fill

pytestmark = pytest.mark.postgres


cluster = pytest.fixture(pg.own_cluster, name="cluster")


def window_on_server(qtbot, cluster: pg.Cluster) -> tuple[MainWindow, str, dict]:  # noqa: ANN001
    """A window showing the board of a filled workspace in a new database of ``cluster``."""
    url = cluster.new_database()
    services = open_services(url, create=True)
    ids = fill(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(board_page(window))
    return window, url, ids


def follows_other_clients(qtbot, window: MainWindow, url: str, ids: dict) -> None:  # noqa: ANN001
    """Another client moves a card of the board: the window shows it without a reload."""
    other = open_services(url)
    try:
        window.select_product(ids["product"])  # as a product created meanwhile was selected
        other.tasks.move_tasks([TaskMove(ids["cards"][2], ids["doing"], 0)])
        qtbot.waitUntil(lambda: ids["cards"][2] in cards_in(window, ids["doing"]),
                        timeout=5000)
    finally:
        other.workspace.close()


@pytest.mark.parametrize("how", ["stopped", "killed"])
def test_the_window_survives_the_server_going_away_and_coming_back(qtbot, cluster, how,
                                                                   monkeypatch, tmp_path):
    messages: list[str] = []
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, m: messages.append(m))
    window, url, ids = window_on_server(qtbot, cluster)
    window.tabs.setCurrentIndex(1)  # the roadmap, as the user looked at it
    window.tabs.setCurrentWidget(board_page(window))
    todo_before = cards_in(window, ids["todo"])
    undo_steps = window.undo_stack.count()
    window.session.read_ahead()  # as its timer does a moment after each change
    qtbot.wait(100)  # the pages' reads after their first paint

    if how == "killed":
        cluster.kill()
    else:
        cluster.stop("fast")
    qtbot.waitUntil(lambda: window.session.offline, timeout=10000)
    assert not window.banner_row.isHidden()
    assert "was lost" in window.banner.text() and "keeps trying" in window.banner.text()
    assert cards_in(window, ids["todo"]) == todo_before  # the last data stays on screen
    assert "(offline)" in window.windowTitle()
    assert not window.action_undo.isEnabled() and not window.action_new_product.isEnabled()

    assert not window.create_product("Written while away")
    assert not board_page(window).controller.drop([ids["cards"][0]], ids["doing"], 0, 0)
    assert messages[-1].endswith("is out of reach, so nothing was changed; edits work again "
                                 "once pmdesk has reconnected.")
    assert cards_in(window, ids["todo"]) == todo_before
    assert window.undo_stack.count() == undo_steps
    board_id = board_page(window).data.board_id
    write_board(window.services, board_id, tmp_path / "board.pdf")
    write_roadmap(window.services, ids["product"], tmp_path / "roadmap.png")
    write_onepager(window.services, ids["product"], tmp_path / "onepager.pdf")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "board.pdf").pages)
    assert "Card 0" in text  # exported from the data shown
    assert "Shared product" in PdfReader(tmp_path / "onepager.pdf").pages[0].extract_text()
    assert (tmp_path / "roadmap.png").stat().st_size > 1000
    board = window.services.boards.list_boards(ids["product"])[0]
    write_flow(window.services, board, tmp_path / "flow.pdf")
    write_flow(window.services, board, tmp_path / "flow.csv")
    assert "Delivery — flow" in PdfReader(tmp_path / "flow.pdf").pages[0].extract_text()
    assert "card id,title" in (tmp_path / "flow.csv").read_text(encoding="utf-8-sig")
    with pytest.raises(ServerUnavailableError, match="JSON export copies the whole"):
        write_json(window.services, tmp_path / "workspace.json")
    assert not (tmp_path / "workspace.json").exists()

    cluster.start()
    qtbot.waitUntil(lambda: not window.session.offline, timeout=20000)
    assert window.banner_row.isHidden()
    assert "(offline)" not in window.windowTitle()
    assert window.action_new_product.isEnabled()
    names = [p.name for p in window.services.products.list_products()]
    assert names == ["Shared product"]  # nothing half-applied while away
    assert window.create_product("Written after the return")

    try:
        follows_other_clients(qtbot, window, url, ids)  # live updates resumed too
    finally:
        window.close()
        window.services.workspace.close()


def test_a_server_that_stops_answering_is_noticed_with_no_action(qtbot, cluster, monkeypatch):
    """A frozen server closes no socket: the window's own pings notice it."""
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, _m: None)
    window, _url, ids = window_on_server(qtbot, cluster)
    todo_before = cards_in(window, ids["todo"])
    # A read on a frozen server waits seconds before it gives up (see the next test): let
    # the reads after the first paint and the exports' read-ahead happen first, as they
    # would long before in real use, so that only the pings find the server gone.
    read_ahead = window.session._read_ahead  # noqa: SLF001
    qtbot.waitUntil(lambda: not read_ahead.isActive(), timeout=10000)
    qtbot.wait(100)
    cluster.freeze()
    try:
        qtbot.waitUntil(lambda: window.session.offline, timeout=30000)
        assert not window.banner_row.isHidden() and "was lost" in window.banner.text()
        assert cards_in(window, ids["todo"]) == todo_before
    finally:
        cluster.thaw()
    try:
        qtbot.waitUntil(lambda: not window.session.offline, timeout=60000)
        assert window.banner_row.isHidden()
        assert window.create_product("Written after the return")
    finally:
        window.close()
        window.services.workspace.close()


def test_a_read_on_a_frozen_server_ends_in_the_banner_not_a_hang(qtbot, cluster, monkeypatch):
    """A statement waiting for a server that stopped answering is given up (its server
    does not answer a sign-of-life probe either), the window says the server is lost,
    a reconnection attempt gives up too while the server stays frozen, and everything
    resumes once it answers again."""
    messages: list[str] = []
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, m: messages.append(m))
    window, _url, ids = window_on_server(qtbot, cluster)
    read_ahead = window.session._read_ahead  # noqa: SLF001
    qtbot.waitUntil(lambda: not read_ahead.isActive(), timeout=10000)
    qtbot.wait(100)
    todo_before = cards_in(window, ids["todo"])
    page = board_page(window)
    cluster.freeze()
    try:
        assert page.open_card(ids["cards"][0]) is None  # its read gave up on the server
        qtbot.waitUntil(lambda: window.session.offline, timeout=30000)
        assert not window.banner_row.isHidden() and "was lost" in window.banner.text()
        assert cards_in(window, ids["todo"]) == todo_before
        assert not window.create_product("Written while frozen")
        session = window.session
        qtbot.waitUntil(lambda: not session.reconnecting, timeout=10000)  # the timer's
        session._retry.stop()  # noqa: SLF001 - one attempt, by hand
        assert session.reconnect()
        qtbot.waitUntil(lambda: not session.reconnecting, timeout=10000)
        assert session.offline  # gave up: the server is still frozen
        assert session._retry.isActive()  # noqa: SLF001 - and tries again after a pause
        assert "was lost" in window.banner.text()
    finally:
        cluster.thaw()
    try:
        qtbot.waitUntil(lambda: not window.session.offline, timeout=60000)
        assert window.banner_row.isHidden()
        assert page.open_card(ids["cards"][0]) is not None
        assert window.create_product("Written after the return")
        names = [p.name for p in window.services.products.list_products()]
        assert "Written while frozen" not in names
    finally:
        if page.editor is not None:
            page.editor.close()
        window.close()
        window.services.workspace.close()
