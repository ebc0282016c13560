"""Time the kanban board on the reference workspace against a floor measured in the same run.

Run from a checkout: ``python benchmarks/bench_board.py [--tasks 10000] [--keep WS]``.

Reference: ``pmdesk demo WS --initiatives 1000 --tasks 10000 --seed 1``. The floor is what
any Qt board must pay at least: bare ``QListView``s over ``QStringListModel``s filled with the
same rows read with ``sqlite3``. Budgets (DESIGN.md §7): open and paint ≤ 2× the floor, a card
move committed and repainted < 16 ms, filtering < 30 ms per keystroke, with swimlanes on too.
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListView, QWidget  # noqa: E402

from pmdesk.services.workspaces import open_services  # noqa: E402
from pmdesk.ui.bus import ChangeBus  # noqa: E402
from pmdesk.ui.kanban import BoardPage  # noqa: E402
from pmdesk.ui.kanban.board_data import ALL_CARDS, Lanes  # noqa: E402

WIDTH, HEIGHT = 1600, 1000
# The same rows the board reads: every field of the active cards, their labels and checklists.
QUERIES = (
    "SELECT id, name FROM board_column WHERE board_id = ? ORDER BY position, id",
    "SELECT id, board_id, column_id, title, initiative_id, description, assignee_id, due_date,"
    " estimate, priority, position, created_at, started_at, done_at, archived_at, column_since"
    " FROM task WHERE board_id = ? AND archived_at IS NULL ORDER BY position, id",
    "SELECT tl.task_id, tl.label_id FROM task_label tl JOIN task t ON t.id = tl.task_id"
    " WHERE t.board_id = ? AND t.archived_at IS NULL ORDER BY tl.task_id, tl.label_id",
    "SELECT c.task_id, SUM(c.done), COUNT(*) FROM checklist_item c JOIN task t"
    " ON t.id = c.task_id WHERE t.board_id = ? AND t.archived_at IS NULL GROUP BY c.task_id",
)


def median_ms(
    run: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


class Floor:
    """Bare list views over the same rows, read with sqlite3."""

    def __init__(self, path: Path, board_id: int) -> None:
        self.path, self.board_id = path, board_id
        self.window: QWidget | None = None
        self.models: list[QStringListModel] = []
        self.proxies: list[QSortFilterProxyModel] = []
        self.views: list[QListView] = []

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        QApplication.processEvents()
        gc.collect()

    def open(self) -> None:
        conn = sqlite3.connect(self.path)
        column_rows, task_rows, _labels, _checklists = (
            conn.execute(query, (self.board_id,)).fetchall() for query in QUERIES
        )
        conn.close()
        columns: dict[int, list[str]] = {column_id: [] for column_id, _ in column_rows}
        for row in task_rows:
            columns[row[2]].append(row[3])
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        self.window = QWidget()
        self.window.resize(WIDTH, HEIGHT)
        layout = QHBoxLayout(self.window)
        self.models, self.proxies, self.views = [], [], []
        for titles in columns.values():
            model = QStringListModel(titles)
            proxy = QSortFilterProxyModel()
            proxy.setSourceModel(model)
            proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            view = QListView()
            self.views.append(view)
            view.setUniformItemSizes(True)
            view.setModel(proxy)
            layout.addWidget(view)
            self.models.append(model)
            self.proxies.append(proxy)
        self.window.show()
        self.window.grab()

    def move(self) -> None:
        source, target = self.models[0], self.models[1]
        title = source.data(source.index(0, 0))
        source.removeRows(0, 1)
        target.insertRows(0, 1)
        target.setData(target.index(0, 0), title)
        QApplication.processEvents()

    def scroll(self) -> None:
        scroll_page(self.views[-1])

    def filter(self, text: str) -> None:
        for proxy in self.proxies:
            proxy.setFilterFixedString(text)
        QApplication.processEvents()


def scroll_page(view: QListView) -> None:
    """Scroll a card list down by one page (back to the top at the end) and repaint."""
    bar = view.verticalScrollBar()
    bar.setValue(0 if bar.value() >= bar.maximum() else bar.value() + bar.pageStep())
    QApplication.processEvents()


def make_workspace(path: Path, tasks: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "pmdesk", "demo", str(path), "--initiatives", "1000",
         "--tasks", str(tasks), "--seed", "1"],
        check=True, cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="reuse or keep this workspace file")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.pmdesk"
        if not path.exists():
            make_workspace(path, args.tasks)
        services = open_services(path)
        product = services.products.list_products()[0]
        board_id = services.boards.list_boards(product.id)[0].id
        services.workspace.close()

        floor = Floor(path, board_id)
        floor_open = median_ms(floor.open, args.repeat, floor.close)
        floor_move = median_ms(floor.move, args.repeat * 3)
        keys = "search"
        floor_filter = median_ms(
            lambda: [floor.filter(keys[: i + 1]) for i in range(len(keys))] and None,
            args.repeat,
        ) / len(keys)
        floor.filter("")
        floor_scroll = median_ms(floor.scroll, args.repeat * 3)

        pages: list[BoardPage] = []

        def close_board() -> None:
            for old in pages:
                old.services.workspace.close()
                old.close()
                old.deleteLater()
            pages.clear()
            QApplication.processEvents()
            gc.collect()

        def open_board() -> None:
            services = open_services(path)
            page = BoardPage(services, QUndoStack(), ChangeBus())
            page.resize(WIDTH, HEIGHT)
            page.set_product(product.id)
            page.show()
            page.grab()
            pages.append(page)

        board_open = median_ms(open_board, args.repeat, close_board)
        page = pages[0]
        columns = page.data.columns
        first, second = columns[0].id, columns[1].id
        state = {"forward": True}

        def move_card() -> None:
            source, target = (first, second) if state["forward"] else (second, first)
            state["forward"] = not state["forward"]
            task_id = page.data.orders[source][0]
            page.controller.drop([task_id], target, ALL_CARDS, 0)
            QApplication.processEvents()

        move_card()  # warm up
        board_move = median_ms(move_card, args.repeat * 3)
        longest = max(page.data.columns, key=lambda c: len(page.data.orders[c.id]))
        done_view = page.view.view_for(longest.id)
        assert done_view is not None
        board_scroll = median_ms(lambda: scroll_page(done_view), args.repeat * 3)
        cards = len(page.data.tasks)
        bar = page.filter_bar.search

        def type_filter() -> None:
            bar.clear()
            QApplication.processEvents()
            start = time.perf_counter()
            for i in range(len(keys)):
                bar.setText(keys[: i + 1])
                QApplication.processEvents()
            type_filter.total = (time.perf_counter() - start) * 1000  # type: ignore[attr-defined]

        def filter_ms() -> float:
            samples = []
            for _ in range(args.repeat):
                type_filter()
                samples.append(type_filter.total / len(keys))  # type: ignore[attr-defined]
            return statistics.median(samples)

        board_filter = filter_ms()
        shown = page.data.visible_count()
        lane_filters = {}
        for lanes in (Lanes.INITIATIVE, Lanes.ASSIGNEE):
            bar.clear()
            page.set_lanes(lanes)
            QApplication.processEvents()
            lane_filters[lanes] = filter_ms()
        page.set_lanes(Lanes.NONE)
        page.services.workspace.close()
        del app

    rows = [
        ("open + paint board", board_open, floor_open, f"≤ 2× floor ({2 * floor_open:.1f} ms)",
         board_open <= 2 * floor_open),
        ("move a card (committed, repainted)", board_move, floor_move, "< 16 ms",
         board_move < 16),
        ("scroll a column by a page", board_scroll, floor_scroll, "< 16 ms", board_scroll < 16),
        ("filter per keystroke", board_filter, floor_filter, "< 30 ms", board_filter < 30),
        *((f"filter per keystroke, lanes by {lanes.value}", value, floor_filter, "< 30 ms",
           value < 30) for lanes, value in lane_filters.items()),
    ]
    print(f"pmdesk board benchmark: {cards:,} active cards on the board, "
          f"{WIDTH}×{HEIGHT}, median of {args.repeat}+ runs; filter 'search' shows {shown:,}")
    print(f"{'measure':44} {'board ms':>9} {'floor ms':>9} {'ratio':>7}  budget")
    ok = True
    for name, value, base, budget, passed in rows:
        ok = ok and passed
        print(f"{name:44} {value:9.1f} {base:9.1f} {value / base:6.2f}×  {budget}"
              f"  {'ok' if passed else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
