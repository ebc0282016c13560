"""Roadmap ▸ Save Baseline…, Baselines…, What Slipped…, and View ▸ Compare With ▸.

The choice (a baseline, "1 month ago", "3 months ago", a date, or none) is remembered per
product in the user's settings; it is off by default. Saving, renaming and deleting a
baseline are undo steps; comparing only reads.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QWidget

from pmdesk.domain.baselines import Baseline, Comparison, months_before, quarter_name
from pmdesk.domain.errors import PmdeskError
from pmdesk.ui.commands import ServiceCommand, creation, deletion, quoted
from pmdesk.ui.date_edit import DateEdit
from pmdesk.ui.dialogs import ok_cancel_buttons
from pmdesk.ui.roadmap.commands import RoadmapCommands
from pmdesk.ui.roadmap.ghosts import GhostLayer
from pmdesk.ui.roadmap.scene import RoadmapScene
from pmdesk.ui.settings import AppSettings
from pmdesk.ui.text import shown

if TYPE_CHECKING:
    from pmdesk.services import Services

NONE = ""
AGO = {"ago:1": ("1 month ago", 1), "ago:3": ("3 months ago", 3)}


class RoadmapComparison(QObject):
    """What the roadmap is compared with, its ghosts, and the baseline actions."""

    changed = Signal()  # a new comparison (or none)

    def __init__(self, services: Services, commands: RoadmapCommands, scene: RoadmapScene,
                 parent: QWidget, settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.services, self.commands, self.widget = services, commands, parent
        self.settings = settings or AppSettings()
        self.layer = GhostLayer(scene)
        self.product_id: int | None = None
        self.choice = NONE
        self.comparison: Comparison | None = None

    # ----- the choice
    def set_product(self, product_id: int | None) -> None:
        self.product_id = product_id
        self.choice = NONE if product_id is None else self.settings.compare_choice(
            self.services.workspace.location, product_id)
        self.refresh()

    def choose(self, choice: str) -> None:
        """Compare with ``choice`` from now on (remembered for this product)."""
        self.choice = choice
        if self.product_id is not None:
            self.settings.set_compare_choice(self.services.workspace.location, self.product_id,
                                             choice)
        self.refresh()

    def refresh(self) -> None:
        """Compare again (the roadmap or the baselines changed) and redraw the ghosts."""
        self.comparison = None
        if self.product_id is not None and self.choice:
            try:
                self.comparison = self._compare(self.product_id, self.choice)
            except PmdeskError:
                self.choice = NONE  # the baseline was deleted meanwhile
        self.layer.set_comparison(self.comparison)
        self.changed.emit()

    def _compare(self, product_id: int, choice: str) -> Comparison:
        baselines = self.services.baselines
        kind, _, value = choice.partition(":")
        if kind == "baseline":
            return baselines.compare_with_baseline(int(value))
        if choice in AGO:
            label, months = AGO[choice]
            now = baselines.clock()
            when = datetime.combine(months_before(now.date(), months), now.time())
            return baselines.compare_with_date(product_id, when, label)
        return baselines.compare_with_date(product_id, date.fromisoformat(value))

    # ----- menus
    def fill_menu(self, menu: QMenu) -> None:
        """View ▸ Compare With: each baseline, two moments, a date, or none (checked: now)."""
        menu.clear()
        group = QActionGroup(menu)
        entries: list[tuple[str, str]] = []
        if self.product_id is not None:
            try:
                entries = [(f"baseline:{b.id}", _baseline_text(b))
                           for b in self.services.baselines.list_baselines(self.product_id)]
            except PmdeskError:
                entries = []
        entries += [(key, label) for key, (label, _) in AGO.items()]
        for key, label in entries:
            self._choice_action(menu, group, key, label)
        date_action = self._choice_action(menu, group, "date", "A Date…")
        date_action.setChecked(self.choice.startswith("date:"))
        menu.addSeparator()
        self._choice_action(menu, group, NONE, "None")

    def _choice_action(self, menu: QMenu, group: QActionGroup, key: str,
                       label: str) -> QAction:
        action = menu.addAction(shown(label))
        action.setCheckable(True)
        action.setChecked(key == self.choice)
        action.setObjectName(f"compare:{key or 'none'}")
        group.addAction(action)
        if key == "date":
            action.triggered.connect(self.ask_date)
        else:
            action.triggered.connect(lambda _=False, k=key: self.choose(k))
        return action

    def ask_date(self) -> None:
        dialog = DateDialog(self.services.baselines.today(), self.widget)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            day = dialog.day()
            if day >= self.services.baselines.today():
                self.commands.report("Pick a day before today to compare the roadmap with.")
                return
            self.choose(f"date:{day.isoformat()}")

    # ----- dialogs
    def show_slips(self) -> None:
        """Roadmap ▸ What Slipped…: the slip report of the comparison shown (or of the
        newest baseline saved by hand, or of three months ago)."""
        from pmdesk import documents
        from pmdesk.ui.roadmap.slip_dialog import SlipDialog

        if self.product_id is None:
            return
        try:
            since = self.comparison or documents.onepager_since(self.services, self.product_id)
            report = documents.slip_report(self.services, self.product_id, since)
        except PmdeskError as exc:
            self.commands.report(exc.message)
            return
        SlipDialog(report, self.widget).exec()

    def show_baselines(self) -> None:
        """Roadmap ▸ Baselines…: rename, delete or compare with a saved plan."""
        from pmdesk.ui.roadmap.baselines_dialog import BaselinesDialog

        BaselinesDialog(self, self.widget).exec()

    # ----- baselines as undo steps
    def save_baseline(self, name: str | None = None) -> Baseline | None:
        """Roadmap ▸ Save Baseline…: keep the roadmap as it is now, under a name."""
        if self.product_id is None:
            return None
        if name is None:
            suggested = quarter_name(self.services.baselines.today()).replace(" start", " plan")
            name, ok = QInputDialog.getText(self.widget, "Save baseline",
                                            "Name of this plan:", text=suggested)
            if not ok:
                return None
        product_id, baselines = self.product_id, self.services.baselines
        baseline: Baseline | None = self.commands.created(creation(
            f"Save baseline {quoted(name)}",
            lambda: baselines.save_baseline(product_id, name),
            baselines.delete_baseline, self.services.trash.restore,
            self.commands.bus, self.commands.origin))
        return baseline

    def rename_baseline(self, baseline: Baseline, name: str) -> bool:
        baselines = self.services.baselines
        return self.commands.run(ServiceCommand(
            f"Rename baseline {quoted(baseline.name)}",
            lambda: baselines.rename_baseline(baseline.id, name),
            lambda: baselines.rename_baseline(baseline.id, baseline.name),
            self.commands.bus, self.commands.origin))

    def delete_baseline(self, baseline: Baseline) -> bool:
        baselines = self.services.baselines
        return self.commands.run(deletion(
            f"Delete baseline {quoted(baseline.name)}",
            lambda: baselines.delete_baseline(baseline.id), self.services.trash.restore,
            self.commands.bus, self.commands.origin))


def _baseline_text(baseline: Baseline) -> str:
    return f"{baseline.name} ({baseline.taken_at:%d %b %Y})"


class DateDialog(QDialog):
    """Pick the past day to compare the roadmap with."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QFormLayout

        self.setWindowTitle("Compare with a date")
        self.setObjectName("compareDateDialog")
        self.edit = DateEdit(months_before(today, 1))
        self.edit.setAccessibleName("Compare with the roadmap of")
        form = QFormLayout(self)
        form.addRow("The roadmap as it was at the end of", self.edit)
        buttons = ok_cancel_buttons(self)
        form.addRow(buttons)

    def day(self) -> date:
        return self.edit.value() or months_before(date.today(), 1)


__all__ = ["DateDialog", "RoadmapComparison"]
