"""The board renders offscreen to a PNG of the asked size."""

from __future__ import annotations

from PySide6.QtGui import QImage

from pmdesk.ui.kanban.render import render_board_png


def test_render_board_png(qapp, services, board, tmp_path) -> None:
    out = render_board_png(services, board.board_id, tmp_path / "board.png", 700, 500)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (700, 500)


def test_render_unknown_board_is_one_clear_error(qapp, services, board, tmp_path) -> None:
    import pytest

    from pmdesk.domain.errors import PmdeskError

    with pytest.raises(PmdeskError, match="no board with id 999"):
        render_board_png(services, 999, tmp_path / "x.png")


def test_render_without_an_application(tmp_path, services, board) -> None:
    import subprocess
    import sys
    from pathlib import Path

    path = services.workspace.path
    services.workspace.close()
    out = tmp_path / "cli.png"
    code = ("import sys; from pmdesk.services.workspaces import open_services;"
            "from pmdesk.ui.kanban.render import render_board_png;"
            f"render_board_png(open_services(sys.argv[1]), {board.board_id}, sys.argv[2])")
    env = {k: v for k, v in __import__("os").environ.items() if k != "QT_QPA_PLATFORM"}
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run([sys.executable, "-c", code, str(path), str(out)], cwd=root,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
