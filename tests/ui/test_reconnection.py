"""Reconnecting to a server that stopped answering waits for it on a worker thread: the
window keeps turning its event loop meanwhile, one attempt runs at a time, an outcome that
comes after the window closed is dropped, and the window resumes once the server answers."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QTimer

from pmdesk.services.workspaces import new_services, open_services
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.session import WorkspaceSession
from tests import pg
from tests.ui.test_connection_loss import follows_other_clients, window_on_server
from tests.ui.test_live_sync import board_page, cards_in, fill

pytestmark = pytest.mark.postgres


cluster = pytest.fixture(pg.own_cluster, name="cluster")


def frozen_and_offline(qtbot, session: WorkspaceSession, cluster: pg.Cluster) -> None:  # noqa: ANN001
    """Freeze the server once the window has read what it shows; wait until the session's
    pings have found it lost and no attempt of the retry timer is under way."""
    read_ahead = session._read_ahead  # noqa: SLF001
    qtbot.waitUntil(lambda: not read_ahead.isActive(), timeout=10000)
    qtbot.wait(100)
    cluster.freeze()
    qtbot.waitUntil(lambda: session.offline, timeout=30000)
    qtbot.waitUntil(lambda: not session.reconnecting, timeout=10000)
    session._retry.stop()  # noqa: SLF001 - the attempts below are made by hand


def test_the_event_loop_turns_while_an_attempt_waits_for_a_frozen_server(qtbot, cluster,
                                                                        monkeypatch):
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, _m: None)
    window, url, ids = window_on_server(qtbot, cluster)
    session = window.session
    todo_before = cards_in(window, ids["todo"])
    try:
        frozen_and_offline(qtbot, session, cluster)
        ticks: list[bool] = []  # for each turn of the event loop: was an attempt under way?
        ticker = QTimer(window)
        ticker.setInterval(5)
        ticker.timeout.connect(lambda: ticks.append(session.reconnecting))
        ticker.start()

        assert session.reconnect()  # returns at once, with the server still silent
        assert session.reconnecting and session.offline
        assert not session.reconnect()  # one attempt at a time
        qtbot.waitUntil(lambda: ticks.count(True) >= 5, timeout=10000)
        assert session.reconnecting  # the loop turned while the attempt still waited
        assert cards_in(window, ids["todo"]) == todo_before
        assert not window.create_product("Written during the attempt")
        qtbot.waitUntil(lambda: not session.reconnecting, timeout=10000)
        qtbot.waitUntil(lambda: ticks[-1] is False, timeout=5000)  # and it turns on
        assert session.offline and session._retry.isActive()  # noqa: SLF001 - again later
        assert not window.banner_row.isHidden() and "was lost" in window.banner.text()
        assert "(offline)" in window.windowTitle()
        ticker.stop()
    finally:
        cluster.thaw()
    try:
        qtbot.waitUntil(lambda: not session.offline, timeout=60000)
        assert window.banner_row.isHidden()
        assert "(offline)" not in window.windowTitle()
        assert window.create_product("Written after the return")
        follows_other_clients(qtbot, window, url, ids)  # a new listener took over
    finally:
        window.close()
        window.services.workspace.close()


def test_an_outcome_that_comes_after_the_window_closed_is_dropped(qtbot, cluster,
                                                                   monkeypatch):
    """The server answers again while the attempt waits, but the window closed (and was
    deleted) meanwhile: the late listener is closed and nothing reaches the window."""
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, _m: None)
    services = open_services(cluster.new_database(), create=True)
    fill(services)
    window = MainWindow(services)
    window.show()
    window.tabs.setCurrentWidget(board_page(window))
    session = window.session
    back: list[bool] = []
    session.connection_back.connect(lambda: back.append(True))
    try:
        frozen_and_offline(qtbot, session, cluster)
        assert session.reconnect()
        attempt = session._attempt  # noqa: SLF001
        assert attempt is not None and attempt.thread.is_alive()
        window.close()  # stops the session; the attempt still waits for the server
        window.services.workspace.close()
        window.deleteLater()
        qtbot.waitUntil(lambda: not shiboken6.isValid(session), timeout=5000)
    finally:
        cluster.thaw()  # the attempt's connection now succeeds, for nobody
    attempt.thread.join(timeout=30)
    assert not attempt.thread.is_alive()
    assert attempt.error is None and attempt.listener is not None  # it did connect...
    qtbot.waitUntil(lambda: attempt.listener._conn.closed, timeout=5000)  # ...and was dropped
    assert back == []


def test_opening_another_workspace_mid_attempt_drops_its_outcome(qtbot, cluster, tmp_path):
    """The session follows a file now; the server's late answer changes nothing."""
    server = open_services(cluster.new_database(), create=True)
    local = new_services(tmp_path / "w.pmdesk")
    session = WorkspaceSession(server)
    session.open(server)
    back: list[bool] = []
    session.connection_back.connect(lambda: back.append(True))
    try:
        try:
            frozen_and_offline(qtbot, session, cluster)
            assert session.reconnect()
            attempt = session._attempt  # noqa: SLF001
            assert attempt is not None
            session.open(local)
            assert not session.reconnecting and not session.offline
        finally:
            cluster.thaw()
        attempt.thread.join(timeout=30)
        assert attempt.listener is not None  # it connected, for nobody
        qtbot.waitUntil(lambda: attempt.listener._conn.closed, timeout=5000)
        assert back == [] and session._listener is None  # noqa: SLF001 - polls the file
        assert session.services is local and not session.offline
    finally:
        session.stop()
        local.workspace.close()
        server.workspace.close()
