"""File ▸ Export: the one-pager, the roadmap and the board as PDF or PNG, the workspace as
JSON; optionally opened in the system viewer afterwards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QWidget

from pmdesk import documents, export
from pmdesk.domain.errors import PmdeskError
from pmdesk.services import Services
from pmdesk.ui.settings import AppSettings
from pmdesk.ui.text import shown

PDF_FILTER = "PDF documents (*.pdf)"
PNG_FILTER = "PNG images (*.png)"
JSON_FILTER = "JSON files (*.json)"


def write_onepager(services: Services, product_id: int, path: Path) -> None:
    export.write_atomically(path, documents.onepager_pdf(services, product_id))


def write_roadmap(services: Services, product_id: int, path: Path) -> None:
    if path.suffix.lower() == ".png":
        from pmdesk.ui.sheet_image import render_roadmap_png

        render_roadmap_png(services, product_id, path)
    else:
        export.write_atomically(path, documents.roadmap_pdf(services, product_id))


def write_board(services: Services, board_id: int, path: Path) -> None:
    if path.suffix.lower() == ".png":
        from pmdesk.ui.sheet_image import render_board_png

        render_board_png(services, board_id, path)
    else:
        export.write_atomically(path, documents.board_pdf(services, board_id))


def write_json(services: Services, path: Path) -> None:
    data, _products, _cards = documents.workspace_json(services)
    export.write_atomically(path, data)


class ExportActions(QObject):
    """The Export menu of a main window.

    ``context`` returns the window's services, selected product id and the widget to
    parent dialogs to; ``report`` shows a problem; ``done`` shows a status message.
    """

    def __init__(
        self,
        menu: QMenu,
        context: Callable[[], tuple[Services, int | None, QWidget]],
        report: Callable[[str], None],
        done: Callable[[str], None],
        settings: AppSettings,
    ) -> None:
        super().__init__(menu)
        self._context, self._report, self._done = context, report, done
        self.action_onepager = self._add(menu, "&One-Pager (PDF)…", "actionExportOnePager",
                                         self.export_onepager, QKeySequence("Ctrl+E"))
        self.action_roadmap = self._add(menu, "&Roadmap (PDF or PNG)…", "actionExportRoadmap",
                                        self.export_roadmap)
        self.action_board = self._add(menu, "&Board (PDF or PNG)…", "actionExportBoard",
                                      self.export_board)
        self.action_json = self._add(menu, "Workspace as &JSON…", "actionExportJson",
                                     self.export_json)
        menu.addSeparator()
        self.action_open_after = QAction("Open Exported Files", menu)
        self.action_open_after.setObjectName("actionOpenAfterExport")
        self.action_open_after.setCheckable(True)
        self.action_open_after.setChecked(settings.open_after_export())
        self.action_open_after.toggled.connect(settings.set_open_after_export)
        menu.addAction(self.action_open_after)

    def _add(self, menu: QMenu, text: str, name: str, slot: Callable[[], object],
             shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, menu)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [self.action_onepager, self.action_roadmap, self.action_board, self.action_json]

    # ----- the exports
    def export_onepager(self) -> None:
        services, product_id, parent = self._context()
        if product_id is None:
            return
        name = services.products.get_product(product_id).name
        path = self._ask(parent, "Export one-pager", f"{name} one-pager.pdf", PDF_FILTER)
        if path:
            self.run(lambda: write_onepager(services, product_id, path), path)

    def export_roadmap(self) -> None:
        services, product_id, parent = self._context()
        if product_id is None:
            return
        name = services.products.get_product(product_id).name
        path = self._ask(parent, "Export roadmap", f"{name} roadmap.pdf",
                         f"{PDF_FILTER};;{PNG_FILTER}")
        if path:
            self.run(lambda: write_roadmap(services, product_id, path), path)

    def export_board(self) -> None:
        services, product_id, parent = self._context()
        if product_id is None:
            return
        boards = services.boards.list_boards(product_id)
        if not boards:
            self._report("This product has no board to export.")
            return
        board = boards[0]
        if len(boards) > 1:
            names = [shown(b.name) for b in boards]
            chosen, ok = QInputDialog.getItem(parent, "Export board", "Board:", names, 0, False)
            if not ok:
                return
            board = boards[names.index(chosen)]
        path = self._ask(parent, "Export board", f"{board.name} board.pdf",
                         f"{PDF_FILTER};;{PNG_FILTER}")
        if path:
            self.run(lambda: write_board(services, board.id, path), path)

    def export_json(self) -> None:
        services, _product_id, parent = self._context()
        path = self._ask(parent, "Export workspace as JSON",
                         f"{services.workspace.path.stem}.json", JSON_FILTER)
        if path:
            self.run(lambda: write_json(services, path), path)

    def run(self, write: Callable[[], None], path: Path) -> bool:
        """Write one export; report a problem in one sentence, or open the result."""
        export.missing_characters_note()
        try:
            write()
        except PmdeskError as exc:
            self._report(exc.message)
            return False
        self._done(f"Exported {path}")
        note = export.missing_characters_note()
        if note:
            self._report(note)
        if self.action_open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return True

    @staticmethod
    def _ask(parent: QWidget, title: str, suggestion: str, filters: str) -> Path | None:
        start = str(Path.home() / suggestion.replace("/", "-"))
        chosen, selected = QFileDialog.getSaveFileName(parent, title, start, filters)
        if not chosen:
            return None
        path = Path(chosen)
        wanted = ".png" if selected == PNG_FILTER else ".json" if selected == JSON_FILTER \
            else ".pdf"
        if path.suffix.lower() not in (".pdf", ".png", ".json"):
            path = path.with_name(path.name + wanted)
        return path

