"""The window on a team server: opened by URL, File ▸ Connect to Team Server…, Open Recent."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from pmdesk.domain.errors import PasswordNeededError
from pmdesk.services.workspaces import open_services
from pmdesk.ui import workspace_actions
from pmdesk.ui.connect_dialog import ConnectDialog, server_url, with_password
from pmdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.postgres


@pytest.fixture
def server_window(qtbot, pg_url):  # noqa: ANN001, ANN201 - pytest fixtures
    services = open_services(pg_url)
    services.products.create_product("Shared product")
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    win.services.workspace.close()


def test_the_window_opens_on_a_server_url_and_remembers_it(server_window, pg_url):
    window = server_window
    name = window.services.workspace.name
    assert window.windowTitle() == f"Shared product — {name} — pmdesk"
    assert window.settings.recent_files()[0] == pg_url
    assert window.services.workspace.short_name == pg_url.rsplit("/", 1)[1]


def test_connect_to_team_server_opens_the_database_named_in_the_dialog(window, pg_url,
                                                                      pg_cluster):
    action = window.workspaces.action_connect
    assert action.shortcut() == QKeySequence("Ctrl+Alt+O")
    assert action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    dialog = window.findChild(ConnectDialog, "connectDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(pg_cluster.port)
    dialog.database.clear()
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # no database named yet
    dialog.database.setText(pg_url.rsplit("/", 1)[1])
    dialog.user.setText(pg_cluster.user)
    assert dialog.url() == pg_url
    dialog.accept()
    assert not window.services.workspace.is_file
    assert window.services.workspace.location == pg_url
    assert window.settings.recent_files()[0] == pg_url


def test_open_recent_lists_a_server_and_reopens_it(window, pg_url):
    file_location = window.services.workspace.location
    assert window.open_path(pg_url)
    window.workspaces.fill_recent_menu()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts[0] == file_location and pg_url not in texts  # the one shown is left out
    window.recent_menu.actions()[0].trigger()
    assert window.services.workspace.is_file
    window.workspaces.fill_recent_menu()
    entry = window.recent_menu.actions()[0]
    assert entry.text() == pg_url
    entry.trigger()
    assert window.services.workspace.location == pg_url


def test_a_password_the_server_asks_for_is_prompted_and_never_remembered(window, pg_url,
                                                                         monkeypatch):
    opened = []

    def opener(location, create=False):  # noqa: ANN001, ANN202
        opened.append(location)
        if ":s3cr%40t@" not in location:
            raise PasswordNeededError("The server of x asks for a password; put it in "
                                      "~/.pgpass or PGPASSWORD — it was not opened.")
        return open_services(pg_url)

    asked = []
    monkeypatch.setattr(workspace_actions, "open_services", opener)
    monkeypatch.setattr("pmdesk.ui.connect_dialog.QInputDialog.getText",
                        lambda *args, **kwargs: asked.append(args[2]) or ("s3cr@t", True))
    locked = pg_url.replace("127.0.0.1", "localhost")
    assert window.open_path(locked)
    assert opened == [locked, with_password(locked, "s3cr@t")]
    assert asked == ["The server of x asks for a password.\n\nPassword:"]
    assert all("s3cr" not in str(p) for p in window.settings.recent_files())


def test_urls_are_built_from_the_dialogs_fields():
    assert server_url("db.example.com", 5433, "team plan", "zofia") == \
        "postgresql://zofia@db.example.com:5433/team%20plan"
    assert server_url("::1", 5432, "pm", "ann") == "postgresql://ann@[::1]:5432/pm"
    assert with_password("postgresql://ann@h:5432/pm", "p:w") == \
        "postgresql://ann:p%3Aw@h:5432/pm"


def test_a_second_window_on_the_server_follows_the_first(server_window, qtbot):
    window = server_window
    second = window.new_window()
    assert second is not None
    try:
        assert second.services.workspace.location == window.services.workspace.location
        assert second.create_product("From the second window")
        qtbot.waitUntil(lambda: window.product_selector.findText("From the second window")
                        >= 0, timeout=5000)
    finally:
        second.close()
