"""The Board page's Flow view driven as a project manager would, on the sample workspace."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt

from pmdesk.ui.kanban.board_data import AgeLevel
from pmdesk.ui.kanban.model import TaskIdRole
from pmdesk.ui.kanban.page import BoardPage


def flow_page(window, qtbot) -> BoardPage:  # noqa: ANN001 - pytest fixtures
    page = next(p for p in window.pages if isinstance(p, BoardPage))
    window.tabs.setCurrentWidget(page)
    qtbot.mouseClick(page.mode_flow, Qt.MouseButton.LeftButton)
    assert page.showing_flow and page.flow.isVisible()
    return page


def centre(target) -> QPoint:  # noqa: ANN001
    return QPoint(round(target.x + target.w / 2), round(target.y + target.h / 2))


def test_the_sample_shows_bands_and_percentile_lines(window, qtbot) -> None:
    page = flow_page(window, qtbot)
    report = page.flow.report
    assert report is not None and len(report.finished) >= 10
    cumulative = page.flow.charts["cumulativeFlowChart"].picture()
    assert sum(1 for s in cumulative.shapes if type(s).__name__ == "Poly") >= 3
    cycle_texts = [getattr(s, "text", "") for s in page.flow.charts["cycleTimeChart"]
                   .picture().shapes]
    assert any(t.startswith("P85 ") for t in cycle_texts)
    assert "cycle time P50" in page.flow.summary.text()


def test_the_board_filter_changes_the_charts(window, qtbot) -> None:
    page = flow_page(window, qtbot)
    before = page.flow.report
    everyone = len(page.flow.charts["agingChart"].picture().targets)
    bar = page.filter_bar
    assert not bar.due.isVisible()  # due dates do not filter history
    person = next(i for i in range(2, bar.assignee.count())
                  if 0 < sum(1 for c in before.board.cards
                             if c.assignee_id == bar.assignee.itemData(i)) < len(
                      before.board.cards))
    bar.assignee.setCurrentIndex(person)
    after = page.flow.report
    wanted = bar.assignee.itemData(person)
    assert after is not before
    assert {c.assignee_id for c in after.board.cards} == {wanted}
    assert len(page.flow.charts["agingChart"].picture().targets) <= everyone
    assert len(after.board.cards) < len(before.board.cards)
    assert page.flow.summary.text() != "" and page.filter_bar.count.text()
    bar.reset()
    assert len(page.flow.report.board.cards) == len(before.board.cards)


def test_clicking_a_card_in_progress_selects_it_on_the_board(window, qtbot) -> None:
    page = flow_page(window, qtbot)
    chart = page.flow.charts["agingChart"]
    target = next(t for t in chart.picture().targets if t.card_ids[0] in page.data.tasks)
    tip, ids = chart.cards_at(centre(target))
    assert page.data.title(ids[0]) in tip
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=centre(target))
    assert not page.showing_flow
    current = page.view.active_view.currentIndex()
    assert current.data(TaskIdRole) == ids[0]


def test_clicking_a_finished_card_selects_it_or_opens_it(window, qtbot) -> None:
    page = flow_page(window, qtbot)
    chart = page.flow.charts["cycleTimeChart"]
    target = next(t for t in chart.picture().targets if len(t.card_ids) == 1)
    (card_id,) = target.card_ids
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=centre(target))
    assert not page.showing_flow
    if card_id in page.data.tasks:
        assert page.view.active_view.currentIndex().data(TaskIdRole) == card_id
    else:  # archived since: its editor opens instead
        assert page.editor is not None and page.editor.isVisible()
        page.editor.reject()


def test_a_shorter_range_shows_fewer_weeks(window, qtbot) -> None:
    page = flow_page(window, qtbot)
    weeks = len(page.flow.report.throughput.weeks)
    today = page.flow.today
    page.flow.set_range(today - timedelta(days=27), today)
    assert page.flow.preset.currentData() == 0
    assert len(page.flow.report.throughput.weeks) < weeks
    assert len(page.flow.charts["throughputChart"].picture().targets) == len(
        page.flow.report.throughput.weeks)


def test_choosing_where_work_starts_is_stored_and_undoable(window, qtbot) -> None:
    page = flow_page(window, qtbot)
    combo = page.flow.start_combo
    board_id = page.data.board_id
    aging_before = [c.name for c in page.flow.report.board.columns]
    later = combo.count() - 1  # the last column before done
    column_id = combo.itemData(later)
    combo.setCurrentIndex(later)
    combo.activated.emit(later)
    stored = {b.id: b.start_column_id for b in window.services.boards.list_boards(
        window.current_product_id())}
    assert stored[board_id] == column_id
    assert "Start cycle time in" in window.undo_stack.undoText()
    qtbot.waitUntil(lambda: page.flow.report.board.start_column_id == column_id)
    assert page.flow.report.board.columns[page.flow.report.board.start_index].id == column_id
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: page.flow.report.board.start_column_id is None)
    assert combo.currentData() is None and aging_before


def test_card_faces_warn_about_cards_older_than_usual(window, qtbot) -> None:
    page = next(p for p in window.pages if isinstance(p, BoardPage))
    window.tabs.setCurrentWidget(page)
    # The ages are read after the cards are first painted, without being asked.
    qtbot.waitUntil(lambda: page.data.ages is not None)
    levels = {page.data.work_age(i)[1] for i in page.data.tasks if page.data.work_age(i)}
    assert AgeLevel.ABOVE_P85 in levels or AgeLevel.ABOVE_P95 in levels
    old = next(i for i in page.data.tasks
               if page.data.work_age(i) and page.data.work_age(i)[1] is not AgeLevel.USUAL)
    view = page.view.select_task(old)
    tip = view.currentIndex().data(Qt.ItemDataRole.ToolTipRole)
    assert "In progress for" in tip and "of the board's cycle times" in tip
