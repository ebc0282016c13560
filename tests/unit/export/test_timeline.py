from datetime import date, timedelta

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.models import Goal, Initiative, Lane, Milestone, Product
from pmdesk.domain.snapshots import InitiativeView, RoadmapSnapshot
from pmdesk.export.timeline import Metrics, PageScale, milestone_rows, pack

METRICS = Metrics(row=17, bar=13, font=7.4, tier=12, tier_font=7.6, lane_font=8)
START = date(2026, 1, 1)


MOBILE = Lane(1, 1, "Mobile")


def snapshot(initiatives, lanes=(MOBILE,), milestones=()):
    return RoadmapSnapshot(
        product=Product(1, "P"), goals=(Goal(1, 1, "G", "#2E7D32"),), lanes=tuple(lanes),
        initiatives=tuple(InitiativeView(i) for i in initiatives),
        milestones=tuple(milestones), dependencies=(), people={}, today=START,
    )


def initiative(ident, start, days, lane=1, title="Initiative"):
    return Initiative(ident, 1, f"{title} {ident}", lane_id=lane, goal_id=1,
                      status=InitiativeStatus.PLANNED, start_date=start,
                      end_date=start + timedelta(days=days))


def test_scale_maps_the_range_onto_the_width():
    scale = PageScale(START, date(2027, 1, 1), 100, 365)
    assert scale.x(START) == 100
    assert scale.x(date(2027, 1, 1)) == 465
    assert scale.clamp(date(2020, 1, 1)) == 100
    assert scale.contains(date(2026, 12, 31)) and not scale.contains(date(2027, 1, 1))


def test_header_bands_pick_a_unit_with_room_for_labels():
    year = PageScale(START, date(2027, 1, 1), 0, 700)
    upper, lower = year.tiers()
    assert [t.label for t in upper] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]
    assert len(lower) == 12 and lower[0].label == "Jan"
    decade = PageScale(START, date(2036, 1, 1), 0, 700)
    upper, lower = decade.tiers()
    assert upper[0].label == "2026" and lower[0].label == "Q1"
    quarter = PageScale(START, date(2026, 4, 1), 0, 700)
    upper, lower = quarter.tiers()
    assert [t.label for t in upper] == ["Jan 2026", "Feb 2026", "Mar 2026"]
    assert [t.label for t in lower[:3]] == ["1", "5", "12"]  # weeks start on Mondays
    days = PageScale(START, date(2026, 1, 4), 0, 700)
    upper, lower = days.tiers()
    assert [t.label for t in lower] == ["1", "2", "3"]


def test_bars_in_a_row_never_overlap_and_labels_stop_at_the_next_bar():
    items = [initiative(i, START + timedelta(days=(i * 7) % 300), 10 + i % 50)
             for i in range(1, 200)]
    scale = PageScale(START, date(2027, 1, 1), 100, 600)
    rows = pack(snapshot(items), scale, [InitiativeView(i) for i in items], METRICS,
                label_reserve=120)
    assert sum(len(r.bars) for r in rows) == len(items)
    for row in rows:
        for left, right in zip(row.bars, row.bars[1:], strict=False):
            assert left.x1 < right.x0
            assert left.limit < right.x0
        assert all(bar.limit <= scale.x1 for bar in row.bars)


def test_initiatives_outside_the_range_are_left_out_and_clipped_ones_marked():
    items = [initiative(1, date(2025, 1, 1), 30), initiative(2, date(2025, 12, 1), 60)]
    scale = PageScale(START, date(2027, 1, 1), 0, 600)
    rows = pack(snapshot(items), scale, [InitiativeView(i) for i in items], METRICS)
    bars = [b for r in rows for b in r.bars]
    assert [b.view.id for b in bars] == [2]
    assert bars[0].clipped and bars[0].x0 == 0 and bars[0].label.startswith("◂")


def test_initiatives_without_a_known_lane_get_their_own_group():
    items = [initiative(1, START, 30, lane=None), initiative(2, START, 30, lane=99)]
    scale = PageScale(START, date(2027, 1, 1), 0, 600)
    rows = pack(snapshot(items), scale, [InitiativeView(i) for i in items], METRICS)
    assert [r.lane for r in rows] == ["Mobile", "No lane", "No lane"]
    assert sum(len(r.bars) for r in rows) == 2


def test_milestone_labels_never_overlap_and_extra_ones_are_counted():
    milestones = [Milestone(i, 1, f"Milestone number {i}", START + timedelta(days=i * 3))
                  for i in range(60)]
    scale = PageScale(START, date(2027, 1, 1), 0, 600)
    rows, hidden = milestone_rows(milestones, scale, 7, 2)
    placed = sum(len(r) for r in rows)
    assert placed + hidden == 60 and hidden > 0 and len(rows) == 2
    for row in rows:
        spans = sorted((m.low, m.high) for m in row)
        for (_, high), (low, _) in zip(spans, spans[1:], strict=False):
            assert high <= low
        for mark, following in zip(row, row[1:], strict=False):
            if mark.right:
                assert mark.x + mark.room <= following.low
