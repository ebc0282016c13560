"""A server that asks for a password: the window asks for it, a wrong one is refused in one
sentence, the right one opens the workspace, and the password is never remembered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from pmdesk.ui.main_window import MainWindow
from tests import pg

pytestmark = pytest.mark.postgres

ROLE, PASSWORD = "pmdesk_pw", "S3cr@t pass"


@pytest.fixture
def locked_url(pg_cluster: pg.Cluster, tmp_path, monkeypatch) -> str:  # noqa: ANN001
    """An empty database of a role that logs in over TCP with a password only."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    pg_cluster.sql(f"DROP ROLE IF EXISTS {ROLE}")  # left by an earlier run in this cluster
    pg_cluster.sql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{PASSWORD}'")
    url = pg_cluster.new_database()
    database = url.rsplit("/", 1)[1]
    pg_cluster.sql(f'ALTER DATABASE "{database}" OWNER TO {ROLE}')
    hba = pg_cluster.data / "pg_hba.conf"
    rules = hba.read_text()
    if ROLE not in rules:  # first match wins: this role must give its password
        hba.write_text(f"host all {ROLE} 127.0.0.1/32 scram-sha-256\n{rules}")
        pg_cluster.sql("SELECT pg_reload_conf()")
    yield f"postgresql://{ROLE}@127.0.0.1:{pg_cluster.port}/{database}"
    pg_cluster.drop_database(url)


def answer_prompt(qtbot, password: str, prompts: list[str]) -> None:  # noqa: ANN001
    """Type ``password`` into the password prompt once it shows, and press OK."""

    def type_it() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, type_it)
            return
        prompts.append(dialog.labelText())
        dialog.setTextValue(password)
        dialog.accept()

    QTimer.singleShot(0, type_it)


def test_the_window_asks_for_the_password_and_never_keeps_it(window: MainWindow, qtbot,
                                                             locked_url, monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem",
                        lambda _w, message: messages.append(message))
    prompts: list[str] = []
    file_location = window.services.workspace.location

    answer_prompt(qtbot, "not it", prompts)
    assert not window.open_path(locked_url)
    assert window.services.workspace.location == file_location  # still the file
    assert len(prompts) == 1 and "asks for a password" in prompts[0]
    assert len(messages) == 1 and messages[0].count(". ") == 0  # one sentence
    assert "refused the login" in messages[0] and "not it" not in messages[0]

    answer_prompt(qtbot, PASSWORD, prompts)
    assert window.open_path(locked_url)
    assert len(prompts) == 2
    workspace = window.services.workspace
    assert not workspace.is_file and workspace.location == locked_url
    assert workspace.login == ROLE
    assert window.create_product("Behind a password")  # it writes, too

    assert window.settings.recent_files()[0] == locked_url
    settings = QSettings()
    settings.sync()
    stored = [str(settings.value(key)) for key in settings.allKeys()]
    assert stored and not any("S3cr" in value or "pass@" in value for value in stored)
    assert "S3cr" not in window.windowTitle()
