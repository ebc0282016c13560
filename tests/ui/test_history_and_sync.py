"""History panels, the undo history, and changes from another process."""

import os
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

from pmdesk.domain.enums import Entity
from pmdesk.domain.values import TaskMove
from pmdesk.services.workspaces import new_services, open_services, save_copy
from pmdesk.ui.history.since_dialog import ChangedSinceDialog
from tests.integration.cli import ROOT


def first_card(services, product_id):
    board = services.boards.list_boards(product_id)[0]
    columns = services.boards.list_columns(board.id)
    return services.reads.board(board.id).tasks[0], columns


def test_item_history_follows_the_selection_and_each_change(window):
    services = window.services
    pid = window.current_product_id()
    card, columns = first_card(services, pid)
    window.history_dock.show()  # View ▸ Item History
    window.bus.selected.emit(Entity.TASK, card.id)
    panel = window.history_panel
    assert panel.heading.text() == f"History of card “{card.title}”"
    assert panel.model.texts()[-1] == f"Created “{card.title}”"
    target = next(c for c in columns if c.id != card.column_id)
    window.bus.publish(services.tasks.move_tasks([TaskMove(card.id, target.id, 0)]).changes)
    source = next(c for c in columns if c.id == card.column_id)
    assert panel.model.texts()[0] == f"Moved from “{source.name}” to “{target.name}”"


def test_what_changed_since_lists_the_products_changes(window, qtbot):
    services = window.services
    pid = window.current_product_id()
    services.products.update_product(pid, tagline="Sharper tagline")
    dialog = ChangedSinceDialog(services, pid, window)
    qtbot.addWidget(dialog)
    texts = dialog.model.texts()
    assert texts[0].startswith("Tagline: Scheduling and job tracking")
    assert dialog.model.index(0, 1).data() == "Product “Atlas Field”"
    dialog.date_edit.setDate(dialog.date_edit.date().addYears(5))
    assert dialog.model.rowCount() == 0
    assert dialog.summary.text() == "0 changes"


def test_undo_history_lists_the_steps(window):
    window.create_product("Alpha")
    window.create_product("Beta")
    assert window.undo_stack.count() == 2
    assert window.undo_stack.text(1) == "Add product “Beta”"
    assert window.undo_view.stack() is window.undo_stack


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pmdesk.services.workspaces import open_services
    services = open_services(Path(sys.argv[1]))
    product = services.products.list_products()[0]
    services.products.update_product(product.id, name="Renamed elsewhere")
    services.workspace.close()
""")


def test_a_change_written_by_another_process_appears_after_the_poll(window, qtbot):
    path = window.services.workspace.path
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", WRITER, str(path)], check=True, env=env)
    qtbot.waitUntil(lambda: window.product_selector.itemText(0) == "Renamed elsewhere",
                    timeout=5000)
    page = window.pages[0]
    assert page.name_edit.text() == "Renamed elsewhere"


def test_own_writes_are_not_mistaken_for_another_process(window, qtbot, monkeypatch):
    reloads = []
    window.bus.reloaded.connect(lambda: reloads.append(datetime.now()))
    window.create_product("Mine")
    window.session.poll()
    assert reloads == []


def test_a_change_from_elsewhere_just_before_an_own_write_is_not_missed(window, qtbot):
    reloads = []
    window.bus.reloaded.connect(lambda: reloads.append(datetime.now()))
    path = window.services.workspace.path
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", WRITER, str(path)], check=True, env=env)
    window.create_product("Mine")  # own write right after the other process's commit
    window.session.poll()
    assert len(reloads) == 1
    assert "Renamed elsewhere" in [window.product_selector.itemText(i)
                                   for i in range(window.product_selector.count())]


def test_undo_never_reverts_another_writers_later_change(window):
    messages = []
    window.bus.failed.disconnect()
    window.bus.failed.connect(messages.append)
    page = window.pages[0]
    pid = window.current_product_id()
    page.text_edits["vision"].setPlainText("Mine")
    page.text_edits["vision"].commit()
    other = open_services(window.services.workspace.path)
    other.workspace.display_name = "Zofia"
    other.products.update_product(pid, vision="Theirs, later")
    other.workspace.close()
    window.action_undo.trigger()
    assert window.services.products.get_product(pid).vision == "Theirs, later"
    [message] = messages
    assert message.startswith("Nothing was undone: “Edit vision of “Atlas Field”” touches "
                              "something changed in another window or process since: "
                              "Zofia changed the vision of “Atlas Field” at ")


def test_undo_of_a_card_move_respects_a_later_move_elsewhere(window):
    from pmdesk.ui.commands import ServiceCommand, execute

    messages = []
    window.bus.failed.disconnect()
    window.bus.failed.connect(messages.append)
    services = window.services
    card, columns = first_card(services, window.current_product_id())
    here, there = columns[1], columns[2]
    origin = card.column_id
    execute(window.undo_stack, ServiceCommand(
        "Move card", lambda: services.tasks.move_tasks([TaskMove(card.id, here.id, 0)]),
        lambda: services.tasks.move_tasks([TaskMove(card.id, origin, 0)]), window.bus))
    other = open_services(services.workspace.path)
    other.tasks.move_tasks([TaskMove(card.id, there.id, 0)])
    other.workspace.close()
    window.action_undo.trigger()
    assert services.tasks.get_task(card.id).task.column_id == there.id
    assert len(messages) == 1 and "another window or process" in messages[0]


def test_undo_ignores_unrelated_changes_made_elsewhere(window):
    pid = window.current_product_id()
    page = window.pages[0]
    page.text_edits["vision"].setPlainText("Mine")
    page.text_edits["vision"].commit()
    other = open_services(window.services.workspace.path)
    other.products.update_product(pid, tagline="Their tagline")
    other.workspace.close()
    window.action_undo.trigger()
    assert window.services.products.get_product(pid).vision != "Mine"
    assert window.services.products.get_product(pid).tagline == "Their tagline"


def test_a_second_window_sees_the_first_windows_changes(window, qtbot):
    second = window.new_window()  # deletes itself when closed
    assert second.services is not window.services
    assert window.create_product("Made in window one")
    qtbot.waitUntil(lambda: second.product_selector.findText("Made in window one") >= 0,
                    timeout=5000)
    second.close()


def test_a_deleted_workspace_file_is_reported_and_can_still_be_saved(window, qtbot, tmp_path,
                                                                      monkeypatch):
    messages = []
    monkeypatch.setattr("pmdesk.ui.main_window.show_problem", lambda _w, m: messages.append(m))
    path = window.services.workspace.path
    window.create_product("Only in memory now")
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    window.session.poll()
    window.session.poll()
    assert len(messages) == 1 and "moved or deleted" in messages[0]
    assert "Save a Copy" in window.banner.text()
    rescue = tmp_path / "rescued.pmdesk"
    save_copy(window.services, rescue)
    again = open_services(rescue)
    assert "Only in memory now" in [p.name for p in again.products.list_products()]
    again.workspace.close()


CONCURRENT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pmdesk.services.workspaces import open_services
    services = open_services(Path(sys.argv[1]))
    task_id = int(sys.argv[2])
    for i in range(40):
        services.tasks.update_task(task_id, description=f"{sys.argv[3]} {i}")
    services.workspace.close()
""")


def test_two_processes_editing_one_card_lose_nothing(tmp_path):
    services = new_services(tmp_path / "w.pmdesk", sample=True)
    product = services.products.list_products()[0]
    card, _ = first_card(services, product.id)
    before = len(services.history.for_item(Entity.TASK, card.id))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", CONCURRENT, str(services.workspace.path),
                                 str(card.id), name], env=env) for name in ("left", "right")]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    events = services.history.for_item(Entity.TASK, card.id)[before:]
    written = {e.fields["description"][1] for e in events}
    assert {f"{side} {i}" for side in ("left", "right") for i in range(40)} <= written
    final = services.tasks.get_task(card.id).task.description
    assert final == events[-1].fields["description"][1]
    services.workspace.close()
