"""How pmdesk's connections to a PostgreSQL server begin and end their transactions.

Each loopback round trip costs about as much as a whole statement on a file, so pmdesk
starts and ends transactions itself, with what must go with them: the driver runs in
autocommit mode (it would send a BEGIN of its own before the first statement), a
transaction's BEGIN (and a write's lock) waits to be sent with its first statement, in
one pipelined round trip, and a write's COMMIT carries its last event rows and the notice
that tells other clients of them. What else waits to be sent, and statements sent
together, are ``postgres_batch``'s.
"""

from __future__ import annotations

from typing import Any

import psycopg
import sqlalchemy as sa
from psycopg.types.json import Json
from sqlalchemy import event
from sqlalchemy.engine import Engine

from pmdesk.store.backend import READ_OPTION
from pmdesk.store.postgres_batch import UNSENT, Unsent, driver_of, send_together
from pmdesk.store.postgres_watch import WATCHDOG, check_answers

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
# What the server does about a client that stops answering: a transaction left open (the
# client frozen or asleep mid-write) is ended after IDLE_IN_TRANSACTION, which frees the
# workspace's lock for everyone else, and the server's own keepalives notice a vanished
# client within about half a minute instead of TCP's two hours.
IDLE_IN_TRANSACTION = "60s"
SERVER_SETTINGS = (f"-c lock_timeout={LOCK_TIMEOUT} "
                   f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION} "
                   "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 "
                   "-c tcp_keepalives_count=3")
# After a write's commit the server sends "<first event id>:<last event id>:<txn>" on this
# channel (see live.py).
EVENTS_CHANNEL = "pmdesk_events"

# What opens a transaction, sent just before its first statement (see ``_Cursor``).
BEGIN_READ = (("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", None),)
BEGIN_WRITE = (("BEGIN", None), ("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,)))
# conn.info key: (the transaction, its last event rows) for the commit to write and announce.
PENDING_WRITE = "pmdesk_pending_write"

EVENT_COLUMNS = ("at", "txn", "author", "note", "product_id", "entity", "entity_id",
                 "action", "fields")
INSERT_EVENTS = f"INSERT INTO event ({', '.join(EVENT_COLUMNS)}) VALUES"
NOTICE = ("SELECT pg_notify(%s, min(id) || ':' || max(id) || ':' || %s) FROM event "
          "WHERE txn = %s HAVING count(*) > 0")


class CommitInDoubtError(psycopg.OperationalError):
    """The connection was lost with the COMMIT on its way: the server may have saved the
    write (whole: a transaction is never half-applied) or not."""


def _pipelined(driver: psycopg.Connection[Any]) -> bool:
    return driver.pgconn.pipeline_status != psycopg.pq.PipelineStatus.OFF


def _one_statement(query: Any) -> bool:
    """True for a query the extended protocol (which pipelines) can run: one statement."""
    if isinstance(query, bytes):
        return b";" not in query
    return isinstance(query, str) and ";" not in query


def _send_unsent(driver: psycopg.Connection[Any], unsent: Unsent) -> None:
    """Queue an opening in the pipeline in progress; else send what waits (one round
    trip)."""
    if _pipelined(driver) and not unsent.queued:
        for statement, params in unsent.opening:
            driver.execute(statement, params)
    else:
        send_together(driver, unsent)


class _Cursor(psycopg.Cursor[Any]):
    """Sends what its transaction has not sent yet with the next statement, in the same
    round trip; the watchdog guards the wait for the answer."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        driver = self.connection
        unsent = UNSENT.pop(driver, None)
        with WATCHDOG.watching(driver):
            if unsent is None:
                return super().execute(query, params, **kwargs)
            if _pipelined(driver) or unsent.queued or not _one_statement(query):
                _send_unsent(driver, unsent)
                return super().execute(query, params, **kwargs)
            with driver.pipeline():
                _send_unsent(driver, unsent)
                super().execute(query, params, **kwargs)
            return self

    def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> None:
        unsent = UNSENT.pop(self.connection, None)
        with WATCHDOG.watching(self.connection):
            if unsent is not None:
                _send_unsent(self.connection, unsent)  # executemany pipelines by itself
            super().executemany(query, params_seq, **kwargs)


class _ServerCursor(psycopg.ServerCursor[Any]):
    """A streaming cursor cannot join a pipeline: what waits goes ahead on its own."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        unsent = UNSENT.pop(self.connection, None)
        with WATCHDOG.watching(self.connection):
            if unsent is not None:
                _send_unsent(self.connection, unsent)
            return super().execute(query, params, **kwargs)

    def fetchmany(self, size: int = 0) -> list[Any]:
        with WATCHDOG.watching(self.connection):
            return super().fetchmany(size)

    def fetchall(self) -> list[Any]:
        with WATCHDOG.watching(self.connection):
            return super().fetchall()


class WatchedConnection(psycopg.Connection[Any]):
    """A connection whose every wait for the server the watchdog guards."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_factory = _Cursor
        self.server_cursor_factory = _ServerCursor

    def commit(self) -> None:
        with WATCHDOG.watching(self):
            super().commit()

    def rollback(self) -> None:
        if self.broken:
            return  # the server ended what was open with the connection; nothing to send
        with WATCHDOG.watching(self):
            super().rollback()


def connect(conninfo: str = "", **kwargs: Any) -> WatchedConnection:
    """``psycopg.connect`` that fails at once on a server that does not answer, and whose
    waits the watchdog guards."""
    check_answers(conninfo, **kwargs)
    return WatchedConnection.connect(conninfo, **kwargs)


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
                      "options": SERVER_SETTINGS, **TCP_SETTINGS,
                      # The driver's own prepared statements are dropped, all of them,
                      # with every rollback; pmdesk prepares what it sends together.
                      "prepare_threshold": None},
    )

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        return connect(*cargs, **cparams)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: psycopg.Connection[Any], _record: Any) -> None:
        dbapi_connection.autocommit = True  # the opening below begins each transaction

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.info.pop(PENDING_WRITE, None)
        reading = read_only or conn.get_execution_options().get(READ_OPTION, False)
        UNSENT[driver_of(conn)] = Unsent(BEGIN_READ if reading else BEGIN_WRITE)

    @event.listens_for(engine, "commit")
    def _on_commit(conn: sa.Connection) -> None:
        # The driver's own commit that follows finds no transaction left and sends nothing.
        driver = driver_of(conn)
        txn, events = conn.info.pop(PENDING_WRITE, (None, []))
        unsent = UNSENT.pop(driver, None) or Unsent()
        if unsent.opening and not unsent.queued and not events:
            return  # nothing was sent, so there is nothing to end
        commit_write(driver, txn, events, unsent)

    @event.listens_for(engine, "rollback")
    def _on_rollback(conn: sa.Connection) -> None:
        # The driver's rollback sends ROLLBACK only to a transaction the server has begun;
        # a lost connection is dropped with what it had not sent.
        if not conn.invalidated:
            UNSENT.pop(driver_of(conn), None)

    return engine


def write_at_commit(conn: sa.Connection, txn: str, events: list[dict[str, Any]]) -> None:
    """Have the commit of ``conn``'s transaction write ``events`` and announce ``txn``."""
    conn.info[PENDING_WRITE] = (txn, events)


def commit_write(driver: psycopg.Connection[Any], txn: str | None,
                 events: list[dict[str, Any]], unsent: Unsent) -> None:
    """Send what waits, insert the last event rows, send the notice of write ``txn`` (if
    any) and commit: one round trip.

    The notice names every event of the transaction, the ones written before included; the
    server delivers it when the commit succeeds.
    """
    statements: list[tuple[str, Any]] = []
    if events:
        row = f"({', '.join(['%s'] * len(EVENT_COLUMNS))})"
        statements.append((f"{INSERT_EVENTS} {', '.join([row] * len(events))}",
                           [Json(e[c]) if c == "fields" else e[c]
                            for e in events for c in EVENT_COLUMNS]))
    if txn is not None:
        statements.append((NOTICE, (EVENTS_CHANNEL, txn, txn)))
    try:
        send_together(driver, unsent, [*statements, ("COMMIT", None)])
    except psycopg.OperationalError as exc:
        if driver.broken:
            raise CommitInDoubtError(str(exc)) from exc
        raise
