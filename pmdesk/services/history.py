"""Read the append-only event log: an item's history, what changed since a date."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.authorship import change_sentence
from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.errors import ConflictError
from pmdesk.domain.history import ItemHistory
from pmdesk.domain.models import Event
from pmdesk.services.base import ServiceBase, checked_first
from pmdesk.store import tables as t
from pmdesk.store.backend import fetch_together


def event_from_row(row: Mapping[Any, Any]) -> Event:
    return Event(
        id=row["id"],
        at=row["at"],
        txn=row["txn"],
        product_id=row["product_id"],
        entity=Entity(row["entity"]),
        entity_id=row["entity_id"],
        action=Action(row["action"]),
        fields=dict(row["fields"]),
        author=row["author"],
        note=row["note"],
    )


class HistoryService(ServiceBase):
    """Answer questions about past changes."""

    def for_item(self, entity: Entity, entity_id: int) -> list[Event]:
        """The item's events, oldest first; a card's include its comments and links."""
        with self.read() as conn:
            return _item_events(conn, entity, entity_id)

    def item_history(self, entity: Entity, entity_id: int, product_id: int | None
                     ) -> ItemHistory:
        """What the Item History dock shows, in one read: events, names and titles."""
        with self.read() as conn:
            events = _item_events(conn, entity, entity_id)
            return ItemHistory(events, _names(conn, product_id), _titles(conn, events))

    def since(self, product_id: int, when: datetime, limit: int = 5000) -> list[Event]:
        with self.read() as conn:
            rows = conn.execute(
                sa.select(t.event)
                .where(t.event.c.product_id == product_id, t.event.c.at >= when)
                .order_by(t.event.c.id.desc())
                .limit(limit)
            ).mappings()
            return [event_from_row(r) for r in rows]

    def names(self, product_id: int | None) -> dict[str, dict[int, str]]:
        """Names to show instead of ids in a product's history."""
        with self.read() as conn:
            return _names(conn, product_id)

    def titles(self, events: list[Event]) -> dict[tuple[Entity, int], str]:
        """A readable name for each item the events talk about, deleted ones included."""
        with self.read() as conn:
            return _titles(conn, events)

    def changed_elsewhere(self, changes: ChangeSet) -> bool:
        """Tell whether another window or process changed what ``changes`` touched since."""
        if changes.txn is None or not changes:
            return False
        with self.read() as conn:
            return self._changed_elsewhere(conn, changes) is not None

    def unless_changed_elsewhere(self, changes: ChangeSet, refusal: str
                                 ) -> AbstractContextManager[None]:
        """Refuse (ConflictError ``refusal``) the writes of the block if another window or
        process changed what ``changes`` touched since.

        Undo and redo run inside this, so they never silently revert someone else's work:
        the check runs in the write's own transaction, after its lock, so no change can
        slip in between the check and the write.
        """
        def check(conn: sa.Connection) -> None:
            if changes.txn is None or not changes:
                return
            later = self._changed_elsewhere(conn, changes)
            if later is not None:
                raise ConflictError(_naming(conn, refusal, later))

        return checked_first(check)

    def _changed_elsewhere(self, conn: sa.Connection, changes: ChangeSet) -> Event | None:
        """The first later event of another writer on what ``changes`` touched, if any."""
        touched: dict[tuple[str, int], frozenset[str]] = {}
        for change in changes.changes:
            key = (change.entity.value, change.id)
            touched[key] = touched.get(key, frozenset()) | change.fields
        ids = sorted({entity_id for _, entity_id in touched})
        (rows,) = fetch_together(conn, [(_events_since(), {"txn": changes.txn, "ids": ids})])
        for row in rows:
            mine = touched.get((row["entity"], row["entity_id"]))
            if mine is None or row["txn"] in self.workspace.written:
                continue
            if row["action"] != Action.UPDATE.value or not mine or mine & set(row["fields"]):
                return event_from_row(row)
        return None

    def explain(self, changes: ChangeSet, entity: Entity, note: str) -> None:
        """Keep ``note`` (why, e.g. a slipped end's reason) with the events of ``changes``
        about ``entity``; the log's other contents never change."""
        clean = " ".join(note.split())[:200]
        if changes.txn is None or not clean:
            return
        with self.write() as tx:
            tx.conn.execute(sa.update(t.event).where(
                t.event.c.txn == changes.txn, t.event.c.entity == entity.value,
            ).values(note=clean))

    def count(self) -> int:
        with self.read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t.event)).scalar_one())


def _item_events(conn: sa.Connection, entity: Entity, entity_id: int) -> list[Event]:
    condition = sa.and_(t.event.c.entity == entity.value, t.event.c.entity_id == entity_id)
    if entity is Entity.TASK:
        for part, table in ((Entity.COMMENT, t.task_comment), (Entity.LINK, t.task_link)):
            condition = sa.or_(condition, sa.and_(
                t.event.c.entity == part.value,
                t.event.c.entity_id.in_(
                    sa.select(table.c.id).where(table.c.task_id == entity_id))))
    rows = conn.execute(sa.select(t.event).where(condition).order_by(t.event.c.id)).mappings()
    return [event_from_row(r) for r in rows]


def _names(conn: sa.Connection, product_id: int | None) -> dict[str, dict[int, str]]:
    people = {i: n for i, n in conn.execute(sa.select(t.person.c.id, t.person.c.name))}
    result: dict[str, dict[int, str]] = {"assignee_id": people, "owner_id": people}
    if product_id is None:
        return result
    boards = sa.select(t.board.c.id).where(t.board.c.product_id == product_id)
    for field, table, column, condition in (
        ("column_id", t.board_column, t.board_column.c.name,
         t.board_column.c.board_id.in_(boards)),
        ("initiative_id", t.initiative, t.initiative.c.title,
         t.initiative.c.product_id == product_id),
        ("lane_id", t.lane, t.lane.c.name, t.lane.c.product_id == product_id),
        ("goal_id", t.goal, t.goal.c.name, t.goal.c.product_id == product_id),
        ("label_ids", t.label, t.label.c.name, t.label.c.product_id == product_id),
    ):
        rows = conn.execute(sa.select(table.c.id, column).where(condition))
        result[field] = {row_id: label for row_id, label in rows}
    return result


TITLE_COLUMNS = (
    (Entity.TASK, t.task.c.title),
    (Entity.INITIATIVE, t.initiative.c.title),
    (Entity.MILESTONE, t.milestone.c.title),
    (Entity.GOAL, t.goal.c.name),
    (Entity.LANE, t.lane.c.name),
    (Entity.COLUMN, t.board_column.c.name),
    (Entity.BOARD, t.board.c.name),
    (Entity.PRODUCT, t.product.c.name),
)


def _titles(conn: sa.Connection, events: list[Event]) -> dict[tuple[Entity, int], str]:
    found: dict[tuple[Entity, int], str] = {}
    for event in events:
        label = event.fields.get("title") or event.fields.get("name")
        if isinstance(label, list):
            label = label[-1]
        if isinstance(label, str) and label:
            found.setdefault((event.entity, event.entity_id), label)
    for entity, column in TITLE_COLUMNS:
        ids = {e.entity_id for e in events if e.entity is entity}
        if ids:
            table = column.table
            rows = conn.execute(sa.select(table.c.id, column).where(table.c.id.in_(ids)))
            for row_id, label in rows:
                found[(entity, row_id)] = label
    return found


def _naming(conn: sa.Connection, refusal: str, later: Event) -> str:
    """The refusal, followed by who made the later change and what it was."""
    title = _titles(conn, [later]).get((later.entity, later.entity_id), "")
    names: dict[str, dict[int, str]] = {}
    moved_to = later.fields.get("column_id")
    if isinstance(moved_to, list) and moved_to and isinstance(moved_to[-1], int):
        column = conn.execute(sa.select(t.board_column.c.name).where(
            t.board_column.c.id == moved_to[-1])).scalar()
        names["column_id"] = {moved_to[-1]: column or ""}
    return f"{refusal.rstrip('.')}: {change_sentence(later, title, names)}."


@functools.cache
def _events_since() -> sa.Select[Any]:
    """The events after the first of write ``txn`` about the rows whose ids are ``ids``
    (none if the write left no event): one statement, planned once."""
    first = (sa.select(sa.func.min(t.event.c.id))
             .where(t.event.c.txn == sa.bindparam("txn")).scalar_subquery())
    return (sa.select(t.event)
            .where(t.event.c.id > first,
                   t.event.c.entity_id.in_(sa.bindparam("ids", expanding=True)))
            .order_by(t.event.c.id))
