"""Fixtures for the export tests: a small predictable product and a very large one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from pmdesk.services import Services
from pmdesk.store.workspace import create_workspace
from tests.conftest import FIXED_NOW
from tests.unit.export.helpers import TODAY, TRICKY, demo

LONG = (TRICKY + " — ") * 40


@pytest.fixture
def small(services: Services) -> dict[str, int]:
    from tests.unit.export.helpers import small_product

    return small_product(services)


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """1,000 initiatives, 3,000 cards, 2,000-character texts, many goals, lanes, milestones."""
    workspace = create_workspace(tmp_path_factory.mktemp("huge") / "huge.pmdesk")
    services = Services(workspace, clock=lambda: FIXED_NOW)
    demo(services, initiatives=1000, tasks=3000)
    product = services.products.list_products()[0]
    text = LONG[:2000]
    services.products.update_product(
        product.id, name="Atlas " + TRICKY, tagline=text, vision=text, problem=text,
        target_customers=text, value_proposition=text, success_metrics=text, not_doing=text,
    )
    for index in range(12):
        services.products.create_goal(product.id, f"Goal {index} {TRICKY}",
                                      colour=f"#{index * 20:02X}3366", metric=text[:300],
                                      target=text[:200])
    for index in range(10):
        services.lanes.create_lane(product.id, f"Lane {index} {TRICKY}")
    for index in range(60):
        services.lanes.create_milestone(product.id, f"Milestone {index} {TRICKY}",
                                        TODAY + timedelta(days=index * 5))
    yield services
    workspace.close()
