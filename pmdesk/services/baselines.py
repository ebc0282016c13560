"""Baselines of a product's roadmap: save, rename, delete, list, and compare with now.

Each write is one transaction with event rows, so the window can undo it (a save is undone
by a delete whose tombstone the redo restores). The comparison with a baseline and with a
past date go through the same ``compare``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.baselines import (
    Baseline,
    BaselineKind,
    Comparison,
    RoadmapPlan,
    compare,
    quarter_name,
    short_date,
)
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.services.base import ServiceBase, Tx, get_row
from pmdesk.services.plans import plan_at, plan_now, plans_since, reasons_since
from pmdesk.store import tables as t

MAX_NAME = 80


def baseline_of(row: Any, with_plan: bool = True) -> Baseline:
    plan = RoadmapPlan()
    if with_plan:
        try:
            plan = RoadmapPlan.from_json(row["content"])
        except ValueError as exc:
            raise ValidationError(f"The baseline “{row['name']}” cannot be read: {exc}.") from None
    return Baseline(id=row["id"], product_id=row["product_id"], name=row["name"],
                    taken_at=row["taken_at"], kind=BaselineKind(row["kind"]), plan=plan)


class BaselineService(ServiceBase):
    """The named plans of a product, and how its roadmap moved since one or since a date."""

    def list_baselines(self, product_id: int) -> list[Baseline]:
        """The product's baselines, newest first (without their content)."""
        columns = [c for c in t.baseline.c if c.name != "content"]
        with self.read() as conn:
            rows = conn.execute(
                sa.select(*columns).where(t.baseline.c.product_id == product_id)
                .order_by(t.baseline.c.taken_at.desc(), t.baseline.c.id.desc())
            ).mappings()
            return [baseline_of(r, with_plan=False) for r in rows]

    def get_baseline(self, baseline_id: int) -> Baseline:
        with self.read() as conn:
            return baseline_of(get_row(conn, t.baseline, baseline_id, "baseline"))

    def find_baseline(self, product_id: int, name: str) -> Baseline | None:
        """The newest baseline of the product called ``name`` (any case), if any."""
        wanted = " ".join(name.split()).casefold()
        for baseline in self.list_baselines(product_id):
            if baseline.name.casefold() == wanted:
                return self.get_baseline(baseline.id)
        return None

    def save_baseline(self, product_id: int, name: str,
                      kind: BaselineKind = BaselineKind.MANUAL) -> Result[Baseline]:
        """Keep the product's roadmap as it is now under ``name``."""
        clean = _clean_name(name)
        with self.write() as tx:
            get_row(tx.conn, t.product, product_id, "product")
            baseline = _insert(tx, product_id, clean, kind, plan_now(tx.conn, product_id))
        return Result(baseline, tx.flush())

    def rename_baseline(self, baseline_id: int, name: str) -> Result[Baseline]:
        clean = _clean_name(name)
        with self.write() as tx:
            row = get_row(tx.conn, t.baseline, baseline_id, "baseline")
            if row["name"] != clean:
                tx.conn.execute(sa.update(t.baseline).where(t.baseline.c.id == baseline_id)
                                .values(name=clean))
                tx.record(Entity.BASELINE, baseline_id, Action.UPDATE, row["product_id"],
                          {"name": [row["name"], clean]})
            row = get_row(tx.conn, t.baseline, baseline_id, "baseline")
        return Result(baseline_of(row), tx.flush())

    def delete_baseline(self, baseline_id: int) -> Result[Tombstone]:
        """Delete a baseline; the tombstone brings it back whole (TrashService.restore)."""
        with self.write() as tx:
            row = dict(get_row(tx.conn, t.baseline, baseline_id, "baseline"))
            tx.buried.append((t.baseline.name, row))
            tx.conn.execute(sa.delete(t.baseline).where(t.baseline.c.id == baseline_id))
            tx.record(Entity.BASELINE, baseline_id, Action.DELETE, row["product_id"],
                      _logged(row))
        return Result(tx.tombstone(), tx.flush())

    def ensure_quarter_baseline(self, product_id: int) -> Result[Baseline | None]:
        """At the first open of a calendar quarter, keep the roadmap as that quarter's
        start; later opens of the same quarter change nothing."""
        today = self.today()
        first_day = datetime.combine(date(today.year, 3 * ((today.month - 1) // 3) + 1, 1),
                                     time())
        with self.read() as conn:
            taken = conn.execute(
                sa.select(t.baseline.c.id).where(
                    t.baseline.c.product_id == product_id,
                    t.baseline.c.kind == BaselineKind.QUARTER.value,
                    t.baseline.c.taken_at >= first_day)
            ).first()
        if taken is not None:
            return Result(None)
        result = self.save_baseline(product_id, quarter_name(today), BaselineKind.QUARTER)
        return Result(result.value, result.changes)

    # ----- reading the past
    def plan_at(self, product_id: int, when: datetime) -> RoadmapPlan:
        with self.read() as conn:
            return plan_at(conn, product_id, when)

    def compare_with_baseline(self, baseline_id: int) -> Comparison:
        """The roadmap now against a saved baseline."""
        with self.read() as conn:
            baseline = baseline_of(get_row(conn, t.baseline, baseline_id, "baseline"))
            now = plan_now(conn, baseline.product_id)
            reasons = reasons_since(conn, baseline.product_id, baseline.taken_at)
        return compare(baseline.name, baseline.taken_at, baseline.plan, now, reasons)

    def compare_with_date(self, product_id: int, when: datetime | date,
                          label: str | None = None) -> Comparison:
        """The roadmap now against itself at ``when`` (a day means its end)."""
        if not isinstance(when, datetime):
            when = datetime.combine(when, time(23, 59, 59))
        if when > self.clock():
            raise ValidationError(f"{short_date(when.date())} is in the future; compare "
                                  "with a past date.")
        with self.read() as conn:
            get_row(conn, t.product, product_id, "product")
            then, now = plans_since(conn, product_id, when)
            reasons = reasons_since(conn, product_id, when)
        return compare(label or short_date(when.date()), when, then, now, reasons)

    def compare_with(self, product_id: int, since: str) -> Comparison:
        """Compare with the baseline called ``since`` or, failing that, the date it names
        (YYYY-MM-DD); one sentence when it is neither."""
        baseline = self.find_baseline(product_id, since)
        if baseline is not None:
            return self.compare_with_baseline(baseline.id)
        try:
            day = rules.parse_date(since.strip(), "date")
        except ValidationError:
            day = None
        if day is None:
            names = ", ".join(f"“{b.name}”" for b in self.list_baselines(product_id)[:8])
            known = f" Its baselines: {names}." if names else " It has no baselines yet."
            raise ValidationError(f"“{since}” is neither a baseline of this product nor a date "
                                  f"(YYYY-MM-DD).{known}")
        return self.compare_with_date(product_id, day)


def _clean_name(name: str) -> str:
    clean = " ".join(str(name or "").split())
    if not clean:
        raise ValidationError("A baseline needs a name, such as “Q1 plan”.")
    if len(clean) > MAX_NAME:
        raise ValidationError(f"A baseline's name can be at most {MAX_NAME} characters.")
    return clean


def _logged(row: dict[str, Any]) -> dict[str, Any]:
    """A baseline as the event log keeps it: its name and time, not its whole content."""
    return {k: row[k] for k in ("id", "product_id", "name", "taken_at", "kind")}


def _insert(tx: Tx, product_id: int, name: str, kind: BaselineKind,
            plan: RoadmapPlan) -> Baseline:
    values = {"product_id": product_id, "name": name, "taken_at": tx.now, "kind": kind.value,
              "content": plan.to_json()}
    key = tx.conn.execute(sa.insert(t.baseline).values(**values)).inserted_primary_key
    assert key is not None
    baseline_id = int(key[0])
    tx.record(Entity.BASELINE, baseline_id, Action.CREATE, product_id,
              _logged({"id": baseline_id, **values}))
    return Baseline(baseline_id, product_id, name, tx.now, kind, plan)
