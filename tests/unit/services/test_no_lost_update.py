"""Two people editing one card: the second save over the first one's change is refused
with who changed what, nothing is lost, and changes to other fields merge."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pmdesk.domain.errors import EditConflictError
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from tests.clients import second_client
from tests.conftest import FIXED_NOW


@pytest.fixture
def other(services: Services) -> Iterator[Services]:
    """A second client of the same workspace (another window, process or person)."""
    with second_client(services) as second:
        yield second


@pytest.fixture
def card(services: Services):
    product = services.products.create_product("Shop").value
    board = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(board.id)[0]
    return services.tasks.create_task(todo.id, "Login page").value


def test_every_update_raises_the_version(services, card):
    assert card.version == 1
    edited = services.tasks.update_task(card.id, title="Login screen").value
    assert edited.version == 2
    columns = services.boards.list_columns(card.board_id)
    services.tasks.move_tasks([TaskMove(card.id, columns[1].id, 0)])
    assert services.tasks.get_task(card.id).task.version == 3
    assert services.tasks.update_task(card.id, title="Login screen").value.version == 3


def test_a_save_over_someone_elses_title_is_refused_and_nothing_is_lost(services, other, card):
    loaded = services.tasks.get_task(card.id).task
    theirs = other.tasks.get_task(card.id).task
    other.tasks.save_task(card.id, {"title": "Sign-in page"}, based_on=theirs)
    with pytest.raises(EditConflictError) as refused:
        services.tasks.save_task(card.id, {"title": "Log-in page"}, based_on=loaded)
    assert refused.value.message == (
        f"Zofia changed the title of “Login page” at {FIXED_NOW:%H:%M}, after you opened it.")
    assert refused.value.clashes == {"title": ("Login page", "Sign-in page")}
    assert services.tasks.get_task(card.id).task.title == "Sign-in page"
    # Apply mine: saved over theirs as a new version, based on what is there now.
    current = refused.value.current
    saved = services.tasks.save_task(card.id, {"title": "Log-in page"}, based_on=current).value
    assert saved.title == "Log-in page" and saved.version == current.version + 1


def test_changes_to_different_fields_merge(services, other, card):
    loaded = services.tasks.get_task(card.id).task
    other.tasks.save_task(card.id, {"description": "From the brief"},
                          based_on=other.tasks.get_task(card.id).task)
    services.tasks.save_task(card.id, {"title": "Log-in page"}, based_on=loaded)
    task = services.tasks.get_task(card.id).task
    assert (task.title, task.description) == ("Log-in page", "From the brief")


def test_the_same_change_on_both_sides_is_no_clash(services, other, card):
    loaded = services.tasks.get_task(card.id).task
    other.tasks.update_task(card.id, title="Sign-in page")
    services.tasks.save_task(card.id, {"title": "Sign-in page"}, based_on=loaded)
    assert services.tasks.get_task(card.id).task.title == "Sign-in page"


def test_a_move_by_someone_else_does_not_block_an_edit(services, other, card):
    loaded = services.tasks.get_task(card.id).task
    doing = services.boards.list_columns(card.board_id)[1]
    other.tasks.move_tasks([TaskMove(card.id, doing.id, 0)])
    saved = services.tasks.save_task(card.id, {"title": "Log-in page"}, based_on=loaded).value
    assert (saved.title, saved.column_id) == ("Log-in page", doing.id)
