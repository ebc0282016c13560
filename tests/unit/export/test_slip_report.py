"""The slip report: one landscape page read back with pypdf, and every row in the CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from pypdf import PdfReader

from pmdesk import export
from pmdesk.domain.baselines import (
    Comparison,
    PlannedInitiative,
    RoadmapPlan,
    SlipReport,
    compare,
)
from pmdesk.domain.enums import InitiativeStatus

THEN = datetime(2026, 1, 5, 9, 0)


def report(count: int = 6) -> SlipReport:
    before = RoadmapPlan(tuple(
        PlannedInitiative(i, f"Initiative {i}", InitiativeStatus.PLANNED,
                          start_date=date(2026, 2, 1), end_date=date(2026, 2, 28), cards=3,
                          estimate=5.0)
        for i in range(1, count + 1)))
    after = RoadmapPlan(tuple(
        PlannedInitiative(i, f"Initiative {i}", InitiativeStatus.IN_PROGRESS if i == 2
                          else InitiativeStatus.PLANNED, start_date=date(2026, 2, 1),
                          end_date=date(2026, 2, 28 - (i == 3) * 5).replace(
                              month=3 if i % 2 else 2), cards=3 + (i == 1), estimate=5.0)
        for i in range(2, count + 1)) + (PlannedInitiative(999, "=Partner <API>"),))
    reasons = {5: "Vendor API came late", 3: "Pulled in: less to do"}
    comparison = compare("Q1 plan", THEN, before, after, reasons)
    return SlipReport("Atlas Field", "w.pmdesk", comparison, date(2026, 3, 2),
                      {5: date(2026, 4, 2)})


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), reader.pages[0].extract_text()


def test_the_report_is_one_page_with_figures_rows_and_reasons():
    data = report()
    pages, text = text_of(export.build_slip_report(data))
    assert pages == 1
    assert "What moved since Q1 plan" in text and "Atlas Field" in text
    assert "Vendor API came late" in text and "=Partner <API>" in text
    assert "+28 d" in text and "moved later" in text and "removed" in text
    assert export.build_slip_report(data) == export.build_slip_report(data)


def test_a_long_report_stays_on_one_page_and_says_how_many_more():
    pages, text = text_of(export.build_slip_report(report(140)))
    assert pages == 1 and "more changes" in text


def test_an_empty_comparison_says_nothing_changed():
    plan = RoadmapPlan((PlannedInitiative(1, "Same"),))
    empty = SlipReport("Atlas", "w", compare("Q1 plan", THEN, plan, plan), date(2026, 3, 2))
    assert "Nothing changed on the roadmap since." in text_of(export.build_slip_report(empty))[1]
    assert isinstance(empty.comparison, Comparison)


def test_the_csv_has_every_row_safe_for_spreadsheets():
    rows = list(csv.reader(io.StringIO(export.slip_csv(report(140)).decode("utf-8-sig"))))
    assert rows[0][:3] == ["initiative id", "initiative", "change"]
    assert len(rows) == 1 + len(report(140).comparison.report_rows())
    partner = next(r for r in rows if r[0] == "999")
    assert partner[1] == "'=Partner <API>" and partner[2] == "added"
    slipped = next(r for r in rows if r[0] == "5")
    assert (slipped[7], slipped[12], slipped[13]) == ("28", "2026-04-02", "Vendor API came late")
