"""Flow metrics and forecasts on the reference workspace, as ratios against a floor.

Run: python benchmarks/bench_flow.py
The floor reads the same rows with plain ``sqlite3`` (every task and every task event of
the board) in the same run on the same machine. Budgets (issue: flow metrics): all flow
charts of the 10,000-card workspace computed and painted < 300 ms; a forecast of all 1,000
initiatives < 2 s (it runs on a worker thread, the roadmap never waits for it).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

from timing import best

from pmdesk.domain import flow
from pmdesk.domain.flow_forecast import forecast_initiatives
from pmdesk.services.demo import DemoService
from pmdesk.services.workspaces import open_services
from pmdesk.store.workspace import create_workspace

INITIATIVES, TASKS, SEED = 1000, 10_000, 1
CHART_SIZE = (640, 360)  # each of the four charts, about their size on a 1400 × 900 window


def report(name: str, seconds: float, floor: float, budget: str = "") -> None:
    print(f"{name:<40} {seconds * 1000:9.1f} ms   {seconds / floor:7.1f}× floor"
          f"{'   ' + budget if budget else ''}")


def chart_painter():  # noqa: ANN201 - returns the painting call
    """Four chart views of the Flow page, painted offscreen into one image each."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from pmdesk.ui.flow.chart_view import ChartView
    from pmdesk.ui.flow.panel import CHARTS

    app = QApplication.instance() or QApplication([])
    views = []
    for name, _title, build in CHARTS:
        view = ChartView(name, build)
        view.resize(*CHART_SIZE)
        views.append(view)
    image = QImage(*CHART_SIZE, QImage.Format.Format_ARGB32_Premultiplied)

    def paint(report: flow.FlowReport) -> None:
        for view in views:
            view.set_report(report)  # the shapes are laid out again, as on a change
            view.render(image)

    paint.app = app  # type: ignore[attr-defined] - kept alive with the call
    return paint


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "reference.pmdesk"
    workspace = create_workspace(path)
    DemoService(workspace).generate(INITIATIVES, TASKS, SEED)
    workspace.close()

    def floor_read() -> None:
        with sqlite3.connect(path) as conn:
            conn.execute("SELECT id, column_id, created_at, archived_at FROM task").fetchall()
            conn.execute("SELECT entity_id, at, fields FROM event WHERE entity = 'task'"
                         ).fetchall()

    floor = best(floor_read, 5)
    print(f"floor: read tasks and task events with sqlite3, {floor * 1000:.1f} ms")
    services = open_services(path, read_only=True)
    paint = chart_painter()
    try:
        product = services.products.list_products()[0]
        board_id = services.boards.list_boards(product.id)[0].id
        board = services.flow.board_flow(board_id)
        today = services.flow.today()
        first = today - timedelta(days=89)
        print(f"reference: {len(board.cards):,} cards, "
              f"{sum(len(c.moves) for c in board.cards):,} moves")
        report("read the board's history", best(lambda: services.flow.board_flow(board_id), 3),
               floor)
        computed = flow.report(board, first, today, today)
        report("compute every chart (90 days)",
               best(lambda: flow.report(board, first, today, today), 3), floor)
        report("paint every chart", best(lambda: paint(computed), 3), floor)
        report("read + compute + paint every chart",
               best(lambda: paint(services.flow.report(board_id)), 3), floor,
               "budget < 300 ms")
        inputs = services.flow.forecast_inputs(product.id)
        count = len(forecast_initiatives(*inputs))
        report(f"forecast {count:,} initiatives (simulate)",
               best(lambda: forecast_initiatives(*inputs), 3), floor)
        report("forecast: read + simulate", best(lambda: services.flow.forecasts(product.id), 3),
               floor, "budget < 2 s")
    finally:
        services.workspace.close()


if __name__ == "__main__":
    main()
