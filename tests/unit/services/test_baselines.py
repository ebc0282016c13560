"""Baselines and the roadmap rebuilt from the event log: a hand-built history, replayed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from pmdesk.domain.baselines import BaselineKind, Movement
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.services import Services

START = datetime(2026, 1, 5, 9, 0)


class Clock:
    """A clock the test moves on by hand, so every step has its own time."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **delta: float) -> datetime:
        self.now += timedelta(**delta) if delta else timedelta(minutes=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed(workspace, clock) -> Services:
    return Services(workspace, clock=clock)


def build_history(s: Services, clock: Clock) -> dict[str, object]:
    """Create, move, resize, change lane, delete and undo a delete, each at its own time."""
    product = s.products.create_product("Atlas").value
    web = s.lanes.create_lane(product.id, "Web").value
    mobile = s.lanes.create_lane(product.id, "Mobile").value
    column = s.boards.list_columns(s.boards.list_boards(product.id)[0].id)[0]
    clock.tick()
    login = s.initiatives.create_initiative(product.id, "Login", lane_id=web.id,
                                            start_date=date(2026, 2, 1),
                                            end_date=date(2026, 2, 28)).value
    search = s.initiatives.create_initiative(product.id, "Search", lane_id=web.id,
                                             start_date=date(2026, 3, 1),
                                             end_date=date(2026, 3, 31)).value
    offline = s.initiatives.create_initiative(product.id, "Offline", lane_id=mobile.id,
                                              start_date=date(2026, 4, 1),
                                              end_date=date(2026, 4, 30)).value
    s.lanes.create_milestone(product.id, "Beta", date(2026, 3, 15))
    card = s.tasks.create_task(column.id, "Form", initiative_id=login.id, estimate=3).value
    s.tasks.create_task(column.id, "Reset", initiative_id=login.id, estimate=5)
    early = clock.tick(hours=1)
    clock.tick(hours=1)
    baseline = s.baselines.save_baseline(product.id, "Q1 plan").value
    clock.tick(days=2)
    s.initiatives.update_initiative(login.id, end_date=date(2026, 3, 23),
                                    note="The vendor's API came late")  # moved end
    clock.tick()
    s.initiatives.update_initiative(search.id, start_date=date(2026, 3, 10))  # resized
    clock.tick()
    s.initiatives.update_initiative(offline.id, lane_id=web.id)  # changed lane
    clock.tick()
    tombstone = s.initiatives.delete_initiative(search.id).value
    clock.tick()
    s.trash.restore(tombstone)  # undo of the delete
    clock.tick()
    s.initiatives.delete_initiative(offline.id)
    clock.tick()
    added = s.initiatives.create_initiative(product.id, "Export").value
    s.tasks.update_task(card.id, initiative_id=added.id, estimate=8)
    clock.tick()
    return dict(product=product, web=web, mobile=mobile, login=login, search=search,
                offline=offline, added=added, baseline=baseline, early=early)


def test_the_roadmap_rebuilt_at_a_baseline_s_time_equals_the_baseline(timed, clock):
    h = build_history(timed, clock)
    baseline = timed.baselines.get_baseline(h["baseline"].id)
    assert timed.baselines.plan_at(h["product"].id, baseline.taken_at) == baseline.plan
    from_baseline = timed.baselines.compare_with_baseline(baseline.id)
    from_date = timed.baselines.compare_with_date(h["product"].id, baseline.taken_at)
    assert from_baseline.changes == from_date.changes
    assert from_baseline.label == "Q1 plan"


def test_the_rebuilt_past_undoes_each_kind_of_change(timed, clock):
    h = build_history(timed, clock)
    product = h["product"].id
    then = timed.baselines.plan_at(product, h["early"])
    login, search, offline = (then.initiative(h[k].id) for k in ("login", "search", "offline"))
    assert login.end_date == date(2026, 2, 28) and (login.cards, login.estimate) == (2, 8.0)
    assert search.start_date == date(2026, 3, 1)
    assert offline is not None and offline.lane_id == h["mobile"].id
    assert then.initiative(h["added"].id) is None
    assert [m.title for m in then.milestones] == ["Beta"]
    assert (then.lanes[h["web"].id], then.lanes[h["mobile"].id]) == ("Web", "Mobile")
    now = timed.baselines.plan_at(product, clock.now)
    assert now == timed.baselines.plan_at(product, clock.tick(days=30))
    assert now.initiative(h["offline"].id) is None
    assert now.initiative(h["search"].id).start_date == date(2026, 3, 10)
    before_anything = timed.baselines.plan_at(product, START - timedelta(days=1))
    assert before_anything.initiatives == () and before_anything.milestones == ()


def test_the_comparison_names_added_removed_and_moved_with_days_scope_and_reason(timed, clock):
    h = build_history(timed, clock)
    comparison = timed.baselines.compare_with_baseline(h["baseline"].id)
    login = comparison.change(h["login"].id)
    assert login.movement is Movement.MOVED and login.days_moved == 23
    assert login.reason == "The vendor's API came late"
    assert (login.cards_change, login.estimate_change) == (-1, -3.0)
    search = comparison.change(h["search"].id)
    assert search.movement is Movement.MOVED and (search.days_moved, search.start_moved) == (0, 9)
    assert [c.id for c in comparison.of(Movement.ADDED)] == [h["added"].id]
    assert comparison.change(h["added"].id).cards_change == 1
    assert [c.id for c in comparison.of(Movement.REMOVED)] == [h["offline"].id]
    assert [c.title for c in comparison.slips()] == ["Login"]
    assert [c.movement for c in comparison.report_rows()] == [
        Movement.MOVED, Movement.MOVED, Movement.ADDED, Movement.REMOVED]


def test_a_reason_is_kept_with_the_event_and_shown_in_the_item_history(timed, clock):
    h = build_history(timed, clock)
    events = timed.history.for_item(Entity.INITIATIVE, h["login"].id)
    assert [e.note for e in events] == ["", "The vendor's API came late"]


def test_save_rename_delete_and_undo_of_a_baseline(timed, clock):
    product = timed.products.create_product("Atlas").value
    saved = timed.baselines.save_baseline(product.id, "  Q1   plan ").value
    assert saved.name == "Q1 plan" and saved.kind is BaselineKind.MANUAL
    clock.tick()
    timed.baselines.rename_baseline(saved.id, "January plan")
    assert [b.name for b in timed.baselines.list_baselines(product.id)] == ["January plan"]
    tombstone = timed.baselines.delete_baseline(saved.id).value
    assert timed.baselines.list_baselines(product.id) == []
    timed.trash.restore(tombstone)
    back = timed.baselines.get_baseline(saved.id)
    assert back.name == "January plan" and back.plan == saved.plan
    actions = [e.action.value for e in timed.history.for_item(Entity.BASELINE, saved.id)]
    assert actions == ["create", "update", "delete", "create"]
    with pytest.raises(ValidationError, match="needs a name"):
        timed.baselines.save_baseline(product.id, "   ")


def test_a_quarter_baseline_is_taken_once_per_calendar_quarter(timed, clock):
    product = timed.products.create_product("Atlas").value
    first = timed.baselines.ensure_quarter_baseline(product.id).value
    assert first is not None and first.name == "Q1 2026 start"
    clock.tick(days=30)
    assert timed.baselines.ensure_quarter_baseline(product.id).value is None
    clock.tick(days=70)
    second = timed.baselines.ensure_quarter_baseline(product.id).value
    assert second is not None and second.name == "Q2 2026 start"
    assert len(timed.baselines.list_baselines(product.id)) == 2


def test_compare_with_names_a_baseline_or_a_date_and_refuses_anything_else(timed, clock):
    h = build_history(timed, clock)
    product = h["product"].id
    assert timed.baselines.compare_with(product, "q1 PLAN").label == "Q1 plan"
    assert timed.baselines.compare_with(product, "2026-01-04").label == "4 Jan 2026"
    with pytest.raises(ValidationError, match="neither a baseline .* nor a date.*Q1 plan"):
        timed.baselines.compare_with(product, "last spring")
    with pytest.raises(ValidationError, match="in the future"):
        timed.baselines.compare_with(product, "2027-01-01")


def _shape(comparison):
    """A comparison without ids: what a reader of the report sees."""
    return sorted((c.title, c.movement, c.days_moved, c.start_moved, c.cards_change,
                   c.estimate_change, c.status_change, c.reason) for c in comparison.changes)


def test_export_json_and_import_json_carry_the_baselines(timed, clock, tmp_path):
    from pmdesk import documents
    from pmdesk.store.workspace import create_workspace

    h = build_history(timed, clock)
    timed.baselines.save_baseline(h["product"].id, "After the slip", BaselineKind.ONEPAGER)
    exported = tmp_path / "all.json"
    exported.write_bytes(documents.workspace_json(timed)[0])
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["counts"]["baselines"] == 2
    assert [b["name"] for b in document["products"][0]["baselines"]] == [
        "Q1 plan", "After the slip"]

    target = Services(create_workspace(tmp_path / "target.pmdesk"), clock=clock)
    target.importing.import_json(exported)
    product = target.products.list_products()[0]
    names = [(b.name, b.kind, b.taken_at) for b in target.baselines.list_baselines(product.id)]
    assert names == [(b.name, b.kind, b.taken_at)
                     for b in timed.baselines.list_baselines(h["product"].id)]
    imported = target.baselines.find_baseline(product.id, "Q1 plan")
    original = timed.baselines.compare_with_baseline(h["baseline"].id)
    again = target.baselines.compare_with_baseline(imported.id)
    # The import's history starts at the import: the reasons stay in the first workspace.
    assert _shape(again) == [row[:-1] + ("",) for row in _shape(original)]
    target.workspace.close()


def test_an_import_refuses_a_baseline_it_cannot_read(timed, clock, tmp_path):
    from pmdesk import documents
    from pmdesk.store.workspace import create_workspace

    build_history(timed, clock)
    document = json.loads(documents.workspace_json(timed)[0])
    document["products"][0]["baselines"][0]["content"] = {"initiatives": [{"title": "x"}]}
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    target = Services(create_workspace(tmp_path / "target.pmdesk"), clock=clock)
    with pytest.raises(ValidationError, match=r"baselines\[0\] “Q1 plan” has a “content”"):
        target.importing.import_json(broken)
    assert target.products.list_products() == []
    target.workspace.close()
