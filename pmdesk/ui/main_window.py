"""The main window: workspace menus, product selector, undo, and the pages as tabs."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.changes import ChangeSet
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.locations import Location
from pmdesk.ui.commands import creation, deletion, execute
from pmdesk.ui.dialogs import about_text, show_problem
from pmdesk.ui.first_paint import InputHold, OpeningServices
from pmdesk.ui.import_actions import FORMATS, import_as_new_product
from pmdesk.ui.message_bar import MessageBar, Variant
from pmdesk.ui.page import Page
from pmdesk.ui.session import WorkspaceSession
from pmdesk.ui.settings import AppSettings
from pmdesk.ui.shortcuts import ShortcutSheet
from pmdesk.ui.text import confirm, shown
from pmdesk.ui.window_menus import WindowMenus
from pmdesk.ui.workspace_actions import WorkspaceActions

if TYPE_CHECKING:
    from pmdesk.services import Services
    from pmdesk.ui.history.panel import HistoryPanel
    from pmdesk.ui.preferences import PreferencesDialog
    from pmdesk.ui.roadmap.page import RoadmapPage

OPEN_WINDOWS: list[MainWindow] = []
# The tabs in order, known before their pages' modules load (a test checks the titles).
PAGE_TITLES = ("Product", "Roadmap", "Board")


# Each tab's page by module, so a window painted from the first read loads only its own.
_PAGE_MODULES = {"Product": ("pmdesk.ui.product.page", "ProductPage"),
                 "Roadmap": ("pmdesk.ui.roadmap.page", "RoadmapPage"),
                 "Board": ("pmdesk.ui.kanban.page", "BoardPage")}


def page_class(title: str) -> type[Page]:
    """The page of tab ``title``, imported when the window builds it."""
    module, name = _PAGE_MODULES[title]
    cls: type[Page] = getattr(import_module(module), name)
    return cls


def page_classes() -> list[type[Page]]:
    return [page_class(title) for title in PAGE_TITLES]


class MainWindow(WindowMenus, QMainWindow):
    """One window over one open workspace at a time.

    Given ``OpeningServices`` (the app's first read of the file), the window paints the
    tab it shows from them and holds the user's input back until ``install`` hands over
    the real services; the other tabs are built then.
    """

    workspace_changed = Signal()

    def __init__(self, services: Services | OpeningServices,
                 settings: AppSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setAccessibleName("MainWindow")
        self.settings = settings or AppSettings()
        self.session = WorkspaceSession(services, self)
        self.undo_stack = self.session.undo_stack
        self.bus = self.session.bus
        self.session.other_writer.connect(self._fill_products)
        self.session.file_missing.connect(self._report_missing_file)
        self.session.connection_lost.connect(self._report_lost_connection)
        self.session.connection_back.connect(self._report_reconnected)
        self.bus.failed.connect(self.show_problem)
        self.bus.changed.connect(self._on_changed)
        self.pages: list[Page] = []
        self.history_panel: HistoryPanel | None = None
        self._input_hold: InputHold | None = None
        self._sheet: ShortcutSheet | None = None
        self.workspaces = WorkspaceActions(self, self.show_problem)
        self._build_actions()
        self._build_menus()
        self._build_central()
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        if isinstance(services, OpeningServices):
            self._show_opening(services)
        else:
            self._install(services)

    @property
    def services(self) -> Services:
        return self.session.services  # type: ignore[return-value]

    @property
    def opening(self) -> bool:
        """Painted from the first read; the services are not open yet."""
        return isinstance(self.session.services, OpeningServices)

    def _build_central(self) -> None:
        toolbar = QToolBar("Product", self)
        toolbar.setObjectName("productToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Product: "))
        self.product_selector = QComboBox(objectName="productSelector")
        self.product_selector.setAccessibleName("Product")
        self.product_selector.setMinimumContentsLength(24)
        self.product_selector.currentIndexChanged.connect(self._on_product_selected)
        toolbar.addWidget(self.product_selector)
        self.addToolBar(toolbar)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner_row = MessageBar("bannerRow", "banner", Variant.INFO)
        self.banner = self.banner_row.label
        layout.addWidget(self.banner_row)
        self.tabs = QTabWidget(objectName="pages")
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self.page_at)  # a tab painted before it was built
        self.tabs.currentChanged.connect(
            lambda index: index >= 0 and not self.opening
            and self.settings.set_last_page(self.tabs.tabText(index)))
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.undo_view = QUndoView(self.undo_stack)
        self.undo_view.setEmptyLabel("Opened workspace")
        self.undo_view.setAccessibleName("Undo history")
        self.undo_dock = self._dock("Undo History", "undoDock", self.undo_view,
                                    QKeySequence("Ctrl+Alt+Z"))
        self.history_dock = self._dock("Item History", "historyDock", None,
                                       QKeySequence("Ctrl+Alt+H"))

    def roadmap_page(self) -> RoadmapPage:
        from pmdesk.ui.roadmap.page import RoadmapPage

        page = self.page_at(PAGE_TITLES.index(RoadmapPage.title))
        assert isinstance(page, RoadmapPage)
        return page

    def _dock(self, title: str, name: str, widget: QWidget | None,
              shortcut: QKeySequence) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if widget is not None:
            dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        toggle = dock.toggleViewAction()
        toggle.setShortcut(shortcut)
        self.view_menu.addAction(toggle)
        return dock

    # ----- workspace lifecycle
    def _install(self, services: Services) -> None:
        """Show ``services``' workspace, replacing whatever was shown."""
        services.workspace.display_name = self.settings.display_name()
        self.session.open(services)
        services = self.session.services  # on a server: remembers reads for offline use
        last_page = self.settings.last_page()
        self.tabs.blockSignals(True)
        for index in range(self.tabs.count()):  # pages, and places for pages not built
            self.tabs.widget(index).deleteLater()
        self.tabs.clear()
        self.pages = [self._page(cls, services) for cls in page_classes()]
        for page in self.pages:
            self.tabs.addTab(page, page.title)
        # The last tab comes first, before any page reads: the others read when shown.
        titles = [page.title for page in self.pages]
        self.tabs.setCurrentIndex(titles.index(last_page) if last_page in titles else 0)
        self.tabs.blockSignals(False)
        self._finish_install(services)
        self._release_input()

    def _page(self, cls: type[Page], services: Services | OpeningServices) -> Page:
        page = cls(services, self.undo_stack, self.bus, self)  # type: ignore[arg-type]
        page.product_requested.connect(self.select_product)
        return page

    def _finish_install(self, services: Services) -> None:
        from pmdesk.ui.history.panel import HistoryPanel

        old_panel = self.history_dock.widget()
        self.history_panel = HistoryPanel(services, self.bus)
        self.history_dock.setWidget(self.history_panel)
        if old_panel is not None:
            old_panel.deleteLater()
        self.settings.add_recent(services.workspace.location)
        self._show_state_banner()
        self._fill_products(self.settings.last_product(services.workspace.location))
        self.workspace_changed.emit()

    def _show_opening(self, services: OpeningServices) -> None:
        """Paint the last tab from the first read; the others wait for ``install``."""
        self.session.services = services  # type: ignore[assignment]
        shown_title = self.settings.last_page()
        if shown_title not in PAGE_TITLES:
            shown_title = PAGE_TITLES[0]
        self.tabs.blockSignals(True)
        for title in PAGE_TITLES:
            if title == shown_title:
                page = self._page(page_class(title), services)
                self.pages.append(page)
                self.tabs.addTab(page, title)
            else:
                self.tabs.addTab(QWidget(), title)  # a place for the page built later
        self.tabs.setCurrentIndex(PAGE_TITLES.index(shown_title))
        self.tabs.blockSignals(False)
        self.banner_row.hide()
        self._fill_products(services.first.product_id)

    def install(self, services: Services, *, changed_since_read: bool = False) -> None:
        """Take over the services once open: the tab painted from the first read stays and
        reads what it left out (everything again if ``changed_since_read``), the other tabs
        are built when first shown, and the user's input reaches the window again."""
        services.workspace.display_name = self.settings.display_name()
        self.session.open(services)
        services = self.session.services
        for page in self.pages:
            page.use_services(services)
        self._finish_install(services)
        self._release_input()
        if changed_since_read:
            self.bus.reloaded.emit()

    def page_at(self, index: int) -> Page | None:
        """The page of tab ``index``, built now if the window was painted before it was."""
        widget = self.tabs.widget(index)
        if widget is None or isinstance(widget, Page) or self.opening:
            return widget if isinstance(widget, Page) else None
        title = self.tabs.tabText(index)
        page = self._page(page_class(title), self.services)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        widget.deleteLater()
        self.pages = sorted([*self.pages, page], key=lambda p: PAGE_TITLES.index(p.title))
        page.set_product(self.current_product_id())
        return page

    def hold_input(self) -> None:
        """Keep the user's input from the window until ``install`` (it is shown while the
        services open)."""
        app = QApplication.instance()
        if self._input_hold is None and self.opening and app is not None:
            self._input_hold = InputHold(self)
            app.installEventFilter(self._input_hold)

    def _release_input(self) -> None:
        app = QApplication.instance()
        if self._input_hold is not None and app is not None:
            app.removeEventFilter(self._input_hold)
        self._input_hold = None

    def open_path(self, location: Location) -> bool:
        """Show the workspace in a file or on a server; False (after saying why) if not."""
        return self.workspaces.open(location)

    def switch_to(self, services: Services) -> None:
        old = self.services
        self._install(services)
        if old is not services:
            old.workspace.close()

    def create_workspace(self, path: Path) -> bool:
        return self.workspaces.create(path)

    def import_dialog(self, kind: str) -> None:
        text, file_filter = FORMATS[kind]
        from PySide6.QtWidgets import QFileDialog  # its Python enums: when first used

        path, _ = QFileDialog.getOpenFileName(self, text.rstrip("…"), str(Path.home()),
                                              file_filter)
        if path:
            self.import_file(kind, Path(path))

    def import_file(self, kind: str, path: Path) -> bool:
        outcome = import_as_new_product(self.services, self.undo_stack, self.bus, kind, path)
        if outcome is None:
            return False
        product_id, summary = outcome
        self.select_product(product_id)
        self.statusBar().showMessage(summary, 15000)
        return True

    # ----- products
    def current_product_id(self) -> int | None:
        data = self.product_selector.currentData()
        return int(data) if data is not None else None

    def _fill_products(self, select: int | None = None) -> None:
        select = select if select is not None else self.current_product_id()
        products = self.services.products.list_products()
        self.product_selector.blockSignals(True)
        self.product_selector.clear()
        for product in products:
            self.product_selector.addItem(shown(product.name), product.id)
        index = self.product_selector.findData(select) if select is not None else -1
        self.product_selector.setCurrentIndex(index if index >= 0 else (0 if products else -1))
        self.product_selector.blockSignals(False)
        self._on_product_selected()

    def select_product(self, product_id: int) -> None:
        index = self.product_selector.findData(product_id)
        if index >= 0:
            self.product_selector.setCurrentIndex(index)

    def _on_product_selected(self, _index: int = -1) -> None:
        product_id = self.current_product_id()
        for page in self.pages:
            page.set_product(product_id)
        if self.history_panel is not None:
            self.history_panel.set_product(product_id)
        if self.opening:
            self._update_title()
            return  # nothing is remembered or offered before the services are open
        self.session.keep_ready(product_id)
        self.action_changed_since.setEnabled(product_id is not None)
        for action in self.exports.actions()[:3]:
            action.setEnabled(product_id is not None)
        if product_id is not None:
            self.settings.set_last_product(self.services.workspace.location, product_id)
        self.action_delete_product.setEnabled(product_id is not None
                                              and not self.services.read_only)
        self._update_title()

    def new_product(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # its Python enums: when first used

        name, ok = QInputDialog.getText(self, "New product", "Product name:")
        if ok:
            self.create_product(name)

    def create_product(self, name: str) -> bool:
        products = self.services.products
        command = creation(f"Add product “{name.strip()}”", lambda: products.create_product(name),
                           products.delete_product, self.services.trash.restore, self.bus)
        if not execute(self.undo_stack, command):
            return False
        self.select_product(command.last_result.id)
        return True

    def delete_product(self) -> None:
        product_id = self.current_product_id()
        if product_id is None:
            return
        name = self.product_selector.currentText()
        if confirm(self, "Delete product",
                   f"Delete “{name}” with its roadmap and boards? You can undo this with Ctrl+Z."):
            self.remove_product(product_id, name)

    def remove_product(self, product_id: int, name: str) -> bool:
        return execute(self.undo_stack, deletion(
            f"Delete product “{name}”", lambda: self.services.products.delete_product(product_id),
            self.services.trash.restore, self.bus))

    # ----- reacting to changes
    def _on_changed(self, changes: ChangeSet, _origin: object) -> None:
        if changes.touches(Entity.PRODUCT):
            self._fill_products()

    def show_problem(self, message: str) -> None:
        """One sentence about something that went wrong, over this window."""
        show_problem(self, message)

    def _report_missing_file(self) -> None:
        """The file was moved or deleted under us: the open data is the only copy left."""
        message = (f"{self.services.workspace.path} was moved or deleted while open. "
                   "Your data is still here: use File ▸ Save a Copy to keep it.")
        self.show_banner(message, Variant.ERROR)
        show_problem(self, message)

    def _report_lost_connection(self, message: str) -> None:
        self.show_banner(f"{message} What is shown stays as it was and cannot be edited "
                         "until pmdesk reconnects; it keeps trying.", Variant.ERROR)
        for action in (self.action_new_product, self.action_undo, self.action_redo):
            action.setEnabled(False)
        self._update_title()

    def _report_reconnected(self) -> None:
        self._show_state_banner()
        self._update_title()
        self.statusBar().showMessage(
            f"Reconnected to {self.services.workspace.name}; showing the latest data.", 8000)

    def _show_state_banner(self) -> None:
        read_only = self.services.read_only
        for action in (self.action_new_product, self.action_undo, self.action_redo):
            action.setEnabled(not read_only)
        if read_only:
            self.show_banner(
                f"{self.services.workspace.name} is read-only: you can browse and export, "
                "but not edit.", Variant.WARNING)
        elif self.services.workspace.notice:
            self.show_banner(self.services.workspace.notice, Variant.WARNING)
        else:
            self.banner_row.hide()

    def show_banner(self, text: str, variant: Variant = Variant.INFO) -> None:
        self.banner_row.show_message(text, variant)

    def _update_title(self) -> None:
        parts = [self.product_selector.currentText(), self.services.workspace.name]
        if self.session.offline:
            parts[-1] += " (offline)"
        elif self.services.read_only:
            parts[-1] += " (read-only)"
        self.setWindowTitle(shown(" — ".join(p for p in parts if p) + " — pmdesk"))

    def new_window(self) -> MainWindow | None:
        """A second window on the same workspace; the two stay in sync through the file or
        the server."""
        from pmdesk.services.workspaces import open_services

        try:
            services = open_services(self.services.workspace.location_to_reopen())
        except PmdeskError as exc:
            show_problem(self, exc.message)
            return None
        window = MainWindow(services, self.settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        OPEN_WINDOWS.append(window)
        window.destroyed.connect(lambda: OPEN_WINDOWS.remove(window)
                                 if window in OPEN_WINDOWS else None)
        window.select_product(self.current_product_id() or 0)
        window.move(self.pos().x() + 40, self.pos().y() + 40)
        window.show()
        return window

    def quit_all(self) -> None:
        for window in list(OPEN_WINDOWS):
            window.close()
        self.close()

    def show_changed_since(self) -> None:
        product_id = self.current_product_id()
        if product_id is not None:
            from pmdesk.ui.history.since_dialog import ChangedSinceDialog

            ChangedSinceDialog(self.services, product_id, self).exec()

    def show_preferences(self) -> PreferencesDialog:
        from pmdesk.ui.preferences import open_preferences

        return open_preferences(self.settings, self.services, self)

    def show_shortcuts(self) -> ShortcutSheet:
        if self._sheet is None:
            self._sheet = ShortcutSheet(self)
        self._sheet.show()
        self._sheet.raise_()
        return self._sheet

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # its Python enums: when first used

        QMessageBox.about(self, "About pmdesk", about_text(self.services.workspace.location))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.session.stop()
        if self in OPEN_WINDOWS:
            self.services.workspace.close()
        super().closeEvent(event)
