"""What comparing the roadmap with a past date costs on the reference workspace.

Run from a checkout: ``python benchmarks/bench_baselines.py [WORKSPACE]`` (without one, the
reference workspace ``pmdesk demo --initiatives 1000 --tasks 10000 --seed 1`` is built in a
temporary folder). The comparison rebuilds the roadmap of six months ago from the event log
and compares it with now. The floor, in the same run, is reading the same rows with plain
``sqlite3`` (the roadmap, its cards, the later events that can change a plan) and decoding
those events' JSON: what any rebuild must at least do. Target: under 200 ms.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from timing import best

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmdesk.services.workspaces import open_services, write_demo  # noqa: E402

INITIATIVES, TASKS, SEED, RUNS = 1000, 10000, 1, 5
TARGET_MS = 200.0


def floor(path: Path, product_id: int, since: datetime) -> None:
    """The same rows read with sqlite3: the product's roadmap, its cards, the later events."""
    with sqlite3.connect(path) as conn:
        conn.execute("SELECT id, title, status, lane_id, goal_id, start_date, end_date "
                     "FROM initiative WHERE product_id = ?", (product_id,)).fetchall()
        conn.execute("SELECT id, title, date, lane_id FROM milestone WHERE product_id = ?",
                     (product_id,)).fetchall()
        conn.execute("SELECT task.id, initiative_id, estimate, archived_at FROM task JOIN board "
                     "ON board.id = task.board_id WHERE board.product_id = ?",
                     (product_id,)).fetchall()
        rows = conn.execute(
            "SELECT entity, entity_id, action, fields FROM event WHERE at > ? AND "
            "(product_id = ? OR (product_id IS NULL AND entity = 'task')) AND entity IN "
            "('initiative', 'milestone', 'task', 'lane', 'goal') AND (entity != 'task' OR "
            "action IN ('create', 'delete') OR fields LIKE '%\"initiative_id\"%' OR "
            "fields LIKE '%\"estimate\"%' OR fields LIKE '%\"archived_at\"%') "
            "ORDER BY id DESC", (since.isoformat(sep=" "), product_id)).fetchall()
        for row in rows:
            if row[2] != "create":
                json.loads(row[3])


def main() -> int:
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
    else:
        path = Path(tempfile.mkdtemp()) / "reference.pmdesk"
        write_demo(path, INITIATIVES, TASKS, SEED)
    services = open_services(path, read_only=True)
    try:
        product = max(services.products.list_products(),
                      key=lambda p: len(services.initiatives.list_initiatives(p.id)))
        since = datetime.now() - timedelta(days=182)
        comparison = services.baselines.compare_with_date(product.id, since)
        compared = best(lambda: services.baselines.compare_with_date(product.id, since), RUNS)
        read = best(lambda: floor(path, product.id, since), RUNS)
        with sqlite3.connect(path) as conn:
            events = conn.execute("SELECT count(*) FROM event WHERE at > ?",
                                  (since.isoformat(sep=" "),)).fetchone()[0]
    finally:
        services.workspace.close()
    print(f"{len(comparison.changes):,} initiatives, {events:,} events since "
          f"{since:%d %b %Y}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"compare with 6 months ago  {compared * 1000:8.1f} ms  (target < {TARGET_MS:.0f} ms)")
    print(f"floor: the rows by sqlite3 {read * 1000:8.1f} ms")
    print(f"ratio                      {compared / read:8.2f}×")
    return 0 if compared * 1000 < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
