"""Date ⇄ x mapping, snapping and header ticks at every zoom level."""

from datetime import date, timedelta

import pytest

from pmdesk.domain.timescale import TimeScale, Zoom, fit_zoom

ORIGIN = date(2026, 1, 1)


@pytest.mark.parametrize("zoom", list(Zoom))
def test_date_and_x_round_trip_at_every_zoom(zoom):
    scale = TimeScale(ORIGIN, zoom)
    assert scale.x(ORIGIN) == 0
    for offset in (-40, -1, 0, 1, 6, 45, 400):
        day = ORIGIN + timedelta(days=offset)
        x = scale.x(day)
        assert x == pytest.approx(offset * zoom.px_per_day)
        assert scale.date_at(x) == day
        assert scale.date_at(x + zoom.px_per_day * 0.99) == day
        assert scale.date_at(x - 0.01) == day - timedelta(days=1)


@pytest.mark.parametrize("zoom", list(Zoom))
def test_span_covers_both_ends(zoom):
    scale = TimeScale(ORIGIN, zoom)
    left, right = scale.span(date(2026, 3, 2), date(2026, 3, 8))
    assert left == scale.x(date(2026, 3, 2))
    assert right - left == pytest.approx(7 * zoom.px_per_day)


@pytest.mark.parametrize("zoom", [Zoom.WEEKS, Zoom.MONTHS])
def test_fine_zooms_snap_to_days(zoom):
    scale = TimeScale(ORIGIN, zoom)
    assert scale.snap(date(2026, 3, 4)) == date(2026, 3, 4)
    assert scale.snap_offset(3.4 * zoom.px_per_day) == 3
    assert scale.snap_offset(-2.6 * zoom.px_per_day) == -3
    assert scale.nearest_boundary(scale.x(date(2026, 3, 4)) + 0.4 * zoom.px_per_day) == date(
        2026, 3, 4)


@pytest.mark.parametrize("zoom", [Zoom.QUARTERS, Zoom.YEARS])
def test_coarse_zooms_snap_to_weeks(zoom):
    scale = TimeScale(ORIGIN, zoom)
    assert scale.snap(date(2026, 3, 4)) == date(2026, 3, 2)  # Wednesday -> Monday before
    assert scale.snap(date(2026, 3, 6)) == date(2026, 3, 9)  # Friday -> next Monday
    assert scale.snap_offset(3.4 * zoom.px_per_day) == 0
    assert scale.snap_offset(5 * zoom.px_per_day) == 7
    assert scale.snap_offset(-16 * zoom.px_per_day) == -14
    assert scale.nearest_boundary(scale.x(date(2026, 3, 3))).weekday() == 0


def _contiguous(ticks, first, last):
    assert ticks[0].start <= first
    assert ticks[-1].end > last
    for a, b in zip(ticks, ticks[1:], strict=False):
        assert a.end == b.start
        assert a.start < a.end


def test_week_zoom_ticks():
    scale = TimeScale(ORIGIN, Zoom.WEEKS)
    minor = scale.minor_ticks(date(2026, 3, 4), date(2026, 3, 20))
    _contiguous(minor, date(2026, 3, 4), date(2026, 3, 20))
    assert [t.start for t in minor] == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    assert minor[0].label == "W10 · 2 Mar"
    assert minor[0].short == "W10"
    major = scale.major_ticks(date(2026, 2, 20), date(2026, 3, 20))
    _contiguous(major, date(2026, 2, 20), date(2026, 3, 20))
    assert [t.label for t in major] == ["February 2026", "March 2026"]


def test_month_zoom_ticks():
    scale = TimeScale(ORIGIN, Zoom.MONTHS)
    minor = scale.minor_ticks(date(2025, 11, 15), date(2026, 2, 1))
    _contiguous(minor, date(2025, 11, 15), date(2026, 2, 1))
    assert [t.label for t in minor] == ["Nov", "Dec", "Jan", "Feb"]
    assert minor[1].end == date(2026, 1, 1)
    major = scale.major_ticks(date(2025, 11, 15), date(2026, 2, 1))
    assert [t.label for t in major] == ["2025", "2026"]


def test_quarter_zoom_ticks():
    scale = TimeScale(ORIGIN, Zoom.QUARTERS)
    minor = scale.minor_ticks(date(2026, 2, 10), date(2026, 12, 31))
    _contiguous(minor, date(2026, 2, 10), date(2026, 12, 31))
    assert [t.short for t in minor] == ["Q1", "Q2", "Q3", "Q4"]
    assert minor[0].label == "Q1 2026"
    assert minor[2].start == date(2026, 7, 1)


def test_year_zoom_ticks():
    scale = TimeScale(ORIGIN, Zoom.YEARS)
    minor = scale.minor_ticks(date(2025, 8, 1), date(2027, 3, 1))
    _contiguous(minor, date(2025, 8, 1), date(2027, 3, 1))
    assert [t.label for t in minor] == ["H2 2025", "H1 2026", "H2 2026", "H1 2027"]
    major = scale.major_ticks(date(2025, 8, 1), date(2027, 3, 1))
    assert [t.label for t in major] == ["2025", "2026", "2027"]
    assert major[0].short == "’25"


@pytest.mark.parametrize("zoom", list(Zoom))
def test_tick_positions_follow_the_mapping(zoom):
    scale = TimeScale(ORIGIN, zoom)
    for tick in scale.minor_ticks(date(2026, 1, 1), date(2026, 12, 31)):
        assert scale.x(tick.end) - scale.x(tick.start) == pytest.approx(
            (tick.end - tick.start).days * zoom.px_per_day)


def test_fit_zoom_picks_the_finest_that_fits():
    assert fit_zoom(date(2026, 1, 1), date(2026, 1, 31), 1000) is Zoom.WEEKS
    assert fit_zoom(date(2026, 1, 1), date(2026, 5, 31), 1000) is Zoom.MONTHS
    assert fit_zoom(date(2026, 1, 1), date(2026, 12, 31), 1000) is Zoom.QUARTERS
    assert fit_zoom(date(2026, 1, 1), date(2029, 12, 31), 1000) is Zoom.YEARS
    assert fit_zoom(date(2026, 1, 1), date(2060, 12, 31), 1000) is Zoom.YEARS


def test_zoom_steps_stop_at_the_ends():
    assert Zoom.WEEKS.finer() is Zoom.WEEKS
    assert Zoom.WEEKS.coarser() is Zoom.MONTHS
    assert Zoom.YEARS.coarser() is Zoom.YEARS
    assert Zoom.QUARTERS.finer() is Zoom.MONTHS
    assert TimeScale(ORIGIN).with_zoom(Zoom.YEARS).zoom is Zoom.YEARS


def test_fit_scale_fills_the_width_without_passing_the_finer_zoom():
    from pmdesk.domain.timescale import fit_scale

    zoom, stretch = fit_scale(date(2026, 1, 1), date(2026, 12, 31), 1000)
    assert zoom is Zoom.QUARTERS
    assert stretch == pytest.approx(1000 / 365)
    assert Zoom.QUARTERS.px_per_day <= stretch < Zoom.MONTHS.px_per_day
    assert TimeScale(ORIGIN, zoom, stretch).px_per_day == stretch
    zoom, stretch = fit_scale(date(2026, 1, 1), date(2026, 1, 3), 1000)
    assert (zoom, stretch) == (Zoom.WEEKS, Zoom.WEEKS.px_per_day)
