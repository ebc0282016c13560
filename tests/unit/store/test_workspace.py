import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pmdesk.domain.errors import (
    CorruptWorkspaceError,
    NewerSchemaError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    WorkspaceLockedError,
)
from pmdesk.services import Services
from pmdesk.store import backups, migrate, schema, sqlite
from pmdesk.store import tables as t
from pmdesk.store.workspace import create_workspace, open_workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrations_from_nothing_build_exactly_the_model(tmp_path):
    ws = create_workspace(tmp_path / "new.pmdesk")
    with ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    ws.close()
    assert diff == []
    assert version == migrate.head_revision()
    assert mode == "wal"


def test_every_connection_enforces_foreign_keys(workspace):
    with pytest.raises(sa.exc.IntegrityError):
        with workspace.engine.begin() as conn:
            conn.execute(sa.insert(t.goal).values(product_id=999, name="orphan"))


def test_a_text_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.pmdesk"
    path.write_text("meeting notes, not a workspace\n")
    before = digest(path)
    with pytest.raises(NotAWorkspaceError, match="notes.pmdesk is not a pmdesk workspace"):
        open_workspace(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.pmdesk"]


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    before = digest(path)
    with pytest.raises(NotAWorkspaceError, match="not a pmdesk workspace"):
        open_workspace(path)
    assert digest(path) == before


def _demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "w.pmdesk"
    ws = create_workspace(path)
    services = Services(ws)
    product = services.products.create_product("Atlas").value
    for i in range(200):
        services.products.create_goal(product.id, f"Goal {i}", description="x" * 400)
    ws.close()
    return path


def test_a_truncated_workspace_is_refused_and_left_untouched(tmp_path):
    path = _demo_file(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    with pytest.raises(CorruptWorkspaceError, match="damaged"):
        open_workspace(path)
    assert digest(path) == before


def test_a_workspace_from_a_newer_pmdesk_is_refused_and_left_untouched(tmp_path):
    path = _demo_file(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = digest(path)
    with pytest.raises(NewerSchemaError, match="newer pmdesk"):
        open_workspace(path)
    assert digest(path) == before


def test_a_read_only_file_opens_read_only_and_refuses_edits(tmp_path):
    path = _demo_file(tmp_path)
    before = digest(path)
    os.chmod(path, 0o444)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user who can write read-only files")
        ws = open_workspace(path)
        services = Services(ws)
        assert ws.read_only
        assert services.products.list_products()[0].name == "Atlas"
        with pytest.raises(ReadOnlyWorkspaceError, match="read-only"):
            services.products.create_product("Nope")
        ws.close()
    finally:
        os.chmod(path, 0o644)
    assert digest(path) == before


def test_an_unwritable_file_opens_read_only_even_for_root(tmp_path, monkeypatch):
    path = _demo_file(tmp_path)
    before = digest(path)
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    ws = open_workspace(path)
    assert ws.read_only
    with pytest.raises(ReadOnlyWorkspaceError, match="read-only"):
        Services(ws).products.create_product("Nope")
    ws.close()
    assert digest(path) == before


def test_explicit_read_only_open_refuses_edits(tmp_path):
    path = _demo_file(tmp_path)
    ws = open_workspace(path, read_only=True)
    with pytest.raises(ReadOnlyWorkspaceError):
        Services(ws).products.create_product("Nope")
    ws.close()


def test_a_locked_workspace_gives_a_clear_error_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", 100)
    path = _demo_file(tmp_path)
    ws = open_workspace(path, backup=False)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(WorkspaceLockedError, match="busy in another program"):
            Services(ws).products.create_product("Blocked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [p.name for p in Services(ws).products.list_products()] == ["Atlas"]
    ws.close()


ADD_COLUMN_MIGRATION = '''
from alembic import op
import sqlalchemy as sa

revision = "9000_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("product") as batch:
        batch.add_column(sa.Column("nickname", sa.Text, nullable=True))


def downgrade():
    with op.batch_alter_table("product") as batch:
        batch.drop_column("nickname")
'''


def test_the_schema_head_known_without_alembic_is_the_newest_migration():
    assert schema.head_revision() == migrate.head_revision(), (
        "update HEAD_REVISION in pmdesk/store/schema.py to the newest migration"
    )


def test_opening_a_current_file_does_not_load_alembic(tmp_path):
    path = _demo_file(tmp_path)
    code = (
        "import sys\n"
        "from pmdesk.store.workspace import open_workspace\n"
        "import pmdesk.services.workspaces  # the path the app and the CLI open through\n"
        f"open_workspace({str(path)!r}, backup=False).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'reportlab')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_upgrading_an_older_file_backs_it_up_and_keeps_every_child_row(tmp_path, monkeypatch):
    path = _demo_file(tmp_path)
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations)
    head = migrate.head_revision()
    (migrations / "versions" / "9000_test.py").write_text(ADD_COLUMN_MIGRATION.format(head=head))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(schema, "HEAD_REVISION", "0002_test")

    ws = open_workspace(path)
    with ws.engine.connect() as conn:
        goals = conn.execute(sa.select(sa.func.count()).select_from(t.goal)).scalar()
        columns = conn.execute(sa.select(sa.func.count()).select_from(t.board_column)).scalar()
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        nickname = conn.exec_driver_sql("SELECT nickname FROM product").scalar()
    ws.close()
    assert (goals, columns, version, nickname) == (200, 3, "9000_test", None)
    copies = backups.existing_backups(path)
    assert len(copies) == 1 and "before-9000_test" in copies[0].name
    with sqlite3.connect(copies[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert old.execute("SELECT count(*) FROM goal").fetchone() == (200,)


def test_daily_backup_is_taken_once_and_pruned(tmp_path):
    path = _demo_file(tmp_path)
    open_workspace(path).close()
    open_workspace(path).close()
    assert len(backups.existing_backups(path)) == 1
    for _ in range(backups.KEEP + 3):
        backups.make_backup(path)
    assert len(backups.existing_backups(path)) == backups.KEEP
