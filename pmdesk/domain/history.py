"""Describe logged changes in words a product or project manager would use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.models import Event

Names = Mapping[str, Mapping[int, str]]


@dataclass(frozen=True, slots=True)
class ItemHistory:
    """One item's events, oldest first, with the names and titles to describe them."""

    events: list[Event]
    names: dict[str, dict[int, str]]
    titles: dict[tuple[Entity, int], str]

FIELD_LABELS = {
    "title": "Title", "name": "Name", "description": "Description", "column_id": "Column",
    "assignee_id": "Assignee", "due_date": "Due", "estimate": "Estimate",
    "priority": "Priority", "label_ids": "Labels", "initiative_id": "Initiative",
    "archived_at": "Archived", "status": "Status", "start_date": "Start", "end_date": "End",
    "horizon": "Horizon", "owner_id": "Owner", "lane_id": "Lane", "goal_id": "Goal",
    "reach": "Reach", "impact": "Impact", "confidence": "Confidence", "effort": "Effort",
    "colour": "Colour", "metric": "Metric", "target": "Target", "tagline": "Tagline",
    "vision": "Vision", "problem": "Problem", "target_customers": "Target customers",
    "value_proposition": "Value proposition", "success_metrics": "Success metrics",
    "not_doing": "Not doing", "kind": "Kind", "wip_limit": "WIP limit",
    "wip_hard": "Hard limit", "date": "Date", "text": "Text", "done": "Done",
}
# Bookkeeping fields that change alongside the meaningful ones.
QUIET_FIELDS = frozenset({"position", "column_since", "started_at", "done_at", "board_id",
                          "product_id", "created_at", "id", "task_id"})
PRIORITY_NAMES = ("None", "Low", "Medium", "High", "Urgent")
ENTITY_WORDS = {
    Entity.TASK: "Card", Entity.INITIATIVE: "Initiative", Entity.PRODUCT: "Product",
    Entity.GOAL: "Goal", Entity.LANE: "Lane", Entity.MILESTONE: "Milestone",
    Entity.DEPENDENCY: "Dependency", Entity.BOARD: "Board", Entity.COLUMN: "Column",
    Entity.PERSON: "Person", Entity.LABEL: "Label", Entity.CHECKLIST_ITEM: "Checklist item",
    Entity.COMMENT: "Comment", Entity.LINK: "Link", Entity.BASELINE: "Baseline",
}
MAX_TEXT = 60


def format_value(field: str, value: Any, names: Names) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if field == "label_ids" and isinstance(value, list):
        lookup = names.get("label_ids", {})
        return ", ".join(lookup.get(v, f"#{v}") for v in value)
    if field in names and isinstance(value, int):
        return names[field].get(value, f"#{value}")
    if field == "priority" and isinstance(value, int) and 0 <= value < len(PRIORITY_NAMES):
        return PRIORITY_NAMES[value]
    if field == "archived_at":
        return "yes"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def describe(event: Event, names: Names) -> str:
    """One line: what happened to the item in this event, and why when the user said."""
    line = _what(event, names)
    return f"{line} — reason: {event.note}" if event.note else line


def _what(event: Event, names: Names) -> str:
    fields = event.fields
    if event.action is Action.CREATE and event.entity is Entity.COMMENT:
        when = str(fields.get("created_at") or "")[:10]
        by = " ".join(part for part in (str(fields.get("author") or ""), when and f"({when})")
                      if part)
        text = format_value("text", fields.get("text"), names)
        return f"Comment{' by ' + by if by else ''}: “{text}”"
    if event.action is Action.CREATE and event.entity is Entity.LINK:
        return f"Link “{format_value('title', fields.get('title') or fields.get('url'), names)}”"
    if event.action is Action.CREATE:
        label = fields.get("title") or fields.get("name") or fields.get("text")
        return f"Created “{label}”" if label else "Created"
    if event.action is Action.DELETE:
        return "Deleted"
    parts = []
    for field, change in fields.items():
        if field in QUIET_FIELDS or not isinstance(change, list) or len(change) != 2:
            continue
        old, new = change
        if field == "archived_at":
            parts.append("Archived" if new else "Restored from the archive")
            continue
        if field == "column_id":
            parts.append(f"Moved from “{format_value(field, old, names)}” "
                         f"to “{format_value(field, new, names)}”")
            continue
        label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
        parts.append(f"{label}: {format_value(field, old, names)} → "
                     f"{format_value(field, new, names)}")
    if parts:
        return "; ".join(parts)
    return "Reordered" if event.action is Action.MOVE else "Changed"


def item_word(entity: Entity) -> str:
    return ENTITY_WORDS.get(entity, entity.value)
