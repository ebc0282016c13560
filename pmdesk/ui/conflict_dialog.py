"""“Keep theirs / apply mine”, field by field, when an editor's save was refused because
someone else changed the same fields since it opened (services/versions.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.errors import EditConflictError
from pmdesk.domain.history import FIELD_LABELS
from pmdesk.ui.text import plain_label, shown

# How an editor names the value of a field that holds an id (or ids): the names, not ids.
Namer = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class Clash:
    """One field both sides changed: its label and the two values as the user reads them."""

    field: str
    label: str
    theirs: str
    mine: str


class ConflictDialog(QDialog):
    """Shows who changed what and lets the user choose, per field, whose value stays.

    Opened with ``open()`` (never a blocking ``exec()``); ``accepted`` means "save with
    these choices", ``rejected`` goes back to the editor with nothing saved.
    """

    def __init__(self, message: str, clashes: Sequence[Clash],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Someone else changed this")
        self.clashes = list(clashes)
        self._mine: dict[str, QRadioButton] = {}
        self._theirs: dict[str, QRadioButton] = {}
        intro = plain_label(message)
        intro.setWordWrap(True)
        grid = QGridLayout()
        for column, heading in enumerate(("", "Theirs (saved now)", "Mine")):
            label = QLabel(f"<b>{heading}</b>" if heading else "")
            grid.addWidget(label, 0, column)
        for row, clash in enumerate(self.clashes, start=1):
            group = QButtonGroup(self)
            theirs = QRadioButton(_short(clash.theirs))
            theirs.setToolTip("Keep theirs")
            theirs.setAccessibleName(f"Keep their {clash.label.lower()}")
            mine = QRadioButton(_short(clash.mine))
            mine.setToolTip("Apply mine")
            mine.setAccessibleName(f"Apply my {clash.label.lower()}")
            group.addButton(theirs)
            group.addButton(mine)
            theirs.setChecked(True)  # nothing of theirs is lost unless the user says so
            grid.addWidget(plain_label(clash.label), row, 0)
            grid.addWidget(theirs, row, 1)
            grid.addWidget(mine, row, 2)
            self._theirs[clash.field], self._mine[clash.field] = theirs, mine
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Save my choices",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Back to the editor", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def keep_theirs(self, field: str) -> None:
        self._theirs[field].setChecked(True)

    def apply_mine(self, field: str) -> None:
        self._mine[field].setChecked(True)

    def mine_chosen(self) -> frozenset[str]:
        """The fields whose value should be the user's own."""
        return frozenset(f for f, button in self._mine.items() if button.isChecked())


def value_text(value: Any, namer: Namer | None = None) -> str:
    """A field's value as the user reads it: "—" when empty, names instead of ids, enum
    labels, numbers without trailing zeros."""
    if value is None or value == "" or value == ():
        return "—"
    if namer is not None:
        return namer(value) or "—"
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def offer_choice(parent: QWidget, error: EditConflictError, mine: Mapping[str, Any],
                 namers: Mapping[str, Namer], put_back: Callable[[str, Any], None],
                 then: Callable[[Any], None], message: str | None = None) -> ConflictDialog:
    """Open the per-field choice after a refused save. When the user saves the choices,
    every field they left to "theirs" gets the saved value back through ``put_back``, and
    ``then`` receives the row as it is now to save on top of."""
    def text(name: str, value: Any) -> str:
        return value_text(value, namers.get(name))

    clashes = [Clash(name, FIELD_LABELS.get(name, name), text(name, theirs),
                     text(name, mine.get(name)))
               for name, (_loaded, theirs) in error.clashes.items()]
    dialog = ConflictDialog(message or error.message, clashes, parent)
    current = error.current

    def resolve() -> None:
        chosen = dialog.mine_chosen()
        for clash in dialog.clashes:
            if clash.field not in chosen:
                put_back(clash.field, getattr(current, clash.field))
        then(current)

    dialog.accepted.connect(resolve)
    dialog.open()
    return dialog


def _short(text: str, limit: int = 80) -> str:
    one_line = " ".join(shown(text).split()) or "—"
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
