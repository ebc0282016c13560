from pmdesk.domain.lanes import BarSpan, RowPacker, lane_shown, pack_bars, row_count


def test_a_bar_takes_the_first_row_it_fits_after_with_the_gap():
    rows = RowPacker(gap=6)
    assert [rows.put(0, 10), rows.put(12, 20), rows.put(16, 30), rows.put(36, 40)] == [0, 1, 0, 0]
    assert len(rows) == 2


def test_a_full_row_says_so_before_anything_is_put():
    rows = RowPacker()
    rows.put(0, 10)
    assert rows.free_row(5) is None and rows.free_row(10) == 0 and len(rows) == 1


def test_bars_are_packed_left_to_right_per_lane_and_unknown_lanes_have_none():
    bars = [BarSpan(3, 1, 20, 30), BarSpan(1, 1, 0, 25), BarSpan(2, 7, 0, 5),
            BarSpan(4, 1, 0, 25)]
    placed = pack_bars(bars, {1}, gap=0)
    assert [(s.key, p.row) for s, p in placed[1]] == [(1, 0), (4, 1), (3, 2)]
    assert [(s.key, p.lane_id) for s, p in placed[None]] == [(2, None)]
    assert row_count(placed[1]) == 3 and row_count([]) == 0
    assert lane_shown(7, {1}) is None and lane_shown(1, {1}) == 1
