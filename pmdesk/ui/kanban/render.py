"""Render a board to a PNG without showing a window (``pmdesk export board -o OUT.png``)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLayout

from pmdesk.domain.errors import WorkspaceError
from pmdesk.services import Services
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.kanban.page import BoardPage

_APP: list[QApplication] = []  # keeps an application this module had to create alive


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # an image needs no display
    _APP.append(QApplication([]))
    return _APP[0]


def render_board_png(services: Services, board_id: int, path: Path | str,
                     width: int = 1600, height: int = 1000) -> Path:
    """Lay out the board of ``board_id`` at ``width`` × ``height`` and save it as a PNG."""
    app = _application()
    board = next((b for p in services.products.list_products()
                  for b in services.boards.list_boards(p.id) if b.id == board_id), None)
    if board is None:
        raise WorkspaceError(f"There is no board with id {board_id} in this workspace.")
    page = BoardPage(services, QUndoStack(), ChangeBus())
    layout = page.layout()
    if layout is not None:  # the image has exactly the asked size, even below the minimum
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    page.resize(width, height)
    page.set_product(board.product_id)
    index = page.board_combo.findData(board_id)
    page.board_combo.setCurrentIndex(index)
    page.show_board(board_id)
    page.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    page.show()
    app.processEvents()
    target = Path(path)
    if not page.grab().save(str(target), "PNG"):
        raise WorkspaceError(f"Could not write the image {target}.")
    page.close()
    page.deleteLater()
    return target
