"""What the row version costs a card move: the same move with and without the version bump,
on a file and on a PostgreSQL server over loopback (when its binaries are installed).

Run from a checkout: ``python benchmarks/bench_versions.py``. The floor is the same move in
the same run with ``bumped_version`` switched off; the target is a ratio close to 1.0 (the
bump is one more ``SET version = version + 1`` in the UPDATE the move writes anyway).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from timing import best

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmdesk.domain.values import TaskMove  # noqa: E402
from pmdesk.services import base  # noqa: E402
from pmdesk.services.demo import DemoService  # noqa: E402
from pmdesk.services.workspaces import open_services, push_workspace  # noqa: E402
from pmdesk.store.workspace import create_workspace  # noqa: E402
from tests import pg  # noqa: E402

INITIATIVES, TASKS, SEED, RUNS, ROUNDS = 200, 2000, 1, 40, 3


def move_seconds(location: object) -> tuple[float, float]:
    """The fastest committed move with the version bump, and without it."""
    services = open_services(location)  # type: ignore[arg-type]
    try:
        product = services.products.list_products()[0]
        board = services.boards.list_boards(product.id)[0]
        first, second = services.boards.list_columns(board.id)[:2]
        card = services.reads.board(board.id).tasks_in(first.id)[5]
        flip = [first.id, second.id]

        def move() -> None:
            flip.reverse()
            services.tasks.move_tasks([TaskMove(card.id, flip[0], 0)])

        with_version, without = [], []
        original = base.bumped_version
        for _ in range(ROUNDS):  # interleaved, so a busy moment hurts both alike
            with_version.append(best(move, RUNS))
            base.bumped_version = lambda table: {}  # type: ignore[assignment]
            try:
                without.append(best(move, RUNS))
            finally:
                base.bumped_version = original
        return min(with_version), min(without)
    finally:
        services.workspace.close()


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.pmdesk"
    workspace = create_workspace(path)
    DemoService(workspace).generate(INITIATIVES, TASKS, SEED)
    workspace.close()
    results = {"file": move_seconds(path)}
    reason = pg.missing_reason()
    if reason is None:
        cluster = pg.Cluster()
        try:
            url = cluster.new_database()
            push_workspace(path, url)
            results["server"] = move_seconds(url)
        finally:
            cluster.close()
    else:
        print(f"server half skipped: {reason}")
    print(f"{TASKS} cards; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'move a card (committed)':<26} {'versioned':>10} {'no version':>10} {'ratio':>6}")
    for name, (versioned, floor) in results.items():
        print(f"{name:<26} {versioned * 1000:8.2f}ms {floor * 1000:8.2f}ms "
              f"{versioned / floor:5.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
