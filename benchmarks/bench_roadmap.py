"""Roadmap speed on the reference workspace, as ratios against a floor measured in this run.

Run from the checkout: ``python benchmarks/bench_roadmap.py`` (offscreen Qt is used when no
display is set). The reference workspace is written with
``pmdesk demo WS --initiatives 1000 --tasks 10000 --seed 1``.

Floor: a bare QGraphicsView showing one plain rect per scheduled initiative, built from
rows read with ``sqlite3``, painted at the same size. Each figure is the median of several
runs; painting is forced with ``viewport().grab()`` in both cases.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QUndoStack  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
)

WIDTH, HEIGHT = 1400, 800
DRAG_BUDGET_MS = 16.0


def median_ms(action: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def make_workspace(folder: Path) -> Path:
    path = folder / "reference.pmdesk"
    subprocess.run(
        [sys.executable, "-m", "pmdesk", "demo", str(path), "--initiatives", "1000",
         "--tasks", "10000", "--seed", "1"],
        cwd=ROOT, check=True, capture_output=True,
    )
    return path


class Floor:
    """A bare view of plain rects from rows read with sqlite3."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.view: QGraphicsView | None = None
        self.items: list[QGraphicsRectItem] = []
        self.db: sqlite3.Connection | None = None

    def build_and_paint(self) -> None:
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
        db = sqlite3.connect(self.path)
        rows = db.execute(
            "SELECT id, lane_id, start_date, end_date FROM initiative "
            "WHERE start_date IS NOT NULL ORDER BY lane_id, start_date"
        ).fetchall()
        db.close()
        scene = QGraphicsScene()
        origin = date.fromisoformat(min(r[2] for r in rows)).toordinal()
        brush = QBrush(QColor("#4C78A8"))
        self.items = []
        for index, (_, lane, start, end) in enumerate(rows):
            x0 = (date.fromisoformat(start).toordinal() - origin) * 5.0
            x1 = (date.fromisoformat(end).toordinal() + 1 - origin) * 5.0
            item = QGraphicsRectItem(QRectF(0, 0, x1 - x0, 22))
            item.setPos(x0, ((lane or 0) * 300 + (index % 10) * 30) % 40000)
            item.setBrush(brush)
            scene.addItem(item)
            self.items.append(item)
        view = QGraphicsView(scene)
        scene.setParent(view)
        view.resize(WIDTH, HEIGHT)
        view.show()
        view.viewport().grab()
        self.view = view

    def zoom_and_pan(self) -> None:
        assert self.view is not None
        for factor in (4.0, 0.25, 0.35, 1 / 0.35):
            self.view.scale(factor, 1.0)
            self.view.viewport().grab()
        bar = self.view.horizontalScrollBar()
        for step in range(8):
            bar.setValue(bar.value() + (300 if step < 4 else -300))
            self.view.viewport().grab()

    def drag(self, sign: int) -> None:
        assert self.view is not None
        if self.db is None:
            self.db = sqlite3.connect(self.path)
            self.db.execute("PRAGMA journal_mode=WAL")
        item = self.items[len(self.items) // 2]
        for _ in range(5):
            item.setPos(item.x() + sign * 10, item.y())
        self.db.execute("UPDATE initiative SET start_date = date(start_date, ?) WHERE id = "
                        "(SELECT MIN(id) FROM initiative)", (f"{sign * 10} days",))
        self.db.commit()
        self.view.viewport().grab()


class Roadmap:
    """The real roadmap page on the same workspace."""

    def __init__(self, path: Path) -> None:
        from pmdesk.services.workspaces import open_services

        self.path = path
        self.services = open_services(path)
        self.page = None

    def build_and_paint(self) -> None:
        from pmdesk.ui.bus import ChangeBus
        from pmdesk.ui.roadmap import RoadmapPage

        if self.page is not None:
            self.page.close()
            self.page.deleteLater()
        bus, stack = ChangeBus(), QUndoStack()
        page = RoadmapPage(self.services, stack, bus)
        page._keep = (bus, stack)
        page.resize(WIDTH, HEIGHT)
        page.show()
        page.set_product(self.services.products.list_products()[0].id)
        page.view.viewport().grab()
        self.page = page

    def zoom_and_pan(self) -> None:
        from pmdesk.domain.timescale import Zoom

        view = self.page.view
        for zoom in (Zoom.WEEKS, Zoom.QUARTERS, Zoom.YEARS, Zoom.MONTHS):
            view.set_zoom(zoom)
            view.viewport().grab()
        bar = view.horizontalScrollBar()
        for step in range(8):
            bar.setValue(bar.value() + (300 if step < 4 else -300))
            view.viewport().grab()

    def drag(self, sign: int) -> None:
        page = self.page
        bar = self._bar
        start = QPointF(bar.x() + bar.width / 2, bar.y() + 10)
        page.controller.press(start)
        for step in range(1, 6):
            page.controller.drag(start + QPointF(sign * step * 10, 0))
        if not page.controller.release(start + QPointF(sign * 50, 0)):
            raise RuntimeError("the drag did not commit")
        page.view.viewport().grab()

    def pick_bar(self) -> None:
        page = self.page
        visible = page.view.visible_scene_rect()
        self._bar = next(b for b in page.scene.bars.values()
                         if b.width > 80 and visible.contains(b.sceneBoundingRect()))


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        print("Writing the reference workspace (1,000 initiatives, 10,000 tasks, seed 1)…")
        path = make_workspace(Path(folder))
        floor, roadmap = Floor(path), Roadmap(path)
        floor.build_and_paint()
        roadmap.build_and_paint()  # warm-up: imports, fonts, caches
        results = []
        build_floor = median_ms(floor.build_and_paint, 5)
        build = median_ms(roadmap.build_and_paint, 5)
        results.append(("build and paint", build, build_floor, None))
        zoom_floor = median_ms(floor.zoom_and_pan, 5)
        zoom = median_ms(roadmap.zoom_and_pan, 5)
        results.append(("zoom 4 levels + pan 8 steps", zoom, zoom_floor, None))
        roadmap.pick_bar()
        signs = iter([1, -1] * 20)
        drag_floor = median_ms(lambda: floor.drag(next(signs)), 20)
        signs = iter([1, -1] * 20)
        drag = median_ms(lambda: roadmap.drag(next(signs)), 20)
        results.append(("drag a bar (commit + repaint)", drag, drag_floor, DRAG_BUDGET_MS))
        print(f"{'measure':34} {'roadmap':>10} {'floor':>10} {'ratio':>7}")
        ok = True
        for name, value, base, budget in results:
            line = f"{name:34} {value:8.1f}ms {base:8.1f}ms {value / base:6.1f}×"
            if budget is not None:
                within = value < budget
                ok = ok and within
                line += f"   budget < {budget:g} ms: {'ok' if within else 'OVER'}"
            print(line)
        roadmap.services.workspace.close()
        if roadmap.page is not None:
            roadmap.page.close()
        if floor.db is not None:
            floor.db.close()
    app.processEvents()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
