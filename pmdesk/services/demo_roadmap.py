"""A believable past for the sample roadmaps: planned months ago, then some ends slipped.

The roadmap was laid out when the product was planned; since, about a third of the
scheduled initiatives had their end moved, mostly later and with a one-line reason, a few
pulled in. Compare with ▸ "3 months ago" on the first-launch sample thus shows real slips.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from pmdesk.domain.baselines import SLIP_REASON_DAYS
from pmdesk.domain.enums import Action, Entity
from pmdesk.services.bulk import Bulk
from pmdesk.services.demo_content import SLIP_REASONS

PLANNED_DAYS_AGO = 175
# Rows of the roadmap, created when the product was planned.
PLANNED = frozenset({Entity.GOAL, Entity.LANE, Entity.MILESTONE, Entity.DEPENDENCY})
SLIP_SHARE = 0.45
SLIPS = (9, 12, 14, 16, 21, 23, 28, 30, 35, 45)
PULLED_IN = (-3, -5, -7)


class RoadmapHistory:
    """Log each sample initiative's creation at planning time and its later moves."""

    def __init__(self, out: Bulk, rng: random.Random) -> None:
        self.out, self.rng = out, rng
        self.reasons = list(SLIP_REASONS)
        rng.shuffle(self.reasons)
        self.now = out.tx.now
        self.planned_at = datetime.combine(
            (self.now - timedelta(days=PLANNED_DAYS_AGO)).date(), time(10, 15))

    def initiative(self, product_id: int, values: dict[str, Any]) -> None:
        """Log ``values`` (the initiative as it is now) with a past that leads to it."""
        rng = self.rng
        created = self.planned_at + timedelta(minutes=rng.randint(0, 240))
        moves: list[tuple[datetime, int, str]] = []
        start, end = values["start_date"], values["end_date"]
        if end is not None and rng.random() < SLIP_SHARE:
            first = created + timedelta(days=10)
            span = max(1, int((self.now - first).total_seconds() // 3600) - 24)
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
                when = first + timedelta(hours=rng.randint(0, span))
                days = rng.choice(SLIPS) if rng.random() < 0.85 else rng.choice(PULLED_IN)
                reason = ""
                if days > SLIP_REASON_DAYS and rng.random() < 0.85:
                    reason = self.reasons.pop(0)
                    self.reasons.append(reason)  # each reason in turn, then again
                moves.append((when.replace(second=0, microsecond=0), days, reason))
            moves.sort()
        original = end
        for _, days, _ in moves:
            original = original - timedelta(days=days)
        if moves and original < start:  # the plan must have ended after it started
            moves, original = [], end
        self.out.log(Entity.INITIATIVE, values["id"], Action.CREATE, product_id,
                     {**values, "end_date": original}, at=created)
        current = original
        for when, days, reason in moves:
            later = current + timedelta(days=days)
            self.out.log(Entity.INITIATIVE, values["id"], Action.UPDATE, product_id,
                         {"end_date": [current, later]}, at=when, note=reason)
            current = later
