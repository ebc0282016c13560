"""Small dialogs: one clear sentence for expected problems, About; the OK/Cancel row."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialogButtonBox

from pmdesk import __version__


def show_problem(parent: QWidget | None, message: str, title: str = "pmdesk") -> None:
    """Tell the user about an expected problem (locked, corrupt, refused input)."""
    from PySide6.QtWidgets import QMessageBox  # Qt builds its Python enums on first use

    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("problemDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def ok_cancel_buttons(
    dialog: QDialog,
    accept: Callable[[], object] | None = None,
    ok: QDialogButtonBox.StandardButton | None = None,
) -> QDialogButtonBox:
    """The dialog's confirm (``ok``, OK unless given) and Cancel buttons: confirming runs
    ``accept`` (the dialog's own accept unless given), Cancel rejects."""
    from PySide6.QtWidgets import QDialogButtonBox  # Qt builds its Python enums on first use

    ok = QDialogButtonBox.StandardButton.Ok if ok is None else ok
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept if accept is None else accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def about_text(workspace: str) -> str:
    return (
        f"<h3>pmdesk {__version__}</h3>"
        "<p>Roadmap and kanban board in one local workspace: the product manager's strategy "
        "and the project manager's execution, always in sync.</p>"
        f"<p><b>Workspace:</b> {html.escape(workspace)}</p>"
        "<p>Licensed under the MIT licence. Bundles the DejaVu fonts (free licence) and "
        "Noto Emoji (SIL Open Font License).</p>"
    )
