"""Consistent read models of a whole view, built by the services in a few queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.models import (
    Board,
    Column,
    Dependency,
    Goal,
    Initiative,
    Label,
    Lane,
    Milestone,
    Person,
    Product,
    Task,
)
from pmdesk.domain.rules import Progress, derived_status, is_at_risk, rice_score


@dataclass(frozen=True, slots=True)
class InitiativeView:
    """An initiative with the figures derived from the board."""

    initiative: Initiative
    progress: Progress = field(default_factory=Progress)
    at_risk: bool = False
    rice: float | None = None
    estimate_effort: float | None = None

    @property
    def id(self) -> int:
        return self.initiative.id

    @property
    def status(self) -> InitiativeStatus:
        """The status the linked cards show (what reports count); may differ from the stored."""
        return derived_status(self.initiative.status, self.progress)

    @property
    def suggested_status(self) -> InitiativeStatus | None:
        """The board's status when it differs from the stored one (to offer applying it)."""
        status = self.status
        return None if status is self.initiative.status else status


def initiative_view(initiative: Initiative, figures: tuple[Progress, date | None] | None,
                    today: date) -> InitiativeView:
    """The initiative with the figures of its linked cards (progress, latest open due date)."""
    progress, latest_due = figures or (Progress(), None)
    estimate_sum = progress.total_estimate or None
    # Effort is person-months; the cards' estimates are story points: never mix them, so an
    # initiative without its own effort is not scored (the estimate is shown as a hint).
    return InitiativeView(
        initiative=initiative,
        progress=progress,
        at_risk=is_at_risk(initiative, progress, latest_due, today),
        rice=rice_score(initiative.reach, initiative.impact, initiative.confidence,
                        initiative.effort),
        estimate_effort=estimate_sum,
    )


@dataclass(frozen=True, slots=True)
class DependencyView:
    dependency: Dependency
    violated: bool


@dataclass(frozen=True, slots=True)
class RoadmapSnapshot:
    product: Product
    goals: tuple[Goal, ...]
    lanes: tuple[Lane, ...]
    initiatives: tuple[InitiativeView, ...]
    milestones: tuple[Milestone, ...]
    dependencies: tuple[DependencyView, ...]
    people: dict[int, Person]
    today: date

    def goal(self, goal_id: int | None) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


@dataclass(frozen=True, slots=True)
class InitiativeTag:
    """What a card needs to show about its initiative."""

    id: int
    title: str
    colour: str | None


@dataclass(frozen=True, slots=True)
class BoardSnapshot:
    board: Board
    columns: tuple[Column, ...]
    tasks: tuple[Task, ...]
    people: dict[int, Person]
    labels: dict[int, Label]
    initiatives: dict[int, InitiativeTag]
    today: date

    def tasks_in(self, column_id: int) -> list[Task]:
        return [t for t in self.tasks if t.column_id == column_id]


@dataclass(frozen=True, slots=True)
class ProductSummary:
    """Figures for the Product page and the one-pager header."""

    product: Product
    owner: Person | None
    goals: tuple[Goal, ...]
    initiative_count: int
    done_initiatives: int
    at_risk_initiatives: int
    task_count: int
    done_tasks: int
    overdue_tasks: int
    violated_dependencies: int
