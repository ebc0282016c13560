"""Roadmap templates create a whole product in one transaction, undoable as one."""

from datetime import date

import pytest

from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.services.templates import TEMPLATES, TemplateService


@pytest.fixture
def templates(services):
    return TemplateService(services.workspace, services.reads.clock)


def test_there_are_at_least_five_templates_with_distinct_keys(templates):
    keys = [t.key for t in templates.list_templates()]
    assert len(keys) >= 5
    assert len(set(keys)) == len(keys)
    assert {"product", "strategy", "technology", "release", "now-next-later"} <= set(keys)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.key)
def test_each_template_creates_goals_lanes_initiatives_and_a_board(services, templates, template):
    result = templates.create_from_template(template.key, f"My {template.name}",
                                            start=date(2026, 4, 1))
    product = result.value
    snapshot = services.reads.roadmap(product.id)
    assert [g.name for g in snapshot.goals] == [g[0] for g in template.goals]
    assert [lane.name for lane in snapshot.lanes] == list(template.lanes)
    assert [v.initiative.title for v in snapshot.initiatives] == [
        e.title for e in template.initiatives]
    assert len(snapshot.milestones) == len(template.milestones)
    lane_ids = {lane.id for lane in snapshot.lanes}
    for view in snapshot.initiatives:
        item = view.initiative
        assert item.lane_id in lane_ids and item.goal_id is not None
        if item.start_date is not None:
            assert item.start_date >= date(2026, 3, 30)  # the Monday of that week
            assert item.end_date >= item.start_date
    assert services.boards.list_boards(product.id)
    assert result.changes.ids(Entity.INITIATIVE) == {v.id for v in snapshot.initiatives}
    logged = services.history.for_item(Entity.INITIATIVE, snapshot.initiatives[0].id)
    assert [e.action.value for e in logged] == ["create"]


def test_a_template_product_is_undone_and_redone_as_one(services, templates):
    product = templates.create_from_template("release", "Launch").value
    before = services.reads.roadmap(product.id)
    tombstone = services.products.delete_product(product.id).value
    assert "Launch" not in [p.name for p in services.products.list_products()]
    services.trash.restore(tombstone)
    assert services.reads.roadmap(product.id) == before


def test_refusals_write_nothing(services, templates):
    count = len(services.products.list_products())
    with pytest.raises(ValidationError, match="no roadmap template"):
        templates.create_from_template("gantt", "X")
    with pytest.raises(ValidationError, match="cannot be empty"):
        templates.create_from_template("product", "   ")
    templates.create_from_template("product", "Twice")
    with pytest.raises(ValidationError, match="already exists"):
        templates.create_from_template("technology", "Twice")
    assert len(services.products.list_products()) == count + 1
