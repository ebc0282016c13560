"""Roadmap use cases beyond single edits: breaking an initiative down into board tasks,
and the targeted reads the roadmap needs to refresh a few bars after a change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import ColumnKind, Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Task
from pmdesk.domain.snapshots import DependencyView, InitiativeView, initiative_view
from pmdesk.services import convert
from pmdesk.services.base import ServiceBase, end_position, get_row, insert_row
from pmdesk.services.board_bulk import check_wip
from pmdesk.services.reads import initiative_progress
from pmdesk.services.tasks import load_task
from pmdesk.services.trash import bury_tasks
from pmdesk.store import tables as t

MAX_BREAKDOWN_TASKS = 200


class RoadmapPlanningService(ServiceBase):
    """Break initiatives down into tasks; read fresh figures for a few initiatives."""

    def break_down(
        self, initiative_id: int, column_id: int, titles: Iterable[str]
    ) -> Result[list[Task]]:
        """Add one linked task per title at the end of ``column_id``, all or nothing."""
        clean = [" ".join(title.split()) for title in titles if title and title.strip()]
        if not clean:
            raise ValidationError("Write at least one task title, one per line.")
        if len(clean) > MAX_BREAKDOWN_TASKS:
            raise ValidationError(
                f"Break an initiative into at most {MAX_BREAKDOWN_TASKS} tasks at a time."
            )
        titles_ok = [rules.clean_title(title, "task title") for title in clean]
        with self.write() as tx:
            initiative = get_row(tx.conn, t.initiative, initiative_id, "initiative")
            column = get_row(tx.conn, t.board_column, column_id, "column")
            board = get_row(tx.conn, t.board, column["board_id"], "board")
            product_id = initiative["product_id"]
            if board["product_id"] != product_id:
                raise ValidationError("Choose a board of the initiative's own product.")
            check_wip(tx.conn, column, arriving=len(titles_ok))
            position = end_position(tx.conn, t.task, t.task.c.column_id == column_id)
            ids = []
            for offset, title in enumerate(titles_ok):
                values = {
                    "board_id": board["id"], "column_id": column_id, "title": title,
                    "initiative_id": initiative_id, "created_at": tx.now,
                    "column_since": tx.now, "position": position + offset * 1024,
                }
                if column["kind"] != ColumnKind.TODO.value:
                    values["started_at"] = tx.now
                if column["kind"] == ColumnKind.DONE.value:
                    values["done_at"] = tx.now
                ids.append(insert_row(tx, t.task, Entity.TASK, product_id, values,
                                      {"label_ids": []}))
            tasks = [load_task(tx.conn, task_id) for task_id in ids]
        return Result(tasks, tx.flush())

    def remove_tasks(self, task_ids: Sequence[int]) -> Result[Tombstone]:
        """Delete several tasks in one step (the undo of a break-down)."""
        with self.write() as tx:
            if not task_ids:
                return Result(Tombstone(), tx.flush())
            rows = tx.conn.execute(
                sa.select(t.task.c.id, t.board.c.product_id)
                .join(t.board, t.board.c.id == t.task.c.board_id)
                .where(t.task.c.id.in_(list(task_ids)))
            ).all()
            if len(rows) != len(set(task_ids)):
                raise ValidationError("Some of these tasks were already deleted.")
            bury_tasks(tx, t.task.c.id.in_(list(task_ids)), rows[0][1])
        return Result(tx.tombstone(), tx.flush())

    def initiative_views(self, initiative_ids: Iterable[int]) -> dict[int, InitiativeView]:
        """Fresh views (progress, risk, score) of a few initiatives; missing ids are left out."""
        ids = sorted(set(initiative_ids))
        today = self.today()
        if not ids:
            return {}
        with self.read() as conn:
            rows = conn.execute(
                sa.select(t.initiative).where(t.initiative.c.id.in_(ids))
            ).mappings().all()
            figures = initiative_progress(conn, t.initiative.c.id.in_(ids), today)
            return {
                row["id"]: initiative_view(convert.initiative(row), figures.get(row["id"]), today)
                for row in rows
            }

    def initiatives_of_tasks(self, task_ids: Iterable[int]) -> set[int]:
        """The initiatives the given (existing) tasks are linked to."""
        ids = list(set(task_ids))
        if not ids:
            return set()
        with self.read() as conn:
            found = conn.execute(
                sa.select(t.task.c.initiative_id).where(
                    t.task.c.id.in_(ids), t.task.c.initiative_id.is_not(None)
                )
            ).scalars()
            return {int(i) for i in found}

    @staticmethod
    def dependency_views(
        dependencies: Iterable[DependencyView], views: dict[int, InitiativeView]
    ) -> list[DependencyView]:
        """Recompute ``violated`` for dependencies from current initiative views."""
        out = []
        for dep in dependencies:
            blocker = views.get(dep.dependency.blocker_id)
            blocked = views.get(dep.dependency.blocked_id)
            violated = (
                rules.dependency_violated(blocker.initiative, blocked.initiative)
                if blocker and blocked else dep.violated
            )
            out.append(DependencyView(dep.dependency, violated))
        return out


