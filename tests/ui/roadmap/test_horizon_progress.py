"""Now / Next / Later tells how far along each initiative is, not only its name."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pmdesk.domain.enums import Horizon
from pmdesk.ui.roadmap.horizon_delegate import summary
from pmdesk.ui.roadmap.models import ViewRole
from pmdesk.ui.theme import STATUS_COLOURS


def test_the_horizons_show_status_and_cards_done(page, qtbot) -> None:
    button = page.toolbar.widgetForAction(page.mode_actions[1])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.horizons
    qtbot.wait(30)
    now = page.horizons.lists[Horizon.NOW]
    model = now.model()
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    started = next(i for i in rows if 0 < i.data(ViewRole).progress.done
                   < i.data(ViewRole).progress.total)
    view = started.data(ViewRole)
    text = summary(view)
    assert text.startswith(view.status.label)
    assert f"{view.progress.done} of {view.progress.total} cards done" in text

    # Two lines per row (title, then status and progress), and the gauge is painted.
    area = now.visualRect(started)
    assert area.height() >= 2 * now.fontMetrics().height()
    image = now.viewport().grab().toImage()
    colour = STATUS_COLOURS[view.status].lower()
    gauge = [image.pixelColor(x, y).name() for x in range(area.right() - 50, area.right())
             for y in range(area.center().y(), area.bottom())]
    assert colour in gauge
