"""Write a workspace plan inside the caller's transaction: new products, new ids.

Rows go through the same bulk writer as the board imports (explicit ids, one insert per
table, an event row for each created row); every reference is rewritten with the map from
the file's ids to the new ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.baselines import RoadmapPlan
from pmdesk.domain.enums import Action, Entity
from pmdesk.services.base import POSITION_GAP, Tx, end_position
from pmdesk.services.bulk import Bulk
from pmdesk.services.importing.roadmap_plan import (
    REFERENCES,
    TABLE_ORDER,
    ProductPlan,
    WorkspaceImportSummary,
    WorkspacePlan,
)
from pmdesk.services.importing.writer import name_key, unique_name
from pmdesk.store import tables as t

ENTITIES = {
    "goal": Entity.GOAL, "lane": Entity.LANE, "initiative": Entity.INITIATIVE,
    "milestone": Entity.MILESTONE, "dependency": Entity.DEPENDENCY, "label": Entity.LABEL,
    "board": Entity.BOARD, "board_column": Entity.COLUMN, "task": Entity.TASK,
    "checklist_item": Entity.CHECKLIST_ITEM, "task_comment": Entity.COMMENT,
    "task_link": Entity.LINK,
}


class WorkspaceWriter:
    """Write every product of a plan as a new product."""

    def __init__(self, tx: Tx, plan: WorkspacePlan) -> None:
        self.tx, self.plan = tx, plan
        self.out = Bulk(tx)
        for name in ("person", "product", *TABLE_ORDER, "task_label", "task_watcher"):  # parents
            self.out.order.append(t.metadata.tables[name])
            self.out.rows[name] = []
        self.written: Counter[str] = Counter()
        self.created_people = self.reused_people = 0

    def write(self) -> WorkspaceImportSummary:
        people = self._people()
        taken = {name_key(name) for (name,) in self.tx.conn.execute(sa.select(t.product.c.name))}
        position = end_position(self.tx.conn, t.product, sa.true())
        names = []
        archived = archived_columns = watchers = 0
        for product in self.plan.products:
            name = unique_name(product.name, taken)
            taken.add(name_key(name))
            names.append(name)
            self._product(product, name, position, people)
            position += POSITION_GAP
            archived += sum(row["archived_at"] is not None for row in product.rows["task"])
            archived_columns += sum(row["archived"] for row in product.rows["board_column"])
            watchers += sum(map(len, product.task_watchers.values()))
        self.out.flush()
        return WorkspaceImportSummary(
            source=self.plan.source, products=tuple(names),
            counts=tuple((table, self.written[table]) for table in TABLE_ORDER),
            archived=archived, people=self.created_people, people_reused=self.reused_people,
            watchers=watchers, archived_columns=archived_columns,
        )

    def _people(self) -> dict[int, int]:
        """Map the file's person ids to the workspace's, matching by name."""
        wanted = set(self.plan.people) if self.plan.whole_file else self._referred_people()
        known = {name_key(name): pid for pid, name in
                 self.tx.conn.execute(sa.select(t.person.c.id, t.person.c.name))}
        found: dict[int, int] = {}
        for file_id, name in self.plan.people.items():
            if file_id not in wanted:
                continue
            key = name_key(name)
            if key in known:
                self.reused_people += 1
            else:
                known[key] = self.out.add(t.person, Entity.PERSON, None, {"name": name})
                self.created_people += 1
            found[file_id] = known[key]
        return found

    def _referred_people(self) -> set[int]:
        referred: set[int | None] = set()
        for product in self.plan.products:
            referred.add(product.values.get("owner_id"))
            referred.update(row["owner_id"] for row in product.rows["initiative"])
            referred.update(row["assignee_id"] for row in product.rows["task"])
            referred.update(p for ids in product.task_watchers.values() for p in ids)
        return {person for person in referred if person is not None}

    def _product(self, plan: ProductPlan, name: str, position: int,
                 people: dict[int, int]) -> None:
        product_id = self.out.take_id(t.product)
        owner = plan.values.get("owner_id")
        self.out.add(t.product, Entity.PRODUCT, product_id, {
            **plan.values, "id": product_id, "name": name, "position": position,
            "owner_id": people[owner] if owner is not None else None})
        ids: dict[str, dict[int, int]] = {"person": people}
        for table_name in TABLE_ORDER:
            table = t.metadata.tables[table_name]
            new_ids = ids.setdefault(table_name, {})
            references = REFERENCES[table_name]
            owned = "product_id" in table.c
            for row in plan.rows[table_name]:
                values: dict[str, Any] = dict(row)
                file_id = values.pop("id")
                if table_name == "board_column":
                    values["archived_at"] = self.tx.now if values.pop("archived") else None
                for column, target in references.items():
                    if values[column] is not None:
                        values[column] = ids[target][values[column]]
                if owned:
                    values["product_id"] = product_id
                logged = None
                if table_name == "task":
                    logged = {"label_ids": [ids["label"][label_id] for label_id
                                            in plan.task_labels.get(file_id, ())]}
                new_ids[file_id] = self.out.add(table, ENTITIES[table_name], product_id,
                                                values, logged)
                if logged:
                    for label_id in logged["label_ids"]:
                        self.out.add(t.task_label, None, None,
                                     {"task_id": new_ids[file_id], "label_id": label_id})
                    for person_id in plan.task_watchers.get(file_id, ()):
                        self.out.add(t.task_watcher, None, None,
                                     {"task_id": new_ids[file_id], "person_id": people[person_id]})
            self.written[table_name] += len(plan.rows[table_name])
        for baseline in plan.baselines:
            self._baseline(product_id, baseline, ids)

    def _baseline(self, product_id: int, baseline: dict[str, Any],
                  ids: dict[str, dict[int, int]]) -> None:
        """A baseline with its plan's ids rewritten; records deleted before the export
        keep a negative id of their own, so they still show as removed."""
        def new(table: str, file_id: int | None) -> int | None:
            return None if file_id is None else ids[table].get(file_id, -abs(file_id))

        plan: RoadmapPlan = baseline["plan"]
        moved = RoadmapPlan(
            initiatives=tuple(sorted((replace(
                i, id=new("initiative", i.id) or 0, lane_id=new("lane", i.lane_id),
                goal_id=new("goal", i.goal_id)) for i in plan.initiatives), key=lambda i: i.id)),
            milestones=tuple(sorted((replace(
                m, id=new("milestone", m.id) or 0, lane_id=new("lane", m.lane_id))
                for m in plan.milestones), key=lambda m: m.id)),
            lanes={new("lane", k) or 0: v for k, v in plan.lanes.items()},
            goals={new("goal", k) or 0: v for k, v in plan.goals.items()},
        )
        values = {"product_id": product_id, "name": baseline["name"],
                  "taken_at": baseline["taken_at"], "kind": baseline["kind"],
                  "content": moved.to_json()}
        baseline_id = self.out.add(t.baseline, None, product_id, values)
        self.out.log(Entity.BASELINE, baseline_id, Action.CREATE, product_id,
                     {k: v for k, v in values.items() if k != "content"})


def write_workspace(tx: Tx, plan: WorkspacePlan) -> WorkspaceImportSummary:
    """Write every product of ``plan`` as a new product and return what was written."""
    return WorkspaceWriter(tx, plan).write()
