"""File ▸ Export: the one-pager, the roadmap and the board as PDF or PNG, a board's flow
charts as PDF, PNG or CSV, the workspace as JSON; optionally opened in the system viewer
afterwards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QWidget

from pmdesk import export
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.models import Board
from pmdesk.ui.actions import named_action
from pmdesk.ui.settings import AppSettings
from pmdesk.ui.text import shown

if TYPE_CHECKING:
    from pmdesk.services import Services

PDF_FILTER = "PDF documents (*.pdf)"
PNG_FILTER = "PNG images (*.png)"
JSON_FILTER = "JSON files (*.json)"
CSV_FILTER = "CSV spreadsheets (*.csv)"
SUFFIXES = {PNG_FILTER: ".png", JSON_FILTER: ".json", CSV_FILTER: ".csv"}


def write_onepager(services: Services, product_id: int, path: Path) -> None:
    """Write the one-pager; the roadmap it shows is kept as a baseline, so the next
    report can say what moved since this one."""
    from pmdesk import documents
    from pmdesk.domain.baselines import BaselineKind, short_date

    export.write_atomically(path, documents.onepager_pdf(services, product_id))
    if not services.read_only:
        services.baselines.save_baseline(
            product_id, f"One-pager {short_date(services.baselines.today())}",
            BaselineKind.ONEPAGER)


def write_roadmap(services: Services, product_id: int, path: Path) -> None:
    from pmdesk import documents  # with what it exports, when an export runs

    if path.suffix.lower() == ".png":
        from pmdesk.ui.sheet_image import render_roadmap_png

        render_roadmap_png(services, product_id, path)
    else:
        export.write_atomically(path, documents.roadmap_pdf(services, product_id))


def write_board(services: Services, board_id: int, path: Path) -> None:
    from pmdesk import documents  # with what it exports, when an export runs

    if path.suffix.lower() == ".png":
        from pmdesk.ui.sheet_image import render_board_png

        render_board_png(services, board_id, path)
    else:
        export.write_atomically(path, documents.board_pdf(services, board_id))


def write_flow(services: Services, board: Board, path: Path) -> None:
    from pmdesk import documents  # with what it exports, when an export runs

    suffix = path.suffix.lower()
    if suffix == ".png":
        from pmdesk.ui.sheet_image import render_flow_png

        render_flow_png(services, board, path)
    elif suffix == ".csv":
        export.write_atomically(path, documents.flow_csv(services, board))
    else:
        export.write_atomically(path, documents.flow_pdf(services, board))


def write_json(services: Services, path: Path) -> None:
    from pmdesk import documents  # with what it exports, when an export runs

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
        self._settings = settings
        self.action_onepager = self._add(menu, "&One-Pager (PDF)…", "actionExportOnePager",
                                         self.export_onepager, QKeySequence("Ctrl+E"))
        self.action_roadmap = self._add(menu, "&Roadmap (PDF or PNG)…", "actionExportRoadmap",
                                        self.export_roadmap)
        self.action_board = self._add(menu, "&Board (PDF or PNG)…", "actionExportBoard",
                                      self.export_board)
        self.action_flow = self._add(menu, "&Flow Charts (PDF, PNG or CSV)…", "actionExportFlow",
                                     self.export_flow)
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
        return named_action(menu, text, name, slot, shortcut)

    def actions(self) -> list[QAction]:
        return [self.action_onepager, self.action_roadmap, self.action_board, self.action_flow,
                self.action_json]

    # ----- the exports
    def export_onepager(self) -> None:
        self._export_product("Export one-pager", "one-pager.pdf", PDF_FILTER, write_onepager)

    def export_roadmap(self) -> None:
        self._export_product("Export roadmap", "roadmap.pdf", f"{PDF_FILTER};;{PNG_FILTER}",
                             write_roadmap)

    def export_board(self) -> None:
        self._export_board("Export board", "board.pdf", f"{PDF_FILTER};;{PNG_FILTER}",
                           lambda services, board, path: write_board(services, board.id, path))

    def export_flow(self) -> None:
        """The board's flow charts of the last 90 days, or its finished cards as CSV."""
        self._export_board("Export flow charts", "flow.pdf",
                           f"{PDF_FILTER};;{PNG_FILTER};;{CSV_FILTER}", write_flow)

    def _export_product(self, title: str, file_name: str, filters: str,
                        write: Callable[[Services, int, Path], None]) -> None:
        """Ask where the current product's document goes (named after it) and write it."""
        services, product_id, parent = self._context()
        if product_id is None:
            return
        name = services.products.get_product(product_id).name
        path = self._ask(parent, title, f"{name} {file_name}", filters)
        if path:
            self.run(lambda: write(services, product_id, path), path)

    def _export_board(self, title: str, file_name: str, filters: str,
                      write: Callable[[Services, Board, Path], None]) -> None:
        """Pick one of the current product's boards, ask where its document goes, write it."""
        services, product_id, parent = self._context()
        if product_id is None:
            return
        board = self._pick_board(services, product_id, parent, title)
        if board is None:
            return
        path = self._ask(parent, title, f"{board.name} {file_name}", filters)
        if path:
            self.run(lambda: write(services, board, path), path)

    def _pick_board(self, services: Services, product_id: int, parent: QWidget,
                    title: str) -> Board | None:
        """The product's board to export (asked when it has several)."""
        boards = services.boards.list_boards(product_id)
        if not boards:
            self._report("This product has no board to export.")
            return None
        if len(boards) == 1:
            return boards[0]
        names = [shown(b.name) for b in boards]
        chosen, ok = QInputDialog.getItem(parent, title, "Board:", names, 0, False)
        return boards[names.index(chosen)] if ok else None

    def export_json(self) -> None:
        services, _product_id, parent = self._context()
        path = self._ask(parent, "Export workspace as JSON",
                         f"{services.workspace.short_name}.json", JSON_FILTER)
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
        if self.action_open_after.isChecked() and not QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path))
        ):
            self._report(f"{path.name} was exported to {path.parent}, but no program to open "
                         f"{path.suffix.lstrip('.').upper() or 'such'} files was found; "
                         "open it from that folder, or turn off File ▸ Export ▸ "
                         "Open Exported Files.")
        return True

    def _ask(self, parent: QWidget, title: str, suggestion: str, filters: str) -> Path | None:
        start = str(self._settings.export_folder() / suggestion.replace("/", "-"))
        chosen, selected = QFileDialog.getSaveFileName(parent, title, start, filters)
        if not chosen:
            return None
        path = Path(chosen)
        self._settings.set_export_folder(path.parent)
        wanted = SUFFIXES.get(selected, ".pdf")
        if path.suffix.lower() not in (".pdf", *SUFFIXES.values()):
            path = path.with_name(path.name + wanted)
        return path

