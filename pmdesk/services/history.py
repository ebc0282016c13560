"""Read the append-only event log: an item's history, what changed since a date."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.models import Event
from pmdesk.services.base import ServiceBase
from pmdesk.store import tables as t


def _event(row: sa.RowMapping) -> Event:
    return Event(
        id=row["id"],
        at=row["at"],
        txn=row["txn"],
        product_id=row["product_id"],
        entity=Entity(row["entity"]),
        entity_id=row["entity_id"],
        action=Action(row["action"]),
        fields=dict(row["fields"]),
    )


class HistoryService(ServiceBase):
    """Answer questions about past changes."""

    def for_item(self, entity: Entity, entity_id: int) -> list[Event]:
        with self.read() as conn:
            rows = conn.execute(
                sa.select(t.event)
                .where(t.event.c.entity == entity.value, t.event.c.entity_id == entity_id)
                .order_by(t.event.c.id)
            ).mappings()
            return [_event(r) for r in rows]

    def since(self, product_id: int, when: datetime, limit: int = 5000) -> list[Event]:
        with self.read() as conn:
            rows = conn.execute(
                sa.select(t.event)
                .where(t.event.c.product_id == product_id, t.event.c.at >= when)
                .order_by(t.event.c.id.desc())
                .limit(limit)
            ).mappings()
            return [_event(r) for r in rows]

    def count(self) -> int:
        with self.read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t.event)).scalar_one())
