from datetime import date, timedelta

import pytest
from reportlab.lib.pagesizes import A4, landscape

from pmdesk.export import build_roadmap, default_range, resolve_range
from tests.unit.export.helpers import TODAY, Pdf
from tests.unit.export.layout import overlapping, text_boxes

LEGEND = ("Goals", "strip: share of cards done", "red outline: at risk", "milestone", "today")


def test_roadmap_prints_lanes_bars_milestones_and_legend(services, small):
    snapshot = services.reads.roadmap(small["product"])
    pdf = Pdf.of(build_roadmap(snapshot, A4, workspace_name="test.pmdesk"))
    assert pdf.size() == pytest.approx(landscape(A4), abs=0.01)
    text = pdf.text
    for expected in ("Kraków <b>Tools</b> & Co — roadmap", "Mobile", "Web", "Offline sync · 50%",
                     "Invoice on site", "Audit log", "Beta launch (16 Mar)", "Grow activation",
                     "Earn trust", "Today 2 Mar", "not shown: 1 without dates", "Page 1 of 1",
                     "test.pmdesk", *LEGEND):
        assert expected in text, expected
    assert "Someday idea" not in text


def test_default_range_spans_the_scheduled_initiatives_by_whole_months(services, small):
    snapshot = services.reads.roadmap(small["product"])
    first, last = default_range(snapshot)
    assert first == date(2026, 1, 1)  # Audit log starts 1 Jan 2026
    assert last == date(2026, 5, 31)  # Invoice on site ends 31 May 2026
    assert resolve_range(snapshot, date(2026, 3, 1), None) == (date(2026, 3, 1), last)
    assert resolve_range(snapshot, None, date(2025, 6, 30)) == (date(2024, 7, 1),
                                                                date(2025, 6, 30))
    assert resolve_range(snapshot, date(2030, 2, 1), None) == (date(2030, 2, 1),
                                                               date(2031, 1, 31))


def test_a_chosen_range_leaves_out_what_lies_outside(services, small):
    snapshot = services.reads.roadmap(small["product"])
    pdf = Pdf.of(build_roadmap(snapshot, A4, start=TODAY, end=TODAY + timedelta(days=60)))
    text = pdf.text
    assert "2 Mar 2026 – 1 May 2026" in text
    assert "Audit log" not in text
    assert "1 outside this range" in text
    assert "◂ Offline sync" in text  # started before the range
    with pytest.raises(ValueError):
        build_roadmap(snapshot, A4, start=TODAY, end=TODAY - timedelta(days=1))


def test_every_page_repeats_header_legend_and_axis(huge):
    product = huge.products.list_products()[0]
    snapshot = huge.reads.roadmap(product.id)
    data = build_roadmap(snapshot, A4, workspace_name="huge.pmdesk")
    pdf = Pdf.of(data)
    pages = pdf.pages
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Atlas Zażółć gęślą jaźń" in page
        for expected in (*LEGEND, "Grow activation", "Milestones"):
            assert expected in page, (number, expected)
    assert any("(continued)" in page for page in pages)
    for page in pdf.reader.pages[:3]:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        boxes = text_boxes(page)
        assert [b for b in boxes
                if b.x0 < 0 or b.x1 > width + 0.5 or b.y0 < 0 or b.y1 > height] == []
        assert overlapping(boxes) == []
    assert build_roadmap(snapshot, A4, workspace_name="huge.pmdesk") == data


def test_roadmap_without_initiatives_still_renders(services):
    product = services.products.create_product("Blank").value
    pdf = Pdf.of(build_roadmap(services.reads.roadmap(product.id), A4))
    assert len(pdf.pages) == 1
    assert "No goals yet" in pdf.text and "Blank — roadmap" in pdf.text


def _shapes(node, kind):
    from pmdesk.export.shapes import Group

    if isinstance(node, kind):
        yield node
    if isinstance(node, Group):
        for child in node.contents:
            yield from _shapes(child, kind)


def test_dependency_arrows_cross_no_bar_and_no_title(services, small):
    from pmdesk.export.fonts import width
    from pmdesk.export.roadmap import METRICS, roadmap_sheet
    from pmdesk.export.shapes import Group, PolyLine, Rect, String

    pid = small["product"]
    mobile = services.lanes.list_lanes(pid)[0]
    # Under "Offline sync" (blocker) and above "Invoice on site" (blocked): a wide bar and
    # a one-week bar whose title stands beside it, both in the straight line's way.
    for title, start, days in (("Wide rollout across every market", -25, 110),
                               ("Short spike with a long title", 30, 6)):
        services.initiatives.create_initiative(
            pid, title, lane_id=mobile.id, start_date=TODAY + timedelta(days=start),
            end_date=TODAY + timedelta(days=start + days))
    sheet = roadmap_sheet(services.reads.roadmap(pid))
    drawn = Group()
    sheet.draw(drawn)
    arrows = [p for p in _shapes(drawn, PolyLine) if p.dash == [2, 1.5]]
    assert arrows, "the sample has late dependencies to draw"
    bars = [(r.x, r.y, r.x + r.width, r.y + r.height) for r in _shapes(drawn, Rect)
            if abs(r.height - METRICS.bar) < 0.01]
    titles = [(s.x, s.y, s.x + width(s.text, s.font, s.size),
               s.y + s.size * 0.7) for s in _shapes(drawn, String)
              if abs(s.size - METRICS.font) < 0.01]
    assert bars and titles
    for arrow in arrows:
        points = list(zip(arrow.points[::2], arrow.points[1::2]))
        # The first and last legs touch the blocker's end and the blocked start; every leg
        # between runs in a gap or beside a bar, never through one.
        for (x0, y0), (x1, y1) in list(zip(points, points[1:]))[1:-1]:
            for left, low, right, high in bars + titles:
                inside_x = min(x0, x1) < right - 0.5 and left + 0.5 < max(x0, x1)
                inside_y = min(y0, y1) < high - 0.5 and low + 0.5 < max(y0, y1)
                if x0 == x1:
                    inside_x = left + 0.5 < x0 < right - 0.5
                if y0 == y1:
                    inside_y = low + 0.5 < y0 < high - 0.5
                assert not (inside_x and inside_y), (points, (left, low, right, high))
