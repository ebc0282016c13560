"""Two people edit one card: the second save is refused naming who changed what, and the
conflict dialog keeps theirs or applies mine, field by field."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from pmdesk.services import Services
from tests.clients import second_client
from tests.conftest import FIXED_NOW


@pytest.fixture
def zofia(services: Services) -> Iterator[Services]:
    with second_client(services) as other:
        yield other


def _edit_under_zofia(page, board, zofia, qtbot):
    card = board.cards["Login page"]
    editor = page.open_card(card)
    zofia.tasks.update_task(card, title="Sign-in page", description="Passkeys too")
    editor.title.setText("Log-in page")
    editor.description.setPlainText("Passwords only")
    editor.estimate.setText("5")
    editor.try_save()
    return card, editor


def test_keep_theirs_keeps_their_value_and_saves_the_rest(page, board, services, zofia, qtbot):
    card, editor = _edit_under_zofia(page, board, zofia, qtbot)
    assert page.editor is editor and editor.isVisible()
    sentence = (f"Zofia changed the title and the description of “Login page” at "
                f"{FIXED_NOW:%H:%M}, after you opened it.")
    assert editor.error.text() == sentence
    dialog = editor.conflict
    assert dialog is not None and dialog.isVisible()
    assert [(c.label, c.theirs, c.mine) for c in dialog.clashes] == [
        ("Title", "Sign-in page", "Log-in page"),
        ("Description", "Passkeys too", "Passwords only"),
    ]
    dialog.apply_mine("description")  # the title stays theirs (the default)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    task = services.tasks.get_task(card).task
    assert (task.title, task.description, task.estimate) == (
        "Sign-in page", "Passwords only", 5.0)
    assert page.editor is None  # saved and closed
    page.undo_stack.undo()  # the undo goes back to Zofia's card, not to the one first opened
    task = services.tasks.get_task(card).task
    assert (task.title, task.description, task.estimate) == ("Sign-in page", "Passkeys too", None)


def test_apply_mine_saves_mine_as_a_new_version(page, board, services, zofia, qtbot):
    card, editor = _edit_under_zofia(page, board, zofia, qtbot)
    theirs_version = services.tasks.get_task(card).task.version
    dialog = editor.conflict
    dialog.apply_mine("title")
    dialog.apply_mine("description")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    task = services.tasks.get_task(card).task
    assert (task.title, task.description) == ("Log-in page", "Passwords only")
    assert task.version == theirs_version + 1


def test_back_to_the_editor_saves_nothing(page, board, services, zofia, qtbot):
    card, editor = _edit_under_zofia(page, board, zofia, qtbot)
    editor.conflict.reject()
    assert page.editor is editor and editor.title.text() == "Log-in page"
    assert services.tasks.get_task(card).task.title == "Sign-in page"
    editor.reject()
