import io
import json
import os
import sqlite3

import pypdf
import pytest

from tests.integration.cli import run_cli


def one_line_error(result):
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def pdf(path):
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.pmdesk"
    result = run_cli("demo", path)
    assert result.returncode == 0, result.stderr
    return path


def test_onepager_is_one_page_named_after_the_product(ws, tmp_path):
    out = tmp_path / "one.pdf"
    result = run_cli("export", "onepager", ws, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Wrote the one-pager of “Atlas Field”" in result.stdout
    reader = pdf(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Atlas Field" in text and "demo.pmdesk" in text and "TOP PRIORITIES BY RICE" in text


def test_product_is_chosen_by_name_whatever_the_case(ws, tmp_path):
    products = sqlite3.connect(ws).execute("SELECT name FROM product ORDER BY position")
    second = products.fetchall()[1][0]
    out = tmp_path / "second.pdf"
    result = run_cli("export", "onepager", ws, "-o", out, "--product", second.upper(),
                     "--page-size", "letter")
    assert result.returncode == 0, result.stderr
    reader = pdf(out)
    assert second in reader.pages[0].extract_text()
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_exports_are_byte_identical(ws, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run_cli("export", "roadmap", ws, "-o", first).returncode == 0
    assert run_cli("export", "roadmap", ws, "-o", second).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_roadmap_with_a_range_and_board_by_name(ws, tmp_path):
    roadmap = tmp_path / "roadmap.pdf"
    result = run_cli("export", "roadmap", ws, "-o", roadmap, "--from", "2026-01-01",
                     "--to", "2026-06-30")
    assert result.returncode == 0, result.stderr
    assert "1 Jan 2026 – 30 Jun 2026" in pdf(roadmap).pages[0].extract_text()
    board = tmp_path / "board.pdf"
    result = run_cli("export", "board", ws, "-o", board, "--board", "delivery")
    assert result.returncode == 0, result.stderr
    reader = pdf(board)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    titles = [r[0] for r in sqlite3.connect(ws).execute(
        "SELECT title FROM task JOIN board ON board.id = task.board_id "
        "WHERE board.name = 'Delivery' AND archived_at IS NULL")]
    assert titles and all(title[:14] in text for title in titles)


def test_json_round_trips_the_counts(ws, tmp_path):
    out = tmp_path / "dump.json"
    result = run_cli("export", "json", ws, "-o", out)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    db = sqlite3.connect(ws)
    tables = {"products": "product", "goals": "goal", "lanes": "lane",
              "initiatives": "initiative", "milestones": "milestone",
              "dependencies": "dependency", "labels": "label", "boards": "board",
              "columns": "board_column", "tasks": "task", "checklist_items": "checklist_item",
              "people": "person"}
    for key, table in tables.items():
        (count,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert document["counts"][key] == count, key
    tasks = [t for p in document["products"] for b in p["boards"] for c in b["columns"]
             for t in c["tasks"]]
    assert len(tasks) == document["counts"]["tasks"]
    (links,) = db.execute("SELECT count(*) FROM task_label").fetchone()
    assert sum(len(t["label_ids"]) for t in tasks) == links


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("onepager", "{ws}", "-o", "{tmp}/x.pdf", "--product", "Nope"),
         "No product named “Nope”"),
        (("board", "{ws}", "-o", "{tmp}/x.pdf", "--board", "Nope"), "No board named “Nope”"),
        (("onepager", "{ws}", "-o", "{tmp}/x.docx"), "must end in .pdf"),
        (("roadmap", "{ws}", "-o", "{tmp}/x.txt"), "must end in .pdf or .png"),
        (("json", "{ws}", "-o", "{tmp}/x.pdf"), "must end in .json"),
        (("onepager", "{ws}", "-o", "{tmp}/missing/x.pdf"), "does not exist"),
        (("onepager", "{ws}", "-o", "{tmp}"), "must end in .pdf"),
        (("onepager", "{tmp}/none.pmdesk", "-o", "{tmp}/x.pdf"), "does not exist"),
        (("roadmap", "{ws}", "-o", "{tmp}/x.pdf", "--from", "2026-13-01"), "not a valid"),
        (("roadmap", "{ws}", "-o", "{tmp}/x.pdf", "--from", "2026-05-01", "--to", "2026-04-01"),
         "is before"),
    ],
)
def test_errors_are_one_line_and_exit_1(ws, tmp_path, args, message):
    filled = [a.format(ws=ws, tmp=tmp_path) for a in args]
    line = one_line_error(run_cli("export", *filled))
    assert message in line
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_output_is_one_line(ws, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        line = one_line_error(run_cli("export", "onepager", ws, "-o", locked / "x.pdf"))
    finally:
        locked.chmod(0o700)
    assert "permission denied" in line


def test_export_needs_a_kind(ws):
    assert run_cli("export", "poster", ws).returncode == 2
    assert run_cli("export").returncode == 2


def test_output_that_is_a_folder_is_one_line(ws, tmp_path):
    folder = tmp_path / "taken.pdf"
    folder.mkdir()
    assert "is a folder" in one_line_error(run_cli("export", "board", ws, "-o", folder))
