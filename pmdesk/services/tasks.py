"""Board tasks (cards): edit, move with WIP and flow timestamps, archive, checklists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Action, ColumnKind, Entity, Priority
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import ChecklistItem, Comment, Link, Task, TaskDetail
from pmdesk.domain.values import ChecklistSpec, TaskMove
from pmdesk.services import cleaners, convert
from pmdesk.services.base import (
    ServiceBase,
    Tx,
    bumped_version,
    check_fields,
    check_in_product,
    delete_row,
    end_position,
    get_row,
    insert_row,
    ordered_rows,
    update_row,
)
from pmdesk.services.board_bulk import (
    CheckedMoves,
    apply_moves,
    check_moves,
    check_wip,
    hand_over_cards,
    hand_over_cards_now,
    inverse_moves,
    load_tasks,
    place_quickly,
)
from pmdesk.services.boards import board_product
from pmdesk.services.trash import bury_tasks
from pmdesk.services.versions import refuse_lost_update
from pmdesk.store import tables as t


def _estimate(_conn: sa.Connection, _product: int, value: Any) -> float | None:
    estimate = rules.parse_number(value, "estimate")
    rules.check_non_negative(estimate, "estimate")
    return estimate


def _label_ids(conn: sa.Connection, product_id: int, value: Any) -> tuple[int, ...]:
    ids = tuple(value or ())
    for label_id in ids:
        check_in_product(conn, t.label, label_id, product_id, "label")
    return ids


TASK_CLEANERS: dict[str, cleaners.Cleaner] = {
    "title": cleaners.title("card title"),
    "description": cleaners.text("description"),
    "initiative_id": cleaners.in_product(t.initiative, "initiative"),
    "assignee_id": cleaners.person,
    "due_date": cleaners.day("due date"),
    "estimate": _estimate,
    "priority": lambda _conn, _product, value: int(rules.parse_enum(Priority, value,
                                                                    "priority")),
    "label_ids": _label_ids,
}
TASK_FIELDS = frozenset(TASK_CLEANERS)


def load_task(conn: sa.Connection, task_id: int) -> Task:
    row = get_row(conn, t.task, task_id, "card")
    labels = tuple(
        conn.execute(
            sa.select(t.task_label.c.label_id)
            .where(t.task_label.c.task_id == task_id)
            .order_by(t.task_label.c.label_id)
        ).scalars()
    )
    done, total = conn.execute(
        sa.select(
            sa.func.coalesce(sa.func.sum(sa.cast(t.checklist_item.c.done, sa.Integer)), 0),
            sa.func.count(),
        ).where(t.checklist_item.c.task_id == task_id)
    ).one()
    return convert.task(row, labels, (int(done), int(total)))


def flow_stamps(tx: Tx, task: Any, source: Any, target: Any) -> dict[str, Any]:
    """Timestamps a move between columns sets: started, done, time in column."""
    if source["id"] == target["id"]:
        return {}
    values: dict[str, Any] = {"column_since": tx.now}
    if source["kind"] == ColumnKind.TODO.value and target["kind"] != ColumnKind.TODO.value:
        if task["started_at"] is None:
            values["started_at"] = tx.now
    if target["kind"] == ColumnKind.DONE.value:
        values["done_at"] = task["done_at"] or tx.now
    elif task["done_at"] is not None:
        values["done_at"] = None
    return values


class TaskService(ServiceBase):
    """Everything a card can go through on the board."""

    def get_task(self, task_id: int) -> TaskDetail:
        with self.read() as conn:
            task = load_task(conn, task_id)
            items = ordered_rows(conn, t.checklist_item, t.checklist_item.c.task_id == task_id,
                                 t.checklist_item.c.position)
            checklist = tuple(convert.checklist_item(r) for r in items)
            comments = ordered_rows(conn, t.task_comment, t.task_comment.c.task_id == task_id,
                                    t.task_comment.c.created_at)
            links = ordered_rows(conn, t.task_link, t.task_link.c.task_id == task_id)
            watchers = conn.execute(
                sa.select(t.person.c.name).join(t.task_watcher)
                .where(t.task_watcher.c.task_id == task_id).order_by(t.person.c.name)
            ).scalars()
            return TaskDetail(task, checklist, tuple(Comment(**r) for r in comments),
                              tuple(Link(**r) for r in links), tuple(watchers))

    def create_task(
        self,
        column_id: int,
        title: str,
        *,
        index: int | None = None,
        checklist: Iterable[str] = (),
        **fields: Any,
    ) -> Result[Task]:
        check_fields(fields, TASK_FIELDS - {"title"}, "A card")
        with self.write() as tx:
            column = get_row(tx.conn, t.board_column, column_id, "column")
            product_id = board_product(tx.conn, column["board_id"])
            check_wip(tx.conn, column)
            values = cleaners.cleaned(tx.conn, product_id, {"title": title, **fields},
                                      TASK_CLEANERS)
            label_ids = values.pop("label_ids", ())
            scope = t.task.c.column_id == column_id
            values.update(
                board_id=column["board_id"], column_id=column_id, created_at=tx.now,
                column_since=tx.now, position=end_position(tx.conn, t.task, scope),
            )
            if column["kind"] != ColumnKind.TODO.value:
                values["started_at"] = tx.now
            if column["kind"] == ColumnKind.DONE.value:
                values["done_at"] = tx.now
            task_id = insert_row(
                tx, t.task, Entity.TASK, product_id, values, {"label_ids": list(label_ids)}
            )
            renumbered = False
            if index is not None:
                position, renumbered = place_quickly(tx, scope, task_id, index)
                tx.conn.execute(sa.update(t.task).where(t.task.c.id == task_id)
                                .values(position=position))
            self._write_labels(tx, task_id, label_ids)
            for position, text in enumerate(checklist):
                self._add_item(tx, task_id, product_id, text, False, position)
            (task,) = hand_over_cards_now(tx, (task_id,), (column_id,) if renumbered else ())
        return Result(task, tx.flush())

    def update_task(self, task_id: int, **fields: Any) -> Result[Task]:
        return self.save_task(task_id, fields)

    def save_task(
        self, task_id: int, fields: dict[str, Any],
        checklist: Sequence[ChecklistSpec] | None = None, *, based_on: Task | None = None,
    ) -> Result[Task]:
        """Save a card editor in one step: ``fields`` and, unless None, the whole checklist.

        With ``based_on`` (the card as the editor loaded it) a field someone else changed
        since is not overwritten: EditConflictError names who changed what.
        """
        check_fields(fields, TASK_FIELDS, "A card")
        with self.write() as tx:
            row = get_row(tx.conn, t.task, task_id, "card")
            if based_on is not None and row["version"] != based_on.version:
                refuse_lost_update(tx.conn, Entity.TASK, based_on,
                                   load_task(tx.conn, task_id), fields)
            product_id = board_product(tx.conn, row["board_id"])
            values = cleaners.cleaned(tx.conn, product_id, fields, TASK_CLEANERS)
            labels_changed = False
            if "label_ids" in values:
                new_labels = values.pop("label_ids")
                old_labels = load_task(tx.conn, task_id).label_ids
                if tuple(sorted(new_labels)) != old_labels:
                    tx.conn.execute(
                        sa.delete(t.task_label).where(t.task_label.c.task_id == task_id)
                    )
                    self._write_labels(tx, task_id, new_labels)
                    tx.record(Entity.TASK, task_id, Action.UPDATE, product_id,
                              {"label_ids": [list(old_labels), sorted(new_labels)]})
                    labels_changed = True
            if not update_row(tx, t.task, Entity.TASK, row, values, product_id) and labels_changed:
                tx.conn.execute(sa.update(t.task).where(t.task.c.id == task_id)
                                .values(**bumped_version(t.task)))
            if checklist is not None:
                self._set_checklist(tx, task_id, product_id, checklist)
            task = load_task(tx.conn, task_id)
            tx.hand_over((task,))
        return Result(task, tx.flush())

    def delete_task(self, task_id: int) -> Result[Tombstone]:
        """Delete a card with its labels and checklist (restorable from the tombstone)."""
        with self.write() as tx:
            row = get_row(tx.conn, t.task, task_id, "card")
            # The board drops a deleted card from its column itself: nothing to hand over.
            bury_tasks(tx, t.task.c.id == task_id, board_product(tx.conn, row["board_id"]))
        return Result(tx.tombstone(), tx.flush())

    # ----- several cards at once
    def get_tasks(self, task_ids: Iterable[int]) -> list[Task]:
        """The cards among ``task_ids`` that still exist (archived ones included)."""
        with self.read() as conn:
            return load_tasks(conn, task_ids)

    def move_tasks(self, moves: Sequence[TaskMove]) -> Result[list[TaskMove]]:
        """Move cards in one step (see ``TaskMove``); returns the moves that undo it.

        A hard WIP limit refuses the whole step before anything is written.
        """
        with self.write() as tx:
            checked = check_moves(tx.conn, moves, restoring=False)
            inverse = inverse_moves(tx.conn, checked.rows, moves)
            self._apply(tx, moves, checked)
        return Result(inverse, tx.flush())

    def archive_tasks(self, task_ids: Sequence[int]) -> Result[list[TaskMove]]:
        """Archive cards in one step; returns the placements that restore them."""
        with self.write() as tx:
            if not task_ids:
                raise ValidationError("Choose at least one card.")
            rows = {i: get_row(tx.conn, t.task, i, "card") for i in task_ids}
            active = [TaskMove(i, rows[i]["column_id"]) for i in task_ids
                      if rows[i]["archived_at"] is None]
            placements = inverse_moves(tx.conn, rows, active)
            for move in active:
                product_id = board_product(tx.conn, rows[move.task_id]["board_id"])
                update_row(tx, t.task, Entity.TASK, rows[move.task_id],
                           {"archived_at": tx.now}, product_id)
            hand_over_cards(tx, rows)
        return Result(placements, tx.flush())

    def restore_tasks(self, placements: Sequence[TaskMove]) -> Result[list[int]]:
        """Bring archived cards back, each where its placement says (index None: at the end)."""
        with self.write() as tx:
            self._apply(tx, placements, check_moves(tx.conn, placements, restoring=True))
        return Result([m.task_id for m in placements], tx.flush())

    def _apply(self, tx: Tx, moves: Sequence[TaskMove], checked: CheckedMoves) -> None:
        """Write ``moves``, checked by ``check_moves``."""
        rows, columns = checked.rows, checked.columns
        product_id = int(next(iter(columns.values()))["product_id"])

        def write(move: TaskMove, position: int) -> None:
            row = rows[move.task_id]
            values: dict[str, Any] = {"column_id": move.column_id, "position": position,
                                      "archived_at": None}
            values.update(flow_stamps(tx, row, columns[row["column_id"]],
                                      columns[move.column_id]))
            values.update(cleaners.cleaned(tx.conn, product_id, move.fields, TASK_CLEANERS))
            # Flush this card now: the next placement counts it among its neighbours.
            update_row(tx, t.task, Entity.TASK, row, values, product_id, Action.MOVE)

        hand_over_cards(tx, rows, apply_moves(tx, moves, write, checked.first_placement))

    # ----- checklist
    def set_checklist(self, task_id: int, items: Sequence[ChecklistSpec]) -> Result[Task]:
        """Make the checklist equal ``items`` (id or None, text, done), in that order."""
        with self.write() as tx:
            row = get_row(tx.conn, t.task, task_id, "card")
            self._set_checklist(tx, task_id, board_product(tx.conn, row["board_id"]), items)
            task = load_task(tx.conn, task_id)
            tx.hand_over((task,))
        return Result(task, tx.flush())

    def _set_checklist(
        self, tx: Tx, task_id: int, product_id: int, items: Sequence[ChecklistSpec]
    ) -> None:
        existing = {
            r["id"]: r
            for r in tx.conn.execute(
                sa.select(t.checklist_item).where(t.checklist_item.c.task_id == task_id)
            ).mappings()
        }
        kept = {item_id for item_id, _, _ in items if item_id is not None}
        if kept - set(existing):
            raise ValidationError("A checklist item no longer exists; reopen the card.")
        for item_id, old in existing.items():
            if item_id not in kept:
                delete_row(tx, t.checklist_item, Entity.CHECKLIST_ITEM, old, product_id)
        for position, (item_id, text, done) in enumerate(items):
            if item_id is None:
                self._add_item(tx, task_id, product_id, text, done, position)
            else:
                values = {"text": rules.clean_title(text, "checklist item"),
                          "done": bool(done), "position": position}
                update_row(tx, t.checklist_item, Entity.CHECKLIST_ITEM, existing[item_id],
                           values, product_id)
        tx.record(Entity.TASK, task_id, Action.UPDATE, product_id, {"checklist": True}, log=False)

    def toggle_checklist_item(self, item_id: int, done: bool) -> Result[ChecklistItem]:
        with self.write() as tx:
            row = get_row(tx.conn, t.checklist_item, item_id, "checklist item")
            task = get_row(tx.conn, t.task, row["task_id"], "card")
            product_id = board_product(tx.conn, task["board_id"])
            update_row(tx, t.checklist_item, Entity.CHECKLIST_ITEM, row, {"done": bool(done)},
                       product_id)
            tx.record(Entity.TASK, task["id"], Action.UPDATE, product_id, {"checklist": True},
                      log=False)
            tx.hand_over((load_task(tx.conn, task["id"]),))
            row = get_row(tx.conn, t.checklist_item, item_id, "checklist item")
        return Result(convert.checklist_item(row), tx.flush())

    # ----- helpers
    @staticmethod
    def _add_item(tx: Tx, task_id: int, product_id: int, text: str, done: bool, pos: int) -> None:
        values = {"task_id": task_id, "text": rules.clean_title(text, "checklist item"),
                  "done": bool(done), "position": pos}
        insert_row(tx, t.checklist_item, Entity.CHECKLIST_ITEM, product_id, values)

    @staticmethod
    def _write_labels(tx: Tx, task_id: int, label_ids: Iterable[int]) -> None:
        rows = [{"task_id": task_id, "label_id": label_id} for label_id in sorted(set(label_ids))]
        if rows:
            tx.conn.execute(sa.insert(t.task_label), rows)
