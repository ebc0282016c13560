"""`pmdesk export flow`: a board's flow charts (PDF, PNG) and its finished cards (CSV)."""

import csv
from datetime import date

import pytest
from pypdf import PdfReader

from tests.integration.cli import run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("flow") / "w.pmdesk"
    assert run_cli("demo", path).returncode == 0
    return path


def rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_one_row_per_finished_card_with_its_cycle_and_lead_time(sample, tmp_path):
    out = tmp_path / "done.csv"
    result = run_cli("export", "flow", sample, "-o", out, "--from", "2026-01-01",
                     "--to", "2026-12-31")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote the finished cards of the board “Delivery”")
    found = rows(out)
    assert len(found) >= 10
    for row in found:
        created, started, finished = (date.fromisoformat(row[k])
                                      for k in ("created", "started", "finished"))
        assert created <= started <= finished
        assert int(row["cycle time (days)"]) == (finished - started).days + 1
        assert int(row["lead time (days)"]) == (finished - created).days + 1
        assert date(2026, 1, 1) <= finished <= date(2026, 12, 31)
    assert [r["finished"] for r in found] == sorted(r["finished"] for r in found)


def test_a_shorter_range_keeps_only_the_cards_finished_in_it(sample, tmp_path):
    every, part = tmp_path / "all.csv", tmp_path / "part.csv"
    assert run_cli("export", "flow", sample, "-o", every, "--from", "2026-01-01",
                   "--to", "2026-12-31").returncode == 0
    assert run_cli("export", "flow", sample, "-o", part, "--from", "2026-11-01",
                   "--to", "2026-11-30").returncode == 0
    inside = [r for r in rows(every) if "2026-11-01" <= r["finished"] <= "2026-11-30"]
    assert rows(part) == inside and 0 < len(inside) < len(rows(every))


def test_pdf_is_one_page_with_the_four_charts(sample, tmp_path):
    out = tmp_path / "flow.pdf"
    result = run_cli("export", "flow", sample, "-o", out, "--board", "delivery")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0].extract_text()
    for words in ("Delivery — flow", "Cumulative flow", "Throughput per week",
                  "Cycle time of finished cards", "Age of the work in progress", "P85",
                  "In progress"):
        assert words in page
    assert reader.metadata.title == "Delivery — flow"


def test_png_is_the_drawn_page(qapp, sample, tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "flow.png"
    result = run_cli("export", "flow", sample, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1684, 1191)  # A4 landscape, 2 px a point
    colours = {image.pixelColor(x, y).name() for x in range(0, 1684, 7)
               for y in range(200, 1100, 7)}
    assert "#3e9b5a" in colours  # the done band of the cumulative flow
    assert "#4c84e8" in colours  # the throughput bars


def test_bad_input_is_one_sentence_and_writes_nothing(sample, tmp_path):
    cases = [
        (("--from", "2026-12-31", "--to", "2026-10-01"),
         "pmdesk: --to 2026-10-01 is before --from 2026-12-31."),
        (("--board", "Nope"), "pmdesk: No board named “Nope” in “Atlas Field”; it has "
                              "“Delivery”."),
        (("--from", "31/12/2026"), "pmdesk: “31/12/2026” is not a valid --from date; use "
                                   "YYYY-MM-DD."),
    ]
    for extra, message in cases:
        out = tmp_path / "x.csv"
        result = run_cli("export", "flow", sample, "-o", out, *extra)
        assert result.returncode == 1
        assert result.stderr.strip() == message
        assert not out.exists()
    wrong = run_cli("export", "flow", sample, "-o", tmp_path / "x.txt")
    assert wrong.returncode == 1 and ".pdf or .png or .csv" in wrong.stderr
