"""Small values the views hand to the services: card moves, checklist rows, roadmap templates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pmdesk.domain.enums import Horizon

# One checklist row as the card editor sends it: id (None for a new item), text, done.
ChecklistSpec = tuple[int | None, str, bool]


@dataclass(frozen=True, slots=True)
class TaskMove:
    """Put ``task_id`` at ``index`` of ``column_id`` (None: at the end) and set ``fields``."""

    task_id: int
    column_id: int
    index: int | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Example:
    """An example initiative: lane and goal by index, start and length in weeks."""

    title: str
    lane: int
    goal: int
    start_week: int | None = None
    weeks: int = 6
    horizon: Horizon = Horizon.NEXT


@dataclass(frozen=True, slots=True)
class RoadmapTemplate:
    """A starting point for a new product: goals, lanes, example initiatives, milestones."""

    key: str
    name: str
    description: str
    goals: tuple[tuple[str, str, str], ...]
    lanes: tuple[str, ...]
    initiatives: tuple[Example, ...]
    milestones: tuple[tuple[str, int], ...] = ()
