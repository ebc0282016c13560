"""Read use cases behind the printed reports: the one-pager and the JSON dump."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.models import Comment, Link
from pmdesk.domain.report import OnePagerData, TaskTotals, WorkspaceDump
from pmdesk.services import convert
from pmdesk.services.base import ServiceBase
from pmdesk.services.baselines import baseline_of
from pmdesk.services.reads import roadmap_snapshot, task_totals
from pmdesk.store import tables as t


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
            roadmap = roadmap_snapshot(conn, product_id, today)
            totals = TaskTotals(*task_totals(conn, product_id, today))
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
                comments=tuple(Comment(**r) for r in _all(
                    conn, t.task_comment, t.task_comment.c.task_id, t.task_comment.c.created_at)),
                links=tuple(Link(**r) for r in _all(conn, t.task_link, t.task_link.c.task_id)),
                watchers=tuple((task_id, person_id) for task_id, person_id in conn.execute(
                    sa.select(t.task_watcher.c.task_id, t.task_watcher.c.person_id)
                    .order_by(t.task_watcher.c.task_id, t.task_watcher.c.person_id))),
                baselines=tuple(baseline_of(r) for r in _all(
                    conn, t.baseline, t.baseline.c.product_id, t.baseline.c.taken_at)),
            )
