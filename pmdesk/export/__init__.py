"""PDF exports drawn with reportlab from domain snapshots (never from the store).

- ``build_onepager``: the product one-pager, exactly one page;
- ``build_roadmap``: the whole timeline for a date range, landscape, paginated by lane;
- ``build_board``: the columns and their cards, landscape, paginated;
- ``workspace_json``: a complete, documented JSON dump of a workspace.

Each ``build_*`` returns the PDF's bytes; the same data gives byte-identical output.
"""

from pmdesk.export.onepager import build_onepager
from pmdesk.export.style import locale_paper, page_size

__all__ = ["build_onepager", "locale_paper", "page_size"]
