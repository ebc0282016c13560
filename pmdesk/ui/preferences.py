"""Edit ▸ Preferences…: the name the history shows for your changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pmdesk.ui.dialogs import ok_cancel_buttons
from pmdesk.ui.settings import AppSettings
from pmdesk.ui.text import plain_label, shown

if TYPE_CHECKING:
    from pmdesk.services import Services

MAX_NAME = 80


class PreferencesDialog(QDialog):
    """Set a display name; empty means the login (the OS user, or the server login)."""

    def __init__(self, settings: AppSettings, services: Services,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.settings, self.services = settings, services
        login = services.workspace.login
        self.display_name = QLineEdit(settings.display_name())
        self.display_name.setAccessibleName("Your name")
        self.display_name.setMaxLength(MAX_NAME)
        self.display_name.setPlaceholderText(shown(login) or "Your name")
        hint = plain_label(
            "Item history, undo and “What changed since…” show this name for the changes "
            f"you make from now on. Left empty, they show your login ({login or 'unknown'}).")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Your name", self.display_name)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        name = " ".join(self.display_name.text().split())
        self.settings.set_display_name(name)
        self.services.workspace.display_name = name
        super().accept()


def open_preferences(settings: AppSettings, services: Services,
                     parent: QWidget | None = None) -> PreferencesDialog:
    """Show the preferences without blocking (tests drive the returned dialog)."""
    dialog = PreferencesDialog(settings, services, parent)
    dialog.open()
    return dialog
