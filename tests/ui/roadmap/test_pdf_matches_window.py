"""The roadmap PDF places bars as the window does: same lane, same row, same extent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pmdesk.domain.lanes import Placement
from pmdesk.domain.timescale import TimeScale, fit_zoom
from pmdesk.export.roadmap import LANE_LABEL, MARGIN, bar_placements, resolve_range
from pmdesk.export.style import page_size
from pmdesk.ui.roadmap.layout import compute_layout
from pmdesk.ui.roadmap.state import RoadmapState


def window_placements(snapshot, pdf_axis_width: float) -> dict[int, Placement]:
    """The window's layout of the PDF's date range at the PDF's day width."""
    state = RoadmapState()
    state.load(snapshot)
    first, last = resolve_range(snapshot, None, None)
    days = (last - first).days + 1
    scale = TimeScale(first, fit_zoom(first, last, pdf_axis_width),
                      stretch=pdf_axis_width / days)
    layout = compute_layout(state, scale, first, last, measure=lambda text: 8.0 * len(text))
    axis = scale.x(last + timedelta(days=1))
    return {key: Placement(slot.lane_id, slot.row, slot.x0 / axis, slot.x1 / axis)
            for key, slot in layout.bars.items()}


def test_the_roadmap_pdf_places_every_bar_as_the_window_does(sample):
    product = sample.products.list_products()[0]
    snapshot = sample.reads.roadmap(product.id)
    pdf = bar_placements(snapshot)
    # The PDF's time axis: the landscape page less its margins and the lane titles.
    axis_width = max(page_size()) - 2 * MARGIN - LANE_LABEL
    window = window_placements(snapshot, axis_width)

    assert len(pdf) == len(window) > 20
    assert {key: (p.lane_id, p.row) for key, p in pdf.items()} == {
        key: (p.lane_id, p.row) for key, p in window.items()}
    for key, placed in pdf.items():
        assert placed.x0 == pytest.approx(window[key].x0, abs=1e-9)
        assert placed.x1 == pytest.approx(window[key].x1, abs=1e-9)
    # More than one row somewhere, or the comparison would say little.
    assert max(p.row for p in pdf.values()) >= 2
