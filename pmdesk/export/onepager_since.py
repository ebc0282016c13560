"""The one-pager's "Since <baseline>" block: the count of what moved and the top slips."""

from __future__ import annotations

from pmdesk.domain.baselines import Comparison, Movement, signed_days
from pmdesk.export.cells import heading, text, zebra
from pmdesk.export.shapes import Group
from pmdesk.export.style import ACCENT, BOLD, GREEN, INK, MUTED, RED, width

SECTION = 6.8
ROW = 10.4
TOP_SLIPS = 3


def since_block(comparison: Comparison, g: Group, x: float, top: float, w: float) -> float:
    """Draw the block at ``top``; return the y under it."""
    slips = comparison.slips()
    earlier = sum(1 for c in comparison.of(Movement.MOVED) if (c.days_moved or 0) < 0)
    counts = [f"{len(slips)} later", f"{earlier} earlier",
              f"{len(comparison.of(Movement.ADDED))} added",
              f"{len(comparison.of(Movement.REMOVED))} removed"]
    y = heading(g, x, top, w, f"Since {comparison.label}", SECTION, color=ACCENT,
                note=" · ".join(counts))
    if not slips:
        text(g, x + 2, y - ROW + 3, w - 4, "No initiative's end moved later.", size=7,
             color=GREEN)
        return y - ROW
    for index, change in enumerate(slips[:TOP_SLIPS]):
        row_y = y - (index + 1) * ROW
        zebra(g, x, row_y, w, ROW, index)
        moved = signed_days(change.slip)
        text(g, x + 2, row_y + 3, 34, moved, font=BOLD, size=7.2, color=RED, align="right")
        title_w = min(w * 0.45, width(change.title, BOLD, 7.2) + 4)
        text(g, x + 42, row_y + 3, title_w, change.title, font=BOLD, size=7.2, color=INK)
        if change.reason:
            text(g, x + 46 + title_w, row_y + 3, w - 50 - title_w, change.reason, size=6.8,
                 color=MUTED)
    y -= min(len(slips), TOP_SLIPS) * ROW
    if len(slips) > TOP_SLIPS:
        y -= ROW
        text(g, x + 42, y + 3, w - 44, f"+ {len(slips) - TOP_SLIPS} more moved later",
             size=6.8, color=MUTED)
    return y
