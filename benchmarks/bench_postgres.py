"""The reference workspace on a PostgreSQL server over loopback, as ratios against the file.

Run from a checkout: ``python benchmarks/bench_postgres.py`` (needs Debian's postgresql
package; the server is a throwaway one, as in the tests). The reference workspace
(``pmdesk demo --initiatives 1000 --tasks 10000 --seed 1``) is built as a file, pushed to
the server, and the same service calls are timed on both in the same run. Targets: a card
move committed and the board snapshot each ≤ 1.5× the file, the undo check ≤ 5 ms.

The server runs with its default durability (every commit flushed to disk) and again with
``synchronous_commit = off``, which is what SQLite's ``synchronous=NORMAL`` promises: a
power cut may lose the last commits, never the database.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from pathlib import Path

from round_trips import round_trips
from timing import best

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmdesk.domain.values import TaskMove  # noqa: E402
from pmdesk.services import Services  # noqa: E402
from pmdesk.services.demo import DemoService  # noqa: E402
from pmdesk.services.workspaces import open_services, push_workspace  # noqa: E402
from pmdesk.store.workspace import create_workspace  # noqa: E402
from tests import pg  # noqa: E402

INITIATIVES, TASKS, SEED = 1000, 10000, 1


def figures(services: Services) -> dict[str, float]:
    engine = services.workspace.engine
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    first, second = services.boards.list_columns(board.id)[:2]
    card = services.reads.board(board.id).tasks_in(first.id)[5]
    moved = services.tasks.move_tasks([TaskMove(card.id, first.id, 0)])
    targets = itertools.cycle((second.id, first.id))

    def move_across() -> None:  # a real move each time: to the other column's top
        services.tasks.move_tasks([TaskMove(card.id, next(targets), 0)])

    with engine.connect() as conn:
        round_trip = best(lambda: conn.exec_driver_sql("SELECT 1").all(), 200)
    if engine.dialect.name == "postgresql":
        trips = {"move": round_trips(services, move_across),
                 "undo check": round_trips(
                     services, lambda: services.history.changed_elsewhere(moved.changes))}
        print("round trips: " + ", ".join(f"{what} {n}" for what, n in trips.items()))
    return {
        "one statement (SELECT 1)": round_trip,
        "board snapshot (10k cards)": best(lambda: services.reads.board(board.id), 5),
        "move a card (committed)": best(move_across, 30),
        "undo check (changed elsewhere?)": best(
            lambda: services.history.changed_elsewhere(moved.changes), 30),
    }


def main() -> int:
    reason = pg.missing_reason()
    if reason:
        print(f"skipped: {reason}")
        return 0
    folder = Path(tempfile.mkdtemp())
    path = folder / "ref.pmdesk"
    workspace = create_workspace(path)
    DemoService(workspace).generate(INITIATIVES, TASKS, SEED)
    workspace.close()
    cluster = pg.Cluster(settings="-c shared_buffers=128MB")
    try:
        durable = cluster.new_database()
        push_workspace(path, durable)
        relaxed = cluster.new_database()
        push_workspace(path, relaxed)
        cluster.sql(f"ALTER DATABASE {relaxed.rsplit('/', 1)[1]} SET synchronous_commit = off")
        runs = {}
        for name, location in (("file", path), ("server", durable), ("server, async", relaxed)):
            services = open_services(location)
            try:
                runs[name] = figures(services)
            finally:
                services.workspace.close()
    finally:
        cluster.close()
    print(f"reference workspace: {INITIATIVES} initiatives, {TASKS} cards; "
          f"PostgreSQL {pg.binaries().parent.name} on 127.0.0.1")  # type: ignore[union-attr]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'':34} {'file':>9} {'server':>9} {'ratio':>6} {'async':>9} {'ratio':>6}")
    for what, seconds in runs["file"].items():
        server, relaxed_s = runs["server"][what], runs["server, async"][what]
        print(f"{what:<34} {seconds * 1000:7.2f}ms {server * 1000:7.2f}ms "
              f"{server / seconds:5.2f}× {relaxed_s * 1000:7.2f}ms {relaxed_s / seconds:5.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
