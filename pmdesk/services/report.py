"""Read use cases behind the printed reports: the one-pager and the JSON dump."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.enums import ColumnKind
from pmdesk.domain.report import OnePagerData, TaskTotals, WorkspaceDump
from pmdesk.domain.snapshots import DependencyView, RoadmapSnapshot
from pmdesk.services import convert
from pmdesk.services.base import ServiceBase, get_row
from pmdesk.services.reads import _initiative_progress, initiative_view
from pmdesk.store import tables as t

_DONE = t.board_column.c.kind == ColumnKind.DONE.value


def _roadmap(conn: sa.Connection, product_id: int, today: date) -> RoadmapSnapshot:
    product = convert.product(get_row(conn, t.product, product_id, "product"))
    in_product = t.initiative.c.product_id == product_id
    goals = conn.execute(
        sa.select(t.goal).where(t.goal.c.product_id == product_id)
        .order_by(t.goal.c.position, t.goal.c.id)
    ).mappings()
    lanes = conn.execute(
        sa.select(t.lane).where(t.lane.c.product_id == product_id)
        .order_by(t.lane.c.position, t.lane.c.id)
    ).mappings()
    initiatives = [
        convert.initiative(r)
        for r in conn.execute(
            sa.select(t.initiative).where(in_product)
            .order_by(t.initiative.c.position, t.initiative.c.id)
        ).mappings()
    ]
    milestones = conn.execute(
        sa.select(t.milestone).where(t.milestone.c.product_id == product_id)
        .order_by(t.milestone.c.date, t.milestone.c.id)
    ).mappings()
    ids = sa.select(t.initiative.c.id).where(in_product)
    deps = [
        convert.dependency(r)
        for r in conn.execute(
            sa.select(t.dependency).where(t.dependency.c.blocker_id.in_(ids))
            .order_by(t.dependency.c.id)
        ).mappings()
    ]
    people = conn.execute(sa.select(t.person)).mappings()
    figures = _initiative_progress(conn, product_id, today)
    by_id = {i.id: i for i in initiatives}
    return RoadmapSnapshot(
        product=product,
        goals=tuple(convert.goal(r) for r in goals),
        lanes=tuple(convert.lane(r) for r in lanes),
        initiatives=tuple(initiative_view(i, figures.get(i.id), today) for i in initiatives),
        milestones=tuple(convert.milestone(r) for r in milestones),
        dependencies=tuple(
            DependencyView(d, rules.dependency_violated(by_id[d.blocker_id], by_id[d.blocked_id]))
            for d in deps
        ),
        people={r["id"]: convert.person(r) for r in people},
        today=today,
    )


def _task_totals(conn: sa.Connection, product_id: int, today: date) -> TaskTotals:
    boards = sa.select(t.board.c.id).where(t.board.c.product_id == product_id)
    total, done, overdue = conn.execute(
        sa.select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(sa.case((_DONE, 1), else_=0)), 0),
            sa.func.coalesce(
                sa.func.sum(sa.case((sa.and_(~_DONE, t.task.c.due_date < today), 1), else_=0)),
                0,
            ),
        )
        .select_from(t.task.join(t.board_column, t.task.c.column_id == t.board_column.c.id))
        .where(t.task.c.board_id.in_(boards), t.task.c.archived_at.is_(None))
    ).one()
    return TaskTotals(int(total), int(done), int(overdue))


def _all(
    conn: sa.Connection, table: sa.Table, *order: sa.ColumnElement[Any]
) -> list[sa.RowMapping]:
    return list(conn.execute(sa.select(table).order_by(*order, table.c.id)).mappings())


class ReportService(ServiceBase):
    """Read what the exports print, each in one read transaction."""

    def onepager(self, product_id: int, today: date | None = None) -> OnePagerData:
        """The product, its roadmap with board progress, and the board totals."""
        today = today or self.today()
        with self.read() as conn:
            roadmap = _roadmap(conn, product_id, today)
            totals = _task_totals(conn, product_id, today)
        owner_id = roadmap.product.owner_id
        return OnePagerData(
            roadmap=roadmap,
            owner=roadmap.people.get(owner_id) if owner_id is not None else None,
            tasks=totals,
            workspace_name=self.workspace.name,
            today=today,
        )

    def workspace_dump(self) -> WorkspaceDump:
        """Every product, roadmap and board row of the workspace (not the event log)."""
        with self.read() as conn:
            labels_of: dict[int, list[int]] = defaultdict(list)
            for task_id, label_id in conn.execute(
                sa.select(t.task_label.c.task_id, t.task_label.c.label_id)
                .order_by(t.task_label.c.task_id, t.task_label.c.label_id)
            ):
                labels_of[task_id].append(label_id)
            items = [convert.checklist_item(r) for r in _all(
                conn, t.checklist_item, t.checklist_item.c.task_id, t.checklist_item.c.position
            )]
            checklist: dict[int, list[bool]] = defaultdict(list)
            for item in items:
                checklist[item.task_id].append(item.done)
            tasks = tuple(
                convert.task(
                    r,
                    tuple(labels_of.get(r["id"], ())),
                    (sum(checklist.get(r["id"], ())), len(checklist.get(r["id"], ()))),
                )
                for r in _all(conn, t.task, t.task.c.board_id, t.task.c.column_id,
                              t.task.c.position)
            )
            return WorkspaceDump(
                workspace_name=self.workspace.name,
                schema_revision=self.workspace.revision,
                people=tuple(convert.person(r) for r in _all(conn, t.person)),
                products=tuple(
                    convert.product(r) for r in _all(conn, t.product, t.product.c.position)
                ),
                goals=tuple(convert.goal(r) for r in _all(
                    conn, t.goal, t.goal.c.product_id, t.goal.c.position)),
                lanes=tuple(convert.lane(r) for r in _all(
                    conn, t.lane, t.lane.c.product_id, t.lane.c.position)),
                initiatives=tuple(convert.initiative(r) for r in _all(
                    conn, t.initiative, t.initiative.c.product_id, t.initiative.c.position)),
                milestones=tuple(convert.milestone(r) for r in _all(
                    conn, t.milestone, t.milestone.c.product_id, t.milestone.c.date)),
                dependencies=tuple(convert.dependency(r) for r in _all(conn, t.dependency)),
                labels=tuple(convert.label(r) for r in _all(conn, t.label, t.label.c.product_id)),
                boards=tuple(convert.board(r) for r in _all(
                    conn, t.board, t.board.c.product_id, t.board.c.position)),
                columns=tuple(convert.column(r) for r in _all(
                    conn, t.board_column, t.board_column.c.board_id, t.board_column.c.position)),
                tasks=tasks,
                checklist_items=tuple(items),
            )
