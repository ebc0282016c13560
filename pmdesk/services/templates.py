"""Roadmap templates: a new product with sensible goals, lanes and example initiatives."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.changes import Result
from pmdesk.domain.enums import Entity, Horizon, InitiativeStatus
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Product
from pmdesk.domain.values import Example, RoadmapTemplate
from pmdesk.services import convert
from pmdesk.services.base import POSITION_GAP, ServiceBase, end_position, get_row, insert_row
from pmdesk.services.products import add_board
from pmdesk.store import tables as t

N, X, L = Horizon.NOW, Horizon.NEXT, Horizon.LATER


TEMPLATES: tuple[RoadmapTemplate, ...] = (
    RoadmapTemplate(
        "product", "Product roadmap",
        "Themes of customer value over the next quarters, by product area.",
        (("Grow activation", "#4C78A8", "Activated accounts"),
         ("Retain customers", "#F58518", "Net revenue retention"),
         ("Win new segments", "#54A24B", "Deals in new segments")),
        ("Onboarding", "Core experience", "Integrations"),
        (Example("Guided first project", 0, 0, 0, 6, N),
         Example("Sample data on sign-up", 0, 0, 7, 4, X),
         Example("Faster search", 1, 1, 2, 8, N),
         Example("Saved views", 1, 1, 11, 6, X),
         Example("Calendar sync", 2, 2, 4, 8, X),
         Example("Public API v1", 2, 2, 14, 10, L),
         Example("Usage-based pricing", 1, 2, None, 6, L)),
        (("Beta for pilot customers", 8), ("General availability", 20)),
    ),
    RoadmapTemplate(
        "strategy", "Strategy / portfolio roadmap",
        "Strategic bets across products and business units, a year at a glance.",
        (("Expand to new markets", "#4C78A8", "Revenue outside home market"),
         ("Operational excellence", "#B279A2", "Gross margin"),
         ("Platform leadership", "#54A24B", "Partners on the platform")),
        ("Core product", "New ventures", "Operations"),
        (Example("Localise for Germany", 0, 0, 0, 12, N),
         Example("Partner marketplace", 0, 2, 14, 16, X),
         Example("Mid-market bundle", 1, 0, 6, 14, X),
         Example("Adjacent product discovery", 1, 2, 24, 12, L),
         Example("Self-serve billing", 2, 1, 2, 10, N),
         Example("Support automation", 2, 1, 16, 12, L)),
        (("Board review", 13), ("Annual planning", 45)),
    ),
    RoadmapTemplate(
        "technology", "Technology roadmap",
        "Platform, infrastructure and engineering-health work with its payoff.",
        (("Reliability", "#E45756", "Monthly uptime"),
         ("Developer speed", "#72B7B2", "Lead time for changes"),
         ("Security and compliance", "#4C78A8", "Open audit findings")),
        ("Infrastructure", "Architecture", "Security", "Tooling"),
        (Example("Move to managed database", 0, 0, 0, 8, N),
         Example("Multi-region failover", 0, 0, 10, 10, X),
         Example("Split billing service", 1, 1, 2, 12, N),
         Example("Event bus", 1, 1, 16, 8, L),
         Example("Single sign-on", 2, 2, 4, 6, X),
         Example("SOC 2 controls", 2, 2, 12, 12, X),
         Example("Preview environments", 3, 1, 1, 5, N),
         Example("Flaky test dashboard", 3, 1, None, 3, L)),
        (("Infrastructure freeze", 9), ("Audit window", 24)),
    ),
    RoadmapTemplate(
        "release", "Release plan",
        "The features of the next releases, with their dates and launch work.",
        (("Release 1.0", "#4C78A8", "Features shipped"),
         ("Release 1.1", "#F58518", "Features shipped"),
         ("Launch readiness", "#54A24B", "Launch checklist done")),
        ("Features", "Quality", "Go to market"),
        (Example("Accounts and sign-in", 0, 0, 0, 4, N),
         Example("Projects and tasks", 0, 0, 2, 6, N),
         Example("Notifications", 0, 1, 9, 4, X),
         Example("Reports", 0, 1, 11, 5, X),
         Example("Beta test round", 1, 0, 7, 2, N),
         Example("Performance pass", 1, 1, 14, 2, X),
         Example("Launch website", 2, 2, 5, 3, N),
         Example("Pricing page", 2, 2, 12, 2, X)),
        (("Release 1.0", 8), ("Release 1.1", 16)),
    ),
    RoadmapTemplate(
        "now-next-later", "Now / Next / Later",
        "Outcomes by horizon instead of dates: commit to now, shape next, explore later.",
        (("Delight new users", "#4C78A8", "Week-one retention"),
         ("Increase revenue", "#54A24B", "Monthly recurring revenue"),
         ("Reduce churn", "#F58518", "Logo churn")),
        ("Discovery", "Delivery"),
        (Example("Simplify sign-up", 1, 0, horizon=N),
         Example("Annual plans", 1, 1, horizon=N),
         Example("In-app help", 1, 0, horizon=X),
         Example("Cancellation survey", 0, 2, horizon=X),
         Example("Team accounts", 0, 1, horizon=L),
         Example("Win-back campaign", 0, 2, horizon=L)),
    ),
)


def template(key: str) -> RoadmapTemplate:
    for candidate in TEMPLATES:
        if candidate.key == key:
            return candidate
    names = ", ".join(c.key for c in TEMPLATES)
    raise ValidationError(f"There is no roadmap template “{key}”; choose one of {names}.")


class TemplateService(ServiceBase):
    """List the roadmap templates and start a product from one."""

    def list_templates(self) -> tuple[RoadmapTemplate, ...]:
        return TEMPLATES

    def create_from_template(
        self, key: str, product_name: str, start: date | None = None
    ) -> Result[Product]:
        """Create a product with a board, and the template's goals, lanes and initiatives.

        Examples start on the Monday of this week (or of ``start``'s week), so a new
        roadmap begins today rather than in the past.
        """
        chosen = template(key)
        name = rules.clean_title(product_name, "product name")
        with self.write() as tx:
            clash = tx.conn.execute(
                sa.select(t.product.c.id).where(t.product.c.name == name)
            ).first()
            if clash:
                raise ValidationError(f"A product called “{name}” already exists.")
            anchor = start or tx.now.date()
            anchor -= timedelta(days=anchor.weekday())
            product_id = insert_row(
                tx, t.product, Entity.PRODUCT, None,
                {"name": name, "tagline": chosen.description,
                 "position": end_position(tx.conn, t.product, sa.true())},
            )

            def add(table: sa.Table, entity: Entity, **values: object) -> int:
                return insert_row(tx, table, entity, product_id,
                                  {"product_id": product_id, **values})

            goals = [
                add(t.goal, Entity.GOAL, name=goal, colour=colour, metric=metric,
                    description=f"{goal}, measured by {metric.lower()}.",
                    position=i * POSITION_GAP)
                for i, (goal, colour, metric) in enumerate(chosen.goals)
            ]
            lanes = [add(t.lane, Entity.LANE, name=lane, position=i * POSITION_GAP)
                     for i, lane in enumerate(chosen.lanes)]
            for i, example in enumerate(chosen.initiatives):
                start_day = end_day = None
                status = InitiativeStatus.IDEA
                if example.start_week is not None:
                    start_day = anchor + timedelta(weeks=example.start_week)
                    end_day = start_day + timedelta(weeks=example.weeks, days=-1)
                    status = InitiativeStatus.PLANNED
                add(t.initiative, Entity.INITIATIVE, title=example.title,
                    lane_id=lanes[example.lane], goal_id=goals[example.goal],
                    status=status.value, start_date=start_day, end_date=end_day,
                    horizon=example.horizon.value, position=i * POSITION_GAP,
                    description=f"Example initiative of the {chosen.name.lower()}; "
                                "rename or replace it.")
            for title, week in chosen.milestones:
                add(t.milestone, Entity.MILESTONE, title=title,
                    date=anchor + timedelta(weeks=week))
            add_board(tx, product_id, "Delivery")
            row = get_row(tx.conn, t.product, product_id, "product")
        return Result(convert.product(row), tx.flush())
