"""The keyboard shortcut sheet (press ? or Help ▸ Keyboard Shortcuts)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QVBoxLayout,
    QWidget,
)

SHEET: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Everywhere", (
        ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
        ("?", "This list of shortcuts"),
        ("Ctrl+F", "Find: the board's filter"),
        ("Ctrl+Alt+O", "Connect to a team server (PostgreSQL)"),
    )),
    ("Board (a card selected)", (
        ("F or /", "Filter cards"),
        ("Q", "Show only my cards (again: everyone's)"),
        ("Space", "Assign the card to me (again: unassign)"),
        ("J / K or ↓ / ↑", "Next / previous card"),
        ("← / →", "Card in the column to the left / right"),
        ("Enter", "Open the card"),
        ("D", "Open the card at its due date"),
        ("L", "Open the card at its labels"),
        ("C, Delete or Backspace", "Archive (Undo in the notice)"),
        ("Shift+Delete", "Delete for good (asks first)"),
        ("Ctrl+← / →", "Move the card to the previous / next column"),
        ("Ctrl+↑ / ↓", "Move the card up / down"),
        ("N", "Add a card to this column"),
    )),
    ("Roadmap", (
        ("Ctrl+wheel, Ctrl++ / Ctrl+-", "Zoom"),
        ("Ctrl+0 / Ctrl+T", "Fit everything / scroll to today"),
        ("Ctrl+Shift+N", "New initiative"),
        ("← / → (a bar selected)", "Move the bar by a day (a week when zoomed out)"),
        ("Enter (a bar selected)", "Edit the initiative"),
        ("Delete (a bar selected)", "Delete the initiative (asks first)"),
        ("Esc while dragging", "Cancel the drag"),
        ("Ctrl+Alt+B", "Save the roadmap as a baseline"),
        ("Ctrl+Alt+S", "What slipped since the baseline compared with"),
    )),
)


def hint(action: QAction, keys: str) -> QAction:
    """Show ``keys`` beside a menu entry: the keys that do the same outside the menu.

    Only shown (after a tab, QMenu's shortcut column), not bound: inside the open menu
    Return must keep choosing the highlighted entry.
    """
    native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    action.setText(f"{action.text()}\t{native}")
    return action


class ShortcutSheet(QDialog):
    """Every shortcut, grouped by where it works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # Qt builds these classes' Python enums on first use: when the sheet first opens.
        from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QTreeWidget, QTreeWidgetItem

        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutSheet")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Keys", "Does"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        for group, rows in SHEET:
            head = QTreeWidgetItem([group])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            for keys, does in rows:
                self.tree.addTopLevelItem(QTreeWidgetItem([keys, does]))
            head.setFirstColumnSpanned(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every shortcut listed."""
        return [(g, d) for _, rows in SHEET for g, d in rows]
