"""Roadmap initiatives and the dependencies between them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Action, Entity, Horizon, InitiativeStatus
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Dependency, Initiative
from pmdesk.services import convert
from pmdesk.services.base import (
    ServiceBase,
    Tx,
    check_fields,
    check_in_product,
    delete_row,
    delete_where,
    end_position,
    get_row,
    insert_row,
    ordered_rows,
    place,
    unlink,
    update_row,
)
from pmdesk.services.products import check_person, clean_text
from pmdesk.services.versions import refuse_lost_update
from pmdesk.store import tables as t

INITIATIVE_FIELDS = frozenset(
    {
        "title", "description", "lane_id", "goal_id", "status", "start_date", "end_date",
        "horizon", "owner_id", "reach", "impact", "confidence", "effort",
    }
)
RICE_FIELDS = ("reach", "impact", "confidence", "effort")


class InitiativeService(ServiceBase):
    """Create, edit, schedule, reorder and delete initiatives; link dependencies."""

    def get_initiative(self, initiative_id: int) -> Initiative:
        with self.read() as conn:
            return convert.initiative(get_row(conn, t.initiative, initiative_id, "initiative"))

    def list_initiatives(self, product_id: int) -> list[Initiative]:
        with self.read() as conn:
            rows = ordered_rows(conn, t.initiative, t.initiative.c.product_id == product_id,
                                t.initiative.c.position)
            return [convert.initiative(r) for r in rows]

    def create_initiative(self, product_id: int, title: str, **fields: Any) -> Result[Initiative]:
        check_fields(fields, INITIATIVE_FIELDS - {"title"}, "An initiative")
        with self.write() as tx:
            get_row(tx.conn, t.product, product_id, "product")
            values = self._values(tx, product_id, {}, {"title": title, **fields})
            values["product_id"] = product_id
            scope = t.initiative.c.product_id == product_id
            values["position"] = end_position(tx.conn, t.initiative, scope)
            new_id = insert_row(tx, t.initiative, Entity.INITIATIVE, product_id, values)
            row = get_row(tx.conn, t.initiative, new_id, "initiative")
        return Result(convert.initiative(row), tx.flush())

    def update_initiative(self, initiative_id: int, *, based_on: Initiative | None = None,
                          note: str = "", **fields: Any) -> Result[Initiative]:
        """Change fields; with ``based_on`` (as an editor loaded it) a field someone else
        changed since is not overwritten (EditConflictError names who changed what).
        ``note`` is why (a slipped end's reason), kept with the change in the log."""
        check_fields(fields, INITIATIVE_FIELDS, "An initiative")
        with self.write(note) as tx:
            row = get_row(tx.conn, t.initiative, initiative_id, "initiative")
            if based_on is not None and row["version"] != based_on.version:
                refuse_lost_update(tx.conn, Entity.INITIATIVE, based_on,
                                   convert.initiative(row), fields)
            values = self._values(tx, row["product_id"], row, fields)
            update_row(tx, t.initiative, Entity.INITIATIVE, row, values, row["product_id"])
            row = get_row(tx.conn, t.initiative, initiative_id, "initiative")
        return Result(convert.initiative(row), tx.flush())

    def move_initiative(self, initiative_id: int, index: int, note: str = "",
                        **fields: Any) -> Result[Initiative]:
        """Reorder an initiative (parking lot, horizons), optionally changing fields too."""
        check_fields(fields, INITIATIVE_FIELDS, "An initiative")
        with self.write(note) as tx:
            row = get_row(tx.conn, t.initiative, initiative_id, "initiative")
            product_id = row["product_id"]
            values = self._values(tx, product_id, row, fields)
            scope = t.initiative.c.product_id == product_id
            values["position"] = place(tx, t.initiative, scope, initiative_id, index)
            update_row(tx, t.initiative, Entity.INITIATIVE, row, values, product_id, Action.MOVE)
            row = get_row(tx.conn, t.initiative, initiative_id, "initiative")
        return Result(convert.initiative(row), tx.flush())

    def delete_initiative(self, initiative_id: int) -> Result[Tombstone]:
        """Delete an initiative and its dependencies; its tasks stay on the board, unlinked."""
        with self.write() as tx:
            row = get_row(tx.conn, t.initiative, initiative_id, "initiative")
            product_id = row["product_id"]
            unlink(tx, t.task, Entity.TASK, "initiative_id", initiative_id, product_id)
            delete_where(
                tx, t.dependency, Entity.DEPENDENCY,
                sa.or_(t.dependency.c.blocker_id == initiative_id,
                       t.dependency.c.blocked_id == initiative_id),
                product_id,
            )
            delete_row(tx, t.initiative, Entity.INITIATIVE, row, product_id)
        return Result(tx.tombstone(), tx.flush())

    def _values(
        self, tx: Tx, product_id: int, current: Any, fields: dict[str, Any]
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "title":
                values[key] = rules.clean_title(value, "initiative title")
            elif key == "description":
                values[key] = clean_text(value, "description")
            elif key == "lane_id":
                check_in_product(tx.conn, t.lane, value, product_id, "lane")
                values[key] = value
            elif key == "goal_id":
                check_in_product(tx.conn, t.goal, value, product_id, "goal")
                values[key] = value
            elif key == "owner_id":
                check_person(tx.conn, value)
                values[key] = value
            elif key == "status":
                values[key] = rules.parse_enum(InitiativeStatus, value, "status").value
            elif key == "horizon":
                values[key] = rules.parse_enum(Horizon, value, "horizon").value
            elif key in ("start_date", "end_date"):
                values[key] = rules.parse_date(value, key.replace("_", " "))
            else:
                values[key] = rules.parse_number(value, key)

        def final(key: str) -> Any:
            return values[key] if key in values else (current[key] if current else None)

        rules.check_date_order(final("start_date"), final("end_date"))
        rules.check_rice(*(final(k) for k in RICE_FIELDS))
        return values

    # ----- dependencies
    def list_dependencies(self, product_id: int) -> list[Dependency]:
        with self.read() as conn:
            return [convert.dependency(r) for r in _dependency_rows(conn, product_id)]

    def add_dependency(self, blocker_id: int, blocked_id: int) -> Result[Dependency]:
        with self.write() as tx:
            blocker = get_row(tx.conn, t.initiative, blocker_id, "initiative")
            blocked = get_row(tx.conn, t.initiative, blocked_id, "initiative")
            product_id = blocker["product_id"]
            if blocked["product_id"] != product_id:
                raise ValidationError("Dependencies can only link initiatives of one product.")
            rows = _dependency_rows(tx.conn, product_id)
            edges = [(r["blocker_id"], r["blocked_id"]) for r in rows]
            if (blocker_id, blocked_id) in edges:
                raise ValidationError(
                    f"“{blocker['title']}” already blocks “{blocked['title']}”."
                )
            if rules.creates_cycle(edges, blocker_id, blocked_id):
                raise ValidationError(
                    f"“{blocker['title']}” cannot block “{blocked['title']}”: "
                    "that would make a loop of dependencies."
                )
            values = {"blocker_id": blocker_id, "blocked_id": blocked_id}
            dep_id = insert_row(tx, t.dependency, Entity.DEPENDENCY, product_id, values)
        return Result(Dependency(dep_id, blocker_id, blocked_id), tx.flush())

    def remove_dependency(self, dependency_id: int) -> Result[Tombstone]:
        with self.write() as tx:
            row = get_row(tx.conn, t.dependency, dependency_id, "dependency")
            blocker = get_row(tx.conn, t.initiative, row["blocker_id"], "initiative")
            delete_row(tx, t.dependency, Entity.DEPENDENCY, row, blocker["product_id"])
        return Result(tx.tombstone(), tx.flush())


def _dependency_rows(conn: sa.Connection, product_id: int) -> list[sa.RowMapping]:
    ids = sa.select(t.initiative.c.id).where(t.initiative.c.product_id == product_id)
    query = sa.select(t.dependency).where(t.dependency.c.blocker_id.in_(ids)).order_by(
        t.dependency.c.id
    )
    return list(conn.execute(query).mappings())
