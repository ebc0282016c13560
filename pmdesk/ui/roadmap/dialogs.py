"""Dialogs of the roadmap: initiative editor, break-down, dependency, milestone, template.

A dialog collects input and hands it to ``submit``; ``submit`` returns None when the
change was applied, or the refusal sentence, which the dialog shows without closing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain import rules
from pmdesk.domain.enums import Horizon, InitiativeStatus
from pmdesk.domain.errors import EditConflictError, PmdeskError, ValidationError
from pmdesk.domain.models import Board, Column, Initiative, Milestone
from pmdesk.domain.snapshots import InitiativeView
from pmdesk.domain.values import RoadmapTemplate
from pmdesk.ui import theme
from pmdesk.ui.conflict_dialog import ConflictDialog, offer_choice
from pmdesk.ui.date_edit import DateEdit
from pmdesk.ui.roadmap.state import RoadmapState
from pmdesk.ui.text import plain, shown

Submit = Callable[[dict[str, Any]], str | None]


def combo(items: Sequence[tuple[str, Any]], current: Any = None) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(shown(text), data)
    index = box.findData(current)
    box.setCurrentIndex(max(index, 0))
    return box


class SubmitDialog(QDialog):
    """OK/Cancel dialog that stays open and shows the message when ``submit`` refuses."""

    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(shown(title))
        self.submit = submit
        self.body = QVBoxLayout(self)
        self.error = plain(QLabel())
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.PROBLEM_TEXT)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        try:
            values = self.values()
        except ValidationError as exc:
            self.show_error(exc.message)
            return
        message = self.submit(values)
        if message:
            self.show_error(message)
            return
        super().accept()


class InitiativeDialog(SubmitDialog):
    """Every field of an initiative, with the RICE score computed as you type."""

    def __init__(self, state: RoadmapState, view: InitiativeView, submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Edit “{view.initiative.title}”", submit, parent)
        self.view, self.state = view, state
        item = view.initiative
        self.loaded = item  # what a save is based on: as opened, or as saved by others since
        self.conflict: ConflictDialog | None = None
        form = QFormLayout()
        self.title = QLineEdit(item.title)
        self.description = QPlainTextEdit(item.description)
        self.description.setFixedHeight(64)
        self.goal = combo([("No goal", None)] + [(g.name, g.id) for g in state.goals],
                          item.goal_id)
        self.lane = combo([("No lane", None)] + [(lane.name, lane.id) for lane in state.lanes],
                          item.lane_id)
        self.status = combo([(s.label, s) for s in InitiativeStatus], item.status)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        suggested = view.suggested_status
        if suggested is not None:
            hint = QPushButton(f"Board says {suggested.label}: use it")
            hint.setObjectName("useBoardStatus")
            hint.setToolTip(f"{view.progress.done} of {view.progress.total} linked cards "
                            "are done")
            hint.setAutoDefault(False)
            hint.clicked.connect(
                lambda: self.status.setCurrentIndex(self.status.findData(suggested)))
            status_row.addWidget(hint)
        self.horizon = combo([(h.label, h) for h in Horizon], item.horizon)
        people = sorted(state.people.values(), key=lambda p: p.name.casefold())
        self.owner = combo([("Nobody", None)] + [(p.name, p.id) for p in people], item.owner_id)
        self.scheduled = QCheckBox("On the timeline")
        self.scheduled.setChecked(item.scheduled)
        self.start = DateEdit(item.start_date or state.today)
        self.end = DateEdit(item.end_date or item.start_date or state.today)
        self.start.setAccessibleName("Start date")
        self.end.setAccessibleName("End date")
        self.scheduled.toggled.connect(self.start.setEnabled)
        self.scheduled.toggled.connect(self.end.setEnabled)
        self.start.setEnabled(item.scheduled)
        self.end.setEnabled(item.scheduled)
        dates = QHBoxLayout()
        for widget in (self.scheduled, self.start, QLabel("to"), self.end):
            dates.addWidget(widget)
        self.rice = {}
        for key, hint in (("reach", "people or events per quarter"),
                          ("impact", "0.25, 0.5, 1, 2 or 3"),
                          ("confidence", "percent, 0–100"),
                          ("effort", "person-months")):
            value = getattr(item, key)
            edit = QLineEdit("" if value is None else f"{value:g}")
            edit.setPlaceholderText(hint)
            edit.textChanged.connect(self._update_score)
            self.rice[key] = edit
        if view.estimate_effort:
            self.rice["effort"].setPlaceholderText(
                f"person-months (the cards carry {view.estimate_effort:g} story points)")
        self.score = QLabel()
        self.score.setObjectName("riceScore")
        form.addRow("Title", self.title)
        form.addRow("Description", self.description)
        form.addRow("Goal", self.goal)
        form.addRow("Lane", self.lane)
        form.addRow("Status", status_row)
        form.addRow("Owner", self.owner)
        form.addRow("Horizon", self.horizon)
        form.addRow("Dates", dates)
        for key, edit in self.rice.items():
            form.addRow(key.capitalize(), edit)
        form.addRow("RICE score", self.score)
        progress = view.progress
        if progress.total:
            form.addRow("Progress", QLabel(f"{progress.done} of {progress.total} linked tasks "
                                           f"done ({progress.by_count:.0%})"))
        self.body.addLayout(form)
        self.finish_layout()
        self._update_score()
        self.resize(480, self.sizeHint().height())

    def _rice_inputs(self) -> dict[str, float | None]:
        return {key: rules.parse_number(edit.text(), key) for key, edit in self.rice.items()}

    def _update_score(self) -> None:
        try:
            inputs = self._rice_inputs()
        except ValidationError as exc:
            self.score.setText(exc.message)
            return
        score = rules.rice_score(**inputs)
        self.score.setText("Fill in reach, impact, confidence and effort" if score is None
                           else f"{score:,.1f}")

    def values(self) -> dict[str, Any]:
        scheduled = self.scheduled.isChecked()
        values: dict[str, Any] = {
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "goal_id": self.goal.currentData(),
            "lane_id": self.lane.currentData(),
            "status": self.status.currentData(),
            "owner_id": self.owner.currentData(),
            "horizon": self.horizon.currentData(),
            "start_date": self.start.checked_value("The start date") if scheduled else None,
            "end_date": self.end.checked_value("The end date") if scheduled else None,
        }
        values.update(self._rice_inputs())
        return values

    def changed_values(self) -> dict[str, Any]:
        """The fields the user changed from the initiative the dialog is based on."""
        return {k: v for k, v in self.values().items() if getattr(self.loaded, k) != v}

    def offer_choice(self, error: PmdeskError | None) -> None:
        """After a save over someone else's change: "keep theirs / apply mine" per field."""
        if not isinstance(error, EditConflictError) or not isinstance(error.current, Initiative):
            return
        state = self.state
        namers = {
            "goal_id": lambda i: getattr(state.goal(i), "name", None),
            "lane_id": lambda i: getattr(state.lane(i), "name", None),
            "owner_id": lambda i: getattr(state.people.get(i), "name", None),
        }
        self.conflict = offer_choice(self, error, self.values(), namers, self._set_field,
                                     self._save_over)

    def _save_over(self, current: Initiative) -> None:
        self.conflict = None
        self.loaded = current
        self.accept()

    def _set_field(self, name: str, value: Any) -> None:
        combos = {"goal_id": self.goal, "lane_id": self.lane, "status": self.status,
                  "owner_id": self.owner, "horizon": self.horizon}
        if name == "title":
            self.title.setText(value)
        elif name == "description":
            self.description.setPlainText(value)
        elif name in combos:
            combos[name].setCurrentIndex(max(0, combos[name].findData(value)))
        elif name in ("start_date", "end_date"):
            self.scheduled.setChecked(value is not None)
            if value is not None:
                (self.start if name == "start_date" else self.end).setDate(value)
        elif name in self.rice:
            self.rice[name].setText("" if value is None else f"{value:g}")


class BreakdownDialog(SubmitDialog):
    """Task titles, one per line, and the board column that receives them."""

    def __init__(self, title: str, columns: Sequence[tuple[Board, Column]], submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Break down “{title}”", submit, parent)
        form = QFormLayout()
        self.column = combo([(f"{board.name} › {column.name}", column.id)
                             for board, column in columns])
        self.titles = QPlainTextEdit()
        self.titles.setPlaceholderText("One task per line")
        form.addRow("Add to", self.column)
        form.addRow("Tasks", self.titles)
        self.body.addLayout(form)
        self.finish_layout()
        self.resize(460, 320)

    def values(self) -> dict[str, Any]:
        titles = [line for line in self.titles.toPlainText().splitlines() if line.strip()]
        if self.column.currentData() is None:
            raise ValidationError("This product has no board yet; add one on the Board page.")
        return {"column_id": self.column.currentData(), "titles": titles}


class DependencyDialog(SubmitDialog):
    """Pick the initiative that this one blocks, or that blocks it."""

    def __init__(self, state: RoadmapState, initiative_id: int, submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Dependency of “{state.title(initiative_id)}”", submit, parent)
        form = QFormLayout()
        self.direction = combo([("blocks", "blocks"), ("is blocked by", "blocked_by")])
        others = sorted((v for v in state.views.values() if v.id != initiative_id),
                        key=lambda v: v.initiative.title.casefold())
        self.other = combo([(v.initiative.title, v.id) for v in others])
        self.other.setEditable(True)
        self.other.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        form.addRow("This initiative", self.direction)
        form.addRow("Initiative", self.other)
        self.body.addLayout(form)
        self.finish_layout()

    def values(self) -> dict[str, Any]:
        other = self.other.currentData()
        if other is None or self.other.currentText() != self.other.itemText(
                self.other.currentIndex()):
            raise ValidationError("Choose an initiative from the list.")
        return {"direction": self.direction.currentData(), "other": other}


class MilestoneDialog(SubmitDialog):
    def __init__(self, state: RoadmapState, milestone: Milestone | None, when: date,
                 lane_id: int | None, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__("Edit milestone" if milestone else "New milestone", submit, parent)
        form = QFormLayout()
        self.title = QLineEdit(milestone.title if milestone else "")
        self.when = DateEdit(milestone.date if milestone else when)
        self.when.setAccessibleName("Date")
        self.lane = combo([("Whole roadmap", None)] + [(lane.name, lane.id)
                                                       for lane in state.lanes],
                          milestone.lane_id if milestone else lane_id)
        form.addRow("Title", self.title)
        form.addRow("Date", self.when)
        form.addRow("Lane", self.lane)
        self.body.addLayout(form)
        self.finish_layout()

    def values(self) -> dict[str, Any]:
        return {"title": self.title.text(), "date": self.when.checked_value("The date"),
                "lane_id": self.lane.currentData()}


class TemplateDialog(SubmitDialog):
    """Choose a roadmap template and name the new product it creates."""

    def __init__(self, templates: Sequence[RoadmapTemplate], submit: Submit,
                 parent: QWidget | None = None) -> None:
        super().__init__("New product from template", submit, parent)
        intro = QLabel("Creates a new product with its own roadmap and board, its plan "
                       "starting this week. The current product stays as it is.")
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self.choices = QListWidget()
        for template in templates:
            entry = QListWidgetItem(f"{template.name}\n{template.description}")
            entry.setData(Qt.ItemDataRole.UserRole, template.key)
            entry.setToolTip("Lanes: " + ", ".join(template.lanes))
            self.choices.addItem(entry)
        self.choices.setCurrentRow(0)
        self.choices.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Product name")
        self.name.setAccessibleName("Product name")
        self.choices.currentItemChanged.connect(self._suggest)
        self._suggest()
        self.body.addWidget(self.choices)
        form = QFormLayout()
        form.addRow("Product name", self.name)
        self.body.addLayout(form)
        self.finish_layout()
        self.resize(520, 420)

    def _suggest(self) -> None:
        current = self.choices.currentItem()
        if current is not None and not self.name.isModified():
            self.name.setText(current.text().split("\n")[0])

    def values(self) -> dict[str, Any]:
        current = self.choices.currentItem()
        if current is None:
            raise ValidationError("Choose a template.")
        return {"key": current.data(Qt.ItemDataRole.UserRole), "name": self.name.text()}
