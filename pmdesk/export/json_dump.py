"""The JSON export: every product, roadmap and board of a workspace in one document.

Format (``"format": "pmdesk-workspace"``, ``"format_version": 1``), UTF-8, keys in a fixed
order, so the same workspace always gives the same text::

    {
      "format": "pmdesk-workspace",
      "format_version": 1,
      "schema_revision": "<Alembic revision of the workspace file>",
      "workspace": "<file name>",
      "counts": {"products": 2, "goals": 6, ..., "checklist_items": 140},
      "people": [{"id": 1, "name": "Zofia Wójcik"}, ...],
      "products": [
        {
          "id", "name", "tagline", "vision", "problem", "target_customers",
          "value_proposition", "success_metrics", "not_doing", "owner_id", "position",
          "goals":        [{"id", "name", "colour", "description", "metric", "target",
                            "position"}],
          "lanes":        [{"id", "name", "position"}],
          "initiatives":  [{"id", "title", "lane_id", "goal_id", "description", "status",
                            "start_date", "end_date", "horizon", "owner_id", "reach",
                            "impact", "confidence", "effort", "position"}],
          "milestones":   [{"id", "title", "date", "lane_id"}],
          "dependencies": [{"id", "blocker_id", "blocked_id"}],
          "labels":       [{"id", "name", "colour"}],
          "baselines":    [{"id", "name", "taken_at", "kind",
                            "content": {"format": 1,
                                        "initiatives": [{"id", "title", "status", "lane_id",
                                                         "goal_id", "start_date", "end_date",
                                                         "cards", "estimate"}],
                                        "milestones": [{"id", "title", "date", "lane_id"}],
                                        "lanes": {"<id>": name}, "goals": {"<id>": name}}}],
          "boards": [
            {"id", "name", "position",
             "columns": [
               {"id", "name", "position", "kind", "wip_limit", "wip_hard", "archived",
                "tasks": [{"id", "title", "initiative_id", "description", "assignee_id",
                           "due_date", "estimate", "priority", "position", "created_at",
                           "started_at", "done_at", "archived_at", "column_since",
                           "label_ids": [label ids],
                           "checklist": [{"id", "text", "done", "position"}],
                           "comments": [{"id", "author", "created_at", "text"}],
                           "links": [{"id", "title", "url", "created_at"}],
                           "watcher_ids": [person ids]}]}]}]
        }
      ]
    }

Ids are the workspace's own and link the records (``owner_id`` and ``assignee_id`` to
``people``, ``goal_id``/``lane_id`` to the product's goals and lanes, ``initiative_id`` to
its initiatives). Dates are ``YYYY-MM-DD``, timestamps ``YYYY-MM-DDTHH:MM:SS`` (local time),
absent values ``null``. ``status`` is one of idea, planned, in_progress, done, dropped;
``horizon`` now, next, later; ``kind`` todo, doing, done; ``priority`` 0 (none) to 4
(urgent). Archived cards are included (with their ``archived_at``), and archived columns
(``"archived": true``, an archived Trello list) with theirs; the change history is not.
A baseline (``kind`` manual, quarter or onepager) is the roadmap as it was planned at
``taken_at``; its ids are those of the product's records, or of records deleted since.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from typing import Any

from pmdesk.domain.models import Comment, Link
from pmdesk.domain.report import WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, WorkspaceDump

FORMAT = WORKSPACE_FORMAT
FORMAT_VERSION = WORKSPACE_FORMAT_VERSION


def _value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def _record(obj: Any, *drop: str) -> dict[str, Any]:
    return {f.name: _value(getattr(obj, f.name)) for f in fields(obj) if f.name not in drop}


def workspace_document(dump: WorkspaceDump) -> dict[str, Any]:
    """The export as plain JSON-ready values."""
    by_product: dict[str, dict[int, list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for kind, items in (("goals", dump.goals), ("lanes", dump.lanes),
                        ("initiatives", dump.initiatives), ("milestones", dump.milestones),
                        ("labels", dump.labels)):
        for item in items:
            by_product[kind][item.product_id].append(_record(item, "product_id"))
    product_of_initiative = {i.id: i.product_id for i in dump.initiatives}
    for dep in dump.dependencies:
        product_id = product_of_initiative.get(dep.blocker_id)
        if product_id is not None:
            by_product["dependencies"][product_id].append(_record(dep))
    checklist: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for entry in dump.checklist_items:
        checklist[entry.task_id].append(_record(entry, "task_id"))
    discussion: dict[str, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    notes: tuple[tuple[str, tuple[Comment, ...] | tuple[Link, ...]], ...] = (
        ("comments", dump.comments), ("links", dump.links))
    for kind, entries in notes:
        for note in entries:
            discussion[kind][note.task_id].append(_record(note, "task_id"))
    for baseline in dump.baselines:
        by_product["baselines"][baseline.product_id].append({
            "id": baseline.id, "name": baseline.name, "taken_at": _value(baseline.taken_at),
            "kind": baseline.kind.value, "content": baseline.plan.to_json()})
    for task_id, person_id in dump.watchers:
        discussion["watcher_ids"][task_id].append(person_id)
    tasks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for task in dump.tasks:
        record = _record(task, "board_id", "column_id", "label_ids", "checklist_done",
                         "checklist_total")
        record["label_ids"] = list(task.label_ids)
        record["checklist"] = checklist.get(task.id, [])
        for kind in ("comments", "links", "watcher_ids"):
            record[kind] = discussion[kind].get(task.id, [])
        tasks[task.column_id].append(record)
    columns: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for column in dump.columns:
        columns[column.board_id].append({**_record(column, "board_id"),
                                         "tasks": tasks.get(column.id, [])})
    boards: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for board in dump.boards:
        boards[board.product_id].append({**_record(board, "product_id"),
                                         "columns": columns.get(board.id, [])})
    products = []
    for product in dump.products:
        record = _record(product)
        for kind in ("goals", "lanes", "initiatives", "milestones", "dependencies", "labels"):
            record[kind] = by_product[kind].get(product.id, [])
        record["boards"] = boards.get(product.id, [])
        record["baselines"] = by_product["baselines"].get(product.id, [])
        products.append(record)
    counts = {
        "products": len(dump.products), "goals": len(dump.goals), "lanes": len(dump.lanes),
        "initiatives": len(dump.initiatives), "milestones": len(dump.milestones),
        "dependencies": len(dump.dependencies), "labels": len(dump.labels),
        "boards": len(dump.boards), "columns": len(dump.columns), "tasks": len(dump.tasks),
        "checklist_items": len(dump.checklist_items), "people": len(dump.people),
        "comments": len(dump.comments), "links": len(dump.links),
        "watchers": len(dump.watchers), "baselines": len(dump.baselines),
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": dump.schema_revision,
        "workspace": dump.workspace_name,
        "counts": counts,
        "people": [_record(p) for p in dump.people],
        "products": products,
    }


def workspace_json(dump: WorkspaceDump) -> str:
    """The export as indented UTF-8 JSON text."""
    return json.dumps(workspace_document(dump), ensure_ascii=False, indent=1) + "\n"
