"""The flow document and CSV from a hand-made board history."""

import csv
import io
from datetime import date, datetime

from pypdf import PdfReader

from pmdesk.domain import flow
from pmdesk.export.flow import FlowDocument, build_flow
from pmdesk.export.flow_rows import flow_csv, spreadsheet_safe

COLUMNS = (flow.FlowColumn(1, "To do", "todo"), flow.FlowColumn(2, "Doing", "doing"),
           flow.FlowColumn(3, "Done", "done"))


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 10)


def board() -> flow.BoardFlow:
    cards = (
        flow.CardFlow(1, "=SUM(A1:A9)", ((at(1), 1), (at(2), 2), (at(4), 3))),
        flow.CardFlow(2, "Łódź   report", ((at(1), 1), (at(3), 2), (at(3), 3))),
        flow.CardFlow(3, "Never started", ((at(1), 1),)),
    )
    return flow.BoardFlow(COLUMNS, cards)


def test_csv_rows_hold_cycle_and_lead_time_and_are_safe_in_a_spreadsheet():
    report = flow.report(board(), date(2026, 3, 1), date(2026, 3, 10), date(2026, 3, 10))
    text = flow_csv(report).decode("utf-8-sig")
    found = list(csv.reader(io.StringIO(text)))
    assert found[1:] == [["2", "Łódź report", "2026-03-01", "2026-03-03", "2026-03-03", "1", "3"],
                         ["1", "'=SUM(A1:A9)", "2026-03-01", "2026-03-02", "2026-03-04", "3",
                          "4"]]
    assert spreadsheet_safe("-1") == "'-1" and spreadsheet_safe("plain") == "plain"


def test_pdf_is_one_page_and_reproducible():
    report = flow.report(board(), date(2026, 3, 1), date(2026, 3, 10), date(2026, 3, 10))
    document = FlowDocument(report, "Sprint <b>", "Księga", "w.pmdesk", date(2026, 3, 10))
    data = build_flow(document)
    assert data == build_flow(document)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0].extract_text()
    assert "Księga · Sprint <b> — flow" in page
    assert "2 finished" in page and "Doing" in page
