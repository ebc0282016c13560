"""What a workspace import will write: whole products with their roadmaps and boards.

A ``WorkspacePlan`` holds each product's rows as table values that still carry the file's
ids; the writer gives every row a new id and rewrites the references with the same map.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pmdesk.services.importing.plan import count

# Tables of a product in the order they are written, and the references each row holds:
# column -> the table whose file ids it names.
TABLE_ORDER = ("goal", "lane", "initiative", "milestone", "dependency", "label", "board",
               "board_column", "task", "checklist_item", "task_comment", "task_link")
REFERENCES: dict[str, dict[str, str]] = {
    "goal": {}, "lane": {}, "label": {}, "board": {},
    "initiative": {"lane_id": "lane", "goal_id": "goal", "owner_id": "person"},
    "milestone": {"lane_id": "lane"},
    "dependency": {"blocker_id": "initiative", "blocked_id": "initiative"},
    "board_column": {"board_id": "board"},
    "task": {"board_id": "board", "column_id": "board_column",
             "initiative_id": "initiative", "assignee_id": "person"},
    "checklist_item": {"task_id": "task"},
    "task_comment": {"task_id": "task"},
    "task_link": {"task_id": "task"},
}

PLURALS = {"dependency": "dependencies", "board_column": "columns", "task": "cards",
           "checklist_item": "checklist items", "task_comment": "comments",
           "task_link": "links"}
OPTIONAL = frozenset({"task_comment", "task_link"})  # named in a summary only when present


@dataclass(slots=True)
class ProductPlan:
    """One product of the file: its own values and its rows per table."""

    name: str
    values: dict[str, Any] = field(default_factory=dict)  # texts and owner_id (a file id)
    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {name: [] for name in TABLE_ORDER})
    task_labels: dict[int, list[int]] = field(default_factory=dict)  # file ids
    task_watchers: dict[int, list[int]] = field(default_factory=dict)  # task: people (file ids)
    # name, taken_at, kind and plan (a RoadmapPlan naming the file's ids)
    baselines: list[dict[str, Any]] = field(default_factory=list)

    def add(self, table: str, values: dict[str, Any],
            label_ids: list[int] | None = None) -> None:
        self.rows[table].append(values)
        if label_ids:
            self.task_labels[values["id"]] = label_ids

    def check_unique_ids(self, fail: Callable[[str], None]) -> None:
        """Refuse two rows of one table with the same file id."""
        for table, rows in self.rows.items():
            seen: set[int] = set()
            for row in rows:
                if row["id"] in seen:
                    fail(f"has two {PLURALS.get(table, table + 's')} with id {row['id']}")
                seen.add(row["id"])


@dataclass(slots=True)
class WorkspacePlan:
    """The products of a workspace export, and its people (file id: name)."""

    source: str
    people: dict[int, str]
    products: list[ProductPlan]
    whole_file: bool = True  # bring every person of the file, not only those referred to


@dataclass(frozen=True, slots=True)
class WorkspaceImportSummary:
    """What a workspace import wrote, counted."""

    source: str
    products: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]  # (table, rows) in TABLE_ORDER
    archived: int = 0
    people: int = 0
    people_reused: int = 0
    watchers: int = 0
    archived_columns: int = 0

    def count_of(self, table: str) -> int:
        return dict(self.counts).get(table, 0)

    def line(self) -> str:
        """The summary as one sentence."""
        names = ", ".join(f"“{name}”" for name in self.products)
        where = (f"new product {names}" if len(self.products) == 1
                 else f"{len(self.products)} new products {names}")
        words = {"goal": ("goal", None), "lane": ("lane", None),
                 "initiative": ("initiative", None), "milestone": ("milestone", None),
                 "dependency": ("dependency", "dependencies"), "label": ("label", None),
                 "board": ("board", None), "board_column": ("column", None),
                 "task": ("card", None), "checklist_item": ("checklist item", None),
                 "task_comment": ("comment", None), "task_link": ("link", None)}
        parts = []
        for table, number in self.counts:
            if table in OPTIONAL and not number:
                continue
            text = count(number, *words[table])
            if table == "task" and self.archived:
                text += f" ({self.archived:,} archived)"
            elif table == "board_column" and self.archived_columns:
                text += f" ({self.archived_columns:,} archived)"
            parts.append(text)
        if self.watchers:
            parts.append(count(self.watchers, "watcher"))
        people = count(self.people, "new person", "new people")
        if self.people_reused:
            people += f" ({self.people_reused:,} existing reused)"
        parts.append(people)
        return f"Imported {self.source} into {where}: {', '.join(parts)}."
