"""Baselines: a product's roadmap as planned at one moment, and what changed since.

A ``RoadmapPlan`` is the content of a baseline (stored as one JSON document) and also what
the event log reconstructs for any past moment; ``compare`` turns two plans into the slip
report's rows, so a saved baseline and a reconstruction at its time give the same answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from pmdesk.domain.enums import InitiativeStatus

PLAN_FORMAT = 1
SLIP_REASON_DAYS = 7  # an end moved later by more than this asks for a reason


class BaselineKind(StrEnum):
    MANUAL = "manual"
    QUARTER = "quarter"  # taken at the first open of a calendar quarter
    ONEPAGER = "onepager"  # taken when the one-pager is exported

    @property
    def label(self) -> str:
        return {"manual": "Saved", "quarter": "Quarter start",
                "onepager": "One-pager export"}[self.value]


@dataclass(frozen=True, slots=True)
class PlannedInitiative:
    """An initiative as planned: where and when, and the cards linked to it."""

    id: int
    title: str
    status: InitiativeStatus = InitiativeStatus.IDEA
    lane_id: int | None = None
    goal_id: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    cards: int = 0  # active (not archived) linked cards
    estimate: float = 0.0  # their estimates summed


@dataclass(frozen=True, slots=True)
class PlannedMilestone:
    id: int
    title: str
    date: date
    lane_id: int | None = None


@dataclass(frozen=True, slots=True)
class RoadmapPlan:
    """A roadmap's content as a baseline keeps it; items are in id order."""

    initiatives: tuple[PlannedInitiative, ...] = ()
    milestones: tuple[PlannedMilestone, ...] = ()
    lanes: Mapping[int, str] = field(default_factory=dict)  # names, for removed lanes too
    goals: Mapping[int, str] = field(default_factory=dict)

    def initiative(self, initiative_id: int) -> PlannedInitiative | None:
        return next((i for i in self.initiatives if i.id == initiative_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": PLAN_FORMAT,
            "initiatives": [
                {"id": i.id, "title": i.title, "status": i.status.value, "lane_id": i.lane_id,
                 "goal_id": i.goal_id, "start_date": _day(i.start_date),
                 "end_date": _day(i.end_date), "cards": i.cards, "estimate": i.estimate}
                for i in self.initiatives],
            "milestones": [{"id": m.id, "title": m.title, "date": m.date.isoformat(),
                            "lane_id": m.lane_id} for m in self.milestones],
            "lanes": {str(k): v for k, v in sorted(self.lanes.items())},
            "goals": {str(k): v for k, v in sorted(self.goals.items())},
        }

    @staticmethod
    def from_json(document: Any) -> RoadmapPlan:
        """Read a baseline's content; ValueError names what is malformed."""
        if not isinstance(document, dict):
            raise ValueError("a baseline's content is not an object")
        try:
            initiatives = tuple(sorted((PlannedInitiative(
                id=int(i["id"]), title=str(i["title"]),
                status=InitiativeStatus(i.get("status") or "idea"),
                lane_id=_optional_id(i.get("lane_id")), goal_id=_optional_id(i.get("goal_id")),
                start_date=parse_day(i.get("start_date")),
                end_date=parse_day(i.get("end_date")),
                cards=int(i.get("cards") or 0), estimate=float(i.get("estimate") or 0.0),
            ) for i in document.get("initiatives") or []), key=lambda i: i.id))
            milestones = tuple(sorted((PlannedMilestone(
                id=int(m["id"]), title=str(m["title"]), date=date.fromisoformat(m["date"]),
                lane_id=_optional_id(m.get("lane_id")),
            ) for m in document.get("milestones") or []), key=lambda m: m.id))
            lanes = {int(k): str(v) for k, v in (document.get("lanes") or {}).items()}
            goals = {int(k): str(v) for k, v in (document.get("goals") or {}).items()}
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"a baseline's content is malformed ({exc})") from None
        return RoadmapPlan(initiatives, milestones, lanes, goals)


@dataclass(frozen=True, slots=True)
class Baseline:
    """A named, dated, immutable snapshot of one product's roadmap."""

    id: int
    product_id: int
    name: str
    taken_at: datetime
    kind: BaselineKind = BaselineKind.MANUAL
    plan: RoadmapPlan = field(default_factory=RoadmapPlan, compare=False)


class Movement(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"  # dates changed
    CHANGED = "changed"  # same dates; lane, status, title or scope changed
    SAME = "same"


@dataclass(frozen=True, slots=True)
class InitiativeChange:
    """One initiative then and now; ``before`` or ``after`` is None when added or removed."""

    id: int
    title: str
    movement: Movement
    before: PlannedInitiative | None
    after: PlannedInitiative | None
    reason: str = ""

    @property
    def days_moved(self) -> int | None:
        """How many days later (positive) or earlier the end is now."""
        if self.before is None or self.after is None:
            return None
        if self.before.end_date is None or self.after.end_date is None:
            return None
        return (self.after.end_date - self.before.end_date).days

    @property
    def start_moved(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        if self.before.start_date is None or self.after.start_date is None:
            return None
        return (self.after.start_date - self.before.start_date).days

    @property
    def cards_change(self) -> int:
        return (self.after.cards if self.after else 0) - (self.before.cards if self.before else 0)

    @property
    def estimate_change(self) -> float:
        return ((self.after.estimate if self.after else 0.0)
                - (self.before.estimate if self.before else 0.0))

    @property
    def status_change(self) -> tuple[InitiativeStatus, InitiativeStatus] | None:
        if self.before is None or self.after is None or self.before.status is self.after.status:
            return None
        return self.before.status, self.after.status

    @property
    def slip(self) -> int:
        """The days the end moved later (0 when earlier, unchanged or not comparable)."""
        return max(0, self.days_moved or 0)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The roadmap now against a baseline or a past moment."""

    label: str  # "Q1 plan" or "1 Oct 2026"
    since: datetime
    changes: tuple[InitiativeChange, ...] = ()

    def of(self, movement: Movement) -> list[InitiativeChange]:
        return [c for c in self.changes if c.movement is movement]

    def change(self, initiative_id: int) -> InitiativeChange | None:
        return next((c for c in self.changes if c.id == initiative_id), None)

    def slips(self) -> list[InitiativeChange]:
        """Initiatives whose end moved later, the biggest slip first."""
        return sorted((c for c in self.changes if c.slip > 0), key=lambda c: (-c.slip, c.title))

    def report_rows(self) -> list[InitiativeChange]:
        """Every row of the slip report: moved most first, then added, removed, changed."""
        order = {Movement.MOVED: 0, Movement.ADDED: 1, Movement.REMOVED: 2,
                 Movement.CHANGED: 3}
        rows = [c for c in self.changes if c.movement is not Movement.SAME]
        return sorted(rows, key=lambda c: (order[c.movement], -abs(c.days_moved or 0),
                                           c.title.casefold(), c.id))


def compare(label: str, since: datetime, before: RoadmapPlan, after: RoadmapPlan,
            reasons: Mapping[int, str] | None = None) -> Comparison:
    """What happened to each initiative between ``before`` and ``after``.

    ``reasons`` are the latest reasons given for moving each initiative's dates since.
    """
    reasons = reasons or {}
    then = {i.id: i for i in before.initiatives}
    now = {i.id: i for i in after.initiatives}
    changes = []
    for initiative_id in sorted(then.keys() | now.keys()):
        old, new = then.get(initiative_id), now.get(initiative_id)
        if old is None:
            movement = Movement.ADDED
        elif new is None:
            movement = Movement.REMOVED
        elif (old.start_date, old.end_date) != (new.start_date, new.end_date):
            movement = Movement.MOVED
        elif old != new:
            movement = Movement.CHANGED
        else:
            movement = Movement.SAME
        title = (new or old).title  # type: ignore[union-attr]
        changes.append(InitiativeChange(initiative_id, title, movement, old, new,
                                        reasons.get(initiative_id, "")))
    return Comparison(label, since, tuple(changes))


def signed_days(days: int) -> str:
    """"+23 d", "−5 d" (a real minus sign), "0 d"."""
    if days > 0:
        return f"+{days} d"
    if days < 0:
        return f"\u2212{-days} d"
    return "0 d"


def signed_number(value: float) -> str:
    text = f"{abs(value):g}"
    return f"+{text}" if value > 0 else f"\u2212{text}" if value < 0 else "0"


def needs_reason(old_end: date | None, new_end: date | None) -> bool:
    """Whether moving an end from ``old_end`` to ``new_end`` is a slip worth explaining."""
    return (old_end is not None and new_end is not None
            and (new_end - old_end).days > SLIP_REASON_DAYS)


def short_date(day: date) -> str:
    """"1 Oct 2026": how a compared-with day is named."""
    return f"{day.day} {day:%b %Y}"


def quarter_name(day: date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year} start"


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def parse_day(value: Any) -> date | None:
    """A day from a row (date or datetime) or from the log (ISO text); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _optional_id(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass(frozen=True, slots=True)
class SlipReport:
    """What the slip report prints: one comparison of one product, and its forecasts."""

    product_name: str
    workspace_name: str
    comparison: Comparison
    today: date
    forecasts: Mapping[int, date] = field(default_factory=dict)  # P85 finish, by initiative


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = (following - timedelta(days=1)).day
    return date(year, month, min(day.day, last))
