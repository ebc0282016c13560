"""Test setup shared by every test: headless Qt and a private data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from pmdesk.services import Services  # noqa: E402
from pmdesk.store.workspace import Workspace, create_workspace  # noqa: E402

FIXED_NOW = datetime(2026, 3, 2, 9, 30)


@pytest.fixture(autouse=True)
def private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep backups, settings and the default workspace out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = create_workspace(tmp_path / "test.pmdesk")
    yield ws
    ws.close()


@pytest.fixture
def services(workspace: Workspace) -> Services:
    return Services(workspace, clock=lambda: FIXED_NOW)
