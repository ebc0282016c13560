"""What the roadmap shows: a mutable cache of the product's snapshot, and the filter.

Plain Python so the scene, the side lists and the tables all read the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from pmdesk.domain import rules
from pmdesk.domain.enums import Horizon, InitiativeStatus
from pmdesk.domain.flow_forecast import InitiativeForecast, MilestoneForecast
from pmdesk.domain.models import Goal, Lane, Milestone, Person
from pmdesk.domain.snapshots import DependencyView, InitiativeView, RoadmapSnapshot


@dataclass(frozen=True, slots=True)
class RoadmapFilter:
    """Keep initiatives matching every given criterion; ``None`` means any.

    The lane criterion uses 0 for "no lane" (ids start at 1).
    """

    goal_id: int | None = None
    lane_id: int | None = None
    status: InitiativeStatus | None = None
    owner_id: int | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.goal_id, self.lane_id, self.status, self.owner_id))

    def accepts(self, view: InitiativeView) -> bool:
        item = view.initiative
        if self.goal_id is not None and item.goal_id != self.goal_id:
            return False
        if self.lane_id is not None and (item.lane_id or 0) != self.lane_id:
            return False
        if self.status is not None and item.status is not self.status:
            return False
        return self.owner_id is None or item.owner_id == self.owner_id


@dataclass
class RoadmapState:
    """The product's roadmap rows as last read, updated in place by targeted refreshes."""

    product_id: int | None = None
    product_name: str = ""
    goals: list[Goal] = field(default_factory=list)
    lanes: list[Lane] = field(default_factory=list)
    views: dict[int, InitiativeView] = field(default_factory=dict)
    milestones: list[Milestone] = field(default_factory=list)
    dependencies: list[DependencyView] = field(default_factory=list)
    people: dict[int, Person] = field(default_factory=dict)
    today: date = field(default_factory=date.today)
    filter: RoadmapFilter = field(default_factory=RoadmapFilter)
    forecasts: dict[int, InitiativeForecast] = field(default_factory=dict)
    milestone_forecasts: dict[int, MilestoneForecast] = field(default_factory=dict)

    def load(self, snapshot: RoadmapSnapshot) -> None:
        self.product_id = snapshot.product.id
        self.product_name = snapshot.product.name
        self.goals = list(snapshot.goals)
        self.lanes = list(snapshot.lanes)
        self.views = {v.id: v for v in snapshot.initiatives}
        self.milestones = list(snapshot.milestones)
        self.dependencies = list(snapshot.dependencies)
        self.people = dict(snapshot.people)
        self.today = snapshot.today

    def clear(self) -> None:
        self.product_id, self.product_name = None, ""
        self.goals, self.lanes, self.milestones, self.dependencies = [], [], [], []
        self.views, self.people, self.forecasts = {}, {}, {}
        self.milestone_forecasts = {}

    def apply_views(self, views: dict[int, InitiativeView]) -> None:
        """Replace the given initiatives, keep the global order, refresh dependency state."""
        self.views.update(views)
        self.views = dict(
            sorted(self.views.items(), key=lambda kv: (kv[1].initiative.position, kv[0]))
        )
        touched = set(views)
        self.dependencies = [
            self._dependency(dep)
            if {dep.dependency.blocker_id, dep.dependency.blocked_id} & touched else dep
            for dep in self.dependencies
        ]

    def _dependency(self, dep: DependencyView) -> DependencyView:
        blocker = self.views.get(dep.dependency.blocker_id)
        blocked = self.views.get(dep.dependency.blocked_id)
        if blocker is None or blocked is None:
            return dep
        return replace(dep, violated=rules.dependency_violated(blocker.initiative,
                                                                blocked.initiative))

    # ----- lookups
    def goal(self, goal_id: int | None) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def lane(self, lane_id: int | None) -> Lane | None:
        return next((lane for lane in self.lanes if lane.id == lane_id), None)

    def colour_of(self, view: InitiativeView) -> str | None:
        goal = self.goal(view.initiative.goal_id)
        return goal.colour if goal else None

    def owner_name(self, view: InitiativeView) -> str:
        person = self.people.get(view.initiative.owner_id or -1)
        return person.name if person else ""

    def title(self, initiative_id: int) -> str:
        view = self.views.get(initiative_id)
        return view.initiative.title if view else f"initiative {initiative_id}"

    # ----- filtered selections
    def visible(self) -> list[InitiativeView]:
        return [v for v in self.views.values() if self.filter.accepts(v)]

    def scheduled(self) -> list[InitiativeView]:
        return [v for v in self.visible() if v.initiative.scheduled]

    def parked(self) -> list[InitiativeView]:
        return [v for v in self.visible() if not v.initiative.scheduled]

    def in_horizon(self, horizon: Horizon) -> list[InitiativeView]:
        return [v for v in self.visible() if v.initiative.horizon is horizon]

    def global_index(self, initiative_id: int) -> int:
        """The initiative's index in the product's order, not counting itself."""
        for index, key in enumerate(self.views):
            if key == initiative_id:
                return index
        return len(self.views)

    def index_before(self, anchor_ids: Iterable[int], row: int, moving: int) -> int:
        """Global index that puts ``moving`` at ``row`` among ``anchor_ids`` (a sub-list)."""
        anchors = [i for i in anchor_ids if i != moving]
        order = [i for i in self.views if i != moving]
        if row < len(anchors):
            return order.index(anchors[row])
        if anchors:
            return order.index(anchors[-1]) + 1
        return len(order)
