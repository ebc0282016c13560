"""Compute the roadmap's completion forecasts on a worker thread; the roadmap never waits.

The GUI thread reads the history (one quick read, like every view's); the worker only
simulates, on plain values: it touches neither the database nor any Qt object. It leaves
its result in an attribute that a timer of the GUI thread picks up, so closing the
workspace or the page mid-run is safe.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.flow_forecast import ForecastInputs, InitiativeForecast, forecast_initiatives
from pmdesk.services.flow import FlowService

POLL_MS = 40


class ForecastRunner(QObject):
    """Run one forecast at a time; a request during a run is served right after it."""

    ready = Signal(int, object)  # product id, {initiative id: InitiativeForecast}

    def __init__(self, flow: FlowService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self._thread: threading.Thread | None = None
        self._result: tuple[int, dict[int, InitiativeForecast]] | None = None
        self._pending: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._collect)

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
        except PmdeskError:
            return  # the workspace is busy or gone: the next refresh tries again
        self._result = None
        self._thread = threading.Thread(target=self._run, args=(product_id, inputs),
                                        name="pmdesk-forecast", daemon=True)
        self._thread.start()
        self._timer.start()

    def _run(self, product_id: int, inputs: ForecastInputs) -> None:
        result: dict[int, InitiativeForecast] = {}
        try:
            result = forecast_initiatives(*inputs)
        finally:  # a bug still reaches the log and the thread's excepthook
            self._result = (product_id, result)

    def _collect(self) -> None:
        if self._thread is None or self._thread.is_alive():
            return
        self._timer.stop()
        self._thread = None
        done, self._result = self._result, None
        if self.flow.workspace.closed:
            self._pending = None
            return
        if done is not None:
            self.ready.emit(*done)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.request(pending)

    def wait(self) -> None:
        """Block until the running forecast is computed (closing, tests)."""
        if self._thread is not None:
            self._thread.join()
