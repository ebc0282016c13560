"""A dismissible line of text over a page or the window: the one message bar pmdesk uses.

Its variant says how much it matters: ``INFO`` (blue), ``WARNING`` (amber: read-only,
backups) or ``ERROR`` (red: a refusal, a lost file or connection). The text is plain (user
text is never read as markup), wraps, and can be selected to copy.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from pmdesk.ui import theme
from pmdesk.ui.text import plain


class Variant(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class MessageBar(QWidget):
    """A message with a ✕ that hides it; hidden until ``show_message``."""

    def __init__(self, name: str, label_name: str, variant: Variant = Variant.ERROR,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = plain(QLabel(objectName=label_name))
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QToolButton(text="✕", autoRaise=True)
        self.dismiss.setAccessibleName("Dismiss message")
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.variant = variant
        self.set_variant(variant)
        self.hide()

    def set_variant(self, variant: Variant) -> None:
        self.variant = variant
        background, ink = theme.MESSAGE_COLOURS[variant.value]
        self.setStyleSheet(f"#{self.objectName()} {{ background: {background}; }}")
        self.label.setStyleSheet(f"color: {ink}; padding: 8px 12px;")

    def show_message(self, text: str, variant: Variant | None = None) -> None:
        if variant is not None:
            self.set_variant(variant)
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text()
