"""Whole-view snapshots for the roadmap, the board and the product page.

Each snapshot is built in a fixed handful of queries, whatever the number of rows.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.enums import ColumnKind
from pmdesk.domain.models import Task
from pmdesk.domain.report import status_counts
from pmdesk.domain.snapshots import (
    BoardSnapshot,
    DependencyView,
    ProductSummary,
    RoadmapSnapshot,
    initiative_view,
)
from pmdesk.services import convert
from pmdesk.services.base import ServiceBase, get_row, ordered_rows
from pmdesk.services.board_reads import board_snapshot
from pmdesk.store import tables as t

_DONE = t.board_column.c.kind == ColumnKind.DONE.value


def initiative_progress(
    conn: sa.Connection, which: sa.ColumnElement[bool], today: date
) -> dict[int, tuple[rules.Progress, date | None]]:
    """Per initiative matching ``which``: progress of its active linked tasks and the
    latest open due date."""
    done = sa.case((_DONE, 1), else_=0)
    estimate = sa.func.coalesce(t.task.c.estimate, 0.0)
    open_due = sa.case((_DONE, None), else_=t.task.c.due_date)
    overdue = sa.case((sa.and_(~_DONE, t.task.c.due_date < today), 1), else_=0)
    query = (
        sa.select(
            t.task.c.initiative_id,
            sa.func.count(),
            sa.func.sum(done),
            sa.func.sum(estimate),
            sa.func.sum(done * estimate),
            sa.func.sum(overdue),
            sa.func.max(open_due),
        )
        .select_from(t.task.join(t.board_column, t.task.c.column_id == t.board_column.c.id))
        .join(t.initiative, t.task.c.initiative_id == t.initiative.c.id)
        .where(which, t.task.c.archived_at.is_(None))
        .group_by(t.task.c.initiative_id)
    )
    result = {}
    for init_id, total, n_done, est, done_est, n_overdue, latest in conn.execute(query):
        latest_due = date.fromisoformat(latest) if isinstance(latest, str) else latest
        result[init_id] = (
            rules.Progress(int(n_done), int(total), float(done_est), float(est), int(n_overdue)),
            latest_due,
        )
    return result


def task_totals(conn: sa.Connection, product_id: int, today: date) -> tuple[int, int, int]:
    """Active cards of the product's boards: all, done, overdue."""
    boards = sa.select(t.board.c.id).where(t.board.c.product_id == product_id)
    overdue = sa.case((sa.and_(~_DONE, t.task.c.due_date < today), 1), else_=0)
    total, done, late = conn.execute(
        sa.select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(sa.case((_DONE, 1), else_=0)), 0),
            sa.func.coalesce(sa.func.sum(overdue), 0),
        )
        .select_from(t.task.join(t.board_column, t.task.c.column_id == t.board_column.c.id))
        .where(t.task.c.board_id.in_(boards), t.task.c.archived_at.is_(None))
    ).one()
    return int(total), int(done), int(late)


def roadmap_snapshot(conn: sa.Connection, product_id: int, today: date) -> RoadmapSnapshot:
    """The product's roadmap with board progress, read on ``conn``."""
    product = convert.product(get_row(conn, t.product, product_id, "product"))
    in_product = t.initiative.c.product_id == product_id
    goals = ordered_rows(conn, t.goal, t.goal.c.product_id == product_id, t.goal.c.position)
    lanes = ordered_rows(conn, t.lane, t.lane.c.product_id == product_id, t.lane.c.position)
    initiatives = [
        convert.initiative(r)
        for r in ordered_rows(conn, t.initiative, in_product, t.initiative.c.position)
    ]
    milestones = ordered_rows(conn, t.milestone, t.milestone.c.product_id == product_id,
                              t.milestone.c.date)
    ids = sa.select(t.initiative.c.id).where(in_product)
    deps = ordered_rows(conn, t.dependency, t.dependency.c.blocker_id.in_(ids))
    people = conn.execute(sa.select(t.person)).mappings()
    figures = initiative_progress(conn, in_product, today)
    by_id = {i.id: i for i in initiatives}
    return RoadmapSnapshot(
        product=product,
        goals=tuple(convert.goal(r) for r in goals),
        lanes=tuple(convert.lane(r) for r in lanes),
        initiatives=tuple(
            initiative_view(i, figures.get(i.id), today) for i in initiatives
        ),
        milestones=tuple(convert.milestone(r) for r in milestones),
        dependencies=tuple(
            DependencyView(
                d := convert.dependency(r),
                rules.dependency_violated(by_id[d.blocker_id], by_id[d.blocked_id]),
            )
            for r in deps
        ),
        people={r["id"]: convert.person(r) for r in people},
        today=today,
    )


class ReadService(ServiceBase):
    """Build the read models the views and exports draw from."""

    def roadmap(self, product_id: int, today: date | None = None) -> RoadmapSnapshot:
        with self.read() as conn:
            return roadmap_snapshot(conn, product_id, today or self.today())

    def board(
        self, board_id: int, today: date | None = None, *, archived: bool = False
    ) -> BoardSnapshot:
        """The board's columns and its active cards (or only its archived ones)."""
        with self.read() as conn:
            return board_snapshot(conn, board_id, today or self.today(), archived=archived)

    def tasks_of_initiative(self, initiative_id: int) -> list[Task]:
        with self.read() as conn:
            rows = conn.execute(
                sa.select(t.task).where(t.task.c.initiative_id == initiative_id)
                .order_by(t.task.c.board_id, t.task.c.column_id, t.task.c.position)
            ).mappings()
            return [convert.task(r) for r in rows]

    def product_summary(self, product_id: int, today: date | None = None) -> ProductSummary:
        today = today or self.today()
        snapshot = self.roadmap(product_id, today)
        with self.read() as conn:
            total, done, overdue = task_totals(conn, product_id, today)
        owner_id = snapshot.product.owner_id
        return ProductSummary(
            product=snapshot.product,
            owner=snapshot.people.get(owner_id) if owner_id is not None else None,
            goals=snapshot.goals,
            initiative_count=len(snapshot.initiatives),
            done_initiatives=status_counts(snapshot.initiatives).done,
            at_risk_initiatives=sum(v.at_risk for v in snapshot.initiatives),
            task_count=int(total),
            done_tasks=int(done),
            overdue_tasks=int(overdue),
            violated_dependencies=sum(d.violated for d in snapshot.dependencies),
        )
