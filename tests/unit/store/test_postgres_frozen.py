"""A server that stops answering (its processes stopped, its sockets open): statements and
connection attempts give up with one sentence instead of waiting for it for ever, a slow
statement on a server that answers is left alone, and all works again once it answers."""

from __future__ import annotations

import pytest

from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import ServerUnavailableError
from pmdesk.services import Services
from pmdesk.store.workspace import open_workspace
from tests import pg
from tests.conftest import FIXED_NOW

pytestmark = pytest.mark.postgres


cluster = pytest.fixture(pg.own_cluster, name="cluster")


def test_a_frozen_server_fails_reads_writes_and_reconnections_then_recovers(cluster):
    services = Services(open_workspace(cluster.new_database(), create=True),
                        clock=lambda: FIXED_NOW)
    try:
        services.products.create_product("Atlas")
        listener = services.live.listen()
        assert listener is not None
        cluster.freeze()
        try:
            with pytest.raises(ServerUnavailableError) as err:
                services.products.list_products()  # waits on a pooled connection
            assert "\n" not in err.value.message
            with pytest.raises(ServerUnavailableError):
                listener.take()  # the listener learns it too, without waiting
            with pytest.raises(ServerUnavailableError, match="does not answer"):
                services.products.create_product("Lost")  # a new connection
            with pytest.raises(ServerUnavailableError, match="does not answer"):
                services.live.resume()
        finally:
            cluster.thaw()
            listener.close()
        services.live.resume().close()  # type: ignore[union-attr]
        services.products.create_product("Beacon")
        assert [p.name for p in services.products.list_products()] == ["Atlas", "Beacon"]
    finally:
        services.workspace.close()


def test_a_slow_statement_on_a_server_that_answers_is_not_cut(cluster):
    workspace = open_workspace(cluster.new_database(), create=True)
    try:
        with workspace.engine.connect() as conn:
            slept = conn.exec_driver_sql("SELECT pg_sleep(5), 'done'").one()
        assert slept[1] == "done"
    finally:
        workspace.close()


def test_the_server_ends_what_a_vanished_client_left_open(pg_url):
    """A client frozen or cut off mid-write would hold the workspace's lock; the server
    ends its transaction after a minute and notices a vanished client by keepalives."""
    workspace = open_workspace(pg_url)
    try:
        with workspace.engine.connect() as conn:
            settings = {name: conn.exec_driver_sql(f"SHOW {name}").scalar() for name in (
                "idle_in_transaction_session_timeout", "tcp_keepalives_idle", "lock_timeout")}
        assert settings == {"idle_in_transaction_session_timeout": "1min",
                            "tcp_keepalives_idle": "10", "lock_timeout": "5s"}
    finally:
        workspace.close()


def test_a_commit_that_meets_a_frozen_server_is_in_doubt_but_never_half_applied(cluster,
                                                                              monkeypatch):
    services = Services(open_workspace(cluster.new_database(), create=True),
                        clock=lambda: FIXED_NOW)
    backend = services.workspace.backend
    write_then_freeze = backend.after_write

    def freezing(*args: object) -> None:
        write_then_freeze(*args)  # type: ignore[arg-type]
        cluster.freeze()  # the server stops with the write done and its COMMIT unsent

    try:
        services.products.create_product("Atlas")
        monkeypatch.setattr(backend, "after_write", freezing)
        try:
            with pytest.raises(ServerUnavailableError, match="whether it was saved"):
                services.products.create_product("Beacon")
        finally:
            cluster.thaw()
        monkeypatch.undo()
        services.live.resume().close()  # type: ignore[union-attr]
        products = {p.name: p.id for p in services.products.list_products()}
        assert set(products) in ({"Atlas"}, {"Atlas", "Beacon"})
        if "Beacon" in products:  # saved after all: with its event, as one transaction
            assert services.history.for_item(Entity.PRODUCT, products["Beacon"])
    finally:
        services.workspace.close()
