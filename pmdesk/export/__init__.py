"""PDF exports drawn with reportlab from domain snapshots (never from the store); the same
pages as images, drawn from pmdesk's own shapes (``shapes``) by the UI layer.

- ``build_onepager``: the product one-pager, exactly one page;
- ``build_roadmap``: the whole timeline of a date range, landscape, lanes split over pages;
- ``build_board``: the columns and their cards, landscape, paginated;
- ``roadmap_sheet``, ``board_sheet``: the same pages drawn as one sheet for an image;
- ``build_flow``, ``flow_sheet``, ``flow_csv``: a board's flow charts (PDF, image) and its
  finished cards (CSV);
- ``build_slip_report``, ``slip_csv``: what moved on the roadmap since a baseline or a date;
- ``workspace_json``: a complete, documented JSON dump of a workspace.

Each ``build_*`` returns the PDF's bytes; the same data gives byte-identical output.

The names load on first use, so a command that writes no PDF never imports reportlab.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmdesk.export.board import board_sheet, build_board
    from pmdesk.export.files import write_atomically
    from pmdesk.export.flow import FlowDocument, build_flow, flow_sheet
    from pmdesk.export.flow_rows import flow_csv
    from pmdesk.export.fonts import missing_characters_note
    from pmdesk.export.json_dump import workspace_document, workspace_json
    from pmdesk.export.onepager import build_onepager
    from pmdesk.export.paper import PAGE_SIZES, locale_paper, page_size
    from pmdesk.export.roadmap import build_roadmap, default_range, resolve_range, roadmap_sheet
    from pmdesk.export.slips import build_slip_report, slip_csv

_HOMES = {
    "FlowDocument": "flow",
    "PAGE_SIZES": "paper",
    "board_sheet": "board",
    "build_board": "board",
    "build_flow": "flow",
    "flow_csv": "flow_rows",
    "flow_sheet": "flow",
    "build_onepager": "onepager",
    "build_roadmap": "roadmap",
    "build_slip_report": "slips",
    "slip_csv": "slips",
    "default_range": "roadmap",
    "locale_paper": "paper",
    "missing_characters_note": "fonts",
    "page_size": "paper",
    "resolve_range": "roadmap",
    "roadmap_sheet": "roadmap",
    "workspace_document": "json_dump",
    "workspace_json": "json_dump",
    "write_atomically": "files",
}

__all__ = [
    "PAGE_SIZES",
    "FlowDocument",
    "board_sheet",
    "build_board",
    "build_flow",
    "build_onepager",
    "build_roadmap",
    "build_slip_report",
    "default_range",
    "flow_csv",
    "flow_sheet",
    "locale_paper",
    "page_size",
    "missing_characters_note",
    "resolve_range",
    "roadmap_sheet",
    "slip_csv",
    "workspace_document",
    "workspace_json",
    "write_atomically",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
