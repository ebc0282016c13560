"""Where a PDF page's text lands, to check that nothing leaves the page or overlaps."""

from __future__ import annotations

from dataclasses import dataclass

import pypdf
from reportlab.pdfbase.pdfmetrics import stringWidth

from pmdesk.export.pdf_fonts import register_fonts
from pmdesk.export.style import BOLD, FONT


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, slack: float = 0.6) -> bool:
        return (self.x0 + slack < other.x1 and other.x0 + slack < self.x1
                and self.y0 + slack < other.y1 and other.y0 + slack < self.y1)


def text_boxes(page: pypdf.PageObject) -> list[Box]:
    """One box per text run: from its baseline to its cap height, as wide as it measures."""
    register_fonts()
    boxes: list[Box] = []

    def visit(text, cm, tm, font_dict, size):
        if not text.strip() or not font_dict:
            return
        a, b, c, d, e, f = (float(v) for v in cm)
        x = tm[4] * a + tm[5] * c + e
        y = tm[4] * b + tm[5] * d + f
        scale = abs(a) or 1.0
        points = float(size) * scale * abs(float(tm[0]) or 1.0)
        font = BOLD if "Bold" in str(font_dict.get("/BaseFont", "")) else FONT
        w = stringWidth(text.rstrip("\n"), font, points)
        boxes.append(Box(text.strip(), x, y - points * 0.2, x + w, y + points * 0.72))

    page.extract_text(visitor_text=visit)
    return boxes


def overlapping(boxes: list[Box]) -> list[tuple[Box, Box]]:
    found = []
    ordered = sorted(boxes, key=lambda b: b.x0)
    for index, box in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other.x0 >= box.x1:
                break
            same_line = (box.x0, box.y0) == (other.x0, other.y0)  # runs of one paragraph line
            if box.overlaps(other) and not same_line:
                found.append((box, other))
    return found
