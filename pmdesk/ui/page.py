"""The contract between the main window and each of its pages (Product, Roadmap, Board)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import QStackedWidget, QWidget

from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.fonts import register_emoji_font

if TYPE_CHECKING:
    from pmdesk.services import Services


class Page(QWidget):
    """A main-window tab showing one aspect of the selected product.

    Subclasses keep ``services``, ``undo_stack`` and ``bus`` as given, listen to
    ``bus.changed`` / ``bus.reloaded`` themselves, and redraw on ``set_product``.

    A page behind another tab of the window does not read: ``defer_reload`` remembers that
    it is out of date and ``reload`` runs when the page is shown, so the tab the user looks
    at is painted first and a change elsewhere costs the hidden pages nothing.
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
        self._reload_on_show = False

    def set_product(self, product_id: int | None) -> None:
        """Show ``product_id`` (None when the workspace has no product)."""
        self.product_id = product_id

    def use_services(self, services: Services) -> None:
        """Take over the services once open (the page was painted from the first read;
        pages holding them elsewhere too override this)."""
        self.services = services

    def reload(self) -> None:
        """Read everything the page shows again (pages with a cheaper way override it)."""
        self.set_product(self.product_id)

    def covered(self) -> bool:
        """True while another tab of the window is in front of this page."""
        stack = self.parentWidget()
        return isinstance(stack, QStackedWidget) and stack.currentWidget() is not self

    def defer_reload(self) -> bool:
        """When covered, remember to ``reload`` on show and say so (True)."""
        if self.covered():
            self._reload_on_show = True
            return True
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._reload_on_show:
            self._reload_on_show = False
            self.reload()
