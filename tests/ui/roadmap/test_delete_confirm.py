"""Delete on a roadmap bar asks first and says what goes with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pmdesk.domain.errors import NotFoundError
from tests.ui.roadmap.conftest import centre_of


def _linked_bar(page):
    deps = {i for d in page.state.dependencies
            for i in (d.dependency.blocker_id, d.dependency.blocked_id)}
    return next(b for b in page.scene.bars.values()
                if b.view.progress.total and b.initiative_id in deps and b.width > 30)


def test_delete_key_asks_before_deleting_a_bar(page, sample, qtbot) -> None:
    bar = _linked_bar(page)
    initiative_id, title = bar.initiative_id, bar.view.initiative.title
    page.view.ensureVisible(bar)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.view.mapFromScene(centre_of(bar)))
    assert page.controller.selected_bar() is bar
    asked = []
    page.confirm_delete = lambda name, details: asked.append((name, details)) or False
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert asked and asked[0][0] == title
    assert "linked card" in asked[0][1] and "on the board without an initiative" in asked[0][1]
    assert "dependenc" in asked[0][1]
    assert sample.initiatives.get_initiative(initiative_id).title == title
    assert page.undo_stack.count() == 0

    page.confirm_delete = lambda name, details: True
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    with pytest.raises(NotFoundError):
        sample.initiatives.get_initiative(initiative_id)
    assert initiative_id not in page.scene.bars
    page.undo_stack.undo()
    assert sample.initiatives.get_initiative(initiative_id).title == title


def test_context_menu_delete_also_asks(page, sample) -> None:
    bar = _linked_bar(page)
    asked = []
    page.confirm_delete = lambda name, details: asked.append(name) or False
    menu = page.menus.build_context_menu(centre_of(bar))
    action = next(a for a in menu.actions() if a.text().startswith("Delete"))
    assert action.text() == "Delete…\tDel"  # the key that does it, shown in the menu
    action.trigger()
    assert asked == [bar.view.initiative.title]
    assert sample.initiatives.get_initiative(bar.initiative_id)
