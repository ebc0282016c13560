"""A card dropped while the disk is full stays where it was; the undo stack is untouched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pmdesk.services import Services
from pmdesk.store.integrity import check_file
from pmdesk.store.workspace import create_workspace
from tests.conftest import FIXED_NOW
from tests.disks import fill, small_disk
from tests.ui.kanban.test_kanban_moves import drop


@pytest.fixture
def services(tmp_path) -> Iterator[Services]:
    with small_disk(tmp_path / "disk", 2048) as disk:
        workspace = create_workspace(disk / "w.pmdesk")
        yield Services(workspace, clock=lambda: FIXED_NOW)
        workspace.close()


def test_a_drop_on_a_full_disk_leaves_the_card_and_the_undo_stack(page, board, services,
                                                                  titles) -> None:
    messages: list[str] = []
    page.bus.failed.connect(messages.append)
    before = {column: titles(page, column) for column in (board.todo, board.doing)}
    fill(services.workspace.path.parent)
    drop(page, board.todo, [0], board.doing, 0)
    assert {column: titles(page, column) for column in (board.todo, board.doing)} == before
    assert page.undo_stack.count() == 0
    assert len(messages) == 1 and "is full; free some space" in messages[0]
    assert services.tasks.get_task(board.cards["Login page"]).task.column_id == board.todo
    assert check_file(services.workspace.path).ok
