"""Round trips to a PostgreSQL server, counted from libpq's protocol trace."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event


def round_trips(services: Any, fn: Callable[[], object]) -> int:
    """How many times ``fn`` waits for the server: libpq's protocol trace of every
    connection it uses, counted where the client stops sending and the server answers."""
    engine = services.workspace.engine
    trace = Path(tempfile.mkstemp(prefix="pmdesk-trace-")[1])
    with trace.open("w") as sink:
        def traced(dbapi_connection: Any, *_args: Any) -> None:
            dbapi_connection.pgconn.trace(sink.fileno())

        def untraced(dbapi_connection: Any, *_args: Any) -> None:
            dbapi_connection.pgconn.untrace()

        event.listen(engine, "checkout", traced)
        event.listen(engine, "checkin", untraced)
        try:
            fn()
        finally:
            event.remove(engine, "checkout", traced)
            event.remove(engine, "checkin", untraced)
    turns, last = 0, ""
    for line in trace.read_text().splitlines():
        way = next((part for part in line.split("\t") if part in ("F", "B")), "")
        turns += way == "B" and last == "F"
        last = way or last
    trace.unlink()
    return turns
