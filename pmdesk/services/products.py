"""Products and their goals: the product manager's strategy fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import ColumnKind, Entity
from pmdesk.domain.models import Goal, Product
from pmdesk.services import convert
from pmdesk.services.base import (
    ServiceBase,
    Tx,
    check_fields,
    delete_row,
    end_position,
    get_row,
    insert_row,
    move_row,
    unlink,
)
from pmdesk.services.cleaners import check_person, clean_text
from pmdesk.services.trash import bury_product
from pmdesk.store import tables as t

PRODUCT_TEXT_FIELDS = frozenset(
    {
        "tagline",
        "vision",
        "problem",
        "target_customers",
        "value_proposition",
        "success_metrics",
        "not_doing",
    }
)
PRODUCT_FIELDS = PRODUCT_TEXT_FIELDS | {"name", "owner_id"}
GOAL_FIELDS = frozenset({"name", "colour", "description", "metric", "target"})
DEFAULT_COLUMNS = (
    ("To do", ColumnKind.TODO),
    ("Doing", ColumnKind.DOING),
    ("Done", ColumnKind.DONE),
)


class ProductService(ServiceBase):
    """Create, edit, reorder and delete products and goals."""

    # ----- products
    def list_products(self) -> list[Product]:
        with self.read() as conn:
            rows = conn.execute(sa.select(t.product).order_by(t.product.c.position, t.product.c.id))
            return [convert.product(r) for r in rows.mappings()]

    def get_product(self, product_id: int) -> Product:
        with self.read() as conn:
            return convert.product(get_row(conn, t.product, product_id, "product"))

    def create_product(
        self, name: str, *, with_board: bool = True, **fields: Any
    ) -> Result[Product]:
        check_fields(fields, PRODUCT_FIELDS - {"name"}, "A product")
        with self.write() as tx:
            values = self._product_values(tx, {"name": name, **fields})
            values["position"] = end_position(tx.conn, t.product, sa.true())
            product_id = insert_row(tx, t.product, Entity.PRODUCT, None, values)
            if with_board:
                add_board(tx, product_id, "Delivery")
            row = get_row(tx.conn, t.product, product_id, "product")
        return Result(convert.product(row), tx.flush())

    def update_product(self, product_id: int, **fields: Any) -> Result[Product]:
        check_fields(fields, PRODUCT_FIELDS, "A product")
        return self.edit_row(t.product, Entity.PRODUCT, product_id, "product", convert.product,
                             lambda tx, _row: self._product_values(tx, fields),
                             lambda _conn, _row: product_id)

    def delete_product(self, product_id: int) -> Result[Tombstone]:
        """Delete a product with its roadmap and boards (restorable from the tombstone)."""
        with self.write() as tx:
            get_row(tx.conn, t.product, product_id, "product")
            bury_product(tx, product_id)
        return Result(tx.tombstone(), tx.flush())

    def delete_products(self, product_ids: Sequence[int]) -> Result[Tombstone]:
        """Delete several products in one transaction (one tombstone restores them all)."""
        with self.write() as tx:
            for product_id in product_ids:
                get_row(tx.conn, t.product, product_id, "product")
                bury_product(tx, product_id)
        return Result(tx.tombstone(), tx.flush())

    def move_product(self, product_id: int, index: int) -> Result[None]:
        with self.write() as tx:
            row = get_row(tx.conn, t.product, product_id, "product")
            move_row(tx, t.product, Entity.PRODUCT, row, sa.true(), index, product_id)
        return Result(None, tx.flush())

    def _product_values(self, tx: Tx, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "name":
                values["name"] = rules.clean_title(value, "product name")
            elif key == "owner_id":
                check_person(tx.conn, value)
                values["owner_id"] = value
            else:
                values[key] = clean_text(value, key.replace("_", " "))
        return values

    # ----- goals
    def list_goals(self, product_id: int) -> list[Goal]:
        return self.list_rows(t.goal, convert.goal, t.goal.c.product_id == product_id,
                              t.goal.c.position)

    def create_goal(self, product_id: int, name: str, **fields: Any) -> Result[Goal]:
        check_fields(fields, GOAL_FIELDS - {"name"}, "A goal")
        return self.add_to_product(t.goal, Entity.GOAL, "goal", product_id, convert.goal,
                                   lambda _tx: _goal_values({"name": name, **fields}), last=True)

    def update_goal(self, goal_id: int, **fields: Any) -> Result[Goal]:
        check_fields(fields, GOAL_FIELDS, "A goal")
        return self.edit_row(t.goal, Entity.GOAL, goal_id, "goal", convert.goal,
                             lambda _tx, _row: _goal_values(fields))

    def move_goal(self, goal_id: int, index: int) -> Result[None]:
        return self.move_among(t.goal, Entity.GOAL, goal_id, "goal", index)

    def delete_goal(self, goal_id: int) -> Result[Tombstone]:
        """Delete a goal; its initiatives stay, without a goal."""
        with self.write() as tx:
            row = get_row(tx.conn, t.goal, goal_id, "goal")
            unlink(tx, t.initiative, Entity.INITIATIVE, "goal_id", goal_id, row["product_id"])
            delete_row(tx, t.goal, Entity.GOAL, row, row["product_id"])
        return Result(tx.tombstone(), tx.flush())


def _goal_values(fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "name":
            values["name"] = rules.clean_title(value, "goal name")
        elif key == "colour":
            values["colour"] = rules.check_colour(value)
        else:
            values[key] = clean_text(value, f"goal {key}")
    return values


def add_board(tx: Tx, product_id: int, name: str) -> int:
    """Insert a board with the default columns (shared by products and boards)."""
    position = end_position(tx.conn, t.board, t.board.c.product_id == product_id)
    board_id = insert_row(
        tx, t.board, Entity.BOARD, product_id,
        {"product_id": product_id, "name": rules.clean_title(name, "board name"),
         "position": position},
    )
    for index, (column_name, kind) in enumerate(DEFAULT_COLUMNS):
        insert_row(
            tx, t.board_column, Entity.COLUMN, product_id,
            {"board_id": board_id, "name": column_name, "kind": kind.value,
             "position": index * 1024},
        )
    return board_id
