"""Roadmap ▸ Forecast settings: how much the remaining work of an initiative may still grow.

Kept per workspace in the user's settings (a forecast assumption, not roadmap data, so
it is not an undoable change of the workspace), and read by the forecast worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmdesk.ui import theme
from pmdesk.ui.roadmap.forecasts import ForecastRunner
from pmdesk.ui.settings import AppSettings

MAX_GROWTH_PERCENT = 300


def growth_text(growth: tuple[float, float]) -> str:
    """ "remaining work may grow by 10–30 %", or that it is taken as it is."""
    low, high = (round((g - 1) * 100) for g in growth)
    if high <= 0:
        return "Remaining work is forecast as it is now (no scope growth)."
    span = f"{low} %" if low == high else f"{low}–{high} %"
    return f"Remaining work may still grow by {span} in each run."


class ForecastSettingsDialog(QDialog):
    """Two percentages: the least and the most the remaining cards may still grow by."""

    def __init__(self, growth: tuple[float, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forecastSettingsDialog")
        self.setWindowTitle("Forecast settings")
        self.setMinimumWidth(380)
        self.low = self._percent("growthLow", growth[0])
        self.high = self._percent("growthHigh", growth[1])
        intro = QLabel("Work usually grows while it is done: cards get split and added. Each "
                       "simulated run multiplies the open cards by a factor drawn between "
                       "these two.")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Scope may grow by at least", self.low)
        form.addRow("and at most", self.high)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.low.valueChanged.connect(lambda v: self.high.setValue(max(v, self.high.value())))
        self.high.valueChanged.connect(lambda v: self.low.setValue(min(v, self.low.value())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _percent(name: str, factor: float) -> QSpinBox:
        box = QSpinBox(objectName=name)
        box.setAccessibleName(name)
        box.setRange(0, MAX_GROWTH_PERCENT)
        box.setSuffix(" %")
        box.setValue(round((factor - 1) * 100))
        return box

    def growth(self) -> tuple[float, float]:
        """The range as factors on the remaining cards, low first."""
        low, high = sorted((self.low.value(), self.high.value()))
        return 1 + low / 100, 1 + high / 100


class ForecastBusy(QWidget):
    """ "Forecasting…" with a running bar, shown while a slow forecast is computed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forecastBusy")
        self.setAccessibleName("Forecasting")
        self.setToolTip("Completion forecasts are being computed; the roadmap stays usable.")
        bar = QProgressBar()
        bar.setRange(0, 0)  # no known end: a running bar
        bar.setTextVisible(False)
        bar.setFixedSize(56, 8)
        label = QLabel("Forecasting…")
        label.setStyleSheet(f"color: {theme.HINT_HEX};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(label)
        layout.addWidget(bar)
        self.hide()


class ForecastSettings:
    """The roadmap's forecast assumptions: stored per workspace, handed to the runner."""

    def __init__(self, page: Any, runner: ForecastRunner, workspace: Path,
                 settings: AppSettings | None = None) -> None:
        self.page, self.runner, self.workspace = page, runner, workspace
        self.settings = settings or AppSettings()
        self.busy = ForecastBusy()
        runner.working.connect(self.busy.setVisible)
        runner.growth = self.settings.forecast_growth(workspace)
        self.action: QAction | None = None

    def add_action(self, action: QAction) -> None:
        action.setObjectName("actionForecastSettings")
        self.action = action
        self._describe()

    def _describe(self) -> None:
        if self.action is not None:
            self.action.setToolTip(f"Forecast settings: {growth_text(self.runner.growth)}")

    def edit(self) -> bool:
        """Ask for the scope-growth range; store it and forecast again when it changed."""
        dialog = ForecastSettingsDialog(self.runner.growth, self.page)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.set_growth(dialog.growth())

    def set_growth(self, growth: tuple[float, float]) -> bool:
        if growth == self.runner.growth:
            return False
        self.runner.growth = growth
        self.settings.set_forecast_growth(self.workspace, growth)
        self._describe()
        self.runner.request(self.page.product_id)
        return True
