"""Workspace foundation figures on the reference workspace, as ratios against raw sqlite3.

Run: python benchmarks/bench_workspace.py
Each figure is the best of a few runs; the floor is plain sqlite3 doing the minimum the
same job needs, measured in the same run on the same machine.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from timing import best

from pmdesk.domain.values import TaskMove
from pmdesk.services.demo import DemoService
from pmdesk.services.workspaces import open_services
from pmdesk.store.integrity import check_file
from pmdesk.store.workspace import create_workspace

INITIATIVES, TASKS, SEED = 1000, 10000, 1


def report(name: str, seconds: float, floor: float, budget: str = "") -> None:
    print(f"{name:<34} {seconds * 1000:9.1f} ms   {seconds / floor:6.1f}× floor "
          f"({floor * 1000:.1f} ms){'   ' + budget if budget else ''}")


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "ref.pmdesk"
    start = time.perf_counter()
    workspace = create_workspace(path)
    DemoService(workspace).generate(INITIATIVES, TASKS, SEED)
    workspace.close()
    generate = time.perf_counter() - start

    def floor_generate() -> None:
        target = folder / f"floor-{time.perf_counter_ns()}.db"
        with sqlite3.connect(target) as conn:
            conn.execute("CREATE TABLE task (id INTEGER PRIMARY KEY, title TEXT, col INTEGER)")
            conn.executemany("INSERT INTO task VALUES (?, ?, ?)",
                             ((i, f"Task {i}", i % 5) for i in range(TASKS)))
        conn.close()

    print(f"reference workspace: {INITIATIVES} initiatives, {TASKS} tasks, "
          f"{path.stat().st_size / 1e6:.1f} MB")
    report("generate the demo", generate, best(floor_generate, 3))
    report("pmdesk check", best(lambda: check_file(path), 3),
           best(lambda: sqlite3.connect(path).execute("PRAGMA integrity_check").fetchall(), 3))

    services = open_services(path)
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    raw = sqlite3.connect(path)
    report("board snapshot (10k cards)", best(lambda: services.reads.board(board.id)),
           best(lambda: raw.execute("SELECT * FROM task WHERE board_id = ? AND archived_at "
                                    "IS NULL ORDER BY position", (board.id,)).fetchall()))
    report("roadmap snapshot (1k initiatives)", best(lambda: services.reads.roadmap(product.id)),
           best(lambda: raw.execute("SELECT * FROM initiative WHERE product_id = ?",
                                    (product.id,)).fetchall()))
    column = services.boards.list_columns(board.id)[0]
    card = services.reads.board(board.id).tasks_in(column.id)[5]
    report("move a card (service, committed)",
           best(lambda: services.tasks.move_tasks([TaskMove(card.id, column.id, 0)]), 20),
           best(lambda: _raw_update(raw, card.id), 20), "budget < 16 ms with repaint")
    services.workspace.close()


def _raw_update(conn: sqlite3.Connection, task_id: int) -> None:
    with conn:
        conn.execute("UPDATE task SET position = position WHERE id = ?", (task_id,))


if __name__ == "__main__":
    main()
