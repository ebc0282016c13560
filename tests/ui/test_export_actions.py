"""File ▸ Export from the window: save dialog, the document, and opening it afterwards."""

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction, QImage


@pytest.fixture
def window(window, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr("pmdesk.ui.export_actions.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    window.opened = opened
    return window


def choose(monkeypatch, path: Path, selected: str = "PDF documents (*.pdf)"):
    monkeypatch.setattr("pmdesk.ui.export_actions.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(path), selected))


def test_export_one_pager_writes_one_page_and_opens_it(window, tmp_path, monkeypatch):
    target = tmp_path / "brief.pdf"
    choose(monkeypatch, target)
    action = window.findChild(QAction, "actionExportOnePager")
    action.trigger()
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    assert "Atlas Field" in reader.pages[0].extract_text()
    assert window.opened == [str(target)]
    product = window.services.products.list_products()[0]
    kinds = [b.kind.value for b in window.services.baselines.list_baselines(product.id)]
    assert kinds.count("onepager") == 1 and kinds.count("quarter") == 1


def test_export_roadmap_as_png_and_board_as_pdf(window, tmp_path, monkeypatch):
    window.exports.action_open_after.setChecked(False)
    png = tmp_path / "roadmap"
    choose(monkeypatch, png, "PNG images (*.png)")
    window.exports.action_roadmap.trigger()
    image = QImage(str(tmp_path / "roadmap.png"))
    assert image.width() == 1684  # the PDF's A4-landscape page at two pixels a point
    pdf = tmp_path / "board.pdf"
    choose(monkeypatch, pdf)
    window.exports.action_board.trigger()
    assert "Delivery" in PdfReader(pdf).pages[0].extract_text()
    assert window.opened == []
    assert window.settings.open_after_export() is False


def test_export_json_of_the_workspace(window, tmp_path, monkeypatch):
    import json

    target = tmp_path / "all.json"
    choose(monkeypatch, target, "JSON files (*.json)")
    window.exports.action_json.trigger()
    data = json.loads(target.read_text())
    assert len(data["products"]) == 2


def test_an_export_that_cannot_be_written_is_one_sentence(window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, m: messages.append(m))
    window.exports._report = messages.append
    target = tmp_path / "missing-folder" / "brief.pdf"
    choose(monkeypatch, target)
    window.exports.action_onepager.trigger()
    assert len(messages) == 1 and "brief.pdf" in messages[0]
    assert not target.exists()


def test_export_flow_charts_as_pdf_and_finished_cards_as_csv(window, tmp_path, monkeypatch):
    import csv

    window.exports.action_open_after.setChecked(False)
    pdf = tmp_path / "flow.pdf"
    choose(monkeypatch, pdf)
    window.findChild(QAction, "actionExportFlow").trigger()
    assert "Cumulative flow" in PdfReader(pdf).pages[0].extract_text()
    sheet = tmp_path / "finished"
    choose(monkeypatch, sheet, "CSV spreadsheets (*.csv)")
    window.exports.action_flow.trigger()
    with (tmp_path / "finished.csv").open(encoding="utf-8-sig", newline="") as handle:
        found = list(csv.DictReader(handle))
    assert found and all(int(r["cycle time (days)"]) >= 1 for r in found)


def test_the_save_dialog_starts_in_the_folder_of_the_last_export(window, tmp_path, monkeypatch,
                                                                 qtbot):
    from PySide6.QtCore import Qt

    starts: list[str] = []
    folder = tmp_path / "exports"
    folder.mkdir()

    def save_dialog(_parent, _title, start, _filters):
        starts.append(start)
        return str(folder / Path(start).name), "PDF documents (*.pdf)"

    monkeypatch.setattr("pmdesk.ui.export_actions.QFileDialog.getSaveFileName", save_dialog)
    window.settings.set_export_folder(tmp_path)  # where an earlier export went
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert Path(starts[0]).parent == tmp_path
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert Path(starts[1]).parent == folder
    assert (folder / "Atlas Field one-pager.pdf").exists()


def test_opening_an_export_that_no_program_opens_says_so(window, tmp_path, monkeypatch,
                                                          qtbot):
    from PySide6.QtCore import Qt

    messages: list[str] = []
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, m: messages.append(m))
    monkeypatch.setattr("pmdesk.ui.export_actions.QDesktopServices.openUrl", lambda url: False)
    window.exports.action_open_after.setChecked(True)
    target = tmp_path / "brief.pdf"
    choose(monkeypatch, target)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()
    assert messages == [f"brief.pdf was exported to {tmp_path}, but no program to open PDF "
                        "files was found; open it from that folder, or turn off File ▸ Export "
                        "▸ Open Exported Files."]
