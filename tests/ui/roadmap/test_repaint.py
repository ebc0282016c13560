"""What the roadmap leaves on screen: the pixels of the window's backing store, not a re-render.

``widget.grab()`` paints everything afresh and would hide stale pixels; the screen's copy of
the window shows what a user sees after Qt's partial repaints and scrolls.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage

from pmdesk.ui import theme


def _on_screen(page, qtbot) -> QImage:
    qtbot.wait(60)  # let queued scene updates paint
    return page.screen().grabWindow(page.winId()).toImage()


def _viewport_rect(page) -> QRect:
    viewport = page.view.viewport()
    return QRect(viewport.mapTo(page, QPoint(0, 0)), viewport.size())


def _today_columns(page, image: QImage) -> Counter[int]:
    """How many sampled pixels of each viewport column have the Today colour."""
    area, today = _viewport_rect(page), theme.TODAY.name()
    found: Counter[int] = Counter()
    for x in range(area.left(), area.right() + 1):
        for y in range(area.top(), area.bottom() + 1, 3):
            if image.pixelColor(x, y).name() == today:
                found[x] += 1
    return found


def _expected_today_x(page) -> float:
    scene = page.scene
    x = scene.scale.x(scene.state.today) + scene.scale.px_per_day / 2
    return page.view.viewport().mapTo(page, page.view.mapFromScene(QPointF(x, 0))).x()


def test_today_line_stays_one_whole_line_through_zooming(page, qtbot) -> None:
    qtbot.waitExposed(page)
    view = page.view
    steps = [
        lambda: qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier),
        lambda: qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier),
        lambda: qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier),
        lambda: qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier),
        lambda: view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 37),
        lambda: qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier),
        lambda: qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier),
        lambda: qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier),
    ]
    view.setFocus()
    for number, step in enumerate(steps):
        step()
        columns = _today_columns(page, _on_screen(page, qtbot))
        expected = _expected_today_x(page)
        stray = {x: n for x, n in columns.items() if abs(x - expected) > 2}
        assert not stray, f"step {number}: pieces of an old Today line at {stray}"
        if _viewport_rect(page).left() <= expected <= _viewport_rect(page).right():
            rows = len(range(0, view.viewport().height(), 3))
            assert max(columns.values()) == rows, f"step {number}: the Today line has gaps"


def test_deleting_the_lowest_bar_leaves_no_ghost(page, qtbot) -> None:
    qtbot.waitExposed(page)
    view = page.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # fit all
    bar = max(page.scene.bars.values(), key=lambda b: (b.y(), b.x()))
    height_before = page.scene.sceneRect().height()
    fill = theme.blend(QColor(bar.colour), 0.78).name()
    where = view.mapFromScene(bar.sceneBoundingRect()).boundingRect()
    where.moveTopLeft(view.viewport().mapTo(page, where.topLeft()))
    row = where.center().y()
    painted = _on_screen(page, qtbot)
    assert sum(painted.pixelColor(x, row).name() == fill
               for x in range(where.left() + 2, where.right() - 2)) > 10  # it was drawn

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(QPointF(bar.x() + bar.width / 2, bar.y() + 5)))
    page.confirm_delete = lambda name, details: True
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert page.scene.sceneRect().height() < height_before  # its row went with it

    after = _on_screen(page, qtbot)
    left = [x for x in range(where.left() + 2, where.right() - 2)
            if after.pixelColor(x, row).name() == fill]
    assert not left, "the deleted bar is still on screen"
