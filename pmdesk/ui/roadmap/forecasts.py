"""Compute the roadmap's completion forecasts on a worker thread; the roadmap never waits.

The GUI thread reads the history (one quick read, like every view's); the worker only
simulates, on plain values: it touches neither the database nor any Qt object. It leaves
its result in an attribute that a timer of the GUI thread picks up, so closing the
workspace or the page mid-run is safe.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.flow_forecast import (
    ForecastInputs,
    InitiativeForecast,
    MilestoneForecast,
    forecast_initiatives,
    forecast_milestones,
)

if TYPE_CHECKING:
    from pmdesk.services.flow import FlowService

POLL_MS = 40
SLOW_MS = 300  # a forecast that takes longer than this says so on the roadmap
Results = tuple[dict[int, InitiativeForecast], dict[int, MilestoneForecast]]


class ForecastRunner(QObject):
    """Run one forecast at a time; a request during a run is served right after it."""

    ready = Signal(int, object)  # product id, {initiative id: InitiativeForecast}
    milestones_ready = Signal(int, object)  # product id, {milestone id: MilestoneForecast}
    working = Signal(bool)  # True once a run has taken more than a moment, False when done

    def __init__(self, flow: FlowService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self._thread: threading.Thread | None = None
        self._result: tuple[int, Results] | None = None
        self._pending: int | None = None
        self.growth: tuple[float, float] = (1.0, 1.0)  # the scope-growth range of every run
        self.slow = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._collect)
        self._slow_timer = QTimer(self)
        self._slow_timer.setSingleShot(True)
        self._slow_timer.setInterval(SLOW_MS)
        self._slow_timer.timeout.connect(self._taking_long)

    @property
    def busy(self) -> bool:
        return self._thread is not None or self._pending is not None

    def request(self, product_id: int | None) -> None:
        if product_id is None or self.flow.workspace.closed:
            return
        if self._thread is not None:
            self._pending = product_id
            return
        try:
            inputs = self.flow.forecast_inputs(product_id)
            milestones = self.flow.milestone_dates(product_id)
        except PmdeskError:
            return  # the workspace is busy or gone: the next refresh tries again
        self._result = None
        self._thread = threading.Thread(
            target=self._run, args=(product_id, inputs, milestones, self.growth),
            name="pmdesk-forecast", daemon=True)
        self._thread.start()
        self._timer.start()
        if not self.slow:
            self._slow_timer.start()

    def _run(self, product_id: int, inputs: ForecastInputs, milestones: dict[int, date],
             growth: tuple[float, float]) -> None:
        result: Results = ({}, {})
        try:
            boards, _dates, today = inputs
            result = (forecast_initiatives(*inputs, growth=growth),
                      forecast_milestones(boards, milestones, today))
        finally:  # a bug still reaches the log and the thread's excepthook
            self._result = (product_id, result)

    def _taking_long(self) -> None:
        if self._thread is not None and not self.slow:
            self.slow = True
            self.working.emit(True)

    def _collect(self) -> None:
        if self._thread is None or self._thread.is_alive():
            return
        self._timer.stop()
        self._thread = None
        done, self._result = self._result, None
        if self.flow.workspace.closed:
            self._pending = None
            self._done_working()
            return
        if done is not None:
            product_id, (initiatives, milestones) = done
            self.milestones_ready.emit(product_id, milestones)
            self.ready.emit(product_id, initiatives)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.request(pending)
        if self._thread is None:
            self._done_working()

    def _done_working(self) -> None:
        self._slow_timer.stop()
        if self.slow:
            self.slow = False
            self.working.emit(False)

    def wait(self) -> None:
        """Block until the running forecast is computed (closing, tests)."""
        if self._thread is not None:
            self._thread.join()
