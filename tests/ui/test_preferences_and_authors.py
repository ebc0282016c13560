"""Edit ▸ Preferences… sets the name the history shows for your changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pmdesk.domain.enums import Entity
from pmdesk.ui.history.since_dialog import ChangedSinceDialog
from pmdesk.ui.preferences import PreferencesDialog
from pmdesk.ui.settings import AppSettings


def _by_column(model) -> list[str]:
    column = model.headers().index("By")
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_a_display_name_from_the_preferences_signs_new_changes(window, qtbot):
    services = window.services
    login = services.workspace.login
    window.action_preferences.trigger()
    dialog = window.findChild(PreferencesDialog, "preferencesDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.display_name.placeholderText() == login
    dialog.display_name.clear()
    qtbot.keyClicks(dialog.display_name, "  Zofia   Nowak ")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert services.workspace.author == "Zofia Nowak"
    assert AppSettings().display_name() == "Zofia Nowak"

    pid = window.current_product_id()
    board = services.boards.list_boards(pid)[0]
    card = services.reads.board(board.id).tasks[0]
    window.bus.publish(services.tasks.update_task(card.id, title="Login screen").changes)
    window.history_dock.show()  # View ▸ Item History
    window.bus.selected.emit(Entity.TASK, card.id)
    panel = window.history_panel
    assert panel.model.headers() == ("When", "Change", "By")
    authors = _by_column(panel.model)
    assert authors[0] == "Zofia Nowak" and authors[-1] != "Zofia Nowak"

    since = ChangedSinceDialog(services, pid, window)
    qtbot.addWidget(since)
    assert since.model.headers() == ("When", "Item", "Change", "By")
    assert _by_column(since.model)[0] == "Zofia Nowak"


def test_an_empty_display_name_goes_back_to_the_login(window, qtbot):
    services = window.services
    services.workspace.display_name = "Zofia"
    dialog = window.show_preferences()
    dialog.display_name.setText("   ")
    dialog.accept()
    assert services.workspace.author == services.workspace.login
    assert AppSettings().display_name() == ""
