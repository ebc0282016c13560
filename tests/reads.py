"""Count the read transactions a gesture costs, by listening on the workspace's engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa

from pmdesk.services import Services
from pmdesk.store.backend import READ_OPTION


@dataclass
class Reads:
    """Read transactions begun (``ServiceBase.read``), and every SELECT run outside a write."""

    transactions: int = 0
    selects: int = 0
    statements: list[str] = field(default_factory=list)


@contextmanager
def counting_reads(services: Services) -> Iterator[Reads]:
    """Count what ``services``' engine reads while the block runs (writes are not counted)."""
    engine = services.workspace.engine
    reads = Reads()

    def begun(conn: sa.Connection) -> None:
        if conn.get_execution_options().get(READ_OPTION, False):
            reads.transactions += 1

    def executing(conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        if conn.get_execution_options().get(READ_OPTION, False) and (
            statement.lstrip().upper().startswith("SELECT")
        ):
            reads.selects += 1
            reads.statements.append(statement)

    sa.event.listen(engine, "begin", begun)
    sa.event.listen(engine, "before_cursor_execute", executing)
    try:
        yield reads
    finally:
        sa.event.remove(engine, "begin", begun)
        sa.event.remove(engine, "before_cursor_execute", executing)
