"""How an initiative reads in the Now / Next / Later lists: its title, then its status and
how much of its linked work is done (a small gauge), so the horizons answer "how far along"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.domain.snapshots import InitiativeView
from pmdesk.ui import theme
from pmdesk.ui.roadmap import style
from pmdesk.ui.roadmap.models import ViewRole

TITLE_FONT = style.ui_font(9.0, bold=True)
META_FONT = style.ui_font(8.0)
PAD, GAUGE = 6.0, 44.0


def summary(view: InitiativeView) -> str:
    """``In progress · 4 of 12 cards done`` (the status the cards show, as reports count it)."""
    status, progress = view.status, view.progress
    text = status.label
    if view.suggested_status is not None:
        text += f" (marked {view.initiative.status.label.lower()})"
    if progress.total:
        text += f" · {progress.done} of {progress.total} cards done"
    else:
        text += " · no cards yet"
    return text


class HorizonDelegate(QStyledItemDelegate):
    """Two lines per initiative: swatch and title; status, card count and a gauge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QFontMetricsF(TITLE_FONT)
        self._meta = QFontMetricsF(META_FONT)

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = PAD * 2 + self._title.height() + 3 + self._meta.height()
        return QSize(max(option.rect.width(), 160), round(height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        view = index.data(ViewRole)
        if not isinstance(view, InitiativeView):
            super().paint(painter, option, index)
            return
        painter.save()
        rect = QRectF(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, option.palette.highlight() if selected else theme.WHITE)
        painter.setPen(theme.GRID)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        ink = option.palette.highlightedText().color() if selected else theme.INK
        swatch = index.data(Qt.ItemDataRole.DecorationRole)
        left = rect.left() + PAD
        top = rect.top() + PAD
        if swatch is not None:
            painter.drawPixmap(round(left), round(top + (self._title.height() - 12) / 2), swatch)
            left += 18
        painter.setFont(TITLE_FONT)
        painter.setPen(ink)
        title_rect = QRectF(left, top, rect.right() - PAD - left, self._title.height())
        title = self._title.elidedText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                                       Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title)
        meta_top = top + self._title.height() + 3
        gauge = QRectF(rect.right() - PAD - GAUGE, meta_top + self._meta.height() / 2 - 2.5,
                       GAUGE, 5)
        share = 1.0 if view.status is InitiativeStatus.DONE else view.progress.by_count
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.GRID)
        painter.drawRoundedRect(gauge, 2.5, 2.5)
        if share > 0:
            painter.setBrush(QColor(theme.STATUS_COLOURS[view.status]))
            painter.drawRoundedRect(QRectF(gauge.left(), gauge.top(),
                                           gauge.width() * min(share, 1.0), gauge.height()),
                                    2.5, 2.5)
        painter.setFont(META_FONT)
        painter.setPen(ink if selected else QColor(theme.STATUS_COLOURS[view.status]))
        meta_rect = QRectF(left, meta_top, gauge.left() - 6 - left, self._meta.height())
        painter.drawText(meta_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._meta.elidedText(summary(view), Qt.TextElideMode.ElideRight,
                                               meta_rect.width()))
        painter.restore()
