"""Forecast settings on the roadmap: scope growth, a busy mark, cards by a milestone."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QSpinBox

from pmdesk.ui.settings import AppSettings


def _forecasts(qtbot, page):  # noqa: ANN001, ANN202 - pytest fixtures
    qtbot.waitUntil(lambda: not page.forecasts.busy, timeout=20000)
    with qtbot.waitSignal(page.forecasts.ready, timeout=20000):
        page.forecasts.request(page.product_id)
    return page.state.forecasts


def _answer_dialog(qtbot, low: str, high: str) -> None:  # noqa: ANN001
    """Type the two percentages into the modal dialog once it is up, then press OK."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "forecastSettingsDialog":
            QTimer.singleShot(20, answer)
            return
        for name, value in (("growthHigh", high), ("growthLow", low)):
            box = dialog.findChild(QSpinBox, name)
            box.selectAll()
            qtbot.keyClicks(box, value)
        buttons = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_scope_growth_is_stored_per_workspace_and_pushes_forecasts_later(qtbot, page, sample,
                                                                        tmp_path):
    stored = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    page.forecast_settings.settings = stored
    before = {i: f.forecast for i, f in _forecasts(qtbot, page).items() if f.forecast}
    assert before
    action = page.findChild(QAction, "actionForecastSettings")
    assert "no scope growth" in action.toolTip()
    _answer_dialog(qtbot, "50", "100")
    with qtbot.waitSignal(page.forecasts.ready, timeout=20000):
        action.trigger()
    assert stored.forecast_growth(sample.workspace.path) == (1.5, 2.0)
    assert page.forecasts.growth == (1.5, 2.0)
    assert "grow by 50–100 %" in action.toolTip()
    after = {i: page.state.forecasts[i].forecast for i in before}
    assert all(after[i].p85 >= before[i].p85 for i in before)
    assert any(after[i].p85 > before[i].p85 for i in before)
    assert all(after[i].remaining == before[i].remaining for i in before)
    page.forecasts.wait()


def test_a_slow_forecast_shows_it_is_working_and_the_roadmap_stays_usable(qtbot, page,
                                                                         monkeypatch):
    qtbot.waitUntil(lambda: not page.forecasts.busy, timeout=20000)
    release = threading.Event()
    from pmdesk.ui.roadmap import forecasts

    original = forecasts.forecast_initiatives

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        release.wait(20)
        return original(*args, **kwargs)

    monkeypatch.setattr(forecasts, "forecast_initiatives", slow)
    busy = page.forecast_settings.busy
    assert not busy.isVisible()
    page.forecasts.request(page.product_id)
    qtbot.waitUntil(busy.isVisible, timeout=5000)
    page.zoom_in.trigger()  # the roadmap answers while the worker is still running
    assert page.forecasts.busy
    with qtbot.waitSignal(page.forecasts.ready, timeout=20000):
        release.set()
    qtbot.waitUntil(lambda: not busy.isVisible(), timeout=5000)
    page.forecasts.wait()


def test_a_coming_milestone_tells_how_many_cards_will_be_finished_by_its_date(qtbot, page):
    _forecasts(qtbot, page)
    today = page.state.today
    coming = [m for m in page.state.milestones if m.date >= today]
    assert coming
    for milestone in coming:
        item = page.scene.milestones.get(milestone.id)
        if item is None:
            continue
        assert "cards finished by" in item.toolTip() or "Too little history" in item.toolTip()
        assert "85 % likely" in item.toolTip()
        assert milestone.title.split()[0] in item.toolTip()
    counts = sorted((m.date, page.state.milestone_forecasts[m.id].cards) for m in coming)
    assert [c for _, c in counts] == sorted(c for _, c in counts)  # later: at least as many
    page.forecasts.wait()
