"""Roadmap lanes (swimlanes) and milestones."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Lane, Milestone
from pmdesk.services import cleaners, convert
from pmdesk.services.base import (
    ServiceBase,
    check_fields,
    delete_row,
    end_position,
    get_row,
    insert_row,
    place_new_row,
    unlink,
)
from pmdesk.store import tables as t


def _milestone_date(_conn: sa.Connection, _product: int, value: Any) -> date:
    when = rules.parse_date(value, "milestone date")
    if when is None:
        raise ValidationError("A milestone needs a date.")
    return when


MILESTONE_CLEANERS: dict[str, cleaners.Cleaner] = {
    "title": cleaners.title("milestone title"),
    "date": _milestone_date,
    "lane_id": cleaners.in_product(t.lane, "lane"),
}
MILESTONE_FIELDS = frozenset(MILESTONE_CLEANERS)


class LaneService(ServiceBase):
    """Create, rename, reorder and delete lanes and milestones."""

    def list_lanes(self, product_id: int) -> list[Lane]:
        return self.list_rows(t.lane, convert.lane, t.lane.c.product_id == product_id,
                              t.lane.c.position)

    def create_lane(self, product_id: int, name: str, index: int | None = None) -> Result[Lane]:
        with self.write() as tx:
            get_row(tx.conn, t.product, product_id, "product")
            scope = t.lane.c.product_id == product_id
            values = {
                "product_id": product_id,
                "name": rules.clean_title(name, "lane name"),
                "position": end_position(tx.conn, t.lane, scope),
            }
            lane_id = insert_row(tx, t.lane, Entity.LANE, product_id, values)
            place_new_row(tx, t.lane, scope, lane_id, index)
            row = get_row(tx.conn, t.lane, lane_id, "lane")
        return Result(convert.lane(row), tx.flush())

    def rename_lane(self, lane_id: int, name: str) -> Result[Lane]:
        return self.edit_row(t.lane, Entity.LANE, lane_id, "lane", convert.lane,
                             lambda _tx, _row: {"name": rules.clean_title(name, "lane name")})

    def move_lane(self, lane_id: int, index: int) -> Result[None]:
        return self.move_among(t.lane, Entity.LANE, lane_id, "lane", index)

    def delete_lane(self, lane_id: int) -> Result[Tombstone]:
        """Delete a lane; its initiatives and milestones stay, without a lane."""
        with self.write() as tx:
            row = get_row(tx.conn, t.lane, lane_id, "lane")
            product_id = row["product_id"]
            unlink(tx, t.initiative, Entity.INITIATIVE, "lane_id", lane_id, product_id)
            unlink(tx, t.milestone, Entity.MILESTONE, "lane_id", lane_id, product_id)
            delete_row(tx, t.lane, Entity.LANE, row, product_id)
        return Result(tx.tombstone(), tx.flush())

    # ----- milestones
    def list_milestones(self, product_id: int) -> list[Milestone]:
        return self.list_rows(t.milestone, convert.milestone,
                              t.milestone.c.product_id == product_id, t.milestone.c.date)

    def create_milestone(
        self, product_id: int, title: str, when: date | str, lane_id: int | None = None
    ) -> Result[Milestone]:
        fields = {"title": title, "date": when, "lane_id": lane_id}
        return self.add_to_product(
            t.milestone, Entity.MILESTONE, "milestone", product_id, convert.milestone,
            lambda tx: cleaners.cleaned(tx.conn, product_id, fields, MILESTONE_CLEANERS))

    def update_milestone(self, milestone_id: int, **fields: Any) -> Result[Milestone]:
        check_fields(fields, MILESTONE_FIELDS, "A milestone")
        return self.edit_row(
            t.milestone, Entity.MILESTONE, milestone_id, "milestone", convert.milestone,
            lambda tx, row: cleaners.cleaned(tx.conn, row["product_id"], fields,
                                             MILESTONE_CLEANERS))

    def delete_milestone(self, milestone_id: int) -> Result[Tombstone]:
        with self.write() as tx:
            row = get_row(tx.conn, t.milestone, milestone_id, "milestone")
            delete_row(tx, t.milestone, Entity.MILESTONE, row, row["product_id"])
        return Result(tx.tombstone(), tx.flush())
