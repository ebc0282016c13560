"""Two people edit one initiative: the second save is refused naming who changed what;
"keep theirs / apply mine" per field; an untouched field never overwrites theirs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pmdesk.services.workspaces import open_services
from tests.ui.roadmap.conftest import SAMPLE_NOW, wide_bar


def _zofia_edits(sample, initiative_id, **fields) -> None:
    other = open_services(sample.workspace.path, clock=lambda: SAMPLE_NOW)
    other.workspace.display_name = "Zofia"
    try:
        other.initiatives.update_initiative(initiative_id, **fields)
    finally:
        other.workspace.close()


def test_a_field_left_alone_keeps_their_change(page, sample):
    bar = wide_bar(page)
    dialog = page.menus.edit_initiative(bar.initiative_id)
    _zofia_edits(sample, bar.initiative_id, description="Theirs")
    dialog.title.setText("Mine")
    dialog.accept()
    assert not dialog.isVisible()
    stored = sample.initiatives.get_initiative(bar.initiative_id)
    assert (stored.title, stored.description) == ("Mine", "Theirs")


def test_a_clash_is_refused_then_resolved_field_by_field(page, sample, qtbot):
    bar = wide_bar(page)
    title = bar.view.initiative.title
    dialog = page.menus.edit_initiative(bar.initiative_id)
    _zofia_edits(sample, bar.initiative_id, title="Their title", description="Their text")
    dialog.title.setText("My title")
    dialog.description.setPlainText("My text")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == (f"Zofia changed the title and the description of “{title}” "
                                   f"at {SAMPLE_NOW:%H:%M}, after you opened it.")
    choice = dialog.conflict
    assert choice is not None and choice.isVisible()
    choice.apply_mine("title")  # the description stays theirs
    qtbot.mouseClick(choice.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    stored = sample.initiatives.get_initiative(bar.initiative_id)
    assert (stored.title, stored.description) == ("My title", "Their text")
    page.undo_stack.undo()
    assert sample.initiatives.get_initiative(bar.initiative_id).title == "Their title"
