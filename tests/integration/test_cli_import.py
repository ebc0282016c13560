import os
import sqlite3
from pathlib import Path

import pytest

from pmdesk.cli import main
from pmdesk.store import sqlite
from pmdesk.store.workspace import create_workspace
from tests.integration.cli import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "trello"


@pytest.fixture
def ws(tmp_path):
    path = tmp_path / "w.pmdesk"
    create_workspace(path).close()
    return path


def rows(path):
    """Every table's rows and the event count, read with plain sqlite3."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
                for name in tables}


def one_line(result, code=1):
    assert result.returncode == code, result.stdout + result.stderr
    output = result.stderr if code else result.stdout
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(("name", "expected"), [
    ("trello-nextcloud-deck-fixture-minimal.json",
     "Imported Trello board “Test Board Name” into new product “Test Board Name”: 1 column, "
     "1 card, 1 label, 1 person, 0 checklist items ("),
    ("trello-clipkit-japanese-board.json",
     "Imported Trello board “Clipkit” into new product “Clipkit”: 4 columns, 67 cards "
     "(1 archived), 3 labels, 3 people, 0 checklist items, 4 comments, 71 dated card moves; "
     "skipped 1 archived list ("),
    ("trello-avidyne-engineering-mostly-archived.json",
     "Imported Trello board “Avidyne (General)” into new product “Avidyne (General)”: "
     "8 columns, 110 cards (88 archived), 12 labels, 1 person, 9 checklist items, "
     "284 comments, 4 dated card moves; skipped 5 archived lists, 7 cards in archived lists, "
     "20 comments on cards not imported ("),
])
def test_real_trello_exports_import_with_a_one_line_summary(ws, name, expected):
    line = one_line(run_cli("import", "trello", DATA / name, ws), code=0)
    assert line.startswith(expected) and line.endswith(" s).")
    with sqlite3.connect(ws) as conn:
        assert conn.execute("SELECT count(*) FROM product").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    check = run_cli("check", ws)
    assert check.returncode == 0, check.stdout + check.stderr


def test_japanese_text_survives_the_round_trip(ws):
    run_cli("import", "trello", DATA / "trello-clipkit-japanese-board.json", ws)
    with sqlite3.connect(ws) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM board_column ORDER BY position")]
    assert names == ["やりたいこと", "やること", "作業中", "クローズ"]


def test_include_archived_and_an_existing_product(ws):
    path = DATA / "trello-avidyne-engineering-mostly-archived.json"
    run_cli("import", "trello", path, ws)
    line = one_line(run_cli("import", "trello", path, ws, "--product", "Avidyne (General)",
                            "--include-archived"), code=0)
    assert "into product “Avidyne (General)”, new board “Avidyne (General) (2)”: 13 columns, " \
           "117 cards (95 archived)" in line


def test_csv_import(ws, tmp_path):
    csv = tmp_path / "Sprint 12.csv"
    csv.write_text("\ufeffSummary;Status;Story Points\nA;Done;3\nB;In progress;\n",
                   encoding="utf-8")
    line = one_line(run_cli("import", "csv", csv, ws), code=0)
    assert line.startswith("Imported Sprint 12.csv into new product “Sprint 12”: 2 columns, "
                           "2 cards, 0 labels, 0 people, 0 checklist items (")
    line = one_line(run_cli("import", "csv", csv, ws, "--product", "Sprint 12", "--board",
                            "Sprint 12"), code=0)
    assert "board “Sprint 12”: 0 new columns, 2 cards" in line


@pytest.mark.parametrize(("content", "message"), [
    ("title,due\nA,2026-01-01\nB,31/02/2026\n",
     "pmdesk: Row 3: “31/02/2026” is not a valid due date; use YYYY-MM-DD."),
    ("Status\nDone\n", "pmdesk: bad.csv has no title column"),
    ("title,estimate\nA,many\n", "pmdesk: Row 2: the estimate “many” is not a number."),
])
def test_bad_csv_files_print_one_line_and_write_nothing(ws, tmp_path, content, message):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    before = rows(ws)
    line = one_line(run_cli("import", "csv", bad, ws))
    assert line.startswith(message)
    assert rows(ws) == before


def test_bad_trello_files_print_one_line_and_write_nothing(ws, tmp_path):
    before = rows(ws)
    not_json = tmp_path / "board.json"
    not_json.write_text("<html>Sign in to Trello</html>", encoding="utf-8")
    assert one_line(run_cli("import", "trello", not_json, ws)).startswith(
        "pmdesk: board.json is not valid JSON (line 1, column 1")
    not_board = tmp_path / "card.json"
    not_board.write_text('{"name": "a card", "idList": "x"}', encoding="utf-8")
    assert "not a Trello board export" in one_line(run_cli("import", "trello", not_board, ws))
    missing = one_line(run_cli("import", "trello", tmp_path / "gone.json", ws))
    assert missing.endswith("gone.json does not exist.")
    unknown = one_line(run_cli("import", "trello", DATA / "trello-nextcloud-deck-fixture-"
                               "minimal.json", ws, "--product", "Nope"))
    assert "no product called “Nope”" in unknown
    assert rows(ws) == before


def test_the_workspace_must_exist_and_be_a_workspace(tmp_path):
    path = DATA / "trello-nextcloud-deck-fixture-minimal.json"
    missing = tmp_path / "new.pmdesk"
    assert "does not exist" in one_line(run_cli("import", "trello", path, missing))
    assert not missing.exists()
    text = tmp_path / "notes.pmdesk"
    text.write_text("my notes")
    assert "not a pmdesk workspace" in one_line(run_cli("import", "trello", path, text))
    assert text.read_text() == "my notes"


def test_a_read_only_workspace_gives_one_line(ws, monkeypatch, capsys):
    before = rows(ws)
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    code = main(["import", "trello", str(DATA / "trello-clipkit-japanese-board.json"), str(ws)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and "read-only" in err[0]
    assert rows(ws) == before


def test_a_locked_workspace_gives_one_line(ws, monkeypatch, capsys):
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", 100)
    before = rows(ws)
    holder = sqlite3.connect(ws, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["import", "csv", str(_csv(ws.parent)), str(ws)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and "busy in another program" in err[0]
    assert rows(ws) == before


def _csv(folder):
    path = folder / "cards.csv"
    path.write_text("title\nA\n", encoding="utf-8")
    return path


def test_usage(ws):
    assert run_cli("import").returncode == 2
    assert run_cli("import", "trello", ws).returncode == 2
    assert run_cli("import", "xml", "a", ws).returncode == 2
    help_text = run_cli("import", "--help").stdout
    assert "trello" in help_text and "csv" in help_text
    assert "import" in run_cli("--help").stdout


@pytest.fixture
def demo_export(tmp_path):
    demo = tmp_path / "demo.pmdesk"
    assert run_cli("demo", demo).returncode == 0
    export = tmp_path / "demo.json"
    result = run_cli("export", "json", "-o", export, demo)
    assert result.returncode == 0, result.stderr
    return export


def test_a_pmdesk_json_export_imports_every_product_with_a_one_line_summary(ws, demo_export):
    line = one_line(run_cli("import", "json", demo_export, ws), code=0)
    assert line.startswith("Imported pmdesk workspace “demo.pmdesk” into 2 new products “")
    with sqlite3.connect(demo_export.with_suffix(".pmdesk")) as conn:
        archived = conn.execute("SELECT count(*) FROM task WHERE archived_at IS NOT NULL")
        cards = f"170 cards ({archived.fetchone()[0]} archived)"
    assert "36 initiatives" in line and cards in line
    assert line.endswith(" s).")
    again = one_line(run_cli("import", "json", demo_export, ws, "--product", "atlas field"),
                     code=0)
    assert "into new product “Atlas Field (2)”" in again and "(8 existing reused)" in again
    with sqlite3.connect(ws) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM product ORDER BY position")] == [
            "Atlas Field", "Księga — Ledger", "Atlas Field (2)"]
    check = run_cli("check", ws)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", "is not valid JSON"),
    ('{"format": "pmdesk-workspace", "format_version": 7, "products": []}',
     "is format version 7, newer than this pmdesk reads (1)"),
])
def test_a_refused_pmdesk_json_file_is_one_line_on_stderr_and_writes_nothing(
    ws, tmp_path, content, expected
):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = rows(ws)
    line = one_line(run_cli("import", "json", bad, ws))
    assert line.startswith("pmdesk: bad.json") and expected in line
    assert rows(ws) == before


def test_an_unknown_product_of_the_file_is_refused(ws, demo_export):
    before = rows(ws)
    line = one_line(run_cli("import", "json", demo_export, ws, "--product", "Nope"))
    assert "has no product called “Nope” (its products: “Atlas Field”, “Księga — Ledger”)" in line
    assert rows(ws) == before
