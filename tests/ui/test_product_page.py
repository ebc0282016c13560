"""The product manager edits the Product page; everything survives a fresh open."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pmdesk.domain.values import TaskMove
from pmdesk.services.workspaces import new_services, open_services
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.product.goals_model import GoalsModel
from pmdesk.ui.product.page import ProductPage


def product_page(win: MainWindow) -> ProductPage:
    return win.findChild(ProductPage, "productPage")


def test_public_object_names(window):
    assert window.objectName() == "MainWindow"
    for name in ("actionUndo", "actionRedo", "actionExportOnePager"):
        assert window.findChild(type(window.action_undo), name) is not None
    from PySide6.QtWidgets import QWidget

    for name in ("roadmapView", "boardView"):
        widget = window.findChild(QWidget, name)
        assert widget is not None and widget.accessibleName() == name
    assert window.windowTitle() == "Atlas Field — w.pmdesk — pmdesk"


def test_editing_every_field_persists_across_a_fresh_open(window, qtbot, tmp_path):
    page = product_page(window)
    page.name_edit.setFocus()
    page.name_edit.selectAll()
    qtbot.keyClicks(page.name_edit, "Atlas Field Pro")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    page.tagline_edit.setText("Jobs <done> & dusted")
    page.tagline_edit.editingFinished.emit()
    texts = {field: f"{field} — zażółć gęślą jaźń, Ωμέγα, Привет ✓" for field in page.text_edits}
    for field, text in texts.items():
        page.text_edits[field].setPlainText(text)
        page.text_edits[field].commit()
    page.owner_combo.setEditText("Ada Lovelace")
    page.owner_combo.lineEdit().editingFinished.emit()
    product_id = window.current_product_id()
    path = window.services.workspace.path

    again = open_services(Path(path))
    product = again.products.get_product(product_id)
    assert product.name == "Atlas Field Pro"
    assert product.tagline == "Jobs <done> & dusted"
    for field, text in texts.items():
        assert getattr(product, field) == text
    owner = next(p for p in again.people.list_people() if p.id == product.owner_id)
    assert owner.name == "Ada Lovelace"
    again.workspace.close()
    assert window.product_selector.currentText() == "Atlas Field Pro"


def test_field_edits_undo_and_redo(window):
    page = product_page(window)
    products = window.services.products
    pid = window.current_product_id()
    original = products.get_product(pid).vision
    page.text_edits["vision"].setPlainText("A new vision")
    page.text_edits["vision"].commit()
    assert window.action_undo.text() == "&Undo Edit vision of “Atlas Field”"
    window.action_undo.trigger()
    assert products.get_product(pid).vision == original
    assert page.text_edits["vision"].toPlainText() == original
    window.action_redo.trigger()
    assert products.get_product(pid).vision == "A new vision"


def test_an_empty_name_is_refused_with_a_message_and_nothing_written(window, monkeypatch):
    messages = []
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, m: messages.append(m))
    window.bus.failed.disconnect()
    window.bus.failed.connect(lambda m: messages.append(m))
    page = product_page(window)
    page.name_edit.setText("   ")
    page.name_edit.editingFinished.emit()
    assert messages == ["The product name cannot be empty."]
    assert page.name_edit.text() == "Atlas Field"
    assert window.undo_stack.count() == 0


def test_goals_add_edit_recolour_move_delete_with_undo(window, monkeypatch):
    page = product_page(window)
    products = window.services.products
    pid = window.current_product_id()
    before = products.list_goals(pid)
    page.add_goal()
    QApplication.processEvents()
    model = page.goals_model
    assert model.rowCount() == len(before) + 1
    row = model.rowCount() - 1
    assert model.setData(model.index(row, 1), "Win Greece — Ελλάδα")
    assert products.list_goals(pid)[-1].name == "Win Greece — Ελλάδα"
    monkeypatch.setattr("pmdesk.ui.product.page.QColorDialog.getColor",
                        lambda *a, **k: __import__("PySide6.QtGui").QtGui.QColor("#123456"))
    page.choose_goal_colour(row)
    assert products.list_goals(pid)[-1].colour == "#123456"
    page.goals_view.selectRow(row)
    page.move_goal(-1)
    assert products.list_goals(pid)[-2].name == "Win Greece — Ελλάδα"
    page.goals_view.selectRow(row - 1)
    page.remove_goal()
    assert [g.id for g in products.list_goals(pid)] == [g.id for g in before]
    for _ in range(5):
        window.action_undo.trigger()
    assert products.list_goals(pid) == before
    for _ in range(5):
        window.action_redo.trigger()
    assert [g.id for g in products.list_goals(pid)] == [g.id for g in before]


def test_goals_model_passes_the_qt_model_checker(qtmodeltester, services):
    product = services.products.create_product("Atlas").value
    for name in ("Grow", "Retain", "Enterprise"):
        services.products.create_goal(product.id, name)
    model = GoalsModel(lambda goal, field, value: True)
    model.set_goals(services.products.list_goals(product.id))
    qtmodeltester.check(model)


def test_health_updates_when_the_board_changes(window):
    services = window.services
    page = product_page(window)
    pid = window.current_product_id()
    board = services.boards.list_boards(pid)[0]
    columns = services.boards.list_columns(board.id)
    card = next(t for t in services.reads.board(board.id).tasks
                if t.column_id != columns[-1].id)
    result = services.tasks.move_tasks([TaskMove(card.id, columns[-1].id, 0)])
    window.bus.publish(result.changes)
    summary = services.reads.product_summary(pid)
    assert f"{summary.done_tasks} done" in page.health_label.text()


def test_new_product_is_selected_and_undo_removes_it(window):
    count = window.product_selector.count()
    assert window.create_product("Nowy produkt")
    assert window.product_selector.currentText() == "Nowy produkt"
    window.action_undo.trigger()
    assert window.product_selector.count() == count


def test_opening_a_corrupt_file_shows_one_sentence_and_keeps_the_workspace(window, tmp_path,
                                                                           monkeypatch):
    messages = []
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, m: messages.append(m))
    bad = tmp_path / "bad.pmdesk"
    bad.write_text("garbage")
    assert not window.open_path(bad)
    assert messages == ["bad.pmdesk is not a pmdesk workspace."]
    assert window.services.workspace.name == "w.pmdesk"


def test_a_read_only_workspace_shows_a_banner_and_disables_editing(qtbot, tmp_path):
    path = tmp_path / "ro.pmdesk"
    new_services(path, sample=True).workspace.close()
    services = open_services(path, read_only=True)
    win = MainWindow(services)
    qtbot.addWidget(win)
    assert "read-only" in win.banner.text()
    assert not win.banner_row.isHidden()
    assert product_page(win).name_edit.isReadOnly()
    assert "(read-only)" in win.windowTitle()
    services.workspace.close()


def test_new_workspace_and_recent_files(window, tmp_path):
    first = window.services.workspace.path
    assert window.create_workspace(tmp_path / "fresh")
    assert window.services.workspace.name == "fresh.pmdesk"
    assert window.product_selector.currentText() == "My product"
    recent = window.settings.recent_files()
    assert recent[:2] == [(tmp_path / "fresh.pmdesk").resolve(), first.resolve()]


def test_importing_a_trello_board_from_the_window_is_one_undoable_step(window):
    source = Path(__file__).resolve().parents[1] / "data" / "trello"
    export = next(source.glob("*clipkit*.json"))
    count = window.product_selector.count()
    assert window.import_file("trello", export)
    assert window.product_selector.count() == count + 1
    assert window.product_selector.currentText() == "Clipkit"
    assert "67 cards" in window.statusBar().currentMessage()
    window.action_undo.trigger()
    assert window.product_selector.count() == count
    window.action_redo.trigger()
    assert window.product_selector.findText("Clipkit") >= 0


def test_a_malformed_import_is_one_sentence_and_writes_nothing(window, tmp_path):
    messages = []
    window.bus.failed.disconnect()
    window.bus.failed.connect(messages.append)
    bad = tmp_path / "board.json"
    bad.write_text("{not json")
    events = window.services.history.count()
    assert not window.import_file("trello", bad)
    assert len(messages) == 1 and "board.json" in messages[0]
    assert window.services.history.count() == events
    assert window.undo_stack.count() == 0
