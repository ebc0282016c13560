"""A bound on waiting for a PostgreSQL server that stopped answering.

A server that hangs (or a host frozen behind a link that still acknowledges packets)
closes no socket and sends nothing, so TCP's keepalives and ``tcp_user_timeout`` never
fire and a statement would wait for it for ever, with the window frozen. Two guards:

- before connecting, the server is asked for a sign of life that needs no login (an
  ``SSLRequest``, which a running server answers with one byte at once), so a connection
  to a server that does not answer fails within ``PROBE_TIMEOUT_S`` instead of libpq's
  connect timeout, per attempt;
- a watchdog thread asks the same of the server of every statement still waiting after
  ``PROBE_AFTER_S``, and again as long as it waits; when the server does not answer, it
  shuts the statement's socket down, and the statement fails as a lost connection does.
  A slow statement on a server that answers is never cut.
"""

from __future__ import annotations

import itertools
import os
import socket
import struct
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
import psycopg.conninfo

PROBE_AFTER_S = 2.0
PROBE_TIMEOUT_S = 2.0
_TICK_S = 0.25
_SSL_REQUEST = struct.pack("!ii", 8, 80877103)  # the protocol's SSLRequest message


# psycopg.connect's own arguments, which are not libpq settings.
_NOT_CONNINFO = frozenset({"autocommit", "prepare_threshold", "context", "row_factory",
                           "cursor_factory"})


class ServerSilentError(psycopg.OperationalError):
    """The server did not answer a sign-of-life probe in time."""


def _address(conninfo: dict[str, Any]) -> tuple[int, Any] | None:
    """Where the server listens (family, address), or None when libpq alone knows (no
    host given, several hosts)."""
    host = str(conninfo.get("hostaddr") or conninfo.get("host") or "")
    port = str(conninfo.get("port") or "5432")
    if not host or "," in host or "," in port or not port.isdigit():
        return None
    if host.startswith("/"):
        return socket.AF_UNIX, f"{host}/.s.PGSQL.{port}"
    return socket.AF_UNSPEC, (host, int(port))


def server_address(driver: psycopg.Connection[Any]) -> tuple[int, Any] | None:
    """Where ``driver``'s server listens, as ``silent`` probes it."""
    info = driver.info
    return _address({"host": info.host, "port": info.port,
                     "hostaddr": getattr(info, "hostaddr", "")})


def silent(address: tuple[int, Any], timeout: float = PROBE_TIMEOUT_S) -> bool:
    """True when the server at ``address`` does not answer an SSLRequest within
    ``timeout`` (a refused connection is not silence: libpq says why it failed)."""
    family, where = address
    try:
        if family == socket.AF_UNIX:
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            probe.settimeout(timeout)
            probe.connect(where)
        else:
            probe = socket.create_connection(where, timeout=timeout)
        with probe:
            probe.settimeout(timeout)
            probe.sendall(_SSL_REQUEST)
            probe.recv(1)
    except TimeoutError:
        return True
    except OSError:
        return False
    return False


def check_answers(conninfo: str, **kwargs: Any) -> None:
    """Raise ``ServerSilentError`` when the server a connection would go to does not
    answer (``kwargs``: as ``psycopg.connect`` takes them)."""
    settings = {k: v for k, v in kwargs.items() if k not in _NOT_CONNINFO}
    address = _address(psycopg.conninfo.conninfo_to_dict(conninfo, **settings))
    if address is not None and silent(address):
        raise ServerSilentError("the server does not answer")


@dataclass
class _Watch:
    socket_fd: int
    address: tuple[int, Any]
    since: float
    next_probe: float


class Watchdog:
    """Cuts the connection of a statement whose server stopped answering."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watches: dict[int, _Watch] = {}
        self._tokens = itertools.count()
        self._cut_at: dict[tuple[int, Any], float] = {}
        self._addresses: weakref.WeakKeyDictionary[psycopg.Connection[Any], Any] = (
            weakref.WeakKeyDictionary())
        self._thread: threading.Thread | None = None

    def found_silent(self, address: tuple[int, Any] | None, since: float) -> bool:
        """True when a statement to the server at ``address`` was cut for its silence
        after ``since`` (a ``time.monotonic()`` reading)."""
        with self._lock:
            return address is not None and self._cut_at.get(address, since) > since

    @contextmanager
    def watching(self, driver: psycopg.Connection[Any]) -> Iterator[None]:
        """Guard what ``driver`` waits for inside the block."""
        try:
            address = self._addresses.get(driver, ())
            if address == ():
                address = self._addresses[driver] = server_address(driver)
            fd = driver.pgconn.socket
        except psycopg.Error:
            address = None  # closed already: the statement fails by itself
        if address is None:
            yield
            return
        now = time.monotonic()
        token = next(self._tokens)
        with self._lock:
            self._watches[token] = _Watch(fd, address, now, now + PROBE_AFTER_S)
            self._start()
        try:
            yield
        finally:
            with self._lock:
                self._watches.pop(token, None)  # the watchdog may have cut it

    def _start(self) -> None:
        if self._thread is None:  # it runs as long as the process
            self._thread = threading.Thread(target=self._run, name="pmdesk server watchdog",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(_TICK_S)
            now = time.monotonic()
            with self._lock:
                due = [(token, watch) for token, watch in self._watches.items()
                       if watch.next_probe <= now]
            for token, watch in due:
                if not silent(watch.address):
                    watch.next_probe = time.monotonic() + PROBE_AFTER_S
                    continue
                with self._lock:
                    if token in self._watches:  # still waiting: cut it
                        _shut_down(watch.socket_fd)
                        del self._watches[token]
                        self._cut_at[watch.address] = time.monotonic()


def _shut_down(fd: int) -> None:
    """Make the blocked read on ``fd`` fail at once (the driver still owns and closes it)."""
    try:
        duplicate = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    with duplicate:
        try:
            duplicate.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


WATCHDOG = Watchdog()
