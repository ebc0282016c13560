"""The sheets the PNG exports paint: the PDF's page, unpaginated, sized to its content."""

from datetime import timedelta

import pytest

from pmdesk.export import board_sheet, roadmap, roadmap_sheet
from pmdesk.export.board import SHEET_CARDS
from pmdesk.export.roadmap import METRICS
from pmdesk.export.shapes import Group, String
from tests.unit.export.helpers import TODAY, demo
from tests.unit.export.test_roadmap_pdf import LEGEND


class Recorder:
    """A sink that keeps every shape, as a painter would receive them."""

    def __init__(self) -> None:
        self.shapes: list[object] = []

    def add(self, shape: object) -> None:
        if isinstance(shape, Group):
            for child in shape.contents:
                self.add(child)
        else:
            self.shapes.append(shape)

    @property
    def strings(self) -> list[String]:
        return [s for s in self.shapes if isinstance(s, String)]

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.strings)


def drawn(sheet) -> Recorder:
    recorder = Recorder()
    sheet.draw(recorder)
    return recorder


def test_roadmap_sheet_has_the_pdf_header_legend_and_every_lane(services, small):
    snapshot = services.reads.roadmap(small["product"])
    sheet = roadmap_sheet(snapshot, workspace_name="test.pmdesk")
    text = drawn(sheet).text
    for expected in ("Kraków <b>Tools</b> & Co — roadmap", "data as of 2 Mar 2026",
                     "Mobile", "Web", "Offline sync · 50%", "Invoice on site", "Audit log",
                     "Beta launch (16 Mar)", "Grow activation", "Today 2 Mar", "test.pmdesk",
                     *LEGEND):
        assert expected in text, expected
    assert "Page " not in text  # one image, not a page of a document
    assert sheet.width == pytest.approx(841.89, abs=0.01)


def test_roadmap_sheet_is_as_tall_as_its_rows(services, small):
    snapshot = services.reads.roadmap(small["product"])
    sheet = roadmap_sheet(snapshot)
    lowest = min(s.y for s in drawn(sheet).strings)
    assert 0 < lowest < 30  # the footer sits at the bottom margin, no empty band above it
    lane = services.lanes.list_lanes(small["product"])[0]
    for number in range(6):  # all at once: each needs a row of its own
        services.initiatives.create_initiative(
            small["product"], f"Parallel {number}", lane_id=lane.id,
            start_date=TODAY, end_date=TODAY + timedelta(days=20))
    taller = roadmap_sheet(services.reads.roadmap(small["product"]))
    assert taller.height == pytest.approx(sheet.height + 6 * METRICS.row)


def test_roadmap_sheet_shows_the_asked_dates(services, small):
    snapshot = services.reads.roadmap(small["product"])
    sheet = roadmap_sheet(snapshot, start=TODAY, end=TODAY + timedelta(days=60))
    text = drawn(sheet).text
    assert "2 Mar 2026 – 1 May 2026" in text
    assert "Audit log" not in text and "◂ Offline sync" in text
    with pytest.raises(ValueError):
        roadmap_sheet(snapshot, start=TODAY, end=TODAY - timedelta(days=1))


def test_a_tall_roadmap_sheet_counts_the_initiatives_of_rows_it_leaves_out(
        services, small, monkeypatch):
    snapshot = services.reads.roadmap(small["product"])
    whole = roadmap_sheet(snapshot)
    monkeypatch.setattr(roadmap, "SHEET_ROWS", 1)
    cut = roadmap_sheet(snapshot)
    text = drawn(cut).text
    assert "2 in further rows (the PDF export has every row)" in text
    assert "Offline sync" in text and "Audit log" not in text
    assert cut.height < whole.height


def test_board_sheet_shows_every_column_with_its_cards(services, small):
    snapshot = services.reads.board(small["board"])
    sheet = board_sheet(snapshot, product_name="Kraków <b>Tools</b> & Co")
    text = drawn(sheet).text
    for expected in ("Kraków <b>Tools</b> & Co · Delivery — board", "4 cards in 3 columns",
                     "To do", "Doing", "Done", "Write the sync spec", "Export audit CSV",
                     "Ship the sync prototype", "archived cards are not shown"):
        assert expected in text, expected
    assert "Page " not in text


def test_a_long_board_sheet_counts_the_cards_it_leaves_out(services):
    demo(services, initiatives=20, tasks=300)
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    snapshot = services.reads.board(board.id)
    sheet = board_sheet(snapshot)
    text = drawn(sheet).text
    counts = {c.id: sum(t.column_id == c.id for t in snapshot.tasks) for c in snapshot.columns}
    for column in snapshot.columns:
        assert column.name in text
        hidden = counts[column.id] - SHEET_CARDS
        if hidden > 0:
            assert f"+ {hidden:,} more card" in text
    longest = min(max(counts.values()), SHEET_CARDS)
    assert sheet.height < 200 + longest * 56
