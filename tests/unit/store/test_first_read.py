"""The window's first read gives what the services give, and steps aside when unsure."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from pmdesk import documents
from pmdesk.domain.board_cards import CardRow
from pmdesk.domain.errors import ExportError
from pmdesk.services import Services
from pmdesk.services.demo import DemoService
from pmdesk.store import first_read, migrate, schema
from pmdesk.store.first_read import first_view
from pmdesk.store.workspace import create_workspace
from tests.conftest import FIXED_NOW


@pytest.fixture
def sample(tmp_path: Path) -> tuple[Path, Services]:
    path = tmp_path / "w.pmdesk"
    workspace = create_workspace(path)
    services = Services(workspace, clock=lambda: FIXED_NOW)
    DemoService(workspace, services.products.clock).generate(initiatives=10, tasks=90, seed=3)
    return path, services


def test_the_first_read_matches_the_services(sample: tuple[Path, Services]) -> None:
    path, services = sample
    products = services.products.list_products()
    for product in products:
        view = first_view(path, product.id, FIXED_NOW.date(), shown=10_000)
        assert view is not None and view.product_id == product.id
        assert [(p.id, p.name) for p in view.products] == [(p.id, p.name) for p in products]
        boards = services.boards.list_boards(product.id)
        assert list(view.boards) == boards
        assert view.cards is not None and not view.cards.complete
        assert replace(view.cards, complete=True) == services.boards.cards(boards[0].id)
        assert [view.cards.task(row) for row in view.cards.rows] == list(
            services.reads.board(boards[0].id).tasks)
    services.workspace.close()


def test_only_the_top_of_each_column_is_read_in_full(sample: tuple[Path, Services]) -> None:
    path, services = sample
    view = first_view(path, None, FIXED_NOW.date(), shown=3)
    assert view is not None and view.cards is not None and view.boards
    full = services.boards.cards(view.boards[0].id)
    services.workspace.close()
    assert view.cards.snapshot == full.snapshot
    assert [r.id for r in view.cards.rows] == [r.id for r in full.rows]  # all in place
    seen: dict[int, int] = {}
    for row, read in zip(view.cards.rows, full.rows, strict=True):
        seen[row.column_id] = seen.get(row.column_id, 0) + 1
        if seen[row.column_id] <= 3:
            assert row == read and view.cards.task(row) == full.task(read)
        else:
            assert row == CardRow.placeholder(read.id, read.board_id, read.column_id,
                                              read.position)
    assert max(seen.values()) > 3


def test_an_unknown_product_falls_back_to_the_first(sample: tuple[Path, Services]) -> None:
    path, services = sample
    first = services.products.list_products()[0]
    services.workspace.close()
    view = first_view(path, 9999)
    assert view is not None and view.product_id == first.id


def test_the_mark_moves_with_every_write(sample: tuple[Path, Services]) -> None:
    path, services = sample
    before = first_view(path, None)
    product = services.products.list_products()[0]
    services.products.create_product("Another")
    after = first_view(path, product.id)
    services.workspace.close()
    assert before is not None and after is not None and after.mark > before.mark


def test_the_head_constant_is_alembics_head() -> None:
    assert schema.HEAD_REVISION == migrate.head_revision()


def test_an_empty_workspace_has_no_board_to_show(tmp_path: Path) -> None:
    path = tmp_path / "empty.pmdesk"
    create_workspace(path).close()
    view = first_view(path, None)
    assert view is not None and (view.products, view.product_id, view.cards) == ((), None, None)


def _older(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
        conn.commit()


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 0")


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a database at all" * 100)


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:4096])


def _read_only(path: Path) -> None:
    path.chmod(0o444)


@pytest.mark.parametrize("spoil", [_older, _foreign, _garbage, _truncated, _read_only])
def test_anything_unusual_takes_the_usual_way(sample: tuple[Path, Services], spoil) -> None:  # noqa: ANN001
    path, services = sample
    services.workspace.close()
    spoil(path)
    if spoil is _read_only and os.access(path, os.W_OK):
        pytest.skip("running as a user who may write anywhere")
    assert first_view(path, None) is None


def test_a_missing_file_or_a_server_takes_the_usual_way(tmp_path: Path) -> None:
    assert first_view(tmp_path / "nothing.pmdesk", None) is None
    assert first_view(tmp_path, None) is None  # a folder
    assert first_view("postgresql://me@localhost/pm", None) is None


def test_a_writer_holding_the_file_takes_the_usual_way(sample: tuple[Path, Services]) -> None:
    path, services = sample
    services.workspace.close()
    with closing(sqlite3.connect(path, isolation_level=None)) as writer:
        writer.execute("PRAGMA journal_mode=DELETE")
        writer.execute("BEGIN EXCLUSIVE")
        assert first_view(path, None) is None
        writer.execute("ROLLBACK")
        writer.execute("PRAGMA journal_mode=WAL")
    assert first_view(path, None) is not None


def test_the_first_read_imports_neither_sqlalchemy_nor_alembic() -> None:
    code = ("import sys, pmdesk.store.first_read; "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'reportlab', 'PySide6') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


# ----- an image export of a file reads its board with sqlite3 alone
def test_products_boards_and_cards_are_what_the_services_read(sample) -> None:
    path, services = sample
    listed = first_read.products_and_boards(path)
    assert listed is not None
    products, boards = listed
    assert [(p.id, p.name) for p in products] == [
        (p.id, p.name) for p in services.products.list_products()]
    for product in products:
        assert list(boards[product.id]) == services.boards.list_boards(product.id)
        for board in boards[product.id]:
            cards = first_read.board_cards(path, board.id, FIXED_NOW.date())
            assert cards is not None
            snapshot = services.reads.board(board.id, FIXED_NOW.date())
            assert [cards.task(row) for row in cards.rows] == list(snapshot.tasks)
            assert cards.snapshot.columns == snapshot.columns
    assert first_read.board_cards(path, 10_000) is None
    services.workspace.close()


def test_a_server_or_a_missing_file_is_left_to_the_services(tmp_path: Path) -> None:
    assert first_read.products_and_boards("postgresql://u@h/db") is None
    assert first_read.products_and_boards(tmp_path / "none.pmdesk") is None
    assert first_read.board_cards(tmp_path / "none.pmdesk", 1) is None
    assert documents.file_board_sheet(tmp_path / "none.pmdesk", None, None) is None
    (tmp_path / "junk.pmdesk").write_bytes(b"not a database at all" * 100)
    assert documents.file_board_sheet(tmp_path / "junk.pmdesk", None, None) is None


def test_names_are_picked_as_the_services_path_picks_them(sample) -> None:
    path, services = sample
    services.workspace.close()
    found = documents.file_board_sheet(path, "  księga —   LEDGER ", None)
    assert found is not None and found[1].name == "Księga — Ledger"
    with pytest.raises(ExportError, match="No product named “Nope” in w.pmdesk; it has"):
        documents.file_board_sheet(path, "Nope", None)
    with pytest.raises(ExportError, match="No board named “Nope” in “Atlas Field”"):
        documents.file_board_sheet(path, None, "Nope")


def test_the_roadmap_read_is_what_the_services_read(sample) -> None:
    path, services = sample
    for product in services.products.list_products():
        assert first_read.roadmap_snapshot(path, product.id, FIXED_NOW.date()) == (
            services.reads.roadmap(product.id, FIXED_NOW.date()))
    assert first_read.roadmap_snapshot(path, 10_000) is None
    assert first_read.roadmap_snapshot("postgresql://u@h/db", 1) is None
    services.workspace.close()
    found = documents.file_roadmap_sheet(path, "Księga — Ledger", None, None)
    assert found is not None and found[1].name == "Księga — Ledger"
    assert documents.file_roadmap_sheet(path.with_name("none.pmdesk"), None, None, None) is None
