"""How pmdesk's connections to a PostgreSQL server begin and end their transactions.

Each loopback round trip costs about as much as a whole statement on a file, so pmdesk
starts and ends transactions itself, each in one round trip with what must go with it:
the driver runs in autocommit mode (it would send a BEGIN of its own before the first
statement), a write's BEGIN carries the workspace's lock, and its COMMIT carries the
write's last event rows and the notice that tells other clients of them.
"""

from __future__ import annotations

from typing import Any

import psycopg
import sqlalchemy as sa
from psycopg.types.json import Json
from sqlalchemy import event
from sqlalchemy.engine import Engine

from pmdesk.store.backend import READ_OPTION

# Every write takes this transaction-level advisory lock first: the counterpart of SQLite's
# BEGIN IMMEDIATE. Writers queue on it (up to LOCK_TIMEOUT), so event ids and positions
# follow commit order. The number is "PMDK" again, as in the SQLite header.
WRITE_LOCK = 0x504D444B
LOCK_TIMEOUT = "5s"
CONNECT_TIMEOUT_S = 5
# libpq's TCP settings for every connection: a vanished host (a pulled cable, a sleeping
# laptop) is noticed within about 5 s + 3 probes 2 s apart, and data it never acknowledges
# fails the statement after 10 s instead of hanging it for TCP's quarter of an hour.
TCP_SETTINGS: dict[str, Any] = {"keepalives": 1, "keepalives_idle": 5,
                                "keepalives_interval": 2, "keepalives_count": 3,
                                "tcp_user_timeout": 10_000}
# After a write's commit the server sends "<first event id>:<last event id>:<txn>" on this
# channel (see live.py).
EVENTS_CHANNEL = "pmdesk_events"

# Sent without parameters, so the driver uses the simple query protocol, which runs
# several statements in one round trip.
BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
BEGIN_WRITE = f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
# Never through a server-side cursor, even on a connection that streams its results.
PLAIN_STATEMENT = {"stream_results": False, "yield_per": None}
# conn.info key: (the transaction, its last event rows) for the commit to write and announce.
PENDING_WRITE = "pmdesk_pending_write"

EVENT_COLUMNS = ("at", "txn", "author", "note", "product_id", "entity", "entity_id",
                 "action", "fields")
INSERT_EVENT = (f"INSERT INTO event ({', '.join(EVENT_COLUMNS)}) "
                f"VALUES ({', '.join(['%s'] * len(EVENT_COLUMNS))})")
NOTICE = ("SELECT pg_notify(%s, min(id) || ':' || max(id) || ':' || %s) FROM event "
          "WHERE txn = %s HAVING count(*) > 0")


def make_engine(url: sa.URL, *, read_only: bool = False) -> Engine:
    """Reads run as one REPEATABLE READ snapshot; writes first take the workspace's lock.

    Writes stay READ COMMITTED: their statements run after the lock is granted, so they see
    every write committed before theirs (a REPEATABLE READ snapshot would be taken before
    the wait for the lock, and miss it).
    """
    engine = sa.create_engine(
        url,
        pool_size=2,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "pmdesk",
                      "options": f"-c lock_timeout={LOCK_TIMEOUT}", **TCP_SETTINGS},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: psycopg.Connection[Any], _record: Any) -> None:
        dbapi_connection.autocommit = True  # the BEGIN below opens each transaction

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.info.pop(PENDING_WRITE, None)
        reading = read_only or conn.get_execution_options().get(READ_OPTION, False)
        conn.exec_driver_sql(BEGIN_READ if reading else BEGIN_WRITE,
                             execution_options=PLAIN_STATEMENT)

    @event.listens_for(engine, "commit")
    def _on_commit(conn: sa.Connection) -> None:
        # The driver's own commit that follows finds no transaction left and sends nothing.
        pending = conn.info.pop(PENDING_WRITE, None)
        if pending is None:
            conn.exec_driver_sql("COMMIT", execution_options=PLAIN_STATEMENT)
        else:
            driver = conn.connection.driver_connection
            assert isinstance(driver, psycopg.Connection)
            commit_write(driver, *pending)

    return engine


def write_at_commit(conn: sa.Connection, txn: str, events: list[dict[str, Any]]) -> None:
    """Have the commit of ``conn``'s transaction write ``events`` and announce ``txn``."""
    conn.info[PENDING_WRITE] = (txn, events)


def commit_write(driver: psycopg.Connection[Any], txn: str,
                 events: list[dict[str, Any]]) -> None:
    """Insert the last event rows, send the notice and commit: one round trip, pipelined.

    The notice names every event of the transaction, the ones written before included; the
    server delivers it when the commit succeeds.
    """
    rows = [tuple(Json(e[c]) if c == "fields" else e[c] for c in EVENT_COLUMNS)
            for e in events]
    with driver.pipeline(), driver.cursor() as cursor:
        if rows:
            cursor.executemany(INSERT_EVENT, rows)
        cursor.execute(NOTICE, (EVENTS_CHANNEL, txn, txn))
        cursor.execute("COMMIT")
