"""The board renders offscreen to a PNG of the asked size."""

from __future__ import annotations

from PySide6.QtGui import QImage

from pmdesk.ui.kanban.render import render_board_png


def test_render_board_png(qapp, services, board, tmp_path) -> None:
    out = render_board_png(services, board.board_id, tmp_path / "board.png", 1200, 700)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 700)


def test_render_unknown_board_is_one_clear_error(qapp, services, board, tmp_path) -> None:
    import pytest

    from pmdesk.domain.errors import PmdeskError

    with pytest.raises(PmdeskError, match="no board with id 999"):
        render_board_png(services, 999, tmp_path / "x.png")
