"""Other clients' commits as ChangeSets, so a window's views update the rows they changed.

On a server the window listens for the commits others announce (``listen``) and turns each
batch into the same ``ChangeSet`` its own writes publish (``changes``). On a file there is
nothing to listen to: the window polls ``PRAGMA data_version`` instead. When the server
goes away, ``go_offline`` makes every write refuse at once with one sentence, and
``resume`` reconnects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from pmdesk.domain.changes import Change, ChangeSet, ColumnOrder
from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.models import Task
from pmdesk.services.base import ServiceBase
from pmdesk.services.board_bulk import active_order, load_tasks
from pmdesk.store import tables as t

if TYPE_CHECKING:  # the driver loads only for a server workspace
    from pmdesk.store.live import Commit, EventListener

# Beyond this many events (an import, a sample, a template) one reload of the views is
# cheaper than following each change.
FOLLOW_AT_MOST = 2000
# Up to this many changed cards come with the changes, read in the same snapshot as the
# events, with the order of the columns they left and entered (as a write of this window
# hands them over): the board then reads nothing back. More are read back by the views.
HAND_OVER_AT_MOST = 50


class LiveService(ServiceBase):
    """Live sync and connection state of a server workspace."""

    def listen(self) -> EventListener | None:
        """A listener for other clients' commits, or ``None`` for a file (poll it)."""
        return self.workspace.listener()

    def changes(self, commits: Sequence[Commit]) -> ChangeSet | None:
        """What ``commits`` changed, as the views know it; ``None`` when so much changed
        that the views should read everything again."""
        if not commits:
            return ChangeSet()
        txns = {c.txn for c in commits}
        e = t.event.c
        with self.read() as conn:
            rows = conn.execute(
                sa.select(e.entity, e.entity_id, e.action, e.fields, e.product_id)
                .where(e.id.between(min(c.first for c in commits),
                                    max(c.last for c in commits)), e.txn.in_(txns))
                .order_by(e.id).limit(FOLLOW_AT_MOST + 1)).all()
            if len(rows) > FOLLOW_AT_MOST:
                return None
            try:
                changes = [Change(Entity(r.entity), r.entity_id, Action(r.action),
                                  frozenset(r.fields or ()), r.product_id) for r in rows]
            except ValueError:
                return None  # a kind of row this pmdesk does not know: read it all again
            changes += _checklists(conn, rows)
            tasks, orders = _cards(conn, rows)
        return ChangeSet(tuple(changes), tasks=tasks, orders=orders)

    def go_offline(self) -> None:
        """The server is gone: every write refuses at once until ``resume`` succeeds."""
        self.workspace.unavailable = (
            f"{self.workspace.name} is out of reach, so nothing was changed; edits work "
            "again once pmdesk has reconnected.")

    def resume(self) -> EventListener | None:
        """Reconnect (raises while the server is still away); the listener comes first,
        so nothing committed from here on is missed.

        A window waits for the server on a worker thread instead: it calls ``listen``
        there (which touches nothing else of the workspace) and, back on its own thread
        once that returned, ``go_online``."""
        listener = self.listen()
        self.go_online()
        return listener

    def go_online(self) -> None:
        """The server answers again (a new listener is open on it): writes go through."""
        self.workspace.engine.dispose()  # its pooled connections died with the server
        self.workspace.unavailable = ""


def _cards(conn: sa.Connection, rows: Sequence[Any]
           ) -> tuple[tuple[Task, ...], tuple[ColumnOrder, ...]]:
    """The cards the events changed as they are now, and the order of every column they
    were in or are in now (none when too many changed)."""
    cards = [r for r in rows if r.entity == Entity.TASK.value]
    task_ids = {r.entity_id for r in cards}
    if not task_ids or len(task_ids) > HAND_OVER_AT_MOST:
        return (), ()
    tasks = load_tasks(conn, task_ids)
    columns = {task.column_id for task in tasks}
    for r in cards:
        column = r.fields.get("column_id") if isinstance(r.fields, dict) else None
        # An update logs [old, new]; a creation or a deletion logs the value itself.
        columns.update(c for c in (column if isinstance(column, list) else [column])
                       if isinstance(c, int))
    return tuple(tasks), tuple(ColumnOrder(c, tuple(active_order(conn, c)))
                               for c in sorted(columns))


def _checklists(conn: sa.Connection, rows: Sequence[Any]) -> list[Change]:
    """A card whose checklist changed (its own writes publish that, unlogged)."""
    items = [r for r in rows if r.entity == Entity.CHECKLIST_ITEM.value]
    if not items:
        return []
    tasks = {int(r.fields["task_id"]): r.product_id for r in items
             if isinstance(r.fields, dict) and isinstance(r.fields.get("task_id"), int)}
    updated = {r.entity_id: r.product_id for r in items
               if r.action == Action.UPDATE.value and "task_id" not in (r.fields or {})}
    if updated:
        for item_id, task_id in conn.execute(
                sa.select(t.checklist_item.c.id, t.checklist_item.c.task_id)
                .where(t.checklist_item.c.id.in_(updated))):
            tasks[int(task_id)] = updated[item_id]
    return [Change(Entity.TASK, task_id, Action.UPDATE, frozenset({"checklist"}), product_id)
            for task_id, product_id in tasks.items()]
