"""Live notices of other clients' commits on a PostgreSQL server (LISTEN/NOTIFY).

Each write's transaction sends ``first:last:txn`` (its event ids and transaction) on
``EVENTS_CHANNEL`` (see ``PostgresServer.after_write``); the server delivers it when the
write commits. A window listens on a connection of its own and watches its socket, so
nothing polls the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
import sqlalchemy as sa

from pmdesk.domain.errors import ServerUnavailableError
from pmdesk.store.postgres import (
    CONNECT_TIMEOUT_S,
    EVENTS_CHANNEL,
    display_name,
    libpq_conninfo,
    server_errors,
)

# The server's TCP keepalives notice a vanished host (a pulled cable, a sleeping laptop)
# within about KEEPALIVE_IDLE_S + 3 probes of KEEPALIVE_INTERVAL_S.
KEEPALIVE_IDLE_S = 5
KEEPALIVE_INTERVAL_S = 2


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
            self._conn: psycopg.Connection[Any] = psycopg.connect(
                libpq_conninfo(url), autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                application_name="pmdesk live", keepalives=1,
                keepalives_idle=KEEPALIVE_IDLE_S, keepalives_interval=KEEPALIVE_INTERVAL_S,
                keepalives_count=3)
            self._conn.execute(f"LISTEN {EVENTS_CHANNEL}")
        self._socket = self._conn.pgconn.socket
        # Notices the driver reads while it runs a statement of ours land here.
        self._caught: list[psycopg.Notify] = []
        self._conn.add_notify_handler(self._caught.append)

    def fileno(self) -> int:
        """The socket that becomes readable when a notice (or the connection's end) comes."""
        return int(self._socket)

    def take(self) -> list[Commit]:
        """Other clients' commits announced since the last call; raises
        ``ServerUnavailableError`` when the connection to the server is gone."""
        pgconn = self._conn.pgconn
        payloads: list[str] = []
        try:
            pgconn.consume_input()
            while (notice := pgconn.notifies()) is not None:
                payloads.append(notice.extra.decode())
            if not payloads and not self._caught:
                # Readable without a notice: the server may be saying goodbye (it sends
                # its reason, then closes), so make sure the connection still answers.
                self._conn.execute("SELECT 1")
        except psycopg.Error:
            raise self.lost() from None
        payloads += [n.payload for n in self._caught]
        self._caught.clear()
        commits = (parse_notice(p) for p in payloads)
        return [c for c in commits if c is not None and c.txn not in self._own]

    def lost(self) -> ServerUnavailableError:
        return ServerUnavailableError(
            f"The connection to the server of {display_name(self._url)} was lost.")

    def close(self) -> None:
        self._conn.close()
