"""People (assignees, owners) and the labels of a product."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Label, Person
from pmdesk.services import convert
from pmdesk.services.base import (
    ServiceBase,
    Tx,
    check_fields,
    delete_row,
    delete_where,
    get_row,
    insert_and_read,
    unlink,
)
from pmdesk.store import tables as t

LABEL_FIELDS = frozenset({"name", "colour"})


class PeopleService(ServiceBase):
    """Keep the list of people and of labels."""

    def list_people(self) -> list[Person]:
        with self.read() as conn:
            rows = conn.execute(sa.select(t.person).order_by(t.person.c.name)).mappings()
            return [convert.person(r) for r in rows]

    def ensure_person(self, name: str) -> Result[Person]:
        """Return the person of that name, adding them when new."""
        clean = rules.clean_title(name, "name")
        with self.write() as tx:
            row = tx.conn.execute(
                sa.select(t.person).where(t.person.c.name == clean)
            ).mappings().first()
            if row is None:
                row = insert_and_read(tx, t.person, Entity.PERSON, None, {"name": clean},
                                      "person")
        return Result(convert.person(row), tx.flush())

    def rename_person(self, person_id: int, name: str) -> Result[Person]:
        clean = rules.clean_title(name, "name")

        def values(tx: Tx, _row: Any) -> dict[str, Any]:
            clash = tx.conn.execute(
                sa.select(t.person.c.id).where(t.person.c.name == clean, t.person.c.id != person_id)
            ).first()
            if clash:
                raise ValidationError(f"Someone called “{clean}” already exists.")
            return {"name": clean}

        return self.edit_row(t.person, Entity.PERSON, person_id, "person", convert.person,
                             values, lambda _conn, _row: None)

    def delete_person(self, person_id: int) -> Result[Tombstone]:
        """Remove a person; their cards and initiatives stay, unassigned."""
        with self.write() as tx:
            row = get_row(tx.conn, t.person, person_id, "person")
            unlink(tx, t.task, Entity.TASK, "assignee_id", person_id, None)
            unlink(tx, t.initiative, Entity.INITIATIVE, "owner_id", person_id, None)
            unlink(tx, t.product, Entity.PRODUCT, "owner_id", person_id, None)
            delete_where(tx, t.task_watcher, None, t.task_watcher.c.person_id == person_id, None)
            delete_row(tx, t.person, Entity.PERSON, row, None)
        return Result(tx.tombstone(), tx.flush())

    # ----- labels
    def list_labels(self, product_id: int) -> list[Label]:
        return self.list_rows(t.label, convert.label, t.label.c.product_id == product_id,
                              t.label.c.name)

    def create_label(self, product_id: int, name: str, colour: str = "#9E9E9E") -> Result[Label]:
        return self.add_to_product(t.label, Entity.LABEL, "label", product_id, convert.label,
                                   lambda _tx: _label_values({"name": name, "colour": colour}))

    def update_label(self, label_id: int, **fields: Any) -> Result[Label]:
        check_fields(fields, LABEL_FIELDS, "A label")
        return self.edit_row(t.label, Entity.LABEL, label_id, "label", convert.label,
                             lambda _tx, _row: _label_values(fields))

    def delete_label(self, label_id: int) -> Result[Tombstone]:
        """Delete a label and take it off every card (restorable from the tombstone)."""
        with self.write() as tx:
            row = get_row(tx.conn, t.label, label_id, "label")
            delete_where(tx, t.task_label, None, t.task_label.c.label_id == label_id,
                         row["product_id"])
            delete_row(tx, t.label, Entity.LABEL, row, row["product_id"])
        return Result(tx.tombstone(), tx.flush())


def _label_values(fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "name" in fields:
        values["name"] = rules.clean_title(fields["name"], "label name")
    if "colour" in fields:
        values["colour"] = rules.check_colour(fields["colour"])
    return values
