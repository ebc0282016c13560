"""At 1024×700 every roadmap action is on screen: none hides behind the toolbar's » menu."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QToolButton

from pmdesk.ui.roadmap.page import RoadmapPage


def test_every_roadmap_action_shows_in_a_small_window(window, qtbot) -> None:
    window.resize(1024, 700)
    page = window.findChild(RoadmapPage, "roadmapPage")
    window.tabs.setCurrentWidget(page)
    qtbot.wait(50)
    toolbar = page.toolbar
    overflow = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or overflow.isHidden()
    for action in toolbar.actions():
        if action.isSeparator():
            continue
        widget = toolbar.widgetForAction(action)
        assert widget is not None and widget.isVisible(), action.text()
        assert widget.geometry().right() <= toolbar.width(), action.text()

    # The template button is a click away, and so are the forecast settings.
    asked: list[str] = []

    def close_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        asked.append(dialog.windowTitle() if dialog is not None else "")
        if dialog is not None:
            dialog.reject()

    template = toolbar.widgetForAction(page.template_action)
    qtbot.mouseClick(template, Qt.MouseButton.LeftButton)  # a window-modal dialog opens
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    close_the_dialog()
    forecast = next(b for b in page.findChildren(QToolButton)
                    if b.defaultAction() is page.forecast_settings.action)
    assert forecast.isVisible()
    QTimer.singleShot(100, close_the_dialog)
    qtbot.mouseClick(forecast, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and all(asked), asked
    assert toolbar.widgetForAction(page.zoom_in).accessibleName() == "Zoom in"
