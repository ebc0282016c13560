"""Fill a workspace with a realistic sample, at any scale, deterministically."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.enums import Entity, Horizon, InitiativeStatus
from pmdesk.domain.errors import ValidationError
from pmdesk.services import demo_content as words
from pmdesk.services import demo_titles
from pmdesk.services.base import POSITION_GAP, ServiceBase
from pmdesk.services.bulk import Bulk
from pmdesk.services.card_path import log_card_path
from pmdesk.services.demo_history import CardPath, HistoryPlanner
from pmdesk.services.demo_roadmap import PLANNED, RoadmapHistory
from pmdesk.store import tables as t

MAX_INITIATIVES = 100_000
MAX_TASKS = 1_000_000


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class DemoService(ServiceBase):
    """Write the sample products, roadmap and board."""

    def generate(self, initiatives: int = 30, tasks: int = 150, seed: int = 1) -> dict[str, int]:
        if not 0 <= initiatives <= MAX_INITIATIVES:
            raise ValidationError(f"--initiatives must be between 0 and {MAX_INITIATIVES:,}.")
        if not 0 <= tasks <= MAX_TASKS:
            raise ValidationError(f"--tasks must be between 0 and {MAX_TASKS:,}.")
        rng = random.Random(seed)
        # The roadmap's past has a generator of its own, so the rest stays as it was.
        past = random.Random(f"roadmap-history-{seed}")
        with self.write() as tx:
            out = Bulk(tx)
            today = tx.now.date()
            people = [out.add(t.person, Entity.PERSON, None, {"name": n}) for n in words.PEOPLE]
            _Product(out, rng, today, people, past).build_main(initiatives, tasks)
            _Product(out, rng, today, people, past).build_second()
            out.flush()
        return {name: len(rows) for name, rows in out.rows.items()}


class _Product:
    def __init__(self, out: Bulk, rng: random.Random, today: date, people: list[int],
                 past: random.Random):
        self.out, self.rng, self.today, self.people = out, rng, today, people
        self.origin = add_months(quarter_start(today), -3)
        self.product_id = 0
        self.positions: dict[int, int] = {}
        self.roadmap = RoadmapHistory(out, past)

    def add(self, table: sa.Table, entity: Entity | None, /, **values: Any) -> int:
        """Add a row; the roadmap's rows are dated when the product was planned."""
        planned = entity in PLANNED
        return self.out.add(table, entity, self.product_id, values,
                            at=self.roadmap.planned_at if planned else None)

    # ----- the large, main product
    def build_main(self, n_initiatives: int, n_tasks: int) -> None:
        rng = self.rng
        self.product_id = self.out.take_id(t.product)
        self.out.add(t.product, Entity.PRODUCT, self.product_id,
                     {"id": self.product_id, "owner_id": self.people[0], "position": 0,
                      **words.MAIN_PRODUCT}, at=self.roadmap.planned_at)
        goals = [self._goal(i, *g) for i, g in enumerate(words.MAIN_GOALS)]
        lanes = [self.add(t.lane, Entity.LANE, product_id=self.product_id, name=name,
                          position=i * POSITION_GAP) for i, name in enumerate(words.MAIN_LANES)]
        initiatives = [self._initiative(i, goals, lanes) for i in range(n_initiatives)]
        self._dependencies(initiatives)
        for title, months in words.MILESTONES:
            self.add(t.milestone, Entity.MILESTONE, product_id=self.product_id, title=title,
                     date=add_months(self.origin, months) + timedelta(days=rng.randint(0, 20)),
                     lane_id=rng.choice([None, *lanes]))
        labels = [self.add(t.label, Entity.LABEL, product_id=self.product_id, name=name,
                           colour=colour) for name, colour in words.LABELS]
        board = self.add(t.board, Entity.BOARD, product_id=self.product_id, name="Delivery",
                         position=0)
        columns = []
        for index, (name, kind, limit, hard, share) in enumerate(words.MAIN_COLUMNS):
            count = round(n_tasks * share)
            if limit is not None and n_tasks > 150:
                limit = max(limit, round(count * 1.2))
            columns.append((self.add(t.board_column, Entity.COLUMN, board_id=board, name=name,
                                     position=index * POSITION_GAP, kind=kind, wip_limit=limit,
                                     wip_hard=hard), kind, share))
        self._tasks(n_tasks, board, columns, initiatives, labels)

    def _goal(self, index: int, name: str, colour: str, metric: str, target: str) -> int:
        return self.add(t.goal, Entity.GOAL, product_id=self.product_id, name=name, colour=colour,
                        description=f"{name}: {metric.lower()} to {target}.", metric=metric,
                        target=target, position=index * POSITION_GAP)

    def _initiative(self, index: int, goals: list[int], lanes: list[int]) -> dict[str, Any]:
        rng, today = self.rng, self.today
        title = words.INITIATIVES[index % len(words.INITIATIVES)]
        if index >= len(words.INITIATIVES):
            title += f" — phase {index // len(words.INITIATIVES) + 1}"
        start = end = None
        if rng.random() < 0.15:
            status = rng.choice([InitiativeStatus.IDEA, InitiativeStatus.IDEA,
                                 InitiativeStatus.DROPPED])
            horizon = Horizon.LATER
        else:
            start = self.origin + timedelta(days=rng.randint(0, 320))
            end = start + timedelta(days=rng.randint(14, 110))
            status = self._status(start, end)
            if status is InitiativeStatus.DONE and rng.random() < 0.25:
                status = InitiativeStatus.IN_PROGRESS
            ahead = (start - today).days
            horizon = (
                Horizon.NOW if ahead <= 30 else Horizon.NEXT if ahead <= 120 else Horizon.LATER
            )
        values = dict(
            product_id=self.product_id, lane_id=lanes[index % len(lanes)] if lanes else None,
            goal_id=rng.choice(goals) if goals else None, title=title,
            description=f"{title}: the smallest version that a pilot team would pay for.",
            status=status.value, start_date=start, end_date=end, horizon=horizon.value,
            owner_id=rng.choice(self.people), reach=float(rng.choice([50, 200, 800, 2000, 5000])),
            impact=rng.choice([0.25, 0.5, 1.0, 2.0, 3.0]),
            confidence=float(rng.choice([50, 80, 100])),
            effort=rng.choice([None, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0]),
            position=index * POSITION_GAP,
        )
        values["id"] = self.out.take_id(t.initiative)
        self.out.add(t.initiative, None, self.product_id, values)
        self.roadmap.initiative(self.product_id, values)
        return values

    def _status(self, start: date | None, end: date | None) -> InitiativeStatus:
        if start is None or end is None:
            return InitiativeStatus.IDEA
        if end < self.today:
            return InitiativeStatus.DONE
        return InitiativeStatus.IN_PROGRESS if start <= self.today else InitiativeStatus.PLANNED

    def _dependencies(self, initiatives: list[dict[str, Any]]) -> None:
        scheduled = [i for i in initiatives if i["start_date"] is not None]
        violated_done = False
        for first, second in zip(scheduled, scheduled[1:], strict=False):
            if self.rng.random() > 0.3 and violated_done:
                continue
            violates = first["end_date"] > second["start_date"]
            if violates and violated_done:
                continue
            violated_done = violated_done or violates
            self.add(t.dependency, Entity.DEPENDENCY, blocker_id=first["id"],
                     blocked_id=second["id"])

    def _tasks(self, n_tasks: int, board: int, columns: list[tuple[int, str, float]],
               initiatives: list[dict[str, Any]], labels: list[int]) -> None:
        rng, today = self.rng, self.today
        slots = [i for i, c in enumerate(columns) for _ in range(round(n_tasks * c[2]))]
        slots += [0] * max(0, n_tasks - len(slots))
        slots = slots[:n_tasks]
        rng.shuffle(slots)
        planner = HistoryPlanner(rng, [c[1] for c in columns], self.out.tx.now)
        finishes = iter(planner.finish_days(sum(columns[s][1] == "done" for s in slots)))
        usable = [i for i in initiatives if i["status"] != InitiativeStatus.DROPPED.value]
        fitting = {
            kind: [i for i in usable if i["status"] in statuses] or usable
            for kind, statuses in (
                ("todo", ("idea", "planned", "in_progress")),
                ("doing", ("in_progress",)),
                ("done", ("done", "in_progress")),
            )
        }
        scheduled = [i for i in usable if i["start_date"] is not None]
        active: dict[date, list[dict[str, Any]]] = {}
        titles = demo_titles.TitlePicker(rng)
        for slot in slots:
            column_id, kind, _ = columns[slot]
            if kind == "done":
                finish = next(finishes)
                path = planner.finished(finish)
                if finish not in active:
                    active[finish] = [i for i in scheduled
                                      if i["start_date"] <= finish <= i["end_date"]]
                pool = active[finish] or fitting[kind]
            else:
                path = planner.in_progress(slot) if kind == "doing" else planner.waiting(slot)
                pool = fitting[kind]
            initiative = rng.choice(pool) if pool and rng.random() < 0.9 else None
            due = None
            if rng.random() < 0.6:
                anchor = initiative["end_date"] if initiative and initiative["end_date"] else today
                due = anchor + timedelta(days=rng.randint(-40, 12))
            title = titles.next(initiative["position"] // POSITION_GAP if initiative else None)
            task_id = self._card(path, [c[0] for c in columns], [c[1] for c in columns], dict(
                board_id=board, initiative_id=initiative["id"] if initiative else None,
                title=title, description=titles.description(),
                assignee_id=rng.choice(self.people) if rng.random() < 0.85 else None,
                due_date=due, estimate=rng.choice([None, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0]),
                priority=rng.choice([0, 1, 2, 2, 3, 4]),
            ))
            for label_id in rng.sample(labels, k=rng.choice([0, 0, 1, 1, 2])):
                self.out.add(t.task_label, None, None, {"task_id": task_id, "label_id": label_id})
            if rng.random() < 0.3:
                items = rng.sample(words.CHECKLIST, k=rng.randint(2, 5))
                done_count = len(items) if kind == "done" else rng.randint(0, len(items))
                for pos, text in enumerate(items):
                    self.add(t.checklist_item, Entity.CHECKLIST_ITEM, task_id=task_id, text=text,
                             done=pos < done_count, position=pos)

    def _card(self, path: CardPath, column_ids: list[int], kinds: list[str],
              values: dict[str, Any]) -> int:
        """Write a card as it is now, and its past as dated events in the log."""
        column = column_ids[path.column]
        position = self.positions.get(column, 0)
        self.positions[column] = position + POSITION_GAP
        task_id = self.out.take_id(t.task)
        values = {**values, "position": position}
        steps = [(when, column_ids[index], kinds[index]) for when, index in path.steps]
        state = log_card_path(self.out, task_id, self.product_id, values, steps, path.archived)
        self.out.add(t.task, None, self.product_id, {"id": task_id, **values, **state})
        return task_id

    # ----- the small, Polish second product
    def build_second(self) -> None:
        rng = self.rng
        self.product_id = self.out.take_id(t.product)
        self.out.add(t.product, Entity.PRODUCT, self.product_id,
                     {"id": self.product_id, "owner_id": self.people[-1],
                      "position": POSITION_GAP, **words.SECOND_PRODUCT},
                     at=self.roadmap.planned_at)
        goals = [self._goal(i, *g) for i, g in enumerate(words.SECOND_GOALS)]
        lanes = [self.add(t.lane, Entity.LANE, product_id=self.product_id, name=name,
                          position=i * POSITION_GAP) for i, name in enumerate(words.SECOND_LANES)]
        initiatives = []
        for index, title in enumerate(words.SECOND_INITIATIVES):
            start = self.origin + timedelta(days=30 + index * 45) if index < 5 else None
            end = start + timedelta(days=60) if start else None
            values = dict(
                product_id=self.product_id, lane_id=lanes[index % 2], goal_id=goals[index % 2],
                title=title, status=self._status(start, end).value,
                start_date=start, end_date=end,
                horizon=Horizon.NEXT.value, owner_id=self.people[-1], position=index * POSITION_GAP,
            )
            values["id"] = self.out.take_id(t.initiative)
            self.out.add(t.initiative, None, self.product_id, values)
            self.roadmap.initiative(self.product_id, values)
            initiatives.append(values)
        board = self.add(t.board, Entity.BOARD, product_id=self.product_id, name="Sprint",
                         position=0)
        columns = [self.add(t.board_column, Entity.COLUMN, board_id=board, name=name, kind=kind,
                            position=i * POSITION_GAP)
                   for i, (name, kind) in enumerate((("Do zrobienia", "todo"), ("W toku", "doing"),
                                                     ("Gotowe", "done")))]
        kinds = ["todo", "doing", "done"]
        planner = HistoryPlanner(rng, kinds, self.out.tx.now)
        finishes = iter(planner.finish_days(sum(1 for i in range(20) if i % 3 == 2)))
        for index, title in enumerate(demo_titles.SECOND[:20]):
            slot = index % 3
            path = (planner.finished(next(finishes)) if slot == 2 else
                    planner.in_progress(slot) if slot == 1 else planner.waiting(slot))
            initiative = initiatives[index % len(initiatives)]
            self._card(path, columns, kinds, dict(
                board_id=board, initiative_id=initiative["id"], title=title,
                assignee_id=rng.choice(self.people), priority=index % 5))
