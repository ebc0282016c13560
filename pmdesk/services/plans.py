"""A product's roadmap plan now, or at any past moment rebuilt from the event log.

The past is reached by walking back from the current rows: each later event is undone in
memory (a create removes the item, a delete brings its logged values back, an update puts
the old values back). Now and then go through one function, so a plan read at a moment and
a baseline saved at that moment are equal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.baselines import (
    PlannedInitiative,
    PlannedMilestone,
    RoadmapPlan,
    parse_day,
)
from pmdesk.domain.enums import Action, Entity, InitiativeStatus
from pmdesk.store import tables as t

INITIATIVE_KEYS = ("title", "status", "lane_id", "goal_id", "start_date", "end_date")
MILESTONE_KEYS = ("title", "date", "lane_id")
TASK_KEYS = ("initiative_id", "estimate", "archived_at")
NAME_KEYS = ("name",)
KEYS = {
    Entity.INITIATIVE.value: INITIATIVE_KEYS, Entity.MILESTONE.value: MILESTONE_KEYS,
    Entity.TASK.value: TASK_KEYS, Entity.LANE.value: NAME_KEYS, Entity.GOAL.value: NAME_KEYS,
}
State = dict[str, dict[int, dict[str, Any]]]
CREATE, DELETE = Action.CREATE.value, Action.DELETE.value  # read once: enum access is slow


def plan_now(conn: sa.Connection, product_id: int) -> RoadmapPlan:
    return plan_of(_current_state(conn, product_id))


def plan_at(conn: sa.Connection, product_id: int, when: datetime) -> RoadmapPlan:
    """The product's roadmap as it was once every change up to ``when`` was made."""
    return plans_since(conn, product_id, when)[0]


def plans_since(conn: sa.Connection, product_id: int, when: datetime
                ) -> tuple[RoadmapPlan, RoadmapPlan]:
    """The product's roadmap at ``when`` and now, from one read of the current rows."""
    state = _current_state(conn, product_id)
    now = plan_of(state)
    own = t.event.c.product_id == product_id
    # Undo puts a card's lost initiative back without naming a product.
    unowned = sa.and_(t.event.c.product_id.is_(None), t.event.c.entity == Entity.TASK.value)
    text = sa.cast(t.event.c.fields, sa.Text)
    # Most of a board's events move cards between columns, which no plan shows: they are
    # left in the database, and a create's values are never decoded.
    wanted = sa.or_(t.event.c.entity != Entity.TASK.value,
                    t.event.c.action.in_((Action.CREATE.value, Action.DELETE.value)),
                    *(text.like(f'%"{key}"%') for key in TASK_KEYS))
    rows = conn.execute(
        sa.select(t.event.c.entity, t.event.c.entity_id, t.event.c.action, text)
        .where(t.event.c.at > when, sa.or_(own, unowned),
               t.event.c.entity.in_(tuple(KEYS)), wanted)
        .order_by(t.event.c.id.desc())
    )
    for entity, entity_id, action, fields in rows.all():
        values = {} if action == CREATE else json.loads(fields)
        _undo(state[entity], entity_id, action, values, KEYS[entity])
    return plan_of(state), now


def reasons_since(conn: sa.Connection, product_id: int, when: datetime) -> dict[int, str]:
    """The latest reason given for changing each initiative after ``when``."""
    rows = conn.execute(
        sa.select(t.event.c.entity_id, t.event.c.note)
        .where(t.event.c.at > when, t.event.c.product_id == product_id,
               t.event.c.entity == Entity.INITIATIVE.value, t.event.c.note != "")
        .order_by(t.event.c.id)
    )
    return {initiative_id: note for initiative_id, note in rows}


def plan_of(state: State) -> RoadmapPlan:
    cards: dict[int, int] = {}
    estimates: dict[int, float] = {}
    for task in state[Entity.TASK.value].values():
        initiative_id = task["initiative_id"]
        if initiative_id is None or task["archived_at"] is not None:
            continue
        cards[initiative_id] = cards.get(initiative_id, 0) + 1
        estimates[initiative_id] = estimates.get(initiative_id, 0.0) + float(
            task["estimate"] or 0.0)
    initiatives = tuple(
        PlannedInitiative(
            id=i, title=str(v["title"]), status=_status(v["status"]), lane_id=v["lane_id"],
            goal_id=v["goal_id"], start_date=parse_day(v["start_date"]),
            end_date=parse_day(v["end_date"]), cards=cards.get(i, 0),
            estimate=estimates.get(i, 0.0))
        for i, v in sorted(state[Entity.INITIATIVE.value].items()))
    milestones = tuple(
        PlannedMilestone(id=i, title=str(v["title"]), date=parse_day(v["date"]) or date.min,
                         lane_id=v["lane_id"])
        for i, v in sorted(state[Entity.MILESTONE.value].items()) if v["date"] is not None)
    names = {kind: {i: str(v["name"]) for i, v in state[kind].items()}
             for kind in (Entity.LANE.value, Entity.GOAL.value)}
    return RoadmapPlan(initiatives, milestones, names[Entity.LANE.value],
                       names[Entity.GOAL.value])


def _current_state(conn: sa.Connection, product_id: int) -> State:
    boards = sa.select(t.board.c.id).where(t.board.c.product_id == product_id)
    sources = (
        (Entity.INITIATIVE, t.initiative, t.initiative.c.product_id == product_id),
        (Entity.MILESTONE, t.milestone, t.milestone.c.product_id == product_id),
        (Entity.TASK, t.task, t.task.c.board_id.in_(boards)),
        (Entity.LANE, t.lane, t.lane.c.product_id == product_id),
        (Entity.GOAL, t.goal, t.goal.c.product_id == product_id),
    )
    state: State = {}
    for entity, table, condition in sources:
        keys = KEYS[entity.value]
        rows = conn.execute(sa.select(table.c.id, *(table.c[k] for k in keys)).where(condition))
        state[entity.value] = {row[0]: dict(zip(keys, row[1:], strict=True))
                               for row in rows.all()}
    return state


def _undo(items: dict[int, dict[str, Any]], item_id: int, action: str,
          fields: Mapping[str, Any], keys: Iterable[str]) -> None:
    if action == CREATE:
        items.pop(item_id, None)
    elif action == DELETE:
        items[item_id] = {k: fields.get(k) for k in keys}
    else:
        item = items.get(item_id)
        if item is None:
            return
        for key in keys:
            change = fields.get(key)
            if isinstance(change, list) and len(change) == 2:
                item[key] = change[0]


def _status(value: Any) -> InitiativeStatus:
    try:
        return InitiativeStatus(value)
    except ValueError:
        return InitiativeStatus.IDEA
