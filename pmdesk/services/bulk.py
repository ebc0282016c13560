"""Insert many new rows fast: explicit ids, one ``executemany`` per table, and still an
event-log row for every created item. Used by the sample generator and the imports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.enums import Action, Entity
from pmdesk.services.base import Tx
from pmdesk.store.sqlite import next_free_id


class Bulk:
    """Collect new rows per table with explicit ids; write each table in one go."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx
        self.next_id: dict[str, int] = {}
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.order: list[sa.Table] = []

    def take_id(self, table: sa.Table) -> int:
        if table.name not in self.next_id:
            self.next_id[table.name] = next_free_id(self.tx.conn, table)
        self.next_id[table.name] += 1
        return self.next_id[table.name] - 1

    def add(self, table: sa.Table, entity: Entity | None, product_id: int | None,
            values: dict[str, Any], logged: Mapping[str, Any] | None = None) -> int:
        if "id" in table.c and "id" not in values:
            values["id"] = self.take_id(table)
        row_id = int(values.get("id", 0))
        if table.name not in self.rows:
            self.order.append(table)
        self.rows.setdefault(table.name, []).append(values)
        if entity is not None:
            self.tx.record(entity, row_id, Action.CREATE, product_id, {**values, **(logged or {})})
        return row_id

    def flush(self) -> None:
        for table in self.order:
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in self.rows[table.name]:
                groups.setdefault(tuple(sorted(row)), []).append(row)
            for rows in groups.values():
                self.tx.conn.execute(sa.insert(table), rows)
