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
from pmdesk.store.workspace import Workspace, create_workspace, open_workspace  # noqa: E402
from tests import pg  # noqa: E402

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


# Parametrise ``backend`` with this in a folder's conftest.py to run its tests on both.
BOTH_BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow stress tests and file-only tests run on SQLite only, never twice."""
    keep, dropped = [], []
    for item in items:
        on_server = getattr(item, "callspec", None) and item.callspec.params.get(
            "backend") == "postgresql"
        if on_server and (item.get_closest_marker("slow") or item.get_closest_marker(
                "sqlite_only")):
            dropped.append(item)
        else:
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    """A private PostgreSQL server for this test process (each xdist worker has its own)."""
    reason = pg.missing_reason()
    if reason:
        pytest.skip(f"the PostgreSQL half is skipped: {reason}")
    cluster = pg.Cluster()
    try:
        pg.make_template(cluster)
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def pg_empty_url(pg_cluster: pg.Cluster) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture
def pg_url(pg_cluster: pg.Cluster) -> Iterator[str]:
    """The URL of a new database holding an empty workspace, dropped after the test."""
    url = pg_cluster.new_database(pg.TEMPLATE)
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture
def backend() -> str:
    """Which database the ``workspace`` fixture uses; folders override it with both."""
    return "sqlite"


@pytest.fixture
def workspace(backend: str, tmp_path: Path, request: pytest.FixtureRequest
              ) -> Iterator[Workspace]:
    if backend == "postgresql":
        ws = open_workspace(request.getfixturevalue("pg_url"))
    else:
        ws = create_workspace(tmp_path / "test.pmdesk")
    yield ws
    ws.close()


@pytest.fixture
def services(workspace: Workspace) -> Services:
    return Services(workspace, clock=lambda: FIXED_NOW)
