"""The filter bar shows the right cards and counts; swimlanes group them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from pmdesk.domain.enums import Priority
from pmdesk.ui.kanban.board_data import NO_LANE, Due, Lanes


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_text_filter_over_title_and_description(page, board, qtbot, titles) -> None:
    bar = page.filter_bar
    assert bar.count.text() == "5 of 5 cards"
    qtbot.keyClicks(bar.search, "oauth")
    assert titles(page, board.todo) == ["Login page"]
    assert titles(page, board.doing) == []
    assert bar.count.text() == "1 of 5 cards"
    assert page.view.headers[board.todo].count.text() == "1 of 3"
    bar.search.clear()
    qtbot.keyClicks(bar.search, "PAY")
    assert titles(page, board.doing) == ["Payment API"]
    assert titles(page, board.todo) == []
    bar.reset()
    assert bar.count.text() == "5 of 5 cards"
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]


def test_field_filters(page, board, titles) -> None:
    bar = page.filter_bar
    choose(bar.assignee, board.people["Ada Lovelace"])
    assert titles(page, board.todo) + titles(page, board.doing) == ["Login page", "Payment API"]
    choose(bar.assignee, NO_LANE)
    assert titles(page, board.todo) + titles(page, board.done) == ["Search box", "Release notes"]
    choose(bar.assignee, None)
    choose(bar.label, board.labels["frontend"])
    assert titles(page, board.todo) == ["Cart badge"]
    assert bar.count.text() == "1 of 5 cards"
    choose(bar.label, None)
    choose(bar.initiative, board.initiatives["Checkout"])
    assert titles(page, board.todo) + titles(page, board.doing) == ["Login page", "Payment API"]
    choose(bar.initiative, None)
    choose(bar.priority, int(Priority.URGENT))
    assert titles(page, board.doing) == ["Payment API"]
    assert bar.count.text() == "1 of 5 cards"
    choose(bar.priority, None)


def test_due_filters(page, board, titles) -> None:
    # The services' clock says 2026-03-02 (a Monday).
    bar = page.filter_bar
    choose(bar.due, Due.OVERDUE.value)
    assert titles(page, board.todo) == ["Login page"]
    choose(bar.due, Due.THIS_WEEK.value)
    assert titles(page, board.todo) == ["Cart badge"]
    assert page.data.today == date(2026, 3, 2)
    assert bar.count.text() == "1 of 5 cards"


def test_filtered_board_follows_changes(page, board, services, qtbot, titles) -> None:
    qtbot.keyClicks(page.filter_bar.search, "page")
    services_card = board.cards["Cart badge"]
    page.controller.run(
        __import__("pmdesk.ui.kanban.commands", fromlist=["edit_card"]).edit_card(
            services, page.bus, services.tasks.get_task(services_card), {"title": "Cart page"},
            None)
    )
    assert titles(page, board.todo) == ["Login page", "Cart page"]
    assert page.filter_bar.count.text() == "2 of 5 cards"


def test_drop_into_filtered_column_lands_after_visible_card(page, board, qtbot, titles) -> None:
    qtbot.keyClicks(page.filter_bar.search, "search")
    doing = page.view.view_for(board.doing).model()
    todo = page.view.view_for(board.todo).model()
    mime = todo.mimeData([todo.index(0, 0)])
    assert doing.rowCount() == 0
    doing.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    page.filter_bar.reset()
    assert titles(page, board.doing) == ["Payment API", "Search box"]


def test_ctrl_f_focuses_the_search(page, qtbot) -> None:
    page.activateWindow()
    page.view.setFocus()
    qtbot.keySequence(page, QKeySequence(QKeySequence.StandardKey.Find))
    assert QApplication.focusWidget() is page.filter_bar.search


def test_swimlanes_by_assignee_and_drop_across_lanes(page, board, services) -> None:
    page.set_lanes(Lanes.ASSIGNEE)
    ada, grace = board.people["Ada Lovelace"], board.people["Grace Hopper"]
    keys = {key for key in page.view.models}
    assert (board.todo, ada) in keys and (board.todo, grace) in keys
    assert (board.todo, NO_LANE) in keys
    ada_todo = page.view.models[(board.todo, ada)]
    assert [ada_todo.index(r, 0).data() for r in range(ada_todo.rowCount())] == ["Login page"]
    grace_doing = page.view.models[(board.doing, grace)]
    mime = ada_todo.mimeData([ada_todo.index(0, 0)])
    grace_doing.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    task = services.tasks.get_task(board.cards["Login page"]).task
    assert task.assignee_id == grace and task.column_id == board.doing
    grace_doing = page.view.models[(board.doing, grace)]
    assert [grace_doing.index(r, 0).data() for r in range(grace_doing.rowCount())] == [
        "Login page"]
    page.undo_stack.undo()
    task = services.tasks.get_task(board.cards["Login page"]).task
    assert task.assignee_id == ada and task.column_id == board.todo


def test_swimlanes_by_initiative(page, board, qtmodeltester) -> None:
    page.set_lanes(Lanes.INITIATIVE)
    lanes = page.data.lane_list()
    assert [lane.title for lane in lanes] == ["Checkout", "Search", "No initiative"]
    model = page.view.models[(board.doing, board.initiatives["Checkout"])]
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Payment API"
    page.set_lanes(Lanes.NONE)
    assert set(page.view.models) == {(c.id, -1) for c in page.data.columns}


def test_many_lanes_group_the_smallest_in_one_last_lane(page, board, monkeypatch) -> None:
    from pmdesk.ui.kanban import board_data

    monkeypatch.setattr(board_data, "LANES_MAX", 1)
    page.set_lanes(Lanes.INITIATIVE)
    lanes = page.data.lane_list()
    assert [lane.key for lane in lanes] == [board.initiatives["Checkout"], NO_LANE,
                                            board_data.OTHER_LANES]
    assert lanes[-1].title == "1 more initiative (filter to bring one up)"
    other = page.view.models[(board.todo, board_data.OTHER_LANES)]
    assert [other.index(r, 0).data() for r in range(other.rowCount())] == ["Search box"]


def test_product_without_board_says_so(qtbot, services) -> None:
    from PySide6.QtGui import QUndoStack

    from pmdesk.ui.bus import ChangeBus
    from pmdesk.ui.kanban import BoardPage

    product = services.products.create_product("Bare", with_board=False).value
    page = BoardPage(services, QUndoStack(), ChangeBus())
    qtbot.addWidget(page)
    page.set_product(product.id)
    page.show()
    assert page.view.empty.text() == "This product has no board yet."
    assert page.filter_bar.count.text() == "0 of 0 cards"
