"""A really full (or read-only) disk: one sentence, nothing half-written, check passes.

Each test mounts a small tmpfs of its own (tests/disks.py) and skips where it may not.
"""

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pmdesk.domain.errors import DiskFullError
from pmdesk.domain.values import TaskMove
from pmdesk.services.workspaces import open_services, write_demo
from pmdesk.store.integrity import check_file
from tests.disks import fill, free_space, make_read_only, small_disk
from tests.integration.cli import run_cli
from tests.unit.store.test_migrations import dump, old_workspace

DISK_KB = 3072


@pytest.fixture
def disk(tmp_path):
    with small_disk(tmp_path / "disk", DISK_KB) as where:
        yield where


def one_line_error(result) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def workspace_on(disk: Path, tmp_path: Path) -> Path:
    """A sample workspace written elsewhere and copied onto the small disk."""
    source = tmp_path / "source.pmdesk"
    write_demo(source, 10, 60, 1)
    shutil.copy(source, disk / "w.pmdesk")
    return disk / "w.pmdesk"


def test_a_card_move_on_a_full_disk_is_refused_and_nothing_changes(disk, tmp_path):
    ws = workspace_on(disk, tmp_path)
    services = open_services(ws)
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    columns = services.boards.list_columns(board.id)
    before = services.reads.board(board.id)
    fill(disk)
    card = before.tasks[0]
    with pytest.raises(DiskFullError, match="is full; free some space .* nothing was changed"):
        services.tasks.move_tasks([TaskMove(card.id, columns[-1].id, 0)])
    assert services.reads.board(board.id) == before
    services.workspace.close()
    assert check_file(ws).ok


def test_an_import_on_a_full_disk_is_one_line_and_imports_nothing(disk, tmp_path):
    ws = workspace_on(disk, tmp_path)
    cards = tmp_path / "cards.csv"
    cards.write_text("Summary,Description,Status\n" + "".join(
        f"Card {i},{'words ' * 200},To do\n" for i in range(2000)))
    fill(disk, leave_bytes=64 * 1024)
    before = dump(ws)
    line = one_line_error(run_cli("import", "csv", cards, ws))
    assert "is full; free some space" in line and "nothing was changed" in line
    assert dump(ws) == before
    assert run_cli("check", ws).returncode == 0


def test_a_backup_to_a_full_disk_leaves_no_partial_copy(disk, tmp_path):
    source = tmp_path / "w.pmdesk"
    write_demo(source, 10, 60, 1)
    fill(disk, leave_bytes=16 * 1024)
    line = one_line_error(run_cli("backup", source, "-o", disk / "copy.pmdesk"))
    assert "copy.pmdesk is full" in line and "no copy was written" in line
    assert files(disk) == {"filler.bin"}


def test_demo_on_a_full_disk_leaves_nothing_behind(disk):
    fill(disk, leave_bytes=96 * 1024)
    line = one_line_error(run_cli("demo", disk / "big.pmdesk", "--tasks", "2000"))
    assert "is full" in line
    assert files(disk) == {"filler.bin"}


def test_an_export_to_a_full_disk_leaves_no_partial_file(disk, tmp_path):
    source = tmp_path / "w.pmdesk"
    write_demo(source, 10, 60, 1)
    fill(disk, leave_bytes=4 * 1024)
    line = one_line_error(run_cli("export", "json", source, "-o", disk / "out.json"))
    assert "out.json is full; free some space" in line
    assert files(disk) == {"filler.bin"}


def test_an_upgrade_on_a_full_disk_leaves_the_file_as_it_was(disk, tmp_path):
    old, _ = old_workspace(tmp_path)
    with closing(sqlite3.connect(old)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    shutil.copy(old, disk / "old.pmdesk")
    ws = disk / "old.pmdesk"
    before = dump(ws)
    fill(disk, leave_bytes=8 * 1024)
    assert run_cli("check", ws).returncode == 0  # check reads an older file without writing
    with pytest.raises(DiskFullError, match="is full; .* the file was left as it was"):
        open_services(ws)
    free_space(disk)
    assert dump(ws) == before
    with closing(sqlite3.connect(ws)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_a_workspace_on_read_only_media_opens_read_only(disk, tmp_path):
    ws = workspace_on(disk, tmp_path)
    make_read_only(disk)
    services = open_services(ws)
    assert services.read_only
    assert services.products.list_products()
    services.workspace.close()
    check = run_cli("check", ws)
    assert check.returncode == 0, check.stdout + check.stderr
    exported = run_cli("export", "json", ws, "-o", tmp_path / "out.json")
    assert exported.returncode == 0, exported.stderr
    assert files(disk) == {"w.pmdesk"}
