"""A quiet "Archived “X” — Undo" notice after a step the user may not have meant."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from pmdesk.ui import theme
from pmdesk.ui.text import shown

SHOWN_MS = 10_000


class UndoBar(QFrame):
    """Says what just happened, with an Undo button for exactly that step.

    The bar hides itself as soon as the undo stack moves on (another step, or Ctrl+Z), so
    its button can never undo something else.
    """

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setStyleSheet(
            f"#undoBar {{ background: {theme.TOAST_HEX}; border-radius: 4px; }}"
            " #undoBar QLabel { color: white; }"
            f" #undoBar QPushButton {{ color: {theme.TOAST_ACTION_HEX}; font-weight: bold;"
            " border: none; padding: 2px 8px; }"
            f" #undoBar QToolButton {{ color: {theme.TOAST_DISMISS_HEX}; border: none; }}"
        )
        self.stack = stack
        self._index = -1
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("undoBarUndo")
        self.undo_button.setToolTip("Undo this step (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Dismiss")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        stack.indexChanged.connect(self._stack_moved)
        self.hide()

    def announce(self, text: str) -> None:
        """Show ``text`` for the step just pushed on the stack."""
        self._index = self.stack.index()
        self.label.setText(shown(text))
        self.show()
        self._timer.start()

    def undo(self) -> None:
        if self.isVisible() and self.stack.index() == self._index and self.stack.canUndo():
            self.stack.undo()
            if self.stack.index() == self._index:  # refused and kept: offer it again
                self.show()
                self._timer.start()
                return
        self.hide()

    def _stack_moved(self, index: int) -> None:
        if index != self._index:
            self.hide()
