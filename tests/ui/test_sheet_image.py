"""The PNG exports are the PDF's page painted on an image, read back as a user sees it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage

from pmdesk import documents
from pmdesk.export.board import KIND_COLOURS, MARGIN
from pmdesk.export.fonts import BOLD
from pmdesk.export.shapes import String
from pmdesk.export.sheet import Sheet
from pmdesk.services import Services
from pmdesk.services.workspaces import new_services
from pmdesk.ui import sheet_image
from pmdesk.ui.sheet_image import render_board_png, render_roadmap_png

SCALE = sheet_image.SCALE
WHITE = b"\xff\xff\xff\xff"


@pytest.fixture
def sample(qapp, tmp_path) -> Iterator[Services]:  # noqa: ANN001
    services = new_services(tmp_path / "sample.pmdesk", sample=True)
    yield services
    services.workspace.close()


def rows(image: QImage) -> list[bytes]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data, stride = bytes(image.constBits()), image.bytesPerLine()
    return [data[y * stride:y * stride + image.width() * 4] for y in range(image.height())]


def widest_white_band(image: QImage) -> int:
    """The most consecutive rows of pixels with nothing drawn on them."""
    blank = WHITE * image.width()
    best = run = 0
    for row in rows(image):
        run = run + 1 if row == blank else 0
        best = max(best, run)
    return best


def margins_are_blank(image: QImage) -> bool:
    """Nothing (no scroll bar, no widget edge) in the side margins under the top strip."""
    side = int((MARGIN - 2) * SCALE)
    right = (image.width() - side) * 4
    return all(row[:side * 4] == WHITE * side and row[right:] == WHITE * side
               for row in rows(image)[int(6 * SCALE):])


def title_is_drawn(image: QImage, sheet: Sheet, title: str) -> bool:
    """Every dark pixel of the title painted alone is dark in the image too."""
    alone = Sheet(sheet.width, sheet.height, lambda sink: sink.add(
        String(MARGIN, sheet.height - MARGIN - 13, title, font=BOLD, size=14)))
    expected = sheet_image.sheet_image(alone)
    height = int((MARGIN + 20) * SCALE)
    dark = [(x, y) for y in range(height) for x in range(0, expected.width(), 2)
            if expected.pixelColor(x, y).lightness() < 100]
    return len(dark) > 200 and all(image.pixelColor(x, y).lightness() < 140 for x, y in dark)


def test_board_png_is_the_whole_board_as_a_document(sample, tmp_path):
    product = sample.products.list_products()[0]
    board = sample.boards.list_boards(product.id)[0]
    out = render_board_png(sample, board.id, tmp_path / "board.png")
    image = QImage(str(out))
    sheet = documents.board_sheet(sample, board.id)
    assert (image.width(), image.height()) == (round(sheet.width * SCALE),
                                               round(sheet.height * SCALE))
    assert title_is_drawn(image, sheet, f"{product.name} · {board.name} — board")
    assert widest_white_band(image) < 30 * SCALE  # as tall as its longest column, no more
    assert margins_are_blank(image)
    # Every column's head, side by side: its kind's colour strip along the top.
    strip = int((MARGIN + 42 + 1.2) * SCALE)
    kinds = {QColor(value).rgb() for value in KIND_COLOURS.values()}
    heads, inside = 0, False
    for x in range(image.width()):
        coloured = image.pixel(x, strip) in kinds
        heads += coloured and not inside
        inside = coloured
    assert heads == len(sample.boards.list_columns(board.id))


def test_roadmap_png_is_the_roadmap_as_a_document(sample, tmp_path):
    product = sample.products.list_products()[0]
    out = render_roadmap_png(sample, product.id, tmp_path / "roadmap.png")
    image = QImage(str(out))
    sheet = documents.roadmap_sheet(sample, product.id)
    assert image.height() == round(sheet.height * SCALE)
    assert title_is_drawn(image, sheet, f"{product.name} — roadmap")
    assert widest_white_band(image) < 30 * SCALE
    assert margins_are_blank(image)
    assert sheet_image.sheet_image(sheet) == image


def test_a_missing_folder_is_one_clear_error(sample, tmp_path):
    from pmdesk.domain.errors import PmdeskError

    product = sample.products.list_products()[0]
    with pytest.raises(PmdeskError, match="does not exist"):
        render_roadmap_png(sample, product.id, tmp_path / "nowhere" / "r.png")
    assert not (tmp_path / "nowhere").exists()
