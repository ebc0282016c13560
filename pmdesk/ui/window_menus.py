"""The main window's menu bar: its actions, their shortcuts and the menus that hold them.

A mixin of ``MainWindow``: the actions stay attributes of the window (``action_undo``,
``recent_menu``…), where the pages, tests and other windows find them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

from pmdesk.ui.actions import named_action
from pmdesk.ui.export_actions import ExportActions
from pmdesk.ui.import_actions import FORMATS


class WindowMenus:
    """Builds the menu bar of the ``QMainWindow`` it is mixed into."""

    def _build_actions(self) -> None:
        self.action_new_workspace = self._action("&New Workspace…", "actionNewWorkspace",
                                                 QKeySequence("Ctrl+Shift+N"),
                                                 self.workspaces.new_workspace)
        self.action_open = self._action("&Open…", "actionOpen", QKeySequence.StandardKey.Open,
                                        self.workspaces.open_dialog)
        self.action_save_copy = self._action("Save a &Copy…", "actionSaveCopy",
                                             QKeySequence("Ctrl+Shift+S"),
                                             self.workspaces.save_copy_dialog)
        self.action_new_window = self._action("New &Window", "actionNewWindow",
                                              QKeySequence("Ctrl+Alt+N"), self.new_window)
        self.action_quit = self._action("&Quit", "actionQuit", QKeySequence.StandardKey.Quit,
                                        self.quit_all)
        self.action_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.action_undo.setObjectName("actionUndo")
        self.action_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.action_redo.setObjectName("actionRedo")
        self.action_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.action_new_product = self._action("&New Product…", "actionNewProduct", None,
                                               self.new_product)
        self.action_delete_product = self._action("&Delete Product…", "actionDeleteProduct",
                                                  None, self.delete_product)
        self.action_about = self._action("&About pmdesk", "actionAbout", None, self.show_about)
        self.action_changed_since = self._action(
            "What &Changed Since…", "actionChangedSince", QKeySequence("Ctrl+Shift+H"),
            self.show_changed_since)

    def _action(
        self,
        text: str,
        name: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[..., object],
    ) -> QAction:
        return named_action(self, text, name, slot, shortcut)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.action_new_workspace)
        file_menu.addAction(self.action_open)
        file_menu.addAction(self.workspaces.action_connect)
        self.recent_menu = self.workspaces.recent_menu
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.action_save_copy)
        export_menu = file_menu.addMenu("&Export")
        export_menu.setObjectName("menuExport")
        self.exports = ExportActions(
            export_menu, lambda: (self.services, self.current_product_id(), self),
            self.show_problem,
            lambda message: self.statusBar().showMessage(message, 8000), self.settings)
        import_menu = file_menu.addMenu("&Import")
        import_menu.setObjectName("menuImport")
        for kind, (text, _filter) in FORMATS.items():
            action = import_menu.addAction(text)
            action.setObjectName(f"actionImport{kind.capitalize()}")
            action.triggered.connect(lambda _=False, k=kind: self.import_dialog(k))
        file_menu.addSeparator()
        file_menu.addAction(self.action_new_window)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.action_undo)
        edit_menu.addAction(self.action_redo)
        edit_menu.addSeparator()
        self.action_preferences = edit_menu.addAction("Pre&ferences…", self.show_preferences)
        self.action_preferences.setObjectName("actionPreferences")
        self.action_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.edit_menu = edit_menu
        product_menu = bar.addMenu("&Product")
        product_menu.addAction(self.action_new_product)
        product_menu.addAction(self.action_delete_product)
        self._build_roadmap_menu(bar)
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addAction(self.action_changed_since)
        self.compare_menu = self.view_menu.addMenu("Compare &With")
        self.compare_menu.setObjectName("menuCompareWith")
        self.compare_menu.aboutToShow.connect(
            lambda: self.roadmap_page().comparison.fill_menu(self.compare_menu))
        self.view_menu.addSeparator()
        self.help_menu = bar.addMenu("&Help")
        self.action_shortcuts = self.help_menu.addAction("&Keyboard Shortcuts",
                                                         self.show_shortcuts)
        self.action_shortcuts.setObjectName("actionShortcuts")
        self.action_shortcuts.setShortcut(QKeySequence("?"))
        self.addAction(self.action_shortcuts)
        self.help_menu.addAction(self.action_about)

    def _build_roadmap_menu(self, bar: QMenuBar) -> None:
        """Roadmap ▸ baselines and the slip report (they act on the roadmap page)."""
        menu = bar.addMenu("&Roadmap")
        menu.setObjectName("menuRoadmap")
        for text, name, keys, slot in (
            ("Save &Baseline…", "actionSaveBaseline", "Ctrl+Alt+B",
             lambda: self.roadmap_page().comparison.save_baseline()),
            ("Base&lines…", "actionBaselines", None,
             lambda: self.roadmap_page().comparison.show_baselines()),
            ("What &Slipped…", "actionWhatSlipped", "Ctrl+Alt+S",
             lambda: self.roadmap_page().comparison.show_slips()),
        ):
            menu.addAction(self._action(text, name, QKeySequence(keys) if keys else None, slot))
