"""A bar that starts left of the view keeps its title in sight at the view's left edge."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication


def _dark_pixels(image: QImage, area: QRect) -> int:
    return sum(1 for x in range(area.left(), area.right())
               for y in range(area.top(), area.bottom())
               if image.pixelColor(x, y).lightness() < 90)


def _wheel_left(view, steps: int) -> None:
    """Scroll the timeline sideways with the mouse wheel (or a touchpad's swipe)."""
    at = QPointF(view.viewport().width() / 2, 40)
    for _ in range(steps):
        event = QWheelEvent(at, view.viewport().mapToGlobal(at), QPoint(), QPoint(-120, 0),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(view.viewport(), event)


def test_a_bar_starting_left_of_the_view_shows_its_title_at_the_edge(page, qtbot) -> None:
    qtbot.waitExposed(page)
    view, scene = page.view, page.scene
    bar = max(scene.bars.values(), key=lambda b: b.width)
    title = bar.view.initiative.title
    # Put the bar's start well left of the view, its middle in sight.
    view.horizontalScrollBar().setValue(round(bar.x() + min(bar.width / 3, 200)))
    view.centerOn(QPointF(view.visible_scene_rect().center().x(), bar.y()))
    _wheel_left(view, 1)
    qtbot.wait(60)
    edge = view.visible_scene_rect().left()
    assert bar.x() < edge < bar.x() + bar.width - 120
    assert bar.label_left() + bar.x() >= edge  # the title starts in sight
    on_screen = page.screen().grabWindow(page.winId()).toImage()
    top_left = view.viewport().mapTo(page, view.mapFromScene(QPointF(edge, bar.y())))
    title_room = QRect(top_left + QPoint(4, 4), QPoint(top_left.x() + 90,
                                                         top_left.y() + 18))
    assert _dark_pixels(on_screen, title_room) > 40, f"no title of “{title}” at the edge"
