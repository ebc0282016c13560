"""File ▸ Import ▸ Import pmdesk JSON…: every product of the file in one undoable step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from pmdesk import documents


def names(window) -> list[str]:  # noqa: ANN001 - the shared window fixture
    return [window.product_selector.itemText(i) for i in range(window.product_selector.count())]


def test_importing_a_workspace_export_from_the_menu_undoes_and_redoes_as_one_step(
    window, tmp_path, monkeypatch
):
    export = tmp_path / "export.json"
    export.write_bytes(documents.workspace_json(window.services)[0])
    before = names(window)
    assert len(before) >= 2
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(export), "")))
    menu = window.findChild(QMenu, "menuImport")
    action = window.findChild(QAction, "actionImportJson")
    assert action in menu.actions() and action.text() == "Import pmdesk JSON…"
    action.trigger()

    copies = [f"{name} (2)" for name in before]
    assert names(window) == [*before, *copies]
    assert window.product_selector.currentText() == copies[0]
    assert "new products" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 1
    events = window.services.history.count()

    window.action_undo.trigger()
    assert names(window) == before
    assert window.services.history.count() > events
    window.action_redo.trigger()
    assert names(window) == [*before, *copies]
    first = next(p for p in window.services.products.list_products() if p.name == copies[0])
    assert window.services.reads.roadmap(first.id).initiatives
    window.action_undo.trigger()
    assert names(window) == before


def test_a_file_of_another_kind_is_refused_with_one_message(window, tmp_path):
    messages: list[str] = []
    window.bus.failed.disconnect()
    window.bus.failed.connect(messages.append)
    other = Path(tmp_path / "trello.json")
    other.write_text('{"name": "A Trello board", "lists": []}', encoding="utf-8")
    events = window.services.history.count()
    assert not window.import_file("json", other)
    assert messages == ["trello.json is not a pmdesk workspace export (its “format” is not "
                        "“pmdesk-workspace”)."]
    assert window.services.history.count() == events
    assert window.undo_stack.count() == 0
