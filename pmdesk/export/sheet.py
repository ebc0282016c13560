"""One page of a document drawn at the size of its content, for an image.

The PDFs paginate; an image is a single sheet as tall as what it shows. The same drawing
code paints both: a ``Sheet`` hands its shapes to any sink (a PDF canvas, or a painter on
an image in the UI layer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmdesk.export.cells import Sink


@dataclass(frozen=True, slots=True)
class Sheet:
    """``width`` × ``height`` points (y grows upwards) and the call that draws them."""

    width: float
    height: float
    draw: Callable[[Sink], None]
