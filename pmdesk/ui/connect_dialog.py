"""File ▸ Connect to Team Server…: name a PostgreSQL workspace by host, port, database and
user; the password comes from ~/.pgpass or PGPASSWORD, or is asked for when the server wants
one, and is never remembered."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.errors import PasswordNeededError
from pmdesk.ui.dialogs import ok_cancel_buttons
from pmdesk.ui.text import plain

if TYPE_CHECKING:
    from pmdesk.services import Services

DEFAULT_PORT = 5432


def server_url(host: str, port: int, database: str, user: str) -> str:
    """``postgresql://user@host:port/database`` with each part quoted for a URL."""
    host = host.strip()
    shown_host = f"[{host}]" if ":" in host else quote(host, safe="")
    login = f"{quote(user.strip(), safe='')}@" if user.strip() else ""
    return f"postgresql://{login}{shown_host}:{port}/{quote(database.strip(), safe='')}"


def with_password(location: str, password: str) -> str:
    """The URL with ``password`` in it, for this connection only (never stored or shown)."""
    parts = urlsplit(location)
    login, _, host = parts.netloc.rpartition("@")
    user = login.partition(":")[0] or quote(getpass.getuser(), safe="")
    return urlunsplit(parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}"))


def open_with_password(parent: QWidget | None, location: str,
                       opener: Callable[[str], Services]) -> Services | None:
    """Open a server workspace; when the server asks for a password no file or variable
    gave, ask the user once. ``None`` when they cancel; other problems raise."""
    try:
        return opener(location)
    except PasswordNeededError as exc:
        password, ok = QInputDialog.getText(
            parent, "Password", f"{exc.message.split(';')[0]}.\n\nPassword:",
            QLineEdit.EchoMode.Password)
        if not ok:
            return None
        return opener(with_password(location, password))


class ConnectDialog(QDialog):
    """Asks where the team's workspace is; ``url()`` names it without a password."""

    def __init__(self, parent: QWidget | None = None, last: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle("Connect to Team Server")
        self.host = QLineEdit("localhost", objectName="hostEdit")
        self.port = QSpinBox(objectName="portEdit")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(objectName="databaseEdit")
        self.database.setPlaceholderText("pmdesk")
        self.user = QLineEdit(getpass.getuser(), objectName="userEdit")
        for edit, name in ((self.host, "Host"), (self.port, "Port"),
                           (self.database, "Database"), (self.user, "User")):
            edit.setAccessibleName(name)
        if last:
            self._fill_from(last)
        form = QFormLayout()
        form.addRow("&Host:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        note = plain(QLabel(
            "The password is read from ~/.pgpass or PGPASSWORD, or asked for when the server "
            "wants one; pmdesk never stores it."))
        note.setWordWrap(True)
        self.buttons = ok_cancel_buttons(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Connect")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.database.setFocus()

    def _fill_from(self, location: str) -> None:
        parts = urlsplit(location)
        self.host.setText(parts.hostname or "localhost")
        self.port.setValue(parts.port or DEFAULT_PORT)
        self.database.setText(parts.path.lstrip("/"))
        if parts.username:
            self.user.setText(parts.username)

    def _update_ok(self) -> None:
        complete = all(e.text().strip() for e in (self.host, self.database, self.user))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(complete)

    def url(self) -> str:
        return server_url(self.host.text(), self.port.value(), self.database.text(),
                          self.user.text())
