"""The one-pager's tables print every initiative name they list whole, wrapped, never cut."""

from __future__ import annotations

import re

from pypdf import PdfReader
from PySide6.QtCore import Qt


def _table_text(path) -> str:
    """The text under the "Progress and health" heading, in drawing order."""
    pieces: list[tuple[float, str]] = []

    def visit(text, _cm, tm, _font, _size) -> None:
        if text.strip():
            pieces.append((tm[5], text))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    top = next(y for y, text in pieces if "PROGRESS AND HEALTH" in text)
    return " ".join(" ".join(text for y, text in pieces if y < top).split())


def test_exported_tables_name_each_initiative_in_full(window, qtbot, tmp_path,
                                                       monkeypatch) -> None:
    target = tmp_path / "brief.pdf"
    monkeypatch.setattr("pmdesk.ui.export_actions.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), "PDF documents (*.pdf)"))
    monkeypatch.setattr("pmdesk.ui.export_actions.QDesktopServices.openUrl", lambda url: True)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    text = _table_text(target)
    data = window.services.reports.onepager(window.current_product_id())
    titles = {v.initiative.title for v in data.roadmap.initiatives}
    whole = {t for t in titles if " ".join(t.split()) in text}
    health_more = int(re.search(r"\+ (\d+) more active initiatives", text)[1])
    assert len(whole & {v.initiative.title for v in data.active}) >= (
        len(data.active) - health_more)
    cut = [t for t in titles - whole
           if re.search(re.escape(" ".join(t.split())[:6]) + r"[^…]{0,40}…", text)]
    assert not cut, f"names cut short in the tables: {cut}"
