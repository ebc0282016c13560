"""Write a card whose past is known: its creation and moves as dated events in the log.

The sample's invented history and the imports' real one (Trello's list moves, Jira's
created / started / resolved times) go through here, so flow metrics read them alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pmdesk.domain.enums import Action, Entity
from pmdesk.services.bulk import Bulk

# (when, column id, column kind "todo" | "doing" | "done"); the first step is the creation.
Step = tuple[datetime, int, str]


def log_card_path(out: Bulk, task_id: int, product_id: int, values: dict[str, Any],
                  steps: Sequence[Step], archived: datetime | None = None) -> dict[str, Any]:
    """Log the card's creation and moves at their times; return its state after the last.

    The state holds ``column_id``, ``created_at``, ``column_since``, ``started_at`` (first
    move out of a to-do column), ``done_at`` (entering done and staying) and
    ``archived_at``; ``values`` are the card's other fields, logged with its creation.
    """
    (created, first, _), moves = steps[0], steps[1:]
    state: dict[str, Any] = dict(column_id=first, created_at=created, column_since=created,
                                 started_at=None, done_at=None, archived_at=None)
    if steps[0][2] != "todo":
        state["started_at"] = created
    if steps[0][2] == "done":
        state["done_at"] = created
    out.log(Entity.TASK, task_id, Action.CREATE, product_id,
            {"id": task_id, **values, **state}, at=created)
    where, kind = first, steps[0][2]
    for when, column, new_kind in moves:
        if column == where:
            continue
        change: dict[str, Any] = {"column_id": [where, column],
                                  "column_since": [state["column_since"], when]}
        if kind == "todo" and new_kind != "todo" and state["started_at"] is None:
            change["started_at"] = [None, when]
        done_at = (state["done_at"] or when) if new_kind == "done" else None
        if done_at != state["done_at"]:
            change["done_at"] = [state["done_at"], done_at]
        state.update({k: v[1] for k, v in change.items()})
        out.log(Entity.TASK, task_id, Action.MOVE, product_id, change, at=when)
        where, kind = column, new_kind
    if archived is not None:
        state["archived_at"] = archived
        out.log(Entity.TASK, task_id, Action.UPDATE, product_id,
                {"archived_at": [None, archived]}, at=archived)
    return state
