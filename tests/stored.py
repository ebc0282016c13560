"""What a workspace holds, table by table, to prove a refused write changed nothing."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from pmdesk.services import Services
from pmdesk.store import tables as t


def every_row(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in an order that does not depend on how it was read."""
    with services.workspace.engine.connect() as conn:
        return {table.name: sorted(map(tuple, conn.execute(sa.select(table))), key=repr)
                for table in t.metadata.sorted_tables}
