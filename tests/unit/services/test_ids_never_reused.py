"""An id belongs to one item forever: undo, history and "what changed since" rely on it."""

import json
from collections.abc import Callable
from datetime import date
from itertools import count
from pathlib import Path

import pytest
import sqlalchemy as sa

from pmdesk.domain.changes import Tombstone
from pmdesk.domain.enums import Action, Entity
from pmdesk.services import Services
from pmdesk.services.demo import DemoService
from pmdesk.store import tables as t

Make = Callable[[], int]
Delete = Callable[[int], Tombstone]


def _cases(services: Services, folder: Path) -> dict[Entity, tuple[sa.Table, Make, Delete]]:
    """For each kind of row: how to create one (its id) and delete it (its tombstone)."""
    n = count()
    product = services.products.create_product("Atlas").value.id
    board = services.boards.list_boards(product)[0].id
    column = services.boards.list_columns(board)[0].id

    def initiative() -> int:
        return services.initiatives.create_initiative(product, f"I{next(n)}").value.id

    def dependency() -> int:
        return services.initiatives.add_dependency(initiative(), initiative()).value.id

    def checklist_item() -> int:
        card = services.tasks.create_task(column, f"C{next(n)}", checklist=["step"]).value.id
        return services.tasks.get_task(card).checklist[0].id

    def delete_checklist_item(item_id: int) -> Tombstone:
        with services.workspace.engine.connect() as conn:
            card = conn.execute(sa.select(t.checklist_item.c.task_id)
                                .where(t.checklist_item.c.id == item_id)).scalar_one()
        return services.tasks.delete_task(card).value

    def discussed_card(table: sa.Table) -> Make:
        """Import a Trello card with a comment and a link; return the new row of ``table``."""
        def make() -> int:
            path = folder / f"trello-{next(n)}.json"
            path.write_text(json.dumps({
                "name": "Talk", "lists": [{"id": "l", "name": "To do"}],
                "cards": [{"id": "c", "idList": "l", "name": "Card",
                           "attachments": [{"name": "Doc", "url": "https://example.com"}]}],
                "actions": [{"type": "commentCard", "data": {"card": {"id": "c"},
                                                             "text": "Hi"}}]}))
            services.importing.import_trello(path, product="Atlas")
            with services.workspace.engine.connect() as conn:
                return int(conn.execute(sa.select(sa.func.max(table.c.id))).scalar_one())
        return make

    def delete_card_of(table: sa.Table) -> Delete:
        def delete(row_id: int) -> Tombstone:
            with services.workspace.engine.connect() as conn:
                card = conn.execute(sa.select(table.c.task_id)
                                    .where(table.c.id == row_id)).scalar_one()
            return services.tasks.delete_task(card).value
        return delete

    def column_() -> int:
        return services.boards.add_column(board, f"Col{next(n)}").value.id

    return {
        Entity.PRODUCT: (t.product, lambda: services.products.create_product(
            f"P{next(n)}").value.id, lambda i: services.products.delete_product(i).value),
        Entity.GOAL: (t.goal, lambda: services.products.create_goal(
            product, f"G{next(n)}").value.id, lambda i: services.products.delete_goal(i).value),
        Entity.LANE: (t.lane, lambda: services.lanes.create_lane(
            product, f"L{next(n)}").value.id, lambda i: services.lanes.delete_lane(i).value),
        Entity.INITIATIVE: (t.initiative, initiative,
                            lambda i: services.initiatives.delete_initiative(i).value),
        Entity.MILESTONE: (t.milestone, lambda: services.lanes.create_milestone(
            product, f"M{next(n)}", date(2026, 5, 1)).value.id,
            lambda i: services.lanes.delete_milestone(i).value),
        Entity.DEPENDENCY: (t.dependency, dependency,
                            lambda i: services.initiatives.remove_dependency(i).value),
        Entity.BOARD: (t.board, lambda: services.boards.create_board(
            product, f"B{next(n)}").value.id, lambda i: services.boards.delete_board(i).value),
        Entity.COLUMN: (t.board_column, column_,
                        lambda i: services.boards.delete_column(i).value),
        Entity.TASK: (t.task, lambda: services.tasks.create_task(
            column, f"T{next(n)}").value.id, lambda i: services.tasks.delete_task(i).value),
        Entity.PERSON: (t.person, lambda: services.people.ensure_person(
            f"Person {next(n)}").value.id, lambda i: services.people.delete_person(i).value),
        Entity.LABEL: (t.label, lambda: services.people.create_label(
            product, f"label{next(n)}").value.id,
            lambda i: services.people.delete_label(i).value),
        Entity.CHECKLIST_ITEM: (t.checklist_item, checklist_item, delete_checklist_item),
        Entity.COMMENT: (t.task_comment, discussed_card(t.task_comment),
                         delete_card_of(t.task_comment)),
        Entity.LINK: (t.task_link, discussed_card(t.task_link), delete_card_of(t.task_link)),
        Entity.BASELINE: (t.baseline, lambda: services.baselines.save_baseline(
            product, f"Plan {next(n)}").value.id,
            lambda i: services.baselines.delete_baseline(i).value),
    }


def _exists(services: Services, table: sa.Table, row_id: int) -> bool:
    with services.workspace.engine.connect() as conn:
        return conn.execute(sa.select(table.c.id).where(table.c.id == row_id)).first() is not None


def test_every_kind_of_item_is_covered():
    keyed = {table.name for table in t.metadata.sorted_tables if "id" in table.c}
    assert keyed - {"event", "baseline"} == {
        "product", "goal", "lane", "initiative", "milestone", "dependency", "board",
        "board_column", "task", "person", "label", "checklist_item", "task_comment", "task_link"}


@pytest.mark.parametrize("entity", list(Entity))
def test_a_deleted_newest_item_keeps_its_id_through_a_new_item_and_undo(services, entity,
                                                                        tmp_path):
    table, make, delete = _cases(services, tmp_path)[entity]
    old = make()
    tombstone = delete(old)
    new = make()
    assert new > old
    services.trash.restore(tombstone)
    assert _exists(services, table, old) and _exists(services, table, new)
    old_history = [e.action for e in services.history.for_item(entity, old)]
    new_history = [e.action for e in services.history.for_item(entity, new)]
    assert old_history == [Action.CREATE, Action.DELETE, Action.CREATE]
    assert new_history == [Action.CREATE]
    assert make() > new  # the undo's old id did not set the next id back


def test_the_event_log_itself_never_reuses_an_id(services):
    services.products.create_product("Atlas")
    with services.workspace.engine.begin() as conn:
        top = conn.execute(sa.select(sa.func.max(t.event.c.id))).scalar_one()
        conn.execute(sa.delete(t.event).where(t.event.c.id == top))
    services.products.create_product("Borealis")
    with services.workspace.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.min(t.event.c.id))
                            .where(t.event.c.id >= top)).scalar_one() > top


def test_bulk_writers_skip_the_ids_of_deleted_items(services, tmp_path):
    DemoService(services.workspace, services.products.clock).generate(5, 20, seed=1)
    with services.workspace.engine.connect() as conn:
        newest = conn.execute(sa.select(sa.func.max(t.task.c.id))).scalar_one()
    tombstone = services.tasks.delete_task(newest).value
    cards = tmp_path / "cards.csv"
    cards.write_text("Summary,Status\nImported,To do\n")
    services.importing.import_csv(cards)
    services.trash.restore(tombstone)
    assert _exists(services, t.task, newest)
    # The sample card's past moves come first; then its deletion and its return.
    assert [e.action for e in services.history.for_item(Entity.TASK, newest)
            if e.action in (Action.CREATE, Action.DELETE)] == [
        Action.CREATE, Action.DELETE, Action.CREATE]
