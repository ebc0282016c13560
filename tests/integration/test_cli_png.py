"""`pmdesk export roadmap|board … -o OUT.png` renders the app's own views, headless."""

import pytest
from PySide6.QtGui import QImage

from tests.integration.cli import run_cli


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("png") / "w.pmdesk"
    assert run_cli("demo", path).returncode == 0
    return path


@pytest.mark.parametrize(("kind", "size"), [("roadmap", (1600, 900)), ("board", (1600, 1000))])
def test_png_export_has_the_expected_size_and_is_not_blank(sample, tmp_path, kind, size):
    out = tmp_path / f"{kind}.png"
    result = run_cli("export", kind, sample, "-o", out)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == size
    colours = {image.pixel(x, y) for x in range(0, size[0], 20) for y in range(0, size[1], 20)}
    assert len(colours) > 20


def test_png_export_of_the_second_product_by_name(sample, tmp_path):
    out = tmp_path / "ledger.png"
    result = run_cli("export", "board", sample, "-o", out, "--product", "Księga — Ledger")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() == 1600
    colours = {image.pixel(x, y) for x in range(0, image.width(), 20)
               for y in range(0, image.height(), 20)}
    assert len(colours) > 20  # cards drawn, not a blank canvas
