"""Live sync: another client's card move, from its commit to this window's repaint, on a
PostgreSQL server over loopback as ratios against a workspace file in the same run.

Run from a checkout: ``python benchmarks/bench_live.py [--tasks 10000] [--runs 20]``
(needs Debian's postgresql package; the server is a throwaway one, as in the tests).

The reference workspace (``pmdesk demo --initiatives 1000 --tasks 10000 --seed 1``) is built
as a file and pushed to the server. A window shows its board; a second client moves one card
back and forth between two columns. For each move:

- *commit*: the second client's ``move_tasks`` until it returns (committed);
- *to repaint, as shipped*: from that commit until the window shows the card in its new
  column and has repainted the board. On the server the commit's NOTIFY wakes the window's
  socket notifier and only the changed card is read; on the file the window notices the
  commit at its next ``PRAGMA data_version`` poll (every 400 ms) and reads the board again;
- *to repaint, work only*: the same without the wait for the poll or the notice: the
  file's time starts with a poll run at once (it reads the whole board again), the
  server's when its notice is readable (one read: the events, the changed card and the
  order of the columns it left and entered).

Target (issue 14): another client's change shows within 1 s; a move commits in ≤ 1.5× the
file's time.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="pmdesk-bench-config-")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402
from round_trips import round_trips  # noqa: E402

from pmdesk.domain.values import TaskMove  # noqa: E402
from pmdesk.services import Services  # noqa: E402
from pmdesk.services.demo import DemoService  # noqa: E402
from pmdesk.services.workspaces import open_services, push_workspace  # noqa: E402
from pmdesk.store.workspace import create_workspace  # noqa: E402
from pmdesk.ui.kanban.page import BoardPage  # noqa: E402
from pmdesk.ui.main_window import MainWindow  # noqa: E402
from tests import pg  # noqa: E402

TIMEOUT_S = 5.0


class Pair:
    """A window on the workspace and a second client that moves one card in it."""

    def __init__(self, location: str | Path) -> None:
        self.window = MainWindow(open_services(location))
        self.window.resize(1600, 1000)
        self.window.show()
        self.page = next(p for p in self.window.pages if isinstance(p, BoardPage))
        self.window.tabs.setCurrentWidget(self.page)
        QApplication.processEvents()
        self.other: Services = open_services(location)
        data = self.page.data
        first, second = data.columns[0].id, data.columns[1].id
        self.columns = (first, second)
        self.card = data.orders[first][0]
        self.target = second

    def shown_in_target(self) -> bool:
        view = self.page.view.view_for(self.target)
        return view is not None and self.card in view.column_model().ids

    def move(self) -> float:
        """Move the card to the other column; returns the commit's time."""
        self.target = self.columns[1] if self.target == self.columns[0] else self.columns[0]
        start = time.perf_counter()
        self.other.tasks.move_tasks([TaskMove(self.card, self.target, 0)])
        return time.perf_counter() - start

    def until_shown(self, before: Callable[[], None] = lambda: None) -> float:
        start = time.perf_counter()
        before()  # the file's poll: it reads the board again before anything shows
        deadline = start + TIMEOUT_S
        while not self.shown_in_target():
            if time.perf_counter() > deadline:
                raise RuntimeError("the move did not show within 5 s")
            QApplication.processEvents()
        self.page.view.repaint()
        return time.perf_counter() - start

    def close(self) -> None:
        self.window.close()
        self.window.services.workspace.close()
        self.other.workspace.close()


def measure(pair: Pair, runs: int, on_server: bool) -> dict[str, float]:
    commits, shipped, work = [], [], []
    for _ in range(runs):
        commits.append(pair.move())
        shipped.append(pair.until_shown())
    for _ in range(runs):
        pair.move()
        if on_server:
            listener = pair.window.session._listener  # noqa: SLF001 - waiting for its socket
            select.select([listener.fileno()], [], [], TIMEOUT_S)
            work.append(pair.until_shown())
        else:
            work.append(pair.until_shown(pair.window.session.poll))
    if on_server:
        pair.move()
        listener = pair.window.session._listener  # noqa: SLF001
        select.select([listener.fileno()], [], [], TIMEOUT_S)
        trips = round_trips(pair.window.services, pair.until_shown)
        print(f"round trips for the other window to show a move: {trips}")
    return {"move a card (committed)": statistics.median(commits),
            "other window shows it, as shipped": statistics.median(shipped),
            "other window shows it, work only": statistics.median(work)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    reason = pg.missing_reason()
    if reason:
        print(f"skipped: {reason}")
        return 0
    app = QApplication.instance() or QApplication([])
    path = Path(tempfile.mkdtemp()) / "ref.pmdesk"
    workspace = create_workspace(path)
    DemoService(workspace).generate(args.initiatives, args.tasks, 1)
    workspace.close()
    cluster = pg.Cluster(settings="-c shared_buffers=128MB -c synchronous_commit=off")
    try:
        url = cluster.new_database()
        push_workspace(path, url)
        runs = {}
        for name, location in (("file", path), ("server", url)):
            pair = Pair(location)
            try:
                runs[name] = measure(pair, args.runs, name == "server")
            finally:
                pair.close()
    finally:
        cluster.close()
    del app
    print(f"reference workspace: {args.initiatives} initiatives, {args.tasks} cards; "
          f"PostgreSQL {pg.binaries().parent.name} on 127.0.0.1 "  # type: ignore[union-attr]
          f"(synchronous_commit off, as SQLite's synchronous=NORMAL); median of {args.runs}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'':36} {'file':>10} {'server':>10} {'ratio':>7}")
    for what, seconds in runs["file"].items():
        server = runs["server"][what]
        print(f"{what:<36} {seconds * 1000:8.2f}ms {server * 1000:8.2f}ms "
              f"{server / seconds:6.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
