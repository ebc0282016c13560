"""A workspace on a PostgreSQL server: the same migrations, the same refusals, clear errors."""

from __future__ import annotations

import os
import re
import socket
import subprocess

import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pmdesk.domain.errors import (
    AccessDeniedError,
    MissingDatabaseError,
    NewerSchemaError,
    NotAWorkspaceError,
    ServerUnavailableError,
    WorkspaceError,
)
from pmdesk.services import Services
from pmdesk.services.workspaces import check_workspace, pull_workspace, push_workspace
from pmdesk.store import migrate
from pmdesk.store import tables as t
from pmdesk.store.workspace import create_workspace, open_workspace
from tests.conftest import FIXED_NOW
from tests.pg import SERVER_USER, Cluster

pytestmark = pytest.mark.postgres


def test_the_migrations_build_the_model_on_a_server(pg_empty_url):
    with create_workspace(pg_empty_url) as workspace:
        with workspace.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
    assert diff == []


def test_an_older_server_workspace_is_upgraded_keeping_its_rows(pg_empty_url):
    migrate.upgrade_to_head(pg_empty_url, "0001")
    engine = sa.create_engine(pg_empty_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO product (id, name) VALUES (7, 'Atlas')")
    engine.dispose()
    with open_workspace(pg_empty_url) as workspace:
        assert workspace.revision == migrate.head_revision()
        services = Services(workspace, clock=lambda: FIXED_NOW)
        assert [(p.id, p.name) for p in services.products.list_products()] == [(7, "Atlas")]
    assert check_workspace(pg_empty_url).ok


def test_a_server_workspace_of_a_newer_pmdesk_is_refused_untouched(pg_url, pg_cluster):
    pg_cluster.sql("UPDATE alembic_version SET version_num = '0999'", pg_url.rsplit("/", 1)[1])
    with pytest.raises(NewerSchemaError, match="saved by a newer pmdesk .schema 0999.; update"):
        open_workspace(pg_url)


def test_a_foreign_database_is_refused(pg_empty_url, pg_cluster):
    pg_cluster.sql("CREATE TABLE invoices (id int)", pg_empty_url.rsplit("/", 1)[1])
    with pytest.raises(NotAWorkspaceError, match="is a database but not a pmdesk workspace"):
        open_workspace(pg_empty_url)
    with pytest.raises(WorkspaceError, match="not empty"):
        create_workspace(pg_empty_url)


def test_an_empty_database_is_opened_only_when_asked_to_start_one(pg_empty_url):
    with pytest.raises(WorkspaceError, match="is an empty database; start a workspace in it"):
        open_workspace(pg_empty_url)
    with open_workspace(pg_empty_url, create=True) as workspace:
        assert Services(workspace).products.list_products() == []


def test_the_name_shows_user_host_and_database_but_never_the_password(pg_url, pg_cluster):
    secret = pg_url.replace("@", ":hunter2@")
    with open_workspace(secret) as workspace:
        assert workspace.name == f"{pg_cluster.user}@127.0.0.1:{pg_cluster.port}/" + \
            pg_url.rsplit("/", 1)[1]
        assert "hunter2" not in workspace.location and "hunter2" not in workspace.name


def test_a_server_that_does_not_answer_is_one_sentence(pg_cluster):
    url = f"postgresql://someone@127.0.0.1:{_closed_port()}/atlas"
    with pytest.raises(ServerUnavailableError, match="cannot be reached .is it running"):
        open_workspace(url)


def test_a_missing_database_is_named(pg_cluster):
    with pytest.raises(MissingDatabaseError, match="has no database nosuchdb; create it first"):
        open_workspace(pg_cluster.url("nosuchdb"))


def test_a_refused_login_says_where_the_password_comes_from(pg_cluster, pg_url, monkeypatch):
    _require_password(pg_cluster, "zofia", "right")
    url = pg_url.replace(f"{pg_cluster.user}@", "zofia:wrong@")
    with pytest.raises(AccessDeniedError, match="refused the login.*pgpass or PGPASSWORD") as err:
        open_workspace(url)
    assert "wrong" not in err.value.message
    no_password = pg_url.replace(f"{pg_cluster.user}@", "zofia@")
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    with pytest.raises(AccessDeniedError, match="asks for a password"):
        open_workspace(no_password)
    monkeypatch.setenv("PGPASSWORD", "right")
    with open_workspace(no_password, create=True) as workspace:
        assert workspace.name.startswith("zofia@")


def test_push_and_pull_keep_every_row_id_and_event(tmp_path, pg_empty_url):
    from tests.unit.export.helpers import demo

    source = create_workspace(tmp_path / "team.pmdesk")
    services = Services(source, clock=lambda: FIXED_NOW)
    demo(services, initiatives=8, tasks=40)
    newest = services.tasks.create_task(
        services.boards.list_columns(services.boards.list_boards(
            services.products.list_products()[0].id)[0].id)[0].id, "Last").value.id
    services.tasks.delete_task(newest)
    before = _rows(source.engine)
    source.close()

    pushed = push_workspace(tmp_path / "team.pmdesk", pg_empty_url)
    assert pushed.ok and pushed.counts["task"] == len(before["task"])
    with open_workspace(pg_empty_url) as server:
        assert _rows(server.engine) == before
        again = Services(server, clock=lambda: FIXED_NOW)
        product = again.products.list_products()[0]
        column = again.boards.list_columns(again.boards.list_boards(product.id)[0].id)[0]
        assert again.tasks.create_task(column.id, "New").value.id > newest  # never reused
    with pytest.raises(WorkspaceError, match="not empty"):
        push_workspace(tmp_path / "team.pmdesk", pg_empty_url)

    pulled = pull_workspace(pg_empty_url, tmp_path / "back.pmdesk")
    assert pulled.ok
    with open_workspace(tmp_path / "back.pmdesk") as back:
        assert _rows(back.engine)["event"][: len(before["event"])] == before["event"]
        again = Services(back, clock=lambda: FIXED_NOW)
        column = again.boards.list_columns(again.boards.list_boards(
            again.products.list_products()[0].id)[0].id)[0]
        assert again.tasks.create_task(column.id, "Newer").value.id > newest + 1
    with pytest.raises(WorkspaceError, match="already exists"):
        pull_workspace(pg_empty_url, tmp_path / "back.pmdesk")


def test_a_killed_server_gives_one_sentence_and_the_next_write_works(pg_cluster, pg_url):
    services = Services(open_workspace(pg_url), clock=lambda: FIXED_NOW)
    try:
        product = services.products.create_product("Atlas").value.id
        pg_cluster.kill()
        with pytest.raises(ServerUnavailableError) as err:
            services.products.create_product("Lost")
        assert "\n" not in err.value.message
        pg_cluster.start()
        services.products.create_product("Beacon")
        names = [p.name for p in services.products.list_products()]
        assert names == ["Atlas", "Beacon"] and product
    finally:
        services.workspace.close()


def _rows(engine: sa.Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {table.name: sorted(tuple(r) for r in conn.execute(sa.select(table)))
                for table in t.metadata.sorted_tables}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _require_password(cluster: Cluster, role: str, password: str) -> None:
    """Make ``role`` log in with a password over TCP (the rest of the cluster trusts)."""
    cluster.sql(f"DO $$BEGIN CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password}'; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END$$")
    hba = cluster.data / "pg_hba.conf"
    script = (f"printf 'host all {role} 127.0.0.1/32 scram-sha-256\\n' > {hba}.new && "
              f"cat {hba} >> {hba}.new && mv {hba}.new {hba}")
    command = ["sh", "-c", script]
    if os.geteuid() == 0:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    subprocess.run(command, check=True)
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")


def test_a_sample_that_fails_halfway_leaves_the_database_empty(pg_empty_url, monkeypatch):
    from pmdesk.services.demo import DemoService
    from pmdesk.services.workspaces import write_demo
    from pmdesk.store.backend import backend_for

    def broken(self, *args, **kwargs):
        raise WorkspaceError("The disk is full.")

    monkeypatch.setattr(DemoService, "generate", broken)
    with pytest.raises(WorkspaceError, match="disk is full"):
        write_demo(pg_empty_url, 5, 20, 1)
    assert not backend_for(pg_empty_url).exists()


def test_the_app_copy_of_a_server_workspace_is_a_sound_file(pg_url, tmp_path):
    from pmdesk.services.workspaces import save_copy

    services = Services(open_workspace(pg_url), clock=lambda: FIXED_NOW)
    try:
        services.products.create_product("Atlas")
        save_copy(services, tmp_path / "copy.pmdesk")
    finally:
        services.workspace.close()
    with open_workspace(tmp_path / "copy.pmdesk") as copy:
        assert [p.name for p in Services(copy).products.list_products()] == ["Atlas"]


@pytest.mark.parametrize(("sqlstate", "kind", "words"), [
    ("53100", "DiskFullError", "disk holding .* is full; ask its administrator"),
    ("53200", "StorageError", "ran out of memory"),
    ("55P03", "WorkspaceLockedError", "busy with someone else's change"),
    ("40P01", "WorkspaceLockedError", "busy with someone else's change"),
    ("57P01", "ServerUnavailableError", "not available"),
    ("08006", "ServerUnavailableError", "not available"),
    ("42501", "AccessDeniedError", "refused zofia access"),
    ("3D000", "MissingDatabaseError", "has no database atlas"),
    ("25006", "ReadOnlyWorkspaceError", "accepts no changes now"),
    ("XX001", "CorruptWorkspaceError", "damaged data"),
])
def test_server_failures_are_told_by_their_code(sqlstate, kind, words):
    from psycopg import errors

    from pmdesk.store.postgres import classify, parse_url

    url = parse_url("postgresql://zofia:secret@db.example/atlas")
    error = classify(errors.lookup(sqlstate)("any text at all"), url, "nothing was changed")
    assert type(error).__name__ == kind
    assert re.search(words, error.message) and error.message.endswith("nothing was changed.")
    assert "secret" not in error.message


def test_an_unexpected_server_error_stays_a_bug():
    from psycopg import errors

    from pmdesk.store.postgres import classify, parse_url

    assert classify(errors.lookup("42601")("syntax"), parse_url("postgresql://h/db")) is None
