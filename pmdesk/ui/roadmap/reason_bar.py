"""Ask why an initiative's end slipped, without stopping the user: a bar over the roadmap.

A move or an edit that puts an end more than a week later shows "Why did … move 23 days
later?" with a one-line answer; Enter or Save keeps it with the change's events (the slip
report and the item history show it), Skip or Esc closes the bar, and the next gesture
simply replaces it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import PmdeskError
from pmdesk.ui import theme
from pmdesk.ui.roadmap.commands import Slip
from pmdesk.ui.text import shown

if TYPE_CHECKING:
    from pmdesk.services import Services

MAX_REASON = 200


class ReasonBar(QWidget):
    """One line asking why the last slip happened; optional, skipped in one click."""

    explained = Signal(int, str)  # initiative id, reason

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slipReasonBar")
        self.services = services
        self.slip: Slip | None = None
        self.setStyleSheet(f"#slipReasonBar {{ background: {theme.QUESTION_HEX};"
                           f" border: 1px solid {theme.QUESTION_BORDER_HEX};"
                           " border-radius: 3px; }")
        self.question = QLabel()
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.edit = QLineEdit()
        self.edit.setObjectName("slipReasonEdit")
        self.edit.setAccessibleName("Reason for the slip")
        self.edit.setPlaceholderText("One line, e.g. “Vendor API came late” (optional)")
        self.edit.setMaxLength(MAX_REASON)
        self.save = QPushButton("Save reason")
        self.save.setObjectName("slipReasonSave")
        self.skip = QPushButton("Skip")
        self.skip.setObjectName("slipReasonSkip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.question)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.save)
        layout.addWidget(self.skip)
        self.edit.returnPressed.connect(self.keep)
        self.save.clicked.connect(self.keep)
        self.skip.clicked.connect(self.dismiss)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self.dismiss)
        self.hide()

    def ask(self, slip: Slip) -> None:
        self.slip = slip
        self.question.setText(shown(f"Why did “{slip.title}” move {slip.days} days later?"))
        self.edit.clear()
        self.show()
        self.edit.setFocus()

    def keep(self) -> None:
        slip, text = self.slip, " ".join(self.edit.text().split())
        self.dismiss()
        if slip is None or not text:
            return
        try:
            self.services.history.explain(slip.changes, Entity.INITIATIVE, text)
        except PmdeskError:
            return
        self.explained.emit(slip.initiative_id, text)

    def dismiss(self) -> None:
        self.slip = None
        self.hide()
