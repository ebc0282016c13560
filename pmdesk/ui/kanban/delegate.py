"""Paint a board card: title, labels, due date, priority, checklist, estimate, age, assignee."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pmdesk.domain.enums import ColumnKind, Priority
from pmdesk.domain.models import Label, Task
from pmdesk.ui import theme
from pmdesk.ui.kanban.board_data import AgeLevel, BoardData
from pmdesk.ui.kanban.model import TaskRole, age_days
from pmdesk.ui.text import shown

CARD_HEIGHT = 90
MARGIN_X, MARGIN_Y = 6, 3
PAD = 9
AGE_COLOURS = {AgeLevel.ABOVE_P85: theme.AGE_P85, AgeLevel.ABOVE_P95: theme.BAD}
Index = QModelIndex | QPersistentModelIndex


def due_colour(due: date, today: date, done: bool) -> QColor:
    """Red when overdue, amber within two days, muted otherwise (and once done)."""
    if done:
        return theme.CARD_MUTED
    if due < today:
        return theme.BAD
    if (due - today).days <= 2:
        return theme.DUE_SOON
    return theme.CARD_MUTED


@cache
def _emoji_font_installed() -> bool:
    return any("emoji" in family.casefold() for family in QFontDatabase.families())


def drawable(text: str, metrics: QFontMetricsF) -> str:
    """User text as drawn: bidirectional controls neutralised, and pictographs dropped
    when no installed font can draw them (they would show as empty boxes)."""
    text = shown(text)
    if text.isascii() or _emoji_font_installed():
        return text
    kept = "".join(c for c in text if ord(c) < 0x2600 or metrics.inFontUcs4(ord(c)))
    return " ".join(kept.split()) or text


def readable_on(colour: QColor) -> QColor:
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return theme.CARD_TITLE if luminance > 165 else theme.WHITE


class _Fonts:
    """The card's fonts and metrics, derived once from the view's font."""

    def __init__(self, base: QFont) -> None:
        def derived(scale: float, weight: QFont.Weight) -> tuple[QFont, QFontMetricsF]:
            font = QFont(base)
            if scale != 1.0:
                font.setPointSizeF(base.pointSizeF() * scale)
            font.setWeight(weight)
            return font, QFontMetricsF(font)

        self.title, self.title_metrics = derived(1.0, QFont.Weight.DemiBold)
        self.chip, self.chip_metrics = derived(0.8, QFont.Weight.DemiBold)
        self.meta, self.meta_metrics = derived(0.85, QFont.Weight.Normal)
        self.meta_bold, self.meta_bold_metrics = derived(0.85, QFont.Weight.Bold)
        self.avatar, _ = derived(0.72, QFont.Weight.Bold)


class CardDelegate(QStyledItemDelegate):
    """Cards of one fixed height so the views can lay out thousands of rows at once."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._title_lines: dict[tuple[str, int], list[str]] = {}
        self._fonts: dict[str, _Fonts] = {}

    def fonts(self, base: QFont) -> _Fonts:
        key = base.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            fonts = self._fonts[key] = _Fonts(base)
        return fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(max(120, option.rect.width()), CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        task: Task | None = index.data(TaskRole)
        if task is None:
            return
        model = index.model()
        board = getattr(model, "board", None)
        snapshot = board.snapshot if board is not None else None
        column = board.column(model.column_id) if board is not None else None
        done = column is not None and column.kind is ColumnKind.DONE
        today = board.today if board is not None else date.today()

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect).adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        path = QPainterPath()
        path.addRoundedRect(card, 6, 6)
        painter.fillPath(path, theme.CARD_SELECTED_FILL if selected else theme.CARD)
        border = (theme.CARD_SELECTED if selected else theme.CARD_BORDER_HOVER if hovered
                  else theme.CARD_BORDER)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.drawPath(path)

        tag = snapshot.initiatives.get(task.initiative_id or 0) if snapshot else None
        if tag is not None:
            strip = QPainterPath()
            strip.addRoundedRect(QRectF(card.left() + 1, card.top() + 1, 8, card.height() - 2),
                                 5, 5)
            clip = QPainterPath()
            clip.addRect(QRectF(card.left(), card.top(), 5, card.height()))
            painter.fillPath(strip.intersected(clip), QColor(tag.colour or theme.NO_TAG_COLOUR))

        inner = card.adjusted(PAD + 2, PAD - 2, -PAD, -PAD + 2)
        fonts = self.fonts(option.font)
        bottom = self._paint_title(painter, fonts, inner, task.title)
        if snapshot is not None:
            labels = [snapshot.labels[i] for i in task.label_ids if i in snapshot.labels]
            self._paint_chips(painter, fonts, inner, labels, bottom + 5)
        self._paint_meta(painter, fonts, inner, task, today, done, board)
        person = snapshot.people.get(task.assignee_id or 0) if snapshot else None
        if person is not None:
            self._paint_avatar(painter, fonts, inner, person.id, person.initials)
        painter.restore()

    # ----- parts
    def _lines(self, text: str, font: QFont, metrics: QFontMetricsF, width: int) -> list[str]:
        key = (text, width)
        cached = self._title_lines.get(key)
        if cached is not None:
            return cached
        layout = QTextLayout(text, font)
        layout.beginLayout()
        lines: list[str] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(text[line.textStart(): line.textStart() + line.textLength()])
        layout.endLayout()
        if len(lines) > 2:
            rest = "".join(lines[1:]).strip()
            lines = [lines[0], metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
        if len(self._title_lines) > 20000:
            self._title_lines.clear()
        self._title_lines[key] = lines
        return lines

    def _paint_title(self, painter: QPainter, fonts: _Fonts, inner: QRectF, title: str) -> float:
        """Draw the title on up to two lines; return where it ends."""
        font, metrics = fonts.title, fonts.title_metrics
        painter.setFont(font)
        painter.setPen(theme.CARD_TITLE)
        y = inner.top()
        for line in self._lines(drawable(title, metrics), font, metrics, int(inner.width())):
            painter.drawText(QPointF(inner.left(), y + metrics.ascent()), line.rstrip())
            y += metrics.lineSpacing()
        return y

    def _paint_chips(
        self, painter: QPainter, fonts: _Fonts, inner: QRectF, labels: list[Label], y: float
    ) -> None:
        if not labels:
            return
        metrics = fonts.chip_metrics
        painter.setFont(fonts.chip)
        height = metrics.height() + 3
        x = inner.left()
        for label in labels:
            text = drawable(label.name, metrics)
            width = metrics.horizontalAdvance(text) + 10
            if x + width > inner.right():
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                          max(0.0, inner.right() - x - 10))
                width = metrics.horizontalAdvance(text) + 10
                if width < 22:
                    break
            chip = QRectF(x, y, width, height)
            colour = QColor(label.colour)
            path = QPainterPath()
            path.addRoundedRect(chip, height / 2, height / 2)
            painter.fillPath(path, colour)
            painter.setPen(readable_on(colour))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 5

    def _paint_meta(
        self, painter: QPainter, fonts: _Fonts, inner: QRectF, task: Task, today: date, done: bool,
        board: BoardData | None = None,
    ) -> None:
        metrics = fonts.meta_metrics
        baseline = inner.bottom() - 4
        x = inner.left()
        right = inner.right() - 26

        def item(text: str, colour: QColor, bold: bool = False) -> None:
            nonlocal x
            used = fonts.meta_bold_metrics if bold else metrics
            width = used.horizontalAdvance(text)
            if x + width > right:
                return
            painter.setFont(fonts.meta_bold if bold else fonts.meta)
            painter.setPen(colour)
            painter.drawText(QPointF(x, baseline), text)
            x += width + 10

        if task.priority is not Priority.NONE:
            colour = QColor(theme.PRIORITY_COLOURS[task.priority])
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(x + 3.5, baseline - metrics.ascent() / 2 + 1), 3.5, 3.5)
            x += 10
            item(task.priority.label, colour, bold=task.priority >= Priority.HIGH)
        if task.due_date is not None:
            item(f"Due {task.due_date.strftime('%b')} {task.due_date.day}",
                 due_colour(task.due_date, today, done),
                 bold=not done and task.due_date <= today)
        if task.checklist_total:
            complete = task.checklist_done == task.checklist_total
            item(f"☑ {task.checklist_done}/{task.checklist_total}",
                 theme.GOOD if complete else theme.CARD_MUTED)
        if task.estimate is not None:
            item(f"{task.estimate:g} pt", theme.CARD_MUTED)
        work = board.work_age(task.id) if board is not None else None
        if work is None or done:
            item(f"◷ {age_days(task, today)}d", theme.CARD_MUTED)
            return
        age, level = work
        text = f"◷ {age}d"
        if not level:
            item(text, theme.CARD_MUTED)
            return
        used = fonts.meta_bold_metrics
        width = used.horizontalAdvance(text) + 8
        if x + width > right:
            return
        colour = AGE_COLOURS[level]
        pill = QRectF(x, baseline - used.ascent() - 2, width, used.height() + 3)
        path = QPainterPath()
        path.addRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.fillPath(path, colour)
        painter.setFont(fonts.meta_bold)
        painter.setPen(theme.WHITE)
        painter.drawText(QPointF(x + 4, baseline), text)

    def _paint_avatar(
        self, painter: QPainter, fonts: _Fonts, inner: QRectF, person_id: int, initials: str
    ) -> None:
        size = 22.0
        circle = QRectF(inner.right() - size, inner.bottom() - size + 1, size, size)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.AVATAR_COLOURS[person_id % len(theme.AVATAR_COLOURS)]))
        painter.drawEllipse(circle)
        painter.setFont(fonts.avatar)
        painter.setPen(theme.WHITE)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, shown(initials))
