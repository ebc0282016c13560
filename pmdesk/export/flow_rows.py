"""The flow CSV: one row per finished card with its cycle and lead time, for a spreadsheet."""

from __future__ import annotations

import csv
import io

from pmdesk.domain import flow

HEADER = ("card id", "title", "created", "started", "finished", "cycle time (days)",
          "lead time (days)")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet shows as text: a leading ``=``, ``+``, ``-`` or ``@`` would make
    it a formula, so such a cell starts with an apostrophe."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def flow_csv(report: flow.FlowReport) -> bytes:
    """The finished cards of ``report`` in order of finishing (UTF-8 with a BOM, so
    spreadsheets read non-Latin titles right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for card in report.finished:
        writer.writerow((card.id, spreadsheet_safe(" ".join(card.title.split())),
                         card.created.isoformat(), card.started.isoformat(),
                         card.finished.isoformat(), card.cycle_time, card.lead_time))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
