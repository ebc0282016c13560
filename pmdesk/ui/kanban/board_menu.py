"""The Board ▾ menu of the Board page: add, rename and delete boards of the product."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QMenu, QToolButton, QWidget

from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import execute
from pmdesk.ui.kanban import commands
from pmdesk.ui.text import confirm

if TYPE_CHECKING:
    from pmdesk.services import Services

Current = Callable[[], tuple[int | None, int | None, str]]  # product id, board id, name


class BoardMenu(QToolButton):
    """A tool button whose menu manages the boards; every action is one undo step."""

    def __init__(self, services: Services, stack: QUndoStack, bus: ChangeBus, current: Current,
                 select: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.stack, self.bus = services, stack, bus
        self._current, self._select = current, select
        self.setObjectName("boardMenu")
        self.setText("Boards")
        self.setAccessibleName("Board actions")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.action_new = menu.addAction("New Board…", self.ask_new)
        self.action_rename = menu.addAction("Rename Board…", self.ask_rename)
        menu.addSeparator()
        self.action_delete = menu.addAction("Delete Board…", self.ask_delete)
        self.setMenu(menu)

    def ask_new(self) -> None:
        name, ok = QInputDialog.getText(self, "New board", "Board name:")
        if ok:
            self.add(name)

    def ask_rename(self) -> None:
        _product, board_id, old = self._current()
        if board_id is None:
            return
        name, ok = QInputDialog.getText(self, "Rename board", "Board name:", text=old)
        if ok and name.strip() != old:
            self.rename(name)

    def ask_delete(self) -> None:
        _product, board_id, name = self._current()
        if board_id is None:
            return
        if confirm(self, "Delete board",
                   f"Delete the board “{name}” with its columns and cards? Ctrl+Z brings it back."):
            self.delete()

    def add(self, name: str) -> bool:
        product_id, _board, _name = self._current()
        if product_id is None:
            return False
        command = commands.add_board(self.services, self.bus, product_id, name)
        if not execute(self.stack, command):
            return False
        self._select(command.last_result.id)
        return True

    def rename(self, name: str) -> bool:
        _product, board_id, old = self._current()
        if board_id is None:
            return False
        command = commands.rename_board(self.services, self.bus, board_id, old, name)
        return execute(self.stack, command)

    def delete(self) -> bool:
        _product, board_id, name = self._current()
        if board_id is None:
            return False
        command = commands.delete_board(self.services, self.bus, board_id, name)
        return execute(self.stack, command)
