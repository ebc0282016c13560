"""Live notices of other clients' commits on a PostgreSQL server (LISTEN/NOTIFY).

Each write's transaction sends ``first:last:txn`` (its event ids and transaction) on
``EVENTS_CHANNEL`` (see ``postgres_engine.commit_write``); the server delivers it when the
write commits. A window listens on a connection of its own and watches its socket, so
nothing polls the tables.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import psycopg
import sqlalchemy as sa

from pmdesk.domain.errors import ServerUnavailableError
from pmdesk.store.postgres import display_name, libpq_conninfo, server_errors
from pmdesk.store.postgres_engine import (
    CONNECT_TIMEOUT_S,
    EVENTS_CHANNEL,
    TCP_SETTINGS,
    connect,
)
from pmdesk.store.postgres_watch import WATCHDOG, server_address

# A ping unanswered for this long means the server is lost (the window pings every 3 s).
ANSWER_WITHIN_S = 2.5


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit another client announced: its event ids and its transaction."""

    first: int
    last: int
    txn: str


def parse_notice(payload: str) -> Commit | None:
    first, _, rest = payload.partition(":")
    last, _, txn = rest.partition(":")
    try:
        return Commit(int(first), int(last), txn)
    except ValueError:
        return None  # not one of pmdesk's notices


class EventListener:
    """LISTENs on the events channel; ``take`` hands over what arrived, without waiting."""

    def __init__(self, url: sa.URL, own: set[str]) -> None:
        self._url, self._own = url, own
        with server_errors(url, "live updates stopped"):
            self._conn: psycopg.Connection[Any] = connect(
                libpq_conninfo(url), autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                application_name="pmdesk live", **TCP_SETTINGS)
            self._conn.execute(f"LISTEN {EVENTS_CHANNEL}")
        self._socket = self._conn.pgconn.socket
        self._address = server_address(self._conn)
        self._pinged_at: float | None = None  # when the unanswered ping went (``ping``)
        self._heard = time.monotonic()  # when the server last showed it is alive
        # Notices the driver reads while it runs a statement of ours land here.
        self._caught: list[psycopg.Notify] = []
        self._conn.add_notify_handler(self._caught.append)

    def fileno(self) -> int:
        """The socket that becomes readable when a notice (or the connection's end) comes."""
        return int(self._socket)

    def ping(self) -> None:
        """Ask the server for a sign of life without waiting for it: the answer makes the
        socket readable, and ``take`` reads it. Raises ``ServerUnavailableError`` when a
        ping has gone unanswered for ``ANSWER_WITHIN_S``: the server, or the way to it,
        stopped answering (a frozen server or a dropped link closes no socket, so nothing
        else would tell)."""
        self._check_alive()
        if self._pinged_at is not None:
            return  # the last one may still be answered in time
        pgconn = self._conn.pgconn
        try:
            pgconn.send_query(b"SELECT 1")
            pgconn.flush()
        except psycopg.Error:
            raise self.lost() from None
        self._pinged_at = time.monotonic()

    def _check_alive(self) -> None:
        """Raise when a ping is overdue, or another connection to the server was cut for
        its silence since this one last heard from it."""
        overdue = (self._pinged_at is not None
                   and time.monotonic() - self._pinged_at >= ANSWER_WITHIN_S)
        if overdue or WATCHDOG.found_silent(self._address, since=self._heard):
            raise self.lost()

    def take(self) -> list[Commit]:
        """Other clients' commits announced since the last call, without waiting; raises
        ``ServerUnavailableError`` when the connection to the server is gone or silent."""
        pgconn = self._conn.pgconn
        payloads: list[str] = []
        try:
            pgconn.consume_input()
            answered = self._pinged_at is not None and self._ping_answered()
            while (notice := pgconn.notifies()) is not None:
                payloads.append(notice.extra.decode())
        except psycopg.Error:
            raise self.lost() from None
        payloads += [n.payload for n in self._caught]
        self._caught.clear()
        if payloads or answered:
            self._heard = time.monotonic()
        else:
            # Woken without a notice (the server may be saying goodbye: it sends its
            # reason, then closes), or asked after a failed statement: make sure the
            # server still answers, without waiting for it here.
            self.ping()
        commits = (parse_notice(p) for p in payloads)
        return [c for c in commits if c is not None and c.txn not in self._own]

    def _ping_answered(self) -> bool:
        """Read the ping's answer once all of it has come (raises if it is an error)."""
        pgconn = self._conn.pgconn
        if pgconn.is_busy():
            return False
        while (result := pgconn.get_result()) is not None:
            if result.status == psycopg.pq.ExecStatus.FATAL_ERROR:
                raise psycopg.OperationalError("the server refused the ping")
        self._pinged_at = None
        return True

    def lost(self) -> ServerUnavailableError:
        return ServerUnavailableError(
            f"The connection to the server of {display_name(self._url)} was lost.")

    def close(self) -> None:
        self._conn.close()
