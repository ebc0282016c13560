"""`pmdesk export roadmap|board … -o OUT.png`: the PDF's page as one image, headless."""

import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from tests.integration.cli import ROOT, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("png") / "w.pmdesk"
    assert run_cli("demo", path).returncode == 0
    return path


def in_process(sample, kind, **dates):  # needs the qapp fixture: one application per run
    """The same export drawn in this process, for comparison with the command's file."""
    from pmdesk import documents
    from pmdesk.services.workspaces import open_services
    from pmdesk.ui.sheet_image import sheet_image

    services = open_services(sample, read_only=True)
    try:
        product = services.products.list_products()[0]
        if kind == "roadmap":
            sheet = documents.roadmap_sheet(services, product.id, **dates)
        else:
            board = services.boards.list_boards(product.id)[0]
            sheet = documents.board_sheet(services, board.id)
        return sheet_image(sheet)
    finally:
        services.workspace.close()


@pytest.mark.parametrize("kind", ["roadmap", "board"])
def test_png_export_is_the_drawn_document_and_says_nothing_on_stderr(qapp, sample, tmp_path,
                                                                       kind):
    out = tmp_path / f"{kind}.png"
    result = run_cli("export", kind, sample, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # stderr is for errors; Qt's chatter stays out of it
    assert result.stdout.startswith(f"Wrote the {kind}")
    image = QImage(str(out))
    assert image.width() == 1684  # A4 landscape at two pixels a point, as the PDF's page
    assert image == in_process(sample, kind)


def test_png_export_of_the_second_product_by_name(qapp, sample, tmp_path):
    out = tmp_path / "ledger.png"
    result = run_cli("export", "board", sample, "-o", out, "--product", "Księga — Ledger")
    assert result.returncode == 0, result.stderr
    assert "“Sprint”" in result.stdout
    assert QImage(str(out)) != in_process(sample, "board")


def test_roadmap_png_shows_the_asked_dates(qapp, sample, tmp_path):
    from datetime import date

    part = tmp_path / "part.png"
    result = run_cli("export", "roadmap", sample, "-o", part, "--from", "2026-10-01",
                     "--to", "2026-12-31")
    assert result.returncode == 0, result.stderr
    image = QImage(str(part))
    assert image == in_process(sample, "roadmap", start=date(2026, 10, 1),
                               end=date(2026, 12, 31))
    assert image != in_process(sample, "roadmap")
    wrong = run_cli("export", "roadmap", sample, "-o", tmp_path / "x.png", "--from",
                    "2026-12-31", "--to", "2026-10-01")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == "pmdesk: --to 2026-10-01 is before --from 2026-12-31."
    assert not (tmp_path / "x.png").exists()


def test_verbose_lets_qt_warnings_through():
    code = ("import sys; from PySide6.QtCore import qWarning; "
            "from pmdesk.ui.qt_platform import quiet_qt_messages; "
            "quiet_qt_messages(sys.argv[1] == 'verbose'); qWarning('plugin chatter')")
    for mode, shown in (("verbose", True), ("quiet", False)):
        result = subprocess.run([sys.executable, "-c", code, mode], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert ("Qt: plugin chatter" in result.stderr) is shown


@pytest.mark.parametrize("kind", ["roadmap", "board"])
def test_png_export_loads_no_pdf_library(sample, tmp_path, kind):
    """An image is drawn with Qt from pmdesk's own shapes: reportlab is never imported."""
    out = tmp_path / f"{kind}.png"
    code = (
        "import contextlib, io, os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pmdesk.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['export', {kind!r}, {str(sample)!r}, '-o', {str(out)!r}]) == 0\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "PySide6" in loaded and out.exists()
    assert loaded.isdisjoint({"reportlab", "fontTools"})
    if kind == "board":  # a file's board is read with sqlite3 alone
        assert loaded.isdisjoint({"sqlalchemy", "alembic"})
