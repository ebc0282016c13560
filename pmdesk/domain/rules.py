"""Business rules: validation and the values derived from stored rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TypeVar

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Initiative, Task

MAX_TITLE_LENGTH = 500
REACH_MAX = 1_000_000_000
IMPACT_RANGE = (0.25, 3.0)
CONFIDENCE_RANGE = (0.0, 100.0)
EFFORT_MAX = 10_000.0
EnumT = TypeVar("EnumT", bound=Enum)
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def clean_title(value: object, what: str = "title") -> str:
    """Return the stripped title, refusing empty or over-long ones."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"The {what} cannot be empty.")
    text = " ".join(value.split())
    if len(text) > MAX_TITLE_LENGTH:
        raise ValidationError(f"The {what} is longer than {MAX_TITLE_LENGTH} characters.")
    return text


def check_date_order(start: date | None, end: date | None) -> None:
    """Refuse an end before its start, and a half-scheduled span."""
    if (start is None) != (end is None):
        raise ValidationError("Give both a start and an end date, or neither.")
    if start is not None and end is not None and end < start:
        raise ValidationError(
            f"The end date {end.isoformat()} is before the start date {start.isoformat()}."
        )


def check_colour(value: str) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise ValidationError(f"“{value}” is not a colour like #3366CC.")
    return value.upper()


def check_rice(
    reach: float | None, impact: float | None, confidence: float | None, effort: float | None
) -> None:
    """Refuse RICE inputs outside their scales (empty inputs are allowed)."""
    if reach is not None and not 0 <= reach <= REACH_MAX:
        raise ValidationError(f"Reach must be between 0 and {REACH_MAX:,}.")
    if impact is not None and not IMPACT_RANGE[0] <= impact <= IMPACT_RANGE[1]:
        raise ValidationError("Impact must be between 0.25 (minimal) and 3 (massive).")
    if confidence is not None and not CONFIDENCE_RANGE[0] <= confidence <= CONFIDENCE_RANGE[1]:
        raise ValidationError("Confidence must be a percentage between 0 and 100.")
    if effort is not None and not 0 < effort <= EFFORT_MAX:
        raise ValidationError("Effort must be more than 0 and at most 10,000 person-months.")


def check_non_negative(value: float | None, what: str) -> None:
    if value is not None and value < 0:
        raise ValidationError(f"The {what} cannot be negative.")


def rice_score(
    reach: float | None, impact: float | None, confidence: float | None, effort: float | None
) -> float | None:
    """Reach × impact × confidence ÷ effort, or None while an input is missing."""
    if None in (reach, impact, confidence, effort) or not effort:
        return None
    assert reach is not None and impact is not None and confidence is not None
    return reach * impact * (confidence / 100.0) / effort


def creates_cycle(edges: Iterable[tuple[int, int]], blocker: int, blocked: int) -> bool:
    """Tell whether adding ``blocker -> blocked`` closes a loop of dependencies."""
    if blocker == blocked:
        return True
    successors: dict[int, list[int]] = {}
    for a, b in edges:
        successors.setdefault(a, []).append(b)
    stack, seen = [blocked], set()
    while stack:
        node = stack.pop()
        if node == blocker:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(successors.get(node, ()))
    return False


def dependency_violated(blocker: Initiative, blocked: Initiative) -> bool:
    """The blocker ends after the blocked initiative starts."""
    if blocker.end_date is None or blocked.start_date is None:
        return False
    return blocker.end_date > blocked.start_date


def wip_refusal(column_name: str, limit: int | None, hard: bool, count_after: int) -> str | None:
    """Return the refusal message when a hard WIP limit would be exceeded."""
    if hard and limit is not None and count_after > limit:
        return f"“{column_name}” is at its limit of {limit} cards."
    return None


@dataclass(frozen=True, slots=True)
class Progress:
    """Share of an initiative's linked tasks that are done."""

    done: int = 0
    total: int = 0
    done_estimate: float = 0.0
    total_estimate: float = 0.0
    overdue: int = 0

    @property
    def by_count(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def by_estimate(self) -> float:
        if self.total_estimate:
            return self.done_estimate / self.total_estimate
        return self.by_count


def progress_of(tasks: Iterable[Task], done_columns: set[int], today: date) -> Progress:
    """Fold linked (non-archived) tasks into a progress figure."""
    done = total = overdue = 0
    done_est = total_est = 0.0
    for task in tasks:
        if task.archived_at is not None:
            continue
        total += 1
        estimate = task.estimate or 0.0
        total_est += estimate
        if task.column_id in done_columns:
            done += 1
            done_est += estimate
        elif task.due_date is not None and task.due_date < today:
            overdue += 1
    return Progress(done, total, done_est, total_est, overdue)


def derived_status(status: InitiativeStatus, progress: Progress) -> InitiativeStatus:
    """The status the board's cards point to: all done means done, some done means started.

    Ideas stay ideas until a card is done, dropped stays dropped, and a done initiative with
    cards reopened on the board is in progress again.
    """
    if status is InitiativeStatus.DROPPED or not progress.total:
        return status
    if progress.done == progress.total:
        return InitiativeStatus.DONE
    if progress.done and status in (InitiativeStatus.IDEA, InitiativeStatus.PLANNED,
                                    InitiativeStatus.DONE):
        return InitiativeStatus.IN_PROGRESS
    return status


def is_at_risk(
    initiative: Initiative,
    progress: Progress,
    latest_open_due: date | None,
    today: date,
) -> bool:
    """A linked open task is due after the end, or the end has passed and it is not done."""
    if initiative.status in (InitiativeStatus.DONE, InitiativeStatus.DROPPED):
        return False
    end = initiative.end_date
    if end is None:
        return False
    if latest_open_due is not None and latest_open_due > end:
        return True
    if end < today:
        return progress.total == 0 or progress.done < progress.total
    return False


def next_position(positions: Mapping[int, int] | Iterable[int]) -> int:
    values = list(positions.values()) if isinstance(positions, Mapping) else list(positions)
    return (max(values) + 1) if values else 0


def parse_date(value: object, what: str = "date") -> date | None:
    """Accept a date, an ISO ``YYYY-MM-DD`` string or nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(f"“{value}” is not a valid {what}; use YYYY-MM-DD.")


def parse_number(value: object, what: str) -> float | None:
    """Accept a number, a numeric string or nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"The {what} must be a number.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ValidationError(f"The {what} must be a number, not “{value}”.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationError(f"The {what} must be a finite number.")
    return number


def parse_enum(enum_type: type[EnumT], value: object, what: str) -> EnumT:
    """Accept an enum member or its value; refuse anything else with the choices."""
    try:
        return enum_type(value)
    except ValueError:
        choices = ", ".join(str(m.value) for m in enum_type)
        raise ValidationError(
            f"“{value}” is not a valid {what}; choose one of {choices}."
        ) from None
