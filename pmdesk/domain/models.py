"""Frozen read models of every workspace entity.

Services build these from rows; views and exports only ever see these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pmdesk.domain.enums import Action, ColumnKind, Entity, Horizon, InitiativeStatus, Priority


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str

    @property
    def initials(self) -> str:
        parts = [p for p in self.name.split() if p]
        if not parts:
            return "?"
        if len(parts) == 1:
            return parts[0][:2].upper()
        return (parts[0][0] + parts[-1][0]).upper()


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    name: str
    tagline: str = ""
    vision: str = ""
    problem: str = ""
    target_customers: str = ""
    value_proposition: str = ""
    success_metrics: str = ""
    not_doing: str = ""
    owner_id: int | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class Goal:
    id: int
    product_id: int
    name: str
    colour: str = "#4C78A8"
    description: str = ""
    metric: str = ""
    target: str = ""
    position: int = 0


@dataclass(frozen=True, slots=True)
class Lane:
    id: int
    product_id: int
    name: str
    position: int = 0


@dataclass(frozen=True, slots=True)
class Initiative:
    id: int
    product_id: int
    title: str
    lane_id: int | None = None
    goal_id: int | None = None
    description: str = ""
    status: InitiativeStatus = InitiativeStatus.IDEA
    start_date: date | None = None
    end_date: date | None = None
    horizon: Horizon = Horizon.LATER
    owner_id: int | None = None
    reach: float | None = None
    impact: float | None = None
    confidence: float | None = None
    effort: float | None = None
    position: int = 0
    version: int = field(default=1, compare=False)  # as read; see Task.version

    @property
    def scheduled(self) -> bool:
        return self.start_date is not None and self.end_date is not None


@dataclass(frozen=True, slots=True)
class Milestone:
    id: int
    product_id: int
    title: str
    date: date
    lane_id: int | None = None
    version: int = field(default=1, compare=False)  # as read; see Task.version


@dataclass(frozen=True, slots=True)
class Dependency:
    id: int
    blocker_id: int
    blocked_id: int


@dataclass(frozen=True, slots=True)
class Board:
    id: int
    product_id: int
    name: str
    position: int = 0
    start_column_id: int | None = None  # where cycle time starts (None: first "doing")


@dataclass(frozen=True, slots=True)
class Column:
    id: int
    board_id: int
    name: str
    position: int = 0
    kind: ColumnKind = ColumnKind.TODO
    wip_limit: int | None = None
    wip_hard: bool = False
    archived: bool = False  # an archived list: its cards show only among the archived ones


@dataclass(frozen=True, slots=True)
class Label:
    id: int
    product_id: int
    name: str
    colour: str = "#9E9E9E"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: int
    task_id: int
    text: str
    done: bool = False
    position: int = 0


@dataclass(frozen=True, slots=True)
class Task:
    id: int
    board_id: int
    column_id: int
    title: str
    initiative_id: int | None = None
    description: str = ""
    assignee_id: int | None = None
    due_date: date | None = None
    estimate: float | None = None
    priority: Priority = Priority.NONE
    position: int = 0
    created_at: datetime | None = None
    started_at: datetime | None = None
    done_at: datetime | None = None
    archived_at: datetime | None = None
    column_since: datetime | None = None
    label_ids: tuple[int, ...] = ()
    checklist_done: int = 0
    checklist_total: int = 0
    # The row's version when it was read; a save based on an older one is checked.
    version: int = field(default=1, compare=False)

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment of a card's discussion."""

    id: int
    task_id: int
    author: str
    created_at: datetime | None
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link a card points to (a Trello attachment, a document)."""

    id: int
    task_id: int
    title: str
    url: str
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TaskDetail:
    """A task with everything its editor shows."""

    task: Task
    checklist: tuple[ChecklistItem, ...] = field(default_factory=tuple)
    comments: tuple[Comment, ...] = field(default_factory=tuple)  # oldest first
    links: tuple[Link, ...] = field(default_factory=tuple)
    watchers: tuple[str, ...] = field(default_factory=tuple)  # names, besides the assignee


@dataclass(frozen=True, slots=True)
class Event:
    """One logged change: for creates and deletes ``fields`` holds the row's values,
    for updates and moves each field maps to ``[old, new]``."""

    id: int
    at: datetime
    txn: str
    product_id: int | None
    entity: Entity
    entity_id: int
    action: Action
    fields: dict[str, object]
    author: str = ""  # who made the change; empty for events older than authors
    note: str = ""  # why, when the user said (a slipped end date's reason)
