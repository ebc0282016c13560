"""Boards and their columns (kinds, WIP limits, order)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Action, ColumnKind, Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Board, Column
from pmdesk.services import convert
from pmdesk.services.base import (
    ServiceBase,
    Tx,
    check_fields,
    delete_row,
    end_position,
    get_row,
    insert_row,
    ordered_rows,
    place_new_row,
    update_row,
)
from pmdesk.services.board_bulk import active_order
from pmdesk.services.board_reads import BoardCards, board_cards
from pmdesk.services.products import add_board
from pmdesk.services.trash import bury_boards
from pmdesk.store import tables as t

COLUMN_FIELDS = frozenset({"name", "kind", "wip_limit", "wip_hard"})
MAX_WIP_LIMIT = 1_000_000


def board_product(conn: sa.Connection, board_id: int) -> int:
    return int(get_row(conn, t.board, board_id, "board")["product_id"])


def clean_wip_limit(value: Any) -> int | None:
    """A WIP limit as the column editor accepts it: a whole number of cards, or None."""
    number = rules.parse_number(value, "WIP limit")
    if number is None or number == 0:
        return None
    if number < 0 or number != int(number) or number > MAX_WIP_LIMIT:
        raise ValidationError("The WIP limit must be a whole number of cards, or empty.")
    return int(number)


class BoardService(ServiceBase):
    """Create, rename, reorder and delete boards and columns."""

    def list_boards(self, product_id: int) -> list[Board]:
        return self.list_rows(t.board, convert.board, t.board.c.product_id == product_id,
                              t.board.c.position)

    def list_columns(self, board_id: int) -> list[Column]:
        with self.read() as conn:
            return [convert.column(r) for r in column_rows(conn, board_id)]

    def cards(self, board_id: int, today: date | None = None) -> BoardCards:
        """The board's active cards as rows, for views that build values on demand."""
        with self.read() as conn:
            return board_cards(conn, board_id, today or self.today())

    def column_order(self, column_id: int) -> list[int]:
        """Ids of the active cards of a column, top to bottom."""
        with self.read() as conn:
            get_row(conn, t.board_column, column_id, "column")
            return active_order(conn, column_id)

    def column_holds(self, column_id: int) -> int:
        """How many cards (archived ones included) deleting the column would have to move."""
        with self.read() as conn:
            get_row(conn, t.board_column, column_id, "column")
            return int(conn.execute(
                sa.select(sa.func.count()).where(t.task.c.column_id == column_id)
            ).scalar_one())

    def create_board(self, product_id: int, name: str) -> Result[Board]:
        with self.write() as tx:
            get_row(tx.conn, t.product, product_id, "product")
            board_id = add_board(tx, product_id, name)
            row = get_row(tx.conn, t.board, board_id, "board")
        return Result(convert.board(row), tx.flush())

    def rename_board(self, board_id: int, name: str) -> Result[Board]:
        return self.edit_row(t.board, Entity.BOARD, board_id, "board", convert.board,
                             lambda _tx, _row: {"name": rules.clean_title(name, "board name")})

    def set_start_column(self, board_id: int, column_id: int | None) -> Result[Board]:
        """Choose where the board's cycle time starts (None: its first "doing" column)."""
        def values(tx: Tx, _row: Any) -> dict[str, Any]:
            if column_id is not None:
                column = get_row(tx.conn, t.board_column, column_id, "column")
                if column["board_id"] != board_id:
                    raise ValidationError("Work can only start in a column of the same board.")
            return {"start_column_id": column_id}

        return self.edit_row(t.board, Entity.BOARD, board_id, "board", convert.board, values)

    def delete_board(self, board_id: int) -> Result[Tombstone]:
        """Delete a board with its columns and cards (restorable from the tombstone)."""
        with self.write() as tx:
            row = get_row(tx.conn, t.board, board_id, "board")
            bury_boards(tx, t.board.c.id == board_id, row["product_id"])
        return Result(tx.tombstone(), tx.flush())

    # ----- columns
    def add_column(
        self,
        board_id: int,
        name: str,
        kind: ColumnKind | str = ColumnKind.TODO,
        wip_limit: int | None = None,
        wip_hard: bool = False,
        index: int | None = None,
    ) -> Result[Column]:
        with self.write() as tx:
            product_id = board_product(tx.conn, board_id)
            values = _column_values(
                {"name": name, "kind": kind, "wip_limit": wip_limit, "wip_hard": wip_hard}
            )
            scope = t.board_column.c.board_id == board_id
            values["board_id"] = board_id
            values["position"] = end_position(tx.conn, t.board_column, scope)
            column_id = insert_row(tx, t.board_column, Entity.COLUMN, product_id, values)
            place_new_row(tx, t.board_column, scope, column_id, index)
            row = get_row(tx.conn, t.board_column, column_id, "column")
        return Result(convert.column(row), tx.flush())

    def update_column(self, column_id: int, **fields: Any) -> Result[Column]:
        check_fields(fields, COLUMN_FIELDS, "A column")
        return self.edit_row(
            t.board_column, Entity.COLUMN, column_id, "column", convert.column,
            lambda _tx, _row: _column_values(fields),
            lambda conn, row: board_product(conn, row["board_id"]))

    def move_column(self, column_id: int, index: int) -> Result[None]:
        return self.move_among(t.board_column, Entity.COLUMN, column_id, "column", index,
                               "board_id", lambda conn, row: board_product(conn, row["board_id"]))

    def delete_column(
        self, column_id: int, move_tasks_to: int | None = None
    ) -> Result[Tombstone]:
        """Delete a column; a column with cards needs a column of the same board to take them."""
        with self.write() as tx:
            row = get_row(tx.conn, t.board_column, column_id, "column")
            product_id = board_product(tx.conn, row["board_id"])
            siblings = column_rows(tx.conn, row["board_id"])
            if len(siblings) == 1:
                raise ValidationError("A board needs at least one column.")
            tasks = tx.conn.execute(
                sa.select(t.task).where(t.task.c.column_id == column_id)
                .order_by(t.task.c.position)
            ).mappings().all()
            if tasks:
                self._move_all(tx, row, tasks, move_tasks_to, product_id)
            delete_row(tx, t.board_column, Entity.COLUMN, row, product_id)
        return Result(tx.tombstone(), tx.flush())

    @staticmethod
    def _move_all(
        tx: Tx, row: Any, tasks: Sequence[Any], target_id: int | None, product_id: int
    ) -> None:
        if target_id is None:
            raise ValidationError(
                f"“{row['name']}” still holds {len(tasks)} cards; choose where they go."
            )
        target = get_row(tx.conn, t.board_column, target_id, "column")
        if target["board_id"] != row["board_id"] or target_id == row["id"]:
            raise ValidationError("Cards can only go to another column of the same board.")
        scope = t.task.c.column_id == target_id
        position = end_position(tx.conn, t.task, scope)
        for offset, task in enumerate(tasks):
            values = {"column_id": target_id, "position": position + offset * 1024,
                      "column_since": tx.now}
            tx.relinked.append(("task", task["id"], {k: task[k] for k in values}))
            update_row(tx, t.task, Entity.TASK, task, values, product_id, Action.MOVE)


def column_rows(conn: sa.Connection, board_id: int) -> list[sa.RowMapping]:
    """The board's columns in order; archived ones (from a Trello import) are left out."""
    live = sa.and_(t.board_column.c.board_id == board_id, t.board_column.c.archived_at.is_(None))
    return ordered_rows(conn, t.board_column, live, t.board_column.c.position)


def _column_values(fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "name":
            values[key] = rules.clean_title(value, "column name")
        elif key == "kind":
            values[key] = rules.parse_enum(ColumnKind, value, "column kind").value
        elif key == "wip_limit":
            values[key] = clean_wip_limit(value)
        else:
            values[key] = bool(value)
    return values
