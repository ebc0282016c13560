"""User text as Qt shows it: always literally, never as HTML, never reordered by hidden
bidirectional controls.

Qt guesses whether a label's, tooltip's or message box's text is rich text; a name such as
``<img src=/home/me/x.png>`` would then load and draw that file and ``<h1>`` would take over
the layout. U+202E (right-to-left override) would show "evil\u202etxt.exe" as "evilexe.txt".
Every widget that shows user text goes through these helpers.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# Embedding, override and isolate controls (U+202A-202E, U+2066-2069): dropped from display;
# Qt's own bidirectional algorithm still lays Hebrew and Arabic out right to left.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def shown(text: str | None) -> str:
    """User text for plain-text display: the bidirectional controls neutralised."""
    if not text:
        return ""
    if text.isascii():  # no controls to drop, and asking costs nothing
        return text
    return text.translate(_BIDI_CONTROLS)


def escaped(text: str | None) -> str:
    """User text to put inside rich text the app composes itself."""
    return html.escape(shown(text), quote=False)


def tooltip(text: str | None) -> str:
    """A tooltip that shows ``text`` literally (Qt takes any tooltip with a tag for HTML)."""
    value = shown(text)
    if not value:
        return ""
    lines = "<br/>".join(html.escape(line, quote=False) for line in value.split("\n"))
    return f"<qt style='white-space:pre-wrap'>{lines}</qt>"


def plain(label: QLabel, text: str | None = None) -> QLabel:
    """Make ``label`` plain text, optionally setting its (user) text; return it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    if text is not None:
        label.setText(shown(text))
    return label


def plain_label(text: str | None = "", parent: QWidget | None = None) -> QLabel:
    """A new plain-text label."""
    return plain(QLabel(parent), text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question whose text may quote user names; True for Yes."""
    from PySide6.QtWidgets import QMessageBox  # Qt builds its Python enums on first use

    box = QMessageBox(QMessageBox.Icon.Question, title, shown(text),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box.exec() == QMessageBox.StandardButton.Yes
