"""The contract between the main window and each of its pages (Product, Roadmap, Board)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from pmdesk.services import Services
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.fonts import register_emoji_font


class Page(QWidget):
    """A main-window tab showing one aspect of the selected product.

    Subclasses keep ``services``, ``undo_stack`` and ``bus`` as given, listen to
    ``bus.changed`` / ``bus.reloaded`` themselves, and redraw on ``set_product``.
    """

    title = ""
    product_requested = Signal(int)  # the page made a product and wants it shown

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        register_emoji_font()
        self.services = services
        self.undo_stack = undo_stack
        self.bus = bus
        self.product_id: int | None = None

    def set_product(self, product_id: int | None) -> None:
        """Show ``product_id`` (None when the workspace has no product)."""
        self.product_id = product_id
