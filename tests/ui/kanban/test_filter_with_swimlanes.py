"""Typing in the filter with swimlanes on keeps the board's lanes and only shows what matches."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pmdesk.ui.kanban.board_data import NO_LANE, Lanes


def _rows(view) -> list[str]:
    model = view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_typing_with_swimlanes_reuses_the_lanes_and_hides_the_empty_ones(page, board,
                                                                         qtbot) -> None:
    page.set_lanes(Lanes.INITIATIVE)
    checkout, search = board.initiatives["Checkout"], board.initiatives["Search"]
    built = dict(page.view.views)
    assert (board.todo, search) in built

    page.filter_bar.search.setFocus()
    qtbot.keyClicks(page.filter_bar.search, "pay")
    assert [lane.key for lane in page.data.lane_list()] == [checkout, NO_LANE]
    # The same card lists, brought in line: typing does not build the board again.
    assert page.view.views[(board.doing, checkout)] is built[(board.doing, checkout)]
    assert _rows(page.view.views[(board.doing, checkout)]) == ["Payment API"]
    assert _rows(page.view.views[(board.todo, checkout)]) == []
    # The lane without a match is out of sight and out of reach of the keyboard.
    assert (board.todo, search) not in page.view.views
    assert built[(board.todo, search)].isHidden()
    assert page.filter_bar.count.text() == "1 of 5 cards"

    for _ in "pay":
        qtbot.keyClick(page.filter_bar.search, Qt.Key.Key_Backspace)
    assert page.view.views[(board.todo, search)] is built[(board.todo, search)]
    assert not built[(board.todo, search)].isHidden()
    assert _rows(page.view.views[(board.todo, search)]) == ["Search box"]
    assert _rows(page.view.views[(board.todo, checkout)]) == ["Login page"]
    assert page.filter_bar.count.text() == "5 of 5 cards"


def test_a_lane_the_filter_brings_up_is_built_in_its_place(page, board, qtbot,
                                                           monkeypatch) -> None:
    from pmdesk.ui.kanban import board_data

    monkeypatch.setattr(board_data, "LANES_MAX", 1)
    page.set_lanes(Lanes.INITIATIVE)
    search = board.initiatives["Search"]
    assert (board.todo, search) not in page.view.views  # folded into "1 more initiative"
    page.filter_bar.search.setFocus()
    qtbot.keyClicks(page.filter_bar.search, "search box")
    assert [lane.key for lane in page.data.lane_list()] == [search, NO_LANE]
    lane_header = page.view._pool[search][0]
    assert not lane_header.isHidden()
    grid = page.view._grid
    assert grid.getItemPosition(grid.indexOf(lane_header))[0] == 1  # first, as sorted
