"""A main window on a fresh sample workspace, shared by the window-level UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from pmdesk.services.workspaces import new_services
from pmdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def nothing_remembered(qapp) -> None:  # noqa: ANN001 - pytest fixtures
    """Qt keeps one settings store per process: each test starts with nothing remembered
    (last tab, product, recent files) by the tests before it."""
    QSettings().clear()


@pytest.fixture
def window(qtbot, tmp_path) -> Iterator[MainWindow]:  # noqa: ANN001 - pytest fixtures
    services = new_services(tmp_path / "w.pmdesk", sample=True)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    win.close()
    win.services.workspace.close()
