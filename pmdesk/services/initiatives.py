"""Roadmap initiatives and the dependencies between them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Action, Entity, Horizon, InitiativeStatus
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Dependency, Initiative
from pmdesk.services import cleaners, convert
from pmdesk.services.base import (
    ServiceBase,
    Tx,
    check_fields,
    delete_row,
    delete_where,
    get_row,
    insert_row,
    place,
    unlink,
    update_row,
)
from pmdesk.services.versions import refuse_lost_update
from pmdesk.store import tables as t

RICE_FIELDS = ("reach", "impact", "confidence", "effort")
INITIATIVE_CLEANERS: dict[str, cleaners.Cleaner] = {
    "title": cleaners.title("initiative title"),
    "description": cleaners.text("description"),
    "lane_id": cleaners.in_product(t.lane, "lane"),
    "goal_id": cleaners.in_product(t.goal, "goal"),
    "owner_id": cleaners.person,
    "status": cleaners.choice(InitiativeStatus, "status"),
    "horizon": cleaners.choice(Horizon, "horizon"),
    "start_date": cleaners.day("start date"),
    "end_date": cleaners.day("end date"),
    **{key: cleaners.number(key) for key in RICE_FIELDS},
}
INITIATIVE_FIELDS = frozenset(INITIATIVE_CLEANERS)


class InitiativeService(ServiceBase):
    """Create, edit, schedule, reorder and delete initiatives; link dependencies."""

    def get_initiative(self, initiative_id: int) -> Initiative:
        with self.read() as conn:
            return convert.initiative(get_row(conn, t.initiative, initiative_id, "initiative"))

    def list_initiatives(self, product_id: int) -> list[Initiative]:
        return self.list_rows(t.initiative, convert.initiative,
                              t.initiative.c.product_id == product_id, t.initiative.c.position)

    def create_initiative(self, product_id: int, title: str, **fields: Any) -> Result[Initiative]:
        check_fields(fields, INITIATIVE_FIELDS - {"title"}, "An initiative")
        return self.add_to_product(
            t.initiative, Entity.INITIATIVE, "initiative", product_id, convert.initiative,
            lambda tx: self._values(tx, product_id, {}, {"title": title, **fields}), last=True)

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
        values = cleaners.cleaned(tx.conn, product_id, fields, INITIATIVE_CLEANERS)

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
