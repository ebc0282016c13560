"""Daily-use defects of the roadmap, driven with real mouse and key events."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.ui.roadmap.dialogs import InitiativeDialog
from pmdesk.ui.roadmap.layout import BandKind

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def drag_on_viewport(view, start: QPoint, end: QPoint) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, LEFT, NONE, start)
    QTest.mouseMove(viewport, start + QPoint(10, 0))
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, LEFT, NONE, end)


def test_drag_to_create_then_typing_names_it_in_one_undo_step(page, sample, qtbot):
    band = next(b for b in page.scene.layout.bands if b.kind is BandKind.LANE)
    scale = page.scene.scale
    x = page.scene.layout.width - 40 * scale.px_per_day  # after every bar
    page.view.horizontalScrollBar().setValue(int(x - 300))
    start = page.view.mapFromScene(QPointF(x, band.bar_top + 2))
    steps = page.undo_stack.count()
    drag_on_viewport(page.view, start, start + QPoint(80, 0))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, InitiativeDialog)
    focused = dialog.focusWidget()  # what has the keys once the dialog is active
    assert isinstance(focused, QLineEdit) and focused is dialog.title
    assert focused.selectedText() == "New initiative"
    QTest.keyClicks(focused, "Partner onboarding")
    QTest.keyClick(focused, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    titles = [i.title for i in sample.initiatives.list_initiatives(page.product_id)]
    assert "Partner onboarding" in titles and "New initiative" not in titles
    assert page.undo_stack.count() == steps + 1
    assert page.undo_stack.text(steps) == "Create “Partner onboarding”"
    page.undo_stack.undo()
    titles = [i.title for i in sample.initiatives.list_initiatives(page.product_id)]
    assert "Partner onboarding" not in titles and "New initiative" not in titles
    page.undo_stack.redo()
    titles = [i.title for i in sample.initiatives.list_initiatives(page.product_id)]
    assert "Partner onboarding" in titles


def test_prioritise_ranks_only_open_initiatives(page, qtbot):
    page.mode_actions[2].trigger()
    table = page.priorities
    statuses = {page.state.views[table.model().index(r, 0).data(Qt.ItemDataRole.UserRole + 1)]
                .initiative.status for r in range(table.model().rowCount())}
    finished = [v for v in page.state.visible()
                if v.initiative.status in (InitiativeStatus.DONE, InitiativeStatus.DROPPED)]
    assert finished, "the sample should have done or dropped initiatives"
    assert statuses and not statuses & {InitiativeStatus.DONE, InitiativeStatus.DROPPED}
    # Clicking the score header re-sorts; finished ones stay out.
    header = table.horizontalHeader()
    QTest.mouseClick(header.viewport(), LEFT, NONE,
                     QPoint(header.sectionViewportPosition(7) + 10, header.height() // 2))
    ids = {table.model().index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
           for r in range(table.model().rowCount())}
    assert not ids & {v.id for v in finished}


def test_the_bundled_emoji_font_is_the_apps_emoji_fallback(page):
    from PySide6.QtGui import QFontDatabase, QFontMetricsF

    from pmdesk.ui.roadmap import style

    assert "Noto Emoji" in QFontDatabase.applicationEmojiFontFamilies()
    assert QFontMetricsF(style.ui_font(9)).horizontalAdvance("🚀") > 0
    assert style.displayable("Launch 🚀") == "Launch 🚀"
