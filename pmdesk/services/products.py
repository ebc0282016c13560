"""Products and their goals: the product manager's strategy fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import ColumnKind, Entity
from pmdesk.domain.errors import ValidationError
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
    ordered_rows,
    unlink,
    update_row,
)
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


def check_person(conn: sa.Connection, person_id: int | None) -> None:
    if person_id is not None:
        get_row(conn, t.person, person_id, "person")


def clean_text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"The {what} must be text.")
    return value.strip()


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
        with self.write() as tx:
            row = get_row(tx.conn, t.product, product_id, "product")
            values = self._product_values(tx, fields)
            update_row(tx, t.product, Entity.PRODUCT, row, values, product_id)
            row = get_row(tx.conn, t.product, product_id, "product")
        return Result(convert.product(row), tx.flush())

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
        with self.read() as conn:
            return [convert.goal(r) for r in _goal_rows(conn, product_id)]

    def create_goal(self, product_id: int, name: str, **fields: Any) -> Result[Goal]:
        check_fields(fields, GOAL_FIELDS - {"name"}, "A goal")
        with self.write() as tx:
            get_row(tx.conn, t.product, product_id, "product")
            values = _goal_values({"name": name, **fields})
            values["product_id"] = product_id
            values["position"] = end_position(tx.conn, t.goal, t.goal.c.product_id == product_id)
            goal_id = insert_row(tx, t.goal, Entity.GOAL, product_id, values)
            row = get_row(tx.conn, t.goal, goal_id, "goal")
        return Result(convert.goal(row), tx.flush())

    def update_goal(self, goal_id: int, **fields: Any) -> Result[Goal]:
        check_fields(fields, GOAL_FIELDS, "A goal")
        with self.write() as tx:
            row = get_row(tx.conn, t.goal, goal_id, "goal")
            update_row(tx, t.goal, Entity.GOAL, row, _goal_values(fields), row["product_id"])
            row = get_row(tx.conn, t.goal, goal_id, "goal")
        return Result(convert.goal(row), tx.flush())

    def move_goal(self, goal_id: int, index: int) -> Result[None]:
        with self.write() as tx:
            row = get_row(tx.conn, t.goal, goal_id, "goal")
            scope = t.goal.c.product_id == row["product_id"]
            move_row(tx, t.goal, Entity.GOAL, row, scope, index, row["product_id"])
        return Result(None, tx.flush())

    def delete_goal(self, goal_id: int) -> Result[Tombstone]:
        """Delete a goal; its initiatives stay, without a goal."""
        with self.write() as tx:
            row = get_row(tx.conn, t.goal, goal_id, "goal")
            unlink(tx, t.initiative, Entity.INITIATIVE, "goal_id", goal_id, row["product_id"])
            delete_row(tx, t.goal, Entity.GOAL, row, row["product_id"])
        return Result(tx.tombstone(), tx.flush())


def _goal_rows(conn: sa.Connection, product_id: int) -> list[sa.RowMapping]:
    return ordered_rows(conn, t.goal, t.goal.c.product_id == product_id, t.goal.c.position)


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
