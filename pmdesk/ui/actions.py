"""Named actions: menus, windows and pages build their QActions one way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def named_action(
    owner: QWidget,
    text: str,
    name: str,
    slot: Callable[..., object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
) -> QAction:
    """A QAction added to ``owner`` (a menu or a window) that runs ``slot``; its object name
    lets tests and the shortcut sheet find it."""
    action = QAction(text, owner)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action
