"""Dependency arrows run through the gaps between rows and cross no bar or title."""

import random

from pmdesk.domain.routing import Box, route


def _segments(points):
    return list(zip(points, points[1:]))


def _crosses(points, box: Box) -> bool:
    for (x0, y0), (x1, y1) in _segments(points):
        if x0 == x1 and box.blocks_vertical(x0, y0, y1, 0.0):
            return True
        if y0 == y1 and box.blocks_horizontal(y0, x0, x1):
            return True
    return False


def test_a_free_forward_arrow_in_one_row_is_a_straight_line():
    assert route((10, 5), (60, 5), 0, []) == [(10, 5), (60, 5)]


def test_an_arrow_leaves_right_runs_in_the_gutter_and_enters_from_the_left():
    points = route((100, 50), (40, 10), 20, [])
    assert points[0] == (100, 50) and points[-1] == (40, 10)
    assert points[1] == (106, 50)            # a stub out of the blocker's end
    assert (106, 20) in points and (34, 20) in points   # along the gutter
    assert points[-2] == (34, 10)             # the last leg runs into the start
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in _segments(points))


def test_vertical_legs_step_past_titles_and_bars_they_would_cross():
    title_beside = Box(101, 30, 160, 40)      # a short bar's title drawn after it, one row down
    bar_before_target = Box(0, 5, 37, 15)     # the bar just before the target in its row
    points = route((100, 50), (40, 10), 20, [title_beside, bar_before_target])
    assert not _crosses(points, title_beside)
    assert points[1][0] > 160                 # went round the title, not through it
    assert points[-1] == (40, 10)


def test_a_straight_line_blocked_by_a_bar_in_between_is_routed_round_it():
    in_between = Box(30, 0, 50, 10)
    points = route((10, 5), (80, 5), 14, [in_between])
    assert len(points) > 2
    assert not _crosses(points, in_between)



def test_a_vertical_leg_moves_to_the_nearest_x_that_crosses_nothing():
    rng = random.Random(7)
    clearance, low, high = 3.0, 0.0, 40.0
    for _ in range(400):
        boxes = [Box(left, top, left + rng.choice([0.0, 5.0, rng.uniform(1, 60)]), top + 10)
                 for left, top in ((rng.choice([rng.uniform(0, 200), rng.randint(0, 40) * 5.0]),
                                    rng.choice([-5.0, 10.0, 25.0, 50.0]))
                                   for _ in range(rng.randint(0, 25)))]
        start = rng.uniform(-10, 220)
        points = route((start - 6, low), (400, high), 30, boxes)
        out = points[1][0]
        assert not any(b.blocks_vertical(out, low, 30, clearance) for b in boxes)
        # the nearest free x is the start or just past some box's right edge
        assert all(any(b.blocks_vertical(x, low, 30, clearance) for b in boxes)
                   for x in [start] + [b.right + clearance for b in boxes] if start <= x < out)
