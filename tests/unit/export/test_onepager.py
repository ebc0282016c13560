from datetime import date

import pytest
from reportlab.lib.pagesizes import A4, LETTER

from pmdesk.domain.report import OverallStatus, TaskTotals, overall_status
from pmdesk.export import build_onepager
from tests.unit.export.helpers import Pdf, report
from tests.unit.export.layout import overlapping, text_boxes

SECTIONS = ("VISION", "PROBLEM", "TARGET CUSTOMERS", "VALUE PROPOSITION", "GOALS AND TARGETS",
            "ROADMAP: THE COMING QUARTERS", "PROGRESS AND HEALTH", "TOP PRIORITIES BY RICE",
            "NOT DOING")


def assert_fits_one_page(pdf: Pdf) -> None:
    assert len(pdf.reader.pages) == 1
    page = pdf.reader.pages[0]
    width, height = pdf.size()
    boxes = text_boxes(page)
    assert boxes
    outside = [b for b in boxes if b.x0 < 0 or b.x1 > width + 0.5 or b.y0 < 0 or b.y1 > height]
    assert outside == []
    assert overlapping(boxes) == []


def test_onepager_prints_every_section_with_the_products_figures(services, small):
    data = report(services).onepager(small["product"])
    pdf = Pdf.of(build_onepager(data, A4))
    assert_fits_one_page(pdf)
    text = pdf.text
    for section in SECTIONS:
        assert section in text
    for expected in (
        "Kraków <b>Tools</b> & Co", "Plan less, ship more", "Ola Kowalczyk", "2 Mar 2026",
        "test.pmdesk", "OFF TRACK",
        "Every team knows what matters — Łódź, Київ, Αθήνα.",
        "Plans live in slides & spreadsheets <script>.", "No payroll. No <b>hardware</b>.",
        "Grow activation", "Weekly active teams", "1,200", "Earn trust", "85 %",
        "Q1 2026", "Mobile", "Web", "Beta launch (16 Mar)",
        "25%", "1 of 4 cards",  # board progress
        "Offline sync", "Invoice on site", "Audit log", "At risk", "Blocked",
        "2,500", "5,000", "40", "3 open initiatives scored · 1 without RICE inputs",
        "Violated dependency: “Offline sync” ends 11 Apr, after “Invoice on site” starts",
    ):
        assert expected in text, expected


def test_onepager_figures_come_from_the_board(services, small):
    data = report(services).onepager(small["product"])
    assert data.tasks == TaskTotals(total=4, done=1, overdue=1)
    assert [v.initiative.title for v in data.at_risk] == ["Audit log"]
    assert data.violated == 1
    assert len(data.active) == 3
    assert data.status is OverallStatus.OFF_TRACK
    assert data.workspace_name == "test.pmdesk" and data.today == date(2026, 3, 2)
    assert data.owner is not None and data.owner.name == "Ola Kowalczyk"


def test_overall_status_rules():
    calm = TaskTotals(10, 5, 0)
    assert overall_status(8, 0, 0, calm) is OverallStatus.ON_TRACK
    assert overall_status(8, 1, 0, calm) is OverallStatus.AT_RISK
    assert overall_status(8, 0, 1, calm) is OverallStatus.AT_RISK
    assert overall_status(8, 2, 0, calm) is OverallStatus.OFF_TRACK
    assert overall_status(8, 0, 0, TaskTotals(10, 2, 2)) is OverallStatus.OFF_TRACK
    assert overall_status(0, 0, 0, TaskTotals()) is OverallStatus.ON_TRACK


def test_same_data_gives_byte_identical_pdfs(services, small):
    data = report(services).onepager(small["product"])
    assert build_onepager(data, A4) == build_onepager(data, A4)


def test_page_size_is_honoured(services, small):
    data = report(services).onepager(small["product"])
    assert Pdf.of(build_onepager(data, LETTER)).size() == pytest.approx(LETTER, abs=0.01)
    assert Pdf.of(build_onepager(data, A4)).size() == pytest.approx(A4, abs=0.01)


def test_empty_product_still_gives_a_readable_page(services):
    product = services.products.create_product("Blank").value
    pdf = Pdf.of(build_onepager(report(services).onepager(product.id), A4))
    assert_fits_one_page(pdf)
    for expected in ("Blank", "No owner", "Not written yet.", "No goals yet",
                     "No planned or in-progress initiatives.", "Nothing listed yet.",
                     "ON TRACK"):
        assert expected in pdf.text, expected


def test_huge_product_with_long_texts_stays_one_readable_page(huge):
    services = huge
    product = services.products.list_products()[0]
    data = report(services).onepager(product.id)
    assert len(data.roadmap.initiatives) >= 1000
    assert len(data.product.vision) == 2000
    for size in (A4, LETTER):
        pdf = Pdf.of(build_onepager(data, size))
        assert_fits_one_page(pdf)
        text = pdf.text
        for section in SECTIONS:
            assert section in text
        assert "Atlas Zażółć gęślą jaźń · Съешь ещё · Γαζέες <b>bold?</b>" in text
        assert "more goals" in text
        assert "more active initiatives" in text
        assert "more scored initiatives" in text
        assert "more milestones" in text
        assert "…" in text


def test_non_latin_and_markup_come_back_literally(services, small):
    services.products.update_product(small["product"], vision="Съешь же ещё <b>этих</b> & "
                                     "Γαζέες καὶ μυρτιὲς — zażółć")
    pdf = Pdf.of(build_onepager(report(services).onepager(small["product"]), A4))
    assert "Съешь же ещё <b>этих</b> & Γαζέες καὶ μυρτιὲς — zażółć" in pdf.text
