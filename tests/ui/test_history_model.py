"""The history table model: Qt's model checker, and what each column shows."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment

from pmdesk.domain.values import TaskMove
from pmdesk.ui.history.model import EventIdRole, EventsModel
from tests.conftest import FIXED_NOW


def card_history(services):
    product = services.products.create_product("Atlas").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, _done = services.boards.list_columns(board.id)
    task = services.tasks.create_task(todo.id, "Login page").value
    services.tasks.move_tasks([TaskMove(task.id, doing.id, 0)])
    services.tasks.update_task(task.id, title="Login screen")
    events = services.history.since(product.id, datetime(2000, 1, 1))
    return product, task, events


def test_events_model_passes_the_model_checker(qtmodeltester, services):
    product, _task, events = card_history(services)
    for with_item in (False, True):
        model = EventsModel(with_item=with_item)
        qtmodeltester.check(model)
        model.set_events(events, services.history.names(product.id),
                         services.history.titles(events))
        qtmodeltester.check(model)
        model.set_events([], {})
        qtmodeltester.check(model)


def test_rows_are_newest_first_and_say_what_changed(services):
    product, _task, events = card_history(services)
    model = EventsModel(with_item=True)
    model.set_events(events, services.history.names(product.id), services.history.titles(events))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["When", "Item", "Change"]
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(3)]
    when = FIXED_NOW.strftime("%Y-%m-%d %H:%M")
    assert rows == [
        [when, "Card “Login screen”", "Title: Login page → Login screen"],
        [when, "Card “Login screen”", "Moved from “To do” to “Doing”"],
        [when, "Card “Login screen”", "Created “Login page”"],
    ]
    ids = [model.index(r, 0).data(EventIdRole) for r in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True)


def test_without_the_item_column_the_change_is_second(services):
    product, _task, events = card_history(services)
    model = EventsModel()
    model.set_events(events, services.history.names(product.id))
    assert model.columnCount() == 3
    assert model.index(0, 2).data() == services.workspace.login
    assert model.index(0, 1).data() == "Title: Login page → Login screen"
    tooltip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert QTextDocumentFragment.fromHtml(tooltip).toPlainText() == model.index(0, 1).data()
