"""PDF exports drawn with reportlab from domain snapshots (never from the store).

- ``build_onepager``: the product one-pager, exactly one page;
- ``build_roadmap``: the whole timeline of a date range, landscape, lanes split over pages;
- ``build_board``: the columns and their cards, landscape, paginated;
- ``workspace_json``: a complete, documented JSON dump of a workspace.

Each ``build_*`` returns the PDF's bytes; the same data gives byte-identical output.
"""

from pmdesk.export.board import build_board
from pmdesk.export.files import write_atomically
from pmdesk.export.fonts import take_unprintable, unprintable_note
from pmdesk.export.json_dump import workspace_document, workspace_json
from pmdesk.export.onepager import build_onepager
from pmdesk.export.roadmap import build_roadmap, default_range, resolve_range
from pmdesk.export.style import PAGE_SIZES, locale_paper, page_size

__all__ = [
    "PAGE_SIZES",
    "build_board",
    "build_onepager",
    "build_roadmap",
    "default_range",
    "locale_paper",
    "page_size",
    "missing_characters_note",
    "resolve_range",
    "workspace_document",
    "workspace_json",
    "write_atomically",
]


def missing_characters_note() -> str:
    """A sentence about characters that no font drew since the last call, or ``""``."""
    return unprintable_note(take_unprintable())
