"""A date field that takes a whole typed date, with a calendar button and arrow-key steps.

``QDateEdit`` edits one section at a time: select all and type "2026-12-20" and it keeps the
old year. Here the text is plain: what is typed is the date (``2026-12-20``, ``2026/12/20``,
``20261220``); Up/Down step a day, Page Up/Down a month, and the button opens a calendar.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from pmdesk.domain.errors import ValidationError

_DATE = re.compile(r"(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})")
_STEPS = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0),
          Qt.Key.Key_PageUp: (0, 1), Qt.Key.Key_PageDown: (0, -1)}


def parse_date(text: str) -> date | None:
    """The date ``text`` spells (year first), or None."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class _DateLine(QLineEdit):
    """The text part: arrow keys step the date instead of moving the cursor."""

    stepped = Signal(int, int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        step = _STEPS.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.stepped.emit(*step)
            event.accept()
            return
        super().keyPressEvent(event)


class DateEdit(QWidget):
    """A yyyy-MM-dd date field; ``date()`` is an invalid QDate while the text is not a date."""

    dateChanged = Signal(QDate)  # noqa: N815 - mirrors QDateEdit

    def __init__(self, day: QDate | date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last: date | None = None
        self.line = _DateLine()
        self.line.setPlaceholderText("yyyy-mm-dd")
        self.line.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9]{0,4}[-/.]?[0-9]{0,2}[-/.]?[0-9]{0,2}"), self.line))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("2026-12-20") + 24)
        self.line.textEdited.connect(self._edited)
        self.line.editingFinished.connect(self._tidy)
        self.line.stepped.connect(self._step)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("Pick a date")
        self.button.setAccessibleName("Pick a date")
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if day is not None:
            self.setDate(day)

    # ----- QDateEdit-like surface
    def date(self) -> QDate:
        day = self.value()
        return QDate() if day is None else QDate(day.year, day.month, day.day)

    def value(self) -> date | None:
        """The typed date, or None while the text is not a whole date."""
        return parse_date(self.line.text())

    def checked_value(self, what: str) -> date:
        """The typed date, or a ValidationError naming ``what`` (e.g. "The due date")."""
        day = self.value()
        if day is None:
            raise ValidationError(f"{what} “{self.text()}” is not a date; type it as 2026-12-20.")
        return day

    def setDate(self, day: QDate | date) -> None:  # noqa: N802 - mirrors QDateEdit
        value = day.toPython() if isinstance(day, QDate) else day
        assert isinstance(value, date)
        self.line.setText(value.isoformat())
        self._announce()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt override
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def text(self) -> str:
        return self.line.text()

    # ----- internals
    def _edited(self, _text: str) -> None:
        self._announce()

    def _announce(self) -> None:
        day = self.value()
        if day is not None and day != self._last:
            self._last = day
            self.dateChanged.emit(QDate(day.year, day.month, day.day))

    def _tidy(self) -> None:
        day = self.value()
        if day is not None and self.line.text() != day.isoformat():
            self.line.setText(day.isoformat())

    def _step(self, days: int, months: int) -> None:
        current = self.date()
        if not current.isValid():
            current = QDate.currentDate()
        self.setDate(current.addDays(days).addMonths(months))
        self.line.selectAll()

    def _sync_calendar(self) -> None:
        if self.date().isValid():
            self.calendar.setSelectedDate(self.date())

    def _picked(self, day: QDate) -> None:
        self.setDate(day)
        menu = self.button.menu()
        if menu is not None:
            menu.close()
        self.line.setFocus()
