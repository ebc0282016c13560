"""A writer killed with SIGKILL mid-stream loses no committed change."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from pmdesk.services.workspaces import open_services
from tests.integration.cli import ROOT, run_cli

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pmdesk.services.workspaces import open_services
    services = open_services(Path(sys.argv[1]))
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    column = services.boards.list_columns(board.id)[0]
    i = 0
    while True:
        task = services.tasks.create_task(column.id, f"stream {i}").value
        print(task.id, flush=True)
        i += 1
""")


def test_sigkill_during_a_stream_of_commits_loses_nothing_committed(tmp_path):
    ws = tmp_path / "w.pmdesk"
    assert run_cli("demo", ws, "--tasks", "10").returncode == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(ws)], stdout=subprocess.PIPE,
                              text=True, env=env)
    acknowledged = []
    assert writer.stdout is not None
    for line in writer.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= 150:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    writer.stdout.close()

    services = open_services(Path(ws))
    boards = services.boards.list_boards(1)
    stored = {t.id for b in boards for t in services.reads.board(b.id).tasks}
    services.workspace.close()
    assert set(acknowledged) <= stored
    check = run_cli("check", ws)
    assert check.returncode == 0, check.stdout
