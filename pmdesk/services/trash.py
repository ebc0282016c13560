"""Deleting whole families of rows, and bringing them back exactly (undo)."""

from __future__ import annotations

from itertools import groupby

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.services.base import ServiceBase, Tx, delete_where
from pmdesk.services.board_bulk import hand_over_cards
from pmdesk.store import tables as t

ENTITY_OF_TABLE = {
    "product": Entity.PRODUCT, "goal": Entity.GOAL, "lane": Entity.LANE,
    "initiative": Entity.INITIATIVE, "milestone": Entity.MILESTONE,
    "dependency": Entity.DEPENDENCY, "board": Entity.BOARD, "board_column": Entity.COLUMN,
    "task": Entity.TASK, "person": Entity.PERSON, "label": Entity.LABEL,
    "checklist_item": Entity.CHECKLIST_ITEM, "task_comment": Entity.COMMENT,
    "task_link": Entity.LINK, "baseline": Entity.BASELINE,
}
# A restore bringing these back makes the board read itself again anyway.
WHOLE_BOARDS = frozenset({"product", "board", "board_column"})


def bury_tasks(tx: Tx, condition: sa.ColumnElement[bool], product_id: int | None) -> None:
    """Delete the tasks matching ``condition`` with their labels, watchers, checklists,
    comments and links."""
    ids = sa.select(t.task.c.id).where(condition).scalar_subquery()
    delete_where(tx, t.task_label, None, t.task_label.c.task_id.in_(ids), product_id)
    delete_where(tx, t.task_watcher, None, t.task_watcher.c.task_id.in_(ids), product_id)
    delete_where(tx, t.task_comment, Entity.COMMENT, t.task_comment.c.task_id.in_(ids),
                 product_id)
    delete_where(tx, t.task_link, Entity.LINK, t.task_link.c.task_id.in_(ids), product_id)
    delete_where(tx, t.checklist_item, Entity.CHECKLIST_ITEM, t.checklist_item.c.task_id.in_(ids),
                 product_id)
    delete_where(tx, t.task, Entity.TASK, condition, product_id)


def bury_boards(tx: Tx, condition: sa.ColumnElement[bool], product_id: int) -> None:
    boards = sa.select(t.board.c.id).where(condition).scalar_subquery()
    bury_tasks(tx, t.task.c.board_id.in_(boards), product_id)
    delete_where(tx, t.board_column, Entity.COLUMN, t.board_column.c.board_id.in_(boards),
                 product_id)
    delete_where(tx, t.board, Entity.BOARD, condition, product_id)


def bury_product(tx: Tx, product_id: int) -> None:
    bury_boards(tx, t.board.c.product_id == product_id, product_id)
    initiatives = sa.select(t.initiative.c.id).where(t.initiative.c.product_id == product_id)
    delete_where(tx, t.dependency, Entity.DEPENDENCY,
                 t.dependency.c.blocker_id.in_(initiatives.scalar_subquery()), product_id)
    for table, entity in (
        (t.initiative, Entity.INITIATIVE), (t.milestone, Entity.MILESTONE),
        (t.lane, Entity.LANE), (t.goal, Entity.GOAL), (t.label, Entity.LABEL),
    ):
        delete_where(tx, table, entity, table.c.product_id == product_id, product_id)
    delete_where(tx, t.product, Entity.PRODUCT, t.product.c.id == product_id, product_id)


class TrashService(ServiceBase):
    """Undo a delete: re-insert its rows with their ids, then restore lost links."""

    def restore(self, tombstone: Tombstone) -> Result[None]:
        with self.write() as tx:
            # Parents were deleted last, so they go back first; runs of one table are
            # inserted together, which keeps undoing a big delete fast.
            for table_name, rows in groupby(reversed(tombstone.rows), key=lambda row: row[0]):
                table = t.metadata.tables[table_name]
                values = [row for _, row in rows]
                try:
                    tx.conn.execute(sa.insert(table), values)
                except IntegrityError:
                    raise ValidationError(
                        "This cannot be brought back: something it belonged to was deleted since."
                    ) from None
                entity = ENTITY_OF_TABLE.get(table_name)
                if entity is not None:
                    for row in values:
                        tx.record(entity, row["id"], Action.CREATE, row.get("product_id"), row)
            for table_name, row_id, old in tombstone.relinks:
                table = t.metadata.tables[table_name]
                current = tx.conn.execute(
                    sa.select(*(table.c[k] for k in old)).where(table.c.id == row_id)
                ).mappings().first()
                if current is None:
                    continue
                tx.conn.execute(sa.update(table).where(table.c.id == row_id).values(**old))
                tx.record(ENTITY_OF_TABLE[table_name], row_id, Action.UPDATE, None,
                          {k: [current[k], v] for k, v in old.items()})
            if not {name for name, _ in tombstone.rows} & WHOLE_BOARDS:
                cards = [values for name, values in tombstone.rows if name == "task"]
                hand_over_cards(tx, (c["id"] for c in cards))
        return Result(None, tx.flush())
