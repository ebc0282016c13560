from datetime import date

from pmdesk.domain.enums import Action, ColumnKind, Entity
from pmdesk.domain.values import TaskMove
from tests.conftest import FIXED_NOW


def test_each_change_writes_its_event_rows_in_the_same_transaction(services):
    product = services.products.create_product("Atlas").value
    events = services.history.for_item(Entity.PRODUCT, product.id)
    assert [e.action for e in events] == [Action.CREATE]
    result = services.products.update_product(product.id, vision="Maps for everyone")
    assert result.changes.ids(Entity.PRODUCT) == {product.id}
    events = services.history.for_item(Entity.PRODUCT, product.id)
    assert events[-1].fields == {"vision": ["", "Maps for everyone"]}
    assert events[-1].at == FIXED_NOW


def test_an_edit_that_changes_nothing_logs_nothing(services):
    product = services.products.create_product("Atlas").value
    count = services.history.count()
    result = services.products.update_product(product.id, name="Atlas")
    assert not result.changes
    assert services.history.count() == count


def test_moving_a_card_stamps_flow_times_and_logs_the_move(services):
    product = services.products.create_product("Atlas").value
    board = services.boards.list_boards(product.id)[0]
    todo, doing, done = services.boards.list_columns(board.id)
    task = services.tasks.create_task(todo.id, "Login page").value
    assert task.started_at is None and task.done_at is None

    def move(column_id: int):
        result = services.tasks.move_tasks([TaskMove(task.id, column_id, 0)])
        return result, services.tasks.get_tasks([task.id])[0]

    _, moved = move(doing.id)
    assert moved.started_at == FIXED_NOW and moved.done_at is None
    finished, card = move(done.id)
    assert card.done_at == FIXED_NOW
    assert finished.changes.ids(Entity.TASK, Action.MOVE) == {task.id}
    _, reopened = move(doing.id)
    assert reopened.done_at is None and reopened.started_at == FIXED_NOW
    moves = [e for e in services.history.for_item(Entity.TASK, task.id) if e.action is Action.MOVE]
    assert moves[0].fields["column_id"] == [todo.id, doing.id]
    assert done.kind is ColumnKind.DONE


def test_reorder_within_a_column(services):
    product = services.products.create_product("Atlas").value
    board = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(board.id)[0]
    ids = [services.tasks.create_task(todo.id, f"Card {i}").value.id for i in range(5)]
    services.tasks.move_tasks([TaskMove(ids[4], todo.id, 0)])
    services.tasks.move_tasks([TaskMove(ids[0], todo.id, 2)])
    order = [t.id for t in services.reads.board(board.id).tasks_in(todo.id)]
    assert order == [ids[4], ids[1], ids[0], ids[2], ids[3]]
    for _ in range(20):  # squeeze the same gap until positions renumber
        services.tasks.move_tasks([TaskMove(ids[3], todo.id, 1)])
        services.tasks.move_tasks([TaskMove(ids[2], todo.id, 1)])
    order = [t.id for t in services.reads.board(board.id).tasks_in(todo.id)]
    assert order == [ids[4], ids[2], ids[3], ids[1], ids[0]]


def test_snapshot_progress_rice_and_risk_follow_the_board(services):
    product = services.products.create_product("Atlas").value
    board = services.boards.list_boards(product.id)[0]
    todo, _doing, done = services.boards.list_columns(board.id)
    init = services.initiatives.create_initiative(
        product.id, "Login", start_date=date(2026, 2, 1), end_date=date(2026, 3, 31),
        reach=1000, impact=2, confidence=50).value
    a = services.tasks.create_task(todo.id, "A", initiative_id=init.id, estimate=3).value
    services.tasks.create_task(todo.id, "B", initiative_id=init.id, estimate=1,
                               due_date=date(2026, 4, 15))
    view = services.reads.roadmap(product.id).initiatives[0]
    assert (view.progress.done, view.progress.total) == (0, 2)
    assert view.at_risk  # B is due after the initiative ends
    assert view.estimate_effort == 4
    assert view.rice is None  # story points are no person-months: no effort, no score
    services.tasks.move_tasks([TaskMove(a.id, done.id, 0)])
    view = services.reads.roadmap(product.id).initiatives[0]
    assert view.progress.by_count == 0.5
    assert view.progress.by_estimate == 0.75
    summary = services.reads.product_summary(product.id)
    assert (summary.task_count, summary.done_tasks, summary.at_risk_initiatives) == (2, 1, 1)


def test_board_snapshot_carries_labels_checklists_and_initiative_tags(services):
    product = services.products.create_product("Atlas").value
    goal = services.products.create_goal(product.id, "Grow", colour="#112233").value
    init = services.initiatives.create_initiative(product.id, "Login", goal_id=goal.id).value
    board = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(board.id)[0]
    bug = services.people.create_label(product.id, "bug", "#FF0000").value
    task = services.tasks.create_task(todo.id, "Fix", label_ids=[bug.id], initiative_id=init.id,
                                      checklist=["one", "two", "three"]).value
    detail = services.tasks.get_task(task.id)
    services.tasks.toggle_checklist_item(detail.checklist[0].id, True)
    snap = services.reads.board(board.id)
    card = snap.tasks[0]
    assert card.label_ids == (bug.id,)
    assert (card.checklist_done, card.checklist_total) == (1, 3)
    assert snap.initiatives[init.id].colour == "#112233"
    assert snap.labels[bug.id].name == "bug"


def test_archive_and_restore(services):
    product = services.products.create_product("Atlas").value
    board = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(board.id)[0]
    task = services.tasks.create_task(todo.id, "Old").value
    placements = services.tasks.archive_tasks([task.id]).value
    assert services.reads.board(board.id).tasks == ()
    assert [t.id for t in services.reads.board(board.id, archived=True).tasks] == [task.id]
    services.tasks.restore_tasks(placements)
    assert [t.id for t in services.reads.board(board.id).tasks] == [task.id]
