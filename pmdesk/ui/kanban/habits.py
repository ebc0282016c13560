"""Trello/Jira keyboard habits on the board: my cards, assign me, due date, labels, ?."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from pmdesk.domain.errors import PmdeskError
from pmdesk.ui.kanban import commands
from pmdesk.ui.settings import AppSettings
from pmdesk.ui.shortcuts import ShortcutSheet

if TYPE_CHECKING:
    from pmdesk.ui.kanban.page import BoardPage


class BoardHabits:
    """Carries out the page-level gestures of the card lists."""

    def __init__(self, page: BoardPage) -> None:
        self.page = page
        self.settings = AppSettings()
        self.sheet: ShortcutSheet | None = None

    # ----- who "me" is (asked once per workspace, remembered)
    def me(self, ask: bool = True) -> int | None:
        snapshot = self.page.data.snapshot
        people = snapshot.people if snapshot else {}
        path = self.page.services.workspace.location
        person = self.settings.me(path)
        if person in people:
            return person
        if not ask or not people:
            if ask:
                self.page.bus.failed.emit("Add people to the workspace to have cards of yours.")
            return None
        names = sorted((p.name for p in people.values()), key=str.casefold)
        name = self.who_am_i(names)
        chosen = next((p.id for p in people.values() if p.name == name), None)
        if chosen is not None:
            self.settings.set_me(path, chosen)
        return chosen

    def who_am_i(self, names: list[str]) -> str | None:
        name, ok = QInputDialog.getItem(self.page, "Who are you?",
                                        "Your cards are the ones assigned to:", names, 0, False)
        return name if ok else None

    # ----- gestures
    def on_gesture(self, name: str, ids: list[int]) -> None:
        if name == "filter":
            self.page.focus_search()
        elif name == "my_cards":
            self.toggle_my_cards()
        elif name == "assign_me":
            self.assign_me(ids)
        elif name in ("due", "labels") and ids:
            self.open_at(ids[0], name)
        elif name == "shortcuts":
            self.show_sheet()

    def toggle_my_cards(self) -> None:
        me = self.me()
        if me is None:
            return
        combo = self.page.filter_bar.assignee
        mine = combo.findData(me)
        combo.setCurrentIndex(0 if combo.currentIndex() == mine else mine)

    def assign_me(self, ids: list[int]) -> bool:
        """Assign the cards to me; when all are mine already, unassign them."""
        tasks = [self.page.data.tasks[i] for i in ids if i in self.page.data.tasks]
        me = self.me() if tasks else None
        if me is None:
            return False
        target = None if all(t.assignee_id == me for t in tasks) else me
        stack, controller = self.page.undo_stack, self.page.controller
        changing = [t for t in tasks if t.assignee_id != target]
        if len(changing) > 1:
            verb = "Assign" if target is not None else "Unassign"
            stack.beginMacro(f"{verb} {len(changing)} cards")
        try:
            for task in changing:
                try:
                    detail = self.page.services.tasks.get_task(task.id)
                except PmdeskError as exc:
                    self.page.bus.failed.emit(exc.message)
                    continue
                controller.run(commands.edit_card(self.page.services, self.page.bus, detail,
                                                  {"assignee_id": target}, None, controller))
        finally:
            if len(changing) > 1:
                stack.endMacro()
        return bool(changing)

    def open_at(self, task_id: int, where: str) -> None:
        editor = self.page.open_card(task_id)
        if editor is None:
            return
        if where == "due":
            editor.has_due.setChecked(True)
            editor.due.setFocus(Qt.FocusReason.ShortcutFocusReason)
            editor.due.line.selectAll()
        else:
            editor.labels.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if editor.labels.count():
                editor.labels.setCurrentRow(0)

    def show_sheet(self) -> ShortcutSheet:
        if self.sheet is None:
            self.sheet = ShortcutSheet(self.page)
        self.sheet.show()
        self.sheet.raise_()
        return self.sheet
