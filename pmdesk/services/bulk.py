"""Insert many new rows fast: explicit ids, one ``executemany`` per table, and still an
event-log row for every created item. Used by the sample generator and the imports."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.enums import Action, Entity
from pmdesk.services.base import Tx, to_json
from pmdesk.store import tables as t
from pmdesk.store.backend import bulk_written, next_free_id


class Bulk:
    """Collect new rows per table with explicit ids; write each table in one go."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx
        self.next_id: dict[str, int] = {}
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.order: list[sa.Table] = []
        self.history: list[dict[str, Any]] = []

    def take_id(self, table: sa.Table) -> int:
        if table.name not in self.next_id:
            self.next_id[table.name] = next_free_id(self.tx.conn, table)
        self.next_id[table.name] += 1
        return self.next_id[table.name] - 1

    def add(self, table: sa.Table, entity: Entity | None, product_id: int | None,
            values: dict[str, Any], logged: Mapping[str, Any] | None = None,
            at: datetime | None = None) -> int:
        if "id" in table.c and "id" not in values:
            values["id"] = self.take_id(table)
        row_id = int(values.get("id", 0))
        if table.name not in self.rows:
            self.order.append(table)
        self.rows.setdefault(table.name, []).append(values)
        if entity is not None:
            self.log(entity, row_id, Action.CREATE, product_id, {**values, **(logged or {})}, at)
        return row_id

    def log(self, entity: Entity, row_id: int, action: Action, product_id: int | None,
            fields: Mapping[str, Any], at: datetime | None = None, note: str = "") -> None:
        """Log a change; ``at`` dates it in the past (a sample's history, an import's),
        ``note`` says why (only for dated changes)."""
        if at is None:
            self.tx.record(entity, row_id, action, product_id, fields)
            return
        self.tx.record(entity, row_id, action, product_id, fields, log=False)
        self.history.append({
            "at": at, "txn": self.tx.txn, "product_id": product_id, "entity": entity.value,
            "entity_id": row_id, "action": action.value, "note": note,
            "fields": {k: to_json(v) for k, v in fields.items()},
        })

    def flush(self) -> None:
        for table in self.order:
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for row in self.rows[table.name]:
                groups.setdefault(tuple(sorted(row)), []).append(row)
            for rows in groups.values():
                self.tx.conn.execute(sa.insert(table), rows)
        if self.history:
            self.history.sort(key=lambda e: e["at"])
            self.tx.conn.execute(sa.insert(t.event), self.history)
            self.history = []
        bulk_written(self.tx.conn, self.order, sum(len(rows) for rows in self.rows.values()))
