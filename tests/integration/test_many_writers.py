"""Several processes writing one workspace, and imports killed half-way (each a few seconds)."""

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.integration.cli import ROOT, run_cli

WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from pmdesk.services.workspaces import open_services
    services = open_services(Path(sys.argv[1]))
    name, seconds = sys.argv[2], float(sys.argv[3])
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    columns = services.boards.list_columns(board.id)
    card = services.tasks.create_task(columns[0].id, f"{name} shared").value
    end, i = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        created = services.tasks.create_task(columns[0].id, f"{name} {i}").value
        services.tasks.update_task(card.id, description=f"{name} edit {i}")
        print(created.id, flush=True)
        i += 1
    services.workspace.close()
""")


def writer(ws: Path, name: str, seconds: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", WRITER, str(ws), name, str(seconds)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.parametrize("writers", [2, 4])
def test_several_processes_writing_at_once_lose_no_acknowledged_change(tmp_path, writers):
    ws = tmp_path / "w.pmdesk"
    assert run_cli("demo", ws, "--tasks", "20").returncode == 0
    procs = [writer(ws, f"w{n}", 2.0) for n in range(writers)]
    acknowledged: set[int] = set()
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        acknowledged |= {int(line) for line in out.split()}
    assert len(acknowledged) > writers * 5
    with closing(sqlite3.connect(ws)) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM task")}
        created = [row[0] for row in conn.execute(
            "SELECT entity_id FROM event WHERE entity = 'task' AND action = 'create'")]
    assert acknowledged <= stored
    assert len(created) == len(set(created))  # one create per id: none reused, none lost
    assert acknowledged <= set(created)
    check = run_cli("check", ws)
    assert check.returncode == 0, check.stdout


def counts(ws: Path) -> tuple[int, int, int]:
    with closing(sqlite3.connect(ws)) as conn:
        return tuple(conn.execute(  # type: ignore[return-value]
            "SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM task), "
            "(SELECT count(*) FROM event)").fetchone())


@pytest.mark.parametrize("kill_after", [0.3, 0.9, 1.6])
def test_an_import_killed_half_way_is_wholly_absent_or_wholly_present(tmp_path, kill_after):
    ws = tmp_path / "w.pmdesk"
    assert run_cli("demo", ws, "--tasks", "20").returncode == 0
    cards = tmp_path / "cards.csv"
    with cards.open("w", newline="") as out:
        rows = csv.writer(out)
        rows.writerow(["Summary", "Status", "Description", "Labels"])
        rows.writerows([f"Card {i}", ("To do", "Doing", "Done")[i % 3], "words " * 20,
                        f"l{i % 7}"] for i in range(20000))
    before = counts(ws)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "pmdesk", "import", "csv", str(cards),
                             str(ws)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    time.sleep(kill_after)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    after = counts(ws)
    if after != before:  # the import committed before the kill: all of it is there
        assert after[0] == before[0] + 1 and after[1] == before[1] + 20000
    check = run_cli("check", ws)
    assert check.returncode == 0, check.stdout
