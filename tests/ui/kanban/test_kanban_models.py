"""The column models: Qt's model checker, roles, and targeted updates."""

from __future__ import annotations

import random

from PySide6.QtCore import QModelIndex, Qt

from pmdesk.ui.kanban.board_data import ALL_CARDS, BoardData
from pmdesk.ui.kanban.model import MIME_TYPE, ColumnModel, TaskIdRole, decode_cards


def test_every_column_model_passes_the_model_tester(qtmodeltester, page, board) -> None:
    assert page.view.models
    for model in page.view.models.values():
        qtmodeltester.check(model)


def test_display_role_is_the_title_and_views_are_named_after_columns(page, board, titles) -> None:
    view = page.view.view_for(board.todo)
    assert view.accessibleName() == "To do"
    assert titles(page, board.todo) == ["Login page", "Cart badge", "Search box"]
    assert page.view.objectName() == "boardView"
    assert page.view.accessibleName() == "boardView"
    index = view.model().index(0, 0)
    assert index.data(TaskIdRole) == board.cards["Login page"]
    assert "Initiative: Checkout" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_mime_data_round_trip(page, board) -> None:
    model = page.view.view_for(board.todo).model()
    mime = model.mimeData([model.index(0, 0), model.index(2, 0)])
    assert mime.hasFormat(MIME_TYPE)
    assert decode_cards(mime, board.board_id) == [board.cards["Login page"],
                                                  board.cards["Search box"]]
    assert decode_cards(mime, board.board_id + 1) == []


def test_sync_reaches_any_order_with_row_signals(qtmodeltester, services, board) -> None:
    data = BoardData()
    data.load(services.boards.cards(board.board_id))
    model = ColumnModel(data, board.todo, ALL_CARDS)
    qtmodeltester.check(model)
    rng = random.Random(4)
    pool = list(range(1, 40))
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    for _ in range(60):
        new = rng.sample(pool, rng.randint(0, 12))
        model.sync(new)
        assert model.ids == new
    assert len(resets) == 0


def test_selecting_a_card_tells_the_bus(page, board, qtbot) -> None:
    from pmdesk.domain.enums import Entity

    view = page.view.view_for(board.doing)
    with qtbot.waitSignal(page.bus.selected) as blocker:
        view.setCurrentIndex(view.model().index(0, 0))
    assert blocker.args == [Entity.TASK, board.cards["Payment API"]]


def test_long_columns_fetch_rows_as_they_scroll(qtmodeltester, page, board, monkeypatch,
                                                services) -> None:
    from pmdesk.ui.kanban import model as model_module

    monkeypatch.setattr(model_module, "FIRST_ROWS", 2)
    monkeypatch.setattr(model_module, "MORE_ROWS", 1)
    lazy = ColumnModel(page.data, board.todo, ALL_CARDS)
    assert lazy.rowCount() == 2 and lazy.canFetchMore(QModelIndex())
    assert lazy.all_ids == [board.cards[t] for t in ("Login page", "Cart badge", "Search box")]
    assert lazy.row_of(board.cards["Search box"]) == 2  # fetched down to it
    assert lazy.rowCount() == 3 and not lazy.canFetchMore(QModelIndex())
    checked = ColumnModel(page.data, board.todo, ALL_CARDS)
    qtmodeltester.check(checked)
    # A short view shows only the first rows; a drop after the last one lands right there.
    page.resize(1500, 260)
    page.controller.load(board.board_id)
    model = page.view.view_for(board.todo).model()
    assert model.rowCount() == 2
    assert page.view.headers[board.todo].count.text() == "3"
    page.controller.drop([board.cards["Payment API"]], board.todo, -1, 2)
    assert services.boards.column_order(board.todo) == [
        board.cards["Login page"], board.cards["Cart badge"], board.cards["Payment API"],
        board.cards["Search box"]]
    assert model.all_ids == services.boards.column_order(board.todo)
