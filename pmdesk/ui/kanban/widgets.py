"""The pieces of a board: a column's card list, its header with quick add, a lane header."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.enums import ColumnKind
from pmdesk.domain.models import Column
from pmdesk.ui.kanban.delegate import CARD_HEIGHT
from pmdesk.ui.kanban.model import ColumnModel, TaskIdRole, decode_cards
from pmdesk.ui.text import escaped, plain, shown, tooltip

COLUMN_WIDTH = 280
COLUMN_MAX_WIDTH = 380
COLUMN_BACKGROUND = "#EBEEF2"
SCROLLBAR_STYLE = (
    "QScrollBar:vertical { background: transparent; width: 8px; margin: 2px; }"
    " QScrollBar::handle:vertical { background: #C3CAD3; border-radius: 3px; min-height: 32px; }"
    " QScrollBar::handle:vertical:hover { background: #9AA4B2; }"
    " QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
    " QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }"
    " QScrollBar:horizontal { background: transparent; height: 10px; margin: 2px; }"
    " QScrollBar::handle:horizontal { background: #C3CAD3; border-radius: 3px; min-width: 32px; }"
    " QScrollBar::handle:horizontal:hover { background: #9AA4B2; }"
    " QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal { width: 0; }"
    " QScrollBar::add-page:horizontal, QScrollBar::sub-page:horizontal { background: none; }"
)

# Keys a card list turns into board gestures (name, key, modifiers).
KEY_GESTURES = {
    (Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier): "move_left",
    (Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier): "move_right",
    (Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier): "move_up",
    (Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier): "move_down",
    (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier): "focus_left",
    (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier): "focus_right",
    (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier): "open",
    (Qt.Key.Key_Enter, Qt.KeyboardModifier.NoModifier): "open",
    (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier): "archive",
    (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier): "archive",
    (Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier): "delete",
    (Qt.Key.Key_N, Qt.KeyboardModifier.NoModifier): "add",
    # Trello / Jira habits
    (Qt.Key.Key_F, Qt.KeyboardModifier.NoModifier): "filter",
    (Qt.Key.Key_Slash, Qt.KeyboardModifier.NoModifier): "filter",
    (Qt.Key.Key_Q, Qt.KeyboardModifier.NoModifier): "my_cards",
    (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier): "assign_me",
    (Qt.Key.Key_C, Qt.KeyboardModifier.NoModifier): "archive",
    (Qt.Key.Key_D, Qt.KeyboardModifier.NoModifier): "due",
    (Qt.Key.Key_L, Qt.KeyboardModifier.NoModifier): "labels",
    (Qt.Key.Key_J, Qt.KeyboardModifier.NoModifier): "next",
    (Qt.Key.Key_K, Qt.KeyboardModifier.NoModifier): "previous",
    (Qt.Key.Key_Question, Qt.KeyboardModifier.NoModifier): "shortcuts",
    (Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier): "shortcuts",
}
PAGE_GESTURES = frozenset({"filter", "my_cards", "assign_me", "due", "labels", "shortcuts"})


class CardListView(QListView):
    """A column's cards; keys and double-clicks become ``gesture(name)`` signals."""

    gesture = Signal(str)
    focused = Signal()
    refused = Signal(bool)  # dragged cards over this list would break its hard WIP limit
    painted = Signal()  # cards were drawn (slow reads wait for the first time)

    def __init__(self, model: ColumnModel, column_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"cards-{model.column_id}-{model.lane}")
        self.setAccessibleName(column_name)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setMinimumWidth(COLUMN_WIDTH)
        self.setMaximumWidth(COLUMN_MAX_WIDTH)
        self._fit = False
        self._cards = model  # the view takes it in ``show_cards``

    def show_cards(self) -> None:
        """Take the model, once the list sits where it stays: each move under a styled parent
        lays every row out again, and every setting made before would relayout them too."""
        self.setModel(self._cards)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model().rowCount() > 0:
            self.painted.emit()

    def column_model(self) -> ColumnModel:
        model = self.model()
        assert isinstance(model, ColumnModel)
        return model

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        ids = [self.model().index(r, 0).data(TaskIdRole) for r in rows]
        if not ids and self.currentIndex().isValid():
            ids = [self.currentIndex().data(TaskIdRole)]
        return ids

    def select_task(self, task_id: int) -> bool:
        row = self.column_model().row_of(task_id)
        if row < 0:
            return False
        index = self.model().index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def fit_to_rows(self, enabled: bool) -> None:
        """Grow with the cards instead of scrolling (used inside swimlanes)."""
        self._fit = enabled
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if enabled
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(policy)
        model = self._cards
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._refit)
        self._refit()

    def _refit(self, *args: Any) -> None:
        if self._fit:
            self.setFixedHeight(max(1, self._cards.rowCount()) * CARD_HEIGHT + 12)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = Qt.Key(event.key())
        name = KEY_GESTURES.get((key, Qt.KeyboardModifier(modifiers)))
        if name is not None:
            event.accept()
            self.gesture.emit(name)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.setCurrentIndex(index)
            self.gesture.emit("open")
            return
        super().mouseDoubleClickEvent(event)

    # ----- a full hard-limit column refuses cards while they are still dragged
    def _refusal(self, event: QDragMoveEvent | QDropEvent) -> str | None:
        model = self.column_model()
        ids = decode_cards(event.mimeData(), model.board.board_id)
        return model.drop_refusal(ids) if ids else None

    def _show_refusal(self, refusal: str | None, event: QDragMoveEvent | None = None) -> None:
        _set_property(self, "refused", refusal is not None)
        self.refused.emit(refusal is not None)
        if refusal is not None and event is not None:
            QToolTip.showText(self.viewport().mapToGlobal(event.position().toPoint()),
                              refusal, self.viewport())
        elif refusal is None:
            QToolTip.hideText()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        super().dragEnterEvent(event)
        refusal = self._refusal(event)
        if refusal is not None:
            event.ignore()  # the forbidden cursor
        self._show_refusal(refusal, event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        super().dragMoveEvent(event)
        refusal = self._refusal(event)
        if refusal is not None:
            event.ignore()
        if (refusal is not None) != bool(self.property("refused")):
            self._show_refusal(refusal, event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        super().dragLeaveEvent(event)
        self._show_refusal(None)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        refused = self._refusal(event) is not None
        self._show_refusal(None)
        if refused:
            event.ignore()  # the column said no before the drop: nothing to report after
            return
        super().dropEvent(event)

    def focus_row(self, row: int) -> None:
        count = self.model().rowCount()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if count:
            index = self.model().index(max(0, min(row, count - 1)), 0)
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def visible_row(self) -> int:
        index = self.currentIndex()
        return index.row() if isinstance(index, QModelIndex) and index.isValid() else 0


class QuickAdd(QLineEdit):
    """A column's quick add line; Escape clears it and hands the keys back to the cards.

    A key handler of its own rather than an event filter, which would call Python for every
    event the line receives.
    """

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class ColumnHeader(QFrame):
    """Name, ``count / limit`` (red when over), the column menu and quick add."""

    add_card = Signal(str)
    add_cancelled = Signal()
    action = Signal(str, object)

    def __init__(self, column: Column, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column
        self.setObjectName("columnHeader")
        self.setMinimumWidth(COLUMN_WIDTH)
        self.setMaximumWidth(COLUMN_MAX_WIDTH)
        self.name = plain(QLabel())
        self.name.setObjectName("columnName")
        self.kind = QLabel()
        self.kind.setObjectName("columnKind")
        self.count = QLabel()
        self.count.setObjectName("columnCount")
        menu_button = QToolButton()
        menu_button.setText("⋯")
        menu_button.setAccessibleName(f"{column.name} column menu")
        menu_button.setAutoRaise(True)
        menu_button.setObjectName("columnMenu")
        menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu_button.setMenu(self._menu())
        self.quick_add = QuickAdd()
        self.quick_add.cancelled.connect(self.add_cancelled)
        self.quick_add.setPlaceholderText("+ Add a card")
        self.quick_add.setAccessibleName(f"Add a card to {column.name}")
        self.quick_add.setObjectName("quickAdd")
        self.quick_add.setClearButtonEnabled(True)
        self.quick_add.returnPressed.connect(self._submit)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.name, 1)
        top.addWidget(self.kind)
        top.addWidget(self.count)
        top.addWidget(menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.quick_add)
        self.update_column(column, 0)

    def mark_refused(self, on: bool) -> None:
        """Turn red while dragged cards would break the hard WIP limit."""
        _set_property(self, "refused", on)

    def update_column(self, column: Column, count: int, shown: int | None = None) -> None:
        self.column = column
        self.name.setToolTip(tooltip(column.name))
        self.kind.setText(column.kind.label)
        _set_property(self.kind, "done", column.kind is ColumnKind.DONE)
        over = column.wip_limit is not None and count > column.wip_limit
        text = f"{count} / {column.wip_limit}" if column.wip_limit is not None else f"{count}"
        if column.wip_hard and column.wip_limit is not None:
            text += " max"
        if shown is not None and shown != count:
            text = f"{shown} of {text}"
        self.count.setText(text)
        _set_property(self.count, "over", over)
        self._elide_name()
        tip = f"{count} cards"
        if column.wip_limit is not None:
            hard = "hard limit: drops beyond it are refused" if column.wip_hard else "soft limit"
            tip += f", WIP limit {column.wip_limit} ({hard})"
        self.count.setToolTip(tip)
        for action in self._kind_actions.actions():
            action.setChecked(action.data() == column.kind.value)

    def _elide_name(self) -> None:
        taken = self.kind.sizeHint().width() + self.count.sizeHint().width() + 64
        room = max(60, self.width() - taken)
        metrics = self.name.fontMetrics()
        self.name.setText(metrics.elidedText(shown(self.column.name), Qt.TextElideMode.ElideRight,
                                              room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_name()

    def _menu(self) -> QMenu:
        menu = QMenu(self)

        def add(text: str, name: str, payload: object = None) -> QAction:
            act = menu.addAction(text)
            act.triggered.connect(lambda: self.action.emit(name, payload))
            return act

        add("Rename…", "rename")
        add("WIP limit…", "wip")
        kinds = menu.addMenu("Kind")
        self._kind_actions = QActionGroup(self)
        for kind in ColumnKind:
            act = kinds.addAction(kind.label)
            act.setCheckable(True)
            act.setData(kind.value)
            self._kind_actions.addAction(act)
            act.triggered.connect(lambda _=False, k=kind: self.action.emit("kind", k))
        menu.addSeparator()
        add("Move left", "move_left")
        add("Move right", "move_right")
        add("Add column after…", "add_after")
        menu.addSeparator()
        add("Delete column…", "delete")
        return menu

    def _submit(self) -> None:
        title = self.quick_add.text().strip()
        if title:
            self.add_card.emit(title)


class LaneHeader(QFrame):
    """A swimlane's title and card count; the arrow folds the lane."""

    toggled = Signal(bool)

    def __init__(self, title: str, colour: str | None, count: int, expanded: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QToolButton()
        self.button.setCheckable(True)
        self.button.setChecked(expanded)
        self.button.setAutoRaise(True)
        self.button.setObjectName("laneToggle")
        self.button.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.button.setAccessibleName(f"Show lane {title}")
        self.button.toggled.connect(self._toggled)
        dot = QLabel()
        dot.setFixedSize(10, 10)
        dot.setStyleSheet(f"background: {QColor(colour or '#9AA4B2').name()}; border-radius: 5px;")
        dot.setVisible(colour is not None)
        self.label = QLabel()
        self.set_count(title, count)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 8, 2, 2)
        layout.addWidget(self.button)
        layout.addWidget(dot)
        layout.addWidget(self.label, 1)

    def set_count(self, title: str, count: int) -> None:
        self.label.setText(f"<b>{escaped(title)}</b> <span style='color:#5F6B7A'>· {count}</span>")

    def _toggled(self, on: bool) -> None:
        self.button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.toggled.emit(on)


def _set_property(widget: QWidget, name: str, value: bool) -> None:
    """Set a style property and re-polish so the board's style sheet picks it up (a widget
    not polished yet picks it up when it is)."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            widget.style().unpolish(widget)
            widget.style().polish(widget)


BOARD_STYLE = f"""
#boardCanvas {{ background: #F7F8FA; }}
#columnHeader {{ background: {COLUMN_BACKGROUND}; border-top-left-radius: 8px;
    border-top-right-radius: 8px; }}
#columnName {{ font-weight: 600; font-size: 11pt; color: #1F2328; }}
#columnKind {{ color: #5F6B7A; font-size: 8pt; padding: 1px 6px; border-radius: 8px;
    background: #DDE3EA; }}
#columnKind[done="true"] {{ background: #DCEBDD; }}
#columnCount {{ color: #5F6B7A; }}
#columnCount[over="true"] {{ color: #C62828; font-weight: 700; }}
#columnMenu::menu-indicator {{ image: none; width: 0; }}
#quickAdd {{ background: white; border: 1px solid #D5DAE1; border-radius: 5px;
    padding: 4px 6px; }}
#quickAdd:focus {{ border-color: #2F6FEB; }}
#laneToggle {{ border: none; background: transparent; }}
QListView {{ background: {COLUMN_BACKGROUND}; border: none;
    border-bottom-left-radius: 8px; border-bottom-right-radius: 8px; }}
QListView[refused="true"] {{ background: #FDECEA; border: 2px solid #C62828; }}
#columnHeader[refused="true"] {{ background: #FDECEA; }}
"""
