import hashlib
import sqlite3

import pytest

from pmdesk import __version__
from pmdesk.store.migrate import head_revision
from tests.integration.cli import run_cli


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_error(result):
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pmdesk {__version__}"


def test_help_lists_every_command_with_a_description():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("demo", "check", "backup"):
        assert command in result.stdout


def test_usage_errors_exit_2():
    assert run_cli("demo").returncode == 2
    assert run_cli("check", "a", "b").returncode == 2


def test_demo_then_check_succeeds(tmp_path):
    ws = tmp_path / "w.pmdesk"
    demo = run_cli("demo", ws)
    assert demo.returncode == 0, demo.stderr
    assert "2 products" in demo.stdout
    check = run_cli("check", ws)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "integrity:   ok" in check.stdout
    assert f"schema:      {head_revision()} (current)" in check.stdout


def test_demo_is_deterministic_for_a_seed(tmp_path):
    rows = []
    for name in ("a.pmdesk", "b.pmdesk"):
        assert run_cli("demo", tmp_path / name, "--tasks", "60", "--seed", "7").returncode == 0
        with sqlite3.connect(tmp_path / name) as conn:
            rows.append(conn.execute(
                "SELECT title, column_id, due_date, estimate FROM task ORDER BY id").fetchall())
    assert rows[0] == rows[1] and len(rows[0]) == 80


def test_demo_refuses_to_overwrite(tmp_path):
    ws = tmp_path / "w.pmdesk"
    ws.write_text("precious")
    line = one_line_error(run_cli("demo", ws))
    assert "already exists" in line
    assert ws.read_text() == "precious"


def test_demo_refuses_absurd_sizes_without_leaving_a_file(tmp_path):
    ws = tmp_path / "w.pmdesk"
    line = one_line_error(run_cli("demo", ws, "--tasks", "-5"))
    assert "--tasks" in line
    assert not ws.exists()


@pytest.mark.parametrize("kind", ["text", "truncated", "newer"])
def test_check_refuses_bad_files_with_one_line_and_leaves_them_untouched(tmp_path, kind):
    ws = tmp_path / "w.pmdesk"
    if kind == "text":
        ws.write_text("not a database")
    else:
        assert run_cli("demo", ws).returncode == 0
        if kind == "truncated":
            data = ws.read_bytes()
            ws.write_bytes(data[: len(data) // 3])
        else:
            with sqlite3.connect(ws) as conn:
                conn.execute("UPDATE alembic_version SET version_num = 'future'")
            conn.close()
    before = digest(ws)
    line = one_line_error(run_cli("check", ws))
    assert ws.name in line
    assert digest(ws) == before


def test_check_reports_inconsistent_rows(tmp_path):
    ws = tmp_path / "w.pmdesk"
    assert run_cli("demo", ws).returncode == 0
    with sqlite3.connect(ws) as conn:
        conn.execute("UPDATE initiative SET goal_id = (SELECT max(id) FROM goal) WHERE id = 1")
    conn.close()
    result = run_cli("check", ws)
    assert result.returncode == 1
    assert "initiatives with another product's goal" in result.stdout


def test_backup_writes_a_checkable_copy(tmp_path):
    ws, copy = tmp_path / "w.pmdesk", tmp_path / "copy.pmdesk"
    assert run_cli("demo", ws).returncode == 0
    result = run_cli("backup", ws, "-o", copy)
    assert result.returncode == 0, result.stderr
    assert run_cli("check", copy).returncode == 0
    line = one_line_error(run_cli("backup", ws, "-o", copy))
    assert "already exists" in line


def test_missing_workspace_is_one_line(tmp_path):
    line = one_line_error(run_cli("check", tmp_path / "nope.pmdesk"))
    assert "does not exist" in line


def test_opening_the_window_without_a_display_is_one_line(tmp_path, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    import os
    import subprocess
    import sys

    from tests.integration.cli import ROOT

    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-m", "pmdesk", str(tmp_path / "w.pmdesk")],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "pmdesk: no graphical display was found, so the window cannot open; the commands in "
        "'pmdesk --help' work without one."]


def test_new_creates_an_empty_workspace_once(tmp_path):
    ws = tmp_path / "empty.pmdesk"
    created = run_cli("new", ws)
    assert created.returncode == 0, created.stderr
    check = run_cli("check", ws)
    assert check.returncode == 0 and "products:    0" in check.stdout
    assert "already exists" in one_line_error(run_cli("new", ws))


def test_a_killed_demo_leaves_no_workspace_and_can_run_again(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.integration.cli import ROOT

    ws = tmp_path / "w.pmdesk"
    partial = tmp_path / ".w.pmdesk.partial"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    demo = subprocess.Popen([sys.executable, "-m", "pmdesk", "demo", str(ws), "--initiatives",
                             "1000", "--tasks", "10000"], env=env)
    while not partial.exists() and demo.poll() is None:
        time.sleep(0.01)
    os.kill(demo.pid, signal.SIGKILL)
    demo.wait()
    assert not ws.exists()
    again = run_cli("demo", ws, "--tasks", "20")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.pmdesk"]


@pytest.mark.parametrize("damage", [
    "DROP TABLE milestone",
    "ALTER TABLE task DROP COLUMN due_date",
])
def test_a_workspace_missing_parts_is_refused_untouched_with_nothing_beside_it(tmp_path, damage):
    ws = tmp_path / "w.pmdesk"
    assert run_cli("demo", ws, "--tasks", "20").returncode == 0
    with sqlite3.connect(ws) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute(damage)
    conn.close()
    before = digest(ws)
    for command in (["check", ws], ["export", "json", ws, "-o", tmp_path / "o.json"],
                    ["import", "csv", ws, ws]):
        line = one_line_error(run_cli(*command))
        assert "w.pmdesk is damaged: the table" in line
    assert digest(ws) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.pmdesk"]


def test_check_reports_stored_values_the_app_cannot_read(tmp_path):
    ws = tmp_path / "w.pmdesk"
    assert run_cli("demo", ws, "--tasks", "20").returncode == 0
    with sqlite3.connect(ws) as conn:
        conn.execute("UPDATE task SET due_date = 'next tuesday' WHERE id = 1")
        conn.execute("UPDATE initiative SET status = 'weird' WHERE id = 1")
        conn.execute("UPDATE task SET estimate = 9e999 WHERE id = 2")
    conn.close()
    result = run_cli("check", ws)
    assert result.returncode == 1
    assert "1 value(s) in task.due_date are not a valid date" in result.stdout
    assert "initiative.status are not one of the allowed values" in result.stdout
    assert "task.estimate are not a finite number" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.pmdesk"]


def test_a_damaged_file_is_summarised_in_one_line_and_leaves_nothing_beside_it(tmp_path):
    ws = tmp_path / "w.pmdesk"
    assert run_cli("demo", ws).returncode == 0
    data = bytearray(ws.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096 * 2):
        data[offset + 100: offset + 400] = b"\xff" * 300
    ws.write_bytes(bytes(data))
    line = one_line_error(run_cli("check", ws))
    assert "damaged" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.pmdesk"]
