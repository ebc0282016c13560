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
    assert result.stderr == ""  # stderr is for errors; Qt's chatter stays out of it
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


def test_verbose_shows_qt_warnings_again(sample, tmp_path):
    result = run_cli("--verbose", "export", "roadmap", sample, "-o", tmp_path / "r.png")
    assert result.returncode == 0, result.stderr
    assert "Qt: " in result.stderr


def test_roadmap_png_shows_the_asked_dates(sample, tmp_path):
    whole, part = tmp_path / "whole.png", tmp_path / "part.png"
    assert run_cli("export", "roadmap", sample, "-o", whole).returncode == 0
    result = run_cli("export", "roadmap", sample, "-o", part, "--from", "2020-01-01",
                     "--to", "2020-03-31")
    assert result.returncode == 0, result.stderr
    assert QImage(str(part)) != QImage(str(whole))
