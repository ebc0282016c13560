"""Upgrading a workspace written by an older pmdesk keeps every row and id, after a backup."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.errors import WorkspaceError
from pmdesk.services import Services
from pmdesk.services.demo import DemoService
from pmdesk.store import backups, migrate
from pmdesk.store import tables as t
from pmdesk.store.sqlite import connect_raw, mark_as_workspace
from pmdesk.store.workspace import create_workspace, open_workspace
from tests.conftest import FIXED_NOW

AUTOINCREMENT_TABLES = "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'"


def columns_of(path: Path) -> dict[str, list[str]]:
    """The columns of each of pmdesk's tables that the file has."""
    with closing(sqlite3.connect(path)) as conn:
        found = {table.name: [row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")]
                 for table in t.metadata.sorted_tables}
    return {name: columns for name, columns in found.items() if columns}


def dump(
    path: Path, shape: dict[str, list[str]] | None = None
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the tables and columns of ``shape``), read with plain sqlite3.

    An upgrade adds tables and columns; ``shape`` compares the rows an older file had.
    """
    shape = shape or columns_of(path)
    with closing(sqlite3.connect(path)) as conn:
        return {name: conn.execute(f"SELECT {', '.join(columns)} FROM {name} ORDER BY rowid")
                .fetchall() for name, columns in shape.items()}


def old_workspace(tmp_path: Path, revision: str = "0001") -> tuple[Path, int]:
    """A file of an older format (``revision``) holding a sample product whose newest card
    was deleted."""
    source = create_workspace(tmp_path / "source.pmdesk")
    services = Services(source, clock=lambda: FIXED_NOW)
    DemoService(source, services.products.clock).generate(12, 80, seed=4)
    with source.engine.connect() as conn:
        newest = conn.execute(sa.select(sa.func.max(t.task.c.id))).scalar_one()
    services.tasks.delete_task(newest)
    source.close()

    path = tmp_path / "old.pmdesk"
    with closing(connect_raw(path)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        mark_as_workspace(conn)
    migrate.upgrade_to_head(path, revision)
    with closing(connect_raw(path)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("ATTACH DATABASE ? AS source", (str(tmp_path / "source.pmdesk"),))
        conn.execute("BEGIN")
        old_tables = {name for (name,) in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'")}
        for table in t.metadata.sorted_tables:
            if table.name not in old_tables:  # added by a later revision
                continue
            names = ", ".join(row[1] for row in conn.execute(
                f"PRAGMA main.table_info({table.name})"))
            conn.execute(f"INSERT INTO main.{table.name} ({names}) "
                         f"SELECT {names} FROM source.{table.name}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE source")
        autoincrement = conn.execute(AUTOINCREMENT_TABLES).fetchone()
    assert (autoincrement == (0,)) == (revision == "0001")  # 0002 brought AUTOINCREMENT
    return path, newest


def test_the_upgrade_keeps_every_row_and_id_and_leaves_a_backup(tmp_path):
    path, _ = old_workspace(tmp_path)
    before, shape = dump(path), columns_of(path)
    assert len(before["task"]) > 80 and before["event"] and before["checklist_item"]

    ws = open_workspace(path)
    with ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    ws.close()
    assert (diff, version, dangling) == ([], migrate.head_revision(), [])
    assert dump(path, shape) == before

    copies = backups.existing_backups(path)
    assert len(copies) == 1 and f"before-{migrate.head_revision()}" in copies[0].name
    assert dump(copies[0]) == before
    with closing(sqlite3.connect(copies[0])) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_after_the_upgrade_an_id_deleted_before_it_is_not_handed_out_again(tmp_path):
    path, deleted = old_workspace(tmp_path)
    ws = open_workspace(path)
    services = Services(ws, clock=lambda: FIXED_NOW)
    column = services.boards.list_columns(
        services.boards.list_boards(services.products.list_products()[0].id)[0].id)[0]
    card = services.tasks.create_task(column.id, "After the upgrade").value
    ws.close()
    assert card.id > deleted
    assert [e.action for e in services.history.for_item(Entity.TASK, card.id)] == [Action.CREATE]


def test_an_upgrade_that_would_break_references_is_rolled_back(tmp_path):
    path, _ = old_workspace(tmp_path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE task SET column_id = 99999 WHERE id = (SELECT min(id) FROM task)")
        conn.commit()
    before = dump(path)
    with pytest.raises(WorkspaceError, match="broken references; the file was left as it was"):
        open_workspace(path)
    assert dump(path) == before
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute(AUTOINCREMENT_TABLES).fetchone() == (0,)
