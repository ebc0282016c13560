"""Undo refuses to revert another client's later change, checked inside the undo's own write."""

from __future__ import annotations

import pytest

from pmdesk.domain.errors import ConflictError
from pmdesk.domain.values import TaskMove
from pmdesk.services import Services
from pmdesk.services.workspaces import open_services
from tests.conftest import FIXED_NOW


@pytest.fixture
def card(services: Services) -> int:
    product = services.products.create_product("Shop").value
    column = services.boards.list_columns(services.boards.list_boards(product.id)[0].id)[0]
    return services.tasks.create_task(column.id, "Login page").value.id


def test_an_undo_over_another_clients_edit_is_refused_and_writes_nothing(services, card):
    renamed = services.tasks.update_task(card, title="Sign-in page")
    other = open_services(services.workspace.location, clock=lambda: FIXED_NOW)
    try:
        other.tasks.update_task(card, title="Sign-in screen")
    finally:
        other.workspace.close()
    events = services.history.count()
    with pytest.raises(ConflictError, match="changed elsewhere"):
        with services.history.unless_changed_elsewhere(renamed.changes, "changed elsewhere"):
            services.tasks.update_task(card, title="Login page")
    assert services.tasks.get_task(card).task.title == "Sign-in screen"
    assert services.history.count() == events


def test_an_undo_of_ones_own_last_change_goes_through(services, card):
    renamed = services.tasks.update_task(card, title="Sign-in page")
    services.tasks.update_task(card, description="Own later edit")
    with services.history.unless_changed_elsewhere(renamed.changes, "changed elsewhere"):
        services.tasks.update_task(card, title="Login page")
    assert services.tasks.get_task(card).task.title == "Login page"


def test_the_refusal_names_who_made_the_later_change(services, card):
    column = services.tasks.get_task(card).task.column_id
    done = services.boards.list_columns(services.tasks.get_task(card).task.board_id)[-1]
    renamed = services.tasks.update_task(card, title="Sign-in page")
    other = open_services(services.workspace.location, clock=lambda: FIXED_NOW)
    other.workspace.display_name = "Zofia"
    try:
        other.tasks.move_tasks([TaskMove(card, done.id, 0)])
        other.tasks.update_task(card, title="Sign-in screen")
    finally:
        other.workspace.close()
    with pytest.raises(ConflictError) as refused:
        with services.history.unless_changed_elsewhere(renamed.changes, "Nothing was undone."):
            services.tasks.update_task(card, title="Login page")
    assert refused.value.message == (
        f"Nothing was undone: Zofia moved “Sign-in screen” to Done at {FIXED_NOW:%H:%M}.")
    assert services.tasks.get_task(card).task.column_id != column
