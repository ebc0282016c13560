"""Read models for the printed reports: the product one-pager and the workspace dump."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pmdesk.domain.baselines import Baseline, Comparison
from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.flow_forecast import InitiativeForecast
from pmdesk.domain.models import (
    Board,
    ChecklistItem,
    Column,
    Comment,
    Dependency,
    Goal,
    Initiative,
    Label,
    Lane,
    Link,
    Milestone,
    Person,
    Product,
    Task,
)
from pmdesk.domain.snapshots import InitiativeView, RoadmapSnapshot

WORKSPACE_FORMAT = "pmdesk-workspace"  # the JSON export and import
WORKSPACE_FORMAT_VERSION = 1
ACTIVE_STATUSES = (InitiativeStatus.PLANNED, InitiativeStatus.IN_PROGRESS)
OFF_TRACK_SHARE = 0.25


class OverallStatus(StrEnum):
    """How the product is doing, in one word an executive can act on."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """Initiatives per status as the board shows it (``InitiativeView.status``)."""

    idea: int = 0
    planned: int = 0
    in_progress: int = 0
    done: int = 0
    dropped: int = 0

    @property
    def active(self) -> int:
        """Planned plus in progress: the two always add up to this."""
        return self.planned + self.in_progress

    @property
    def total(self) -> int:
        return self.idea + self.planned + self.in_progress + self.done + self.dropped


def status_counts(views: Iterable[InitiativeView]) -> StatusCounts:
    """Count ``views`` by the status their cards show; every report counts through here."""
    counts = Counter(v.status for v in views)
    return StatusCounts(*(counts[s] for s in (
        InitiativeStatus.IDEA, InitiativeStatus.PLANNED, InitiativeStatus.IN_PROGRESS,
        InitiativeStatus.DONE, InitiativeStatus.DROPPED)))


@dataclass(frozen=True, slots=True)
class TaskTotals:
    """Counts of the active (non-archived) cards on a product's boards."""

    total: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def open(self) -> int:
        return self.total - self.done

    @property
    def done_share(self) -> float:
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class OnePagerData:
    """Everything the product one-pager prints, read in one transaction."""

    roadmap: RoadmapSnapshot
    owner: Person | None
    tasks: TaskTotals
    workspace_name: str
    today: date
    forecasts: dict[int, InitiativeForecast] = field(default_factory=dict)
    since: Comparison | None = None  # the "Since <baseline>" block

    @property
    def product(self) -> Product:
        return self.roadmap.product

    @property
    def active(self) -> list[InitiativeView]:
        """Planned and in-progress initiatives (by the status their cards show)."""
        return [v for v in self.roadmap.initiatives if v.status in ACTIVE_STATUSES]

    @property
    def statuses(self) -> StatusCounts:
        return status_counts(self.roadmap.initiatives)

    @property
    def at_risk(self) -> list[InitiativeView]:
        return [v for v in self.roadmap.initiatives if v.at_risk]

    @property
    def violated(self) -> int:
        return sum(d.violated for d in self.roadmap.dependencies)

    @property
    def status(self) -> OverallStatus:
        return overall_status(
            len(self.active), len(self.at_risk), self.violated, self.tasks
        )


def overall_status(
    active: int, at_risk: int, violated: int, tasks: TaskTotals
) -> OverallStatus:
    """Off track when a quarter of the active initiatives or open cards are in trouble.

    Any at-risk initiative, violated dependency or overdue card makes it "at risk".
    """
    if (active and at_risk / active >= OFF_TRACK_SHARE) or (
        tasks.open and tasks.overdue / tasks.open >= OFF_TRACK_SHARE
    ):
        return OverallStatus.OFF_TRACK
    if at_risk or violated or tasks.overdue:
        return OverallStatus.AT_RISK
    return OverallStatus.ON_TRACK


def blockers_of(roadmap: RoadmapSnapshot) -> dict[int, list[int]]:
    """For each initiative, the initiatives whose violated dependency holds it up."""
    result: dict[int, list[int]] = {}
    for view in roadmap.dependencies:
        if view.violated:
            result.setdefault(view.dependency.blocked_id, []).append(view.dependency.blocker_id)
    return result


@dataclass(frozen=True, slots=True)
class WorkspaceDump:
    """Every row a user entered, in a stable order, for the JSON export."""

    workspace_name: str
    schema_revision: str
    people: tuple[Person, ...]
    products: tuple[Product, ...]
    goals: tuple[Goal, ...]
    lanes: tuple[Lane, ...]
    initiatives: tuple[Initiative, ...]
    milestones: tuple[Milestone, ...]
    dependencies: tuple[Dependency, ...]
    labels: tuple[Label, ...]
    boards: tuple[Board, ...]
    columns: tuple[Column, ...]
    tasks: tuple[Task, ...]
    checklist_items: tuple[ChecklistItem, ...]
    # a card's discussion and who else is on it: (task id, person id) for watchers
    comments: tuple[Comment, ...] = ()
    links: tuple[Link, ...] = ()
    watchers: tuple[tuple[int, int], ...] = ()
    baselines: tuple[Baseline, ...] = ()  # with their plans
