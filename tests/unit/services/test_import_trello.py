import json
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from pmdesk.domain.enums import ColumnKind, Entity
from pmdesk.domain.errors import ReadOnlyWorkspaceError, ValidationError
from pmdesk.domain.history import describe
from pmdesk.services import Services
from pmdesk.services.flow import FlowService
from pmdesk.services.importing import ImportFileError, ImportService
from pmdesk.services.importing.trello import id_time, trello_time
from pmdesk.services.importing.vocabulary import guess_kind
from pmdesk.store import tables as t
from pmdesk.store.workspace import open_workspace
from tests.conftest import FIXED_NOW
from tests.stored import every_row

DATA = Path(__file__).resolve().parents[2] / "data" / "trello"
MINIMAL = DATA / "trello-nextcloud-deck-fixture-minimal.json"
JAPANESE = DATA / "trello-clipkit-japanese-board.json"
ARCHIVED = DATA / "trello-avidyne-engineering-mostly-archived.json"



def board_of(services, product_name):
    product = next(p for p in services.products.list_products() if p.name == product_name)
    board = services.boards.list_boards(product.id)[-1]
    return product, board, services.reads.board(board.id), services.reads.board(
        board.id, archived=True)


def file_cards(path):
    return json.loads(path.read_text(encoding="utf-8"))


# ----- the three real exports
def test_minimal_fixture_with_made_up_ids(services, importer):
    summary = importer.import_trello(MINIMAL).value
    assert (summary.columns, summary.cards, summary.archived, summary.labels,
            summary.people, summary.checklist_items) == (1, 1, 0, 1, 1, 0)
    product, board, active, _ = board_of(services, "Test Board Name")
    assert board.name == "Test Board Name"
    assert [(c.name, c.kind) for c in active.columns] == [("TODO", ColumnKind.TODO)]
    (card,) = active.tasks
    assert card.title == "Name Card 7"
    assert card.created_at == trello_time("2017-09-15T16:14:03.187Z")  # its createCard action
    (label,) = services.people.list_labels(product.id)
    assert (label.name, label.colour) == ("Yellow", "#F2D600")
    assert [p.name for p in services.people.list_people()] == ["John Doe"]
    assert summary.line() == (
        "Imported Trello board “Test Board Name” into new product “Test Board Name”: "
        "1 column, 1 card, 1 label, 1 person, 0 checklist items."
    )


def test_japanese_2015_board_keeps_text_order_and_labels(services, importer):
    summary = importer.import_trello(JAPANESE).value
    assert (summary.columns, summary.cards, summary.archived, summary.labels,
            summary.people) == (4, 67, 1, 3, 3)
    assert summary.skipped_count("archived lists") == 1
    product, _, active, archived = board_of(services, "Clipkit")
    assert [(c.name, c.kind) for c in active.columns] == [
        ("やりたいこと", ColumnKind.TODO), ("やること", ColumnKind.TODO),
        ("作業中", ColumnKind.DOING), ("クローズ", ColumnKind.DONE)]
    board = file_cards(JAPANESE)
    lists = {item["id"]: item["name"] for item in board["lists"]}
    for column in active.columns:
        expected = [c["name"] for c in sorted(board["cards"], key=lambda c: c["pos"])
                    if lists[c["idList"]] == column.name and not c["closed"]]
        assert [task.title for task in active.tasks if task.column_id == column.id] == [
            " ".join(name.split()) for name in expected]
    assert len(archived.tasks) == 1
    labels = {label.name: label.colour for label in services.people.list_labels(product.id)}
    assert labels == {"機能": "#61BD4F", "バグ": "#EB5A46", "作業": "#0079BF"}
    bug = next(label.id for label in active.labels.values() if label.name == "バグ")
    assert sum(bug in task.label_ids for task in active.tasks + archived.tasks) == 9
    people = {p.id: p.name for p in services.people.list_people()}
    assert sorted(people.values()) == sorted(["Kotaro Ogawa", "yasunori.kinoshita", "みやまえ"])
    assigned = [people[task.assignee_id] for task in active.tasks + archived.tasks
                if task.assignee_id]
    assert assigned.count("みやまえ") == 9 and len(assigned) == 10


def test_mostly_archived_board_with_checklists_and_unnamed_labels(services, importer):
    summary = importer.import_trello(ARCHIVED).value
    assert (summary.columns, summary.cards, summary.archived, summary.labels, summary.people,
            summary.checklist_items) == (8, 110, 88, 12, 1, 9)
    assert summary.skipped_count("archived lists") == 5
    assert summary.skipped_count("cards in archived lists") == 7
    assert summary.comments == 284  # on the cards brought in, with author and date
    assert summary.skipped_count("comments on cards not imported") == 20
    product, _, active, archived = board_of(services, "Avidyne (General)")
    assert [c.name for c in active.columns] == [
        "TAS/TAS-A", "General Tasks", "EX5000 (E1 MFD)", "IFD5XX/4XX", "MHD, TWX, 1/2 ATI",
        "EX600", "Autopilot", "R9"]
    assert (len(active.tasks), len(archived.tasks)) == (22, 88)
    labels = sorted((label.name, label.colour) for label in
                    services.people.list_labels(product.id))
    assert ("Low Priority", "#9E9E9E") in labels
    assert [name for name, _ in labels if name in {"Green", "Orange", "Yellow", "Red", "Blue"}] \
        == ["Blue", "Green", "Orange", "Red", "Yellow"]
    task = next(task for task in archived.tasks
                if task.title == "Look for part options for the attached list")
    detail = services.tasks.get_task(task.id)
    assert [item.text for item in detail.checklist][:3] == [
        "060-00214-000", "060-00233-000", "060-00236-000"]  # in pos order, not file order
    assert all(item.done for item in detail.checklist) and len(detail.checklist) == 9
    assert task.archived_at == trello_time(file_card(ARCHIVED, task.title)["dateLastActivity"])
    assert task.created_at == id_time("56265d3eb23b457d7728ac7e")


def file_card(path, title):
    return next(c for c in file_cards(path)["cards"] if c["name"] == title)


def test_include_archived_brings_every_list(services, importer):
    summary = importer.import_trello(ARCHIVED, include_archived=True).value
    assert (summary.columns, summary.cards, summary.archived) == (13, 117, 95)
    assert summary.archived_columns == 5 and summary.skipped == ()
    assert summary.comments == 304
    # The archived lists stay archived: not on the board, only beside its archived cards.
    _, board, active, archived = board_of(services, "Avidyne (General)")
    assert len(active.columns) == 8 and all(not c.archived for c in active.columns)
    assert len(services.boards.list_columns(board.id)) == 8
    assert sum(c.archived for c in archived.columns) == 5 and len(archived.tasks) == 95
    in_archived_list = {c.id for c in archived.columns if c.archived}
    assert sum(task.column_id in in_archived_list for task in archived.tasks) == 7
    assert "5 archived columns" in summary.line() and "304 comments" in summary.line()


def test_comments_attachments_members_and_due_complete_come_in(services, importer, tmp_path):
    board = {
        "name": "Launch", "lists": [{"id": "l1", "name": "Doing"},
                                    {"id": "l2", "name": "Old ideas", "closed": True}],
        "members": [{"id": "m1", "fullName": "Ann Lee"}, {"id": "m2", "fullName": "Bob Ray"},
                    {"id": "m3", "fullName": "Cy Doe"}],
        "cards": [{"id": "c1", "idList": "l1", "name": "Press kit", "dueComplete": True,
                   "due": "2026-02-20T12:00:00.000Z", "idMembers": ["m1", "m2", "m3"],
                   "attachments": [{"name": "Brief", "url": "https://example.com/brief.pdf",
                                    "date": "2026-02-01T10:00:00.000Z"},
                                   {"name": "Broken"}]},
                  {"id": "c2", "idList": "l2", "name": "Open card of an archived list"}],
        "checklists": [
            {"id": "k1", "idCard": "c1", "name": "", "pos": 1,
             "checkItems": [{"id": "i1", "name": "Logo", "state": "complete"}]},
            {"id": "k2", "idCard": "c1", "name": "", "pos": 2,
             "checkItems": [{"id": "i2", "name": "Photos"}]}],
        "actions": [
            {"type": "commentCard", "date": "2026-02-03T09:00:00.000Z",
             "memberCreator": {"fullName": "Bob Ray"},
             "data": {"card": {"id": "c1"}, "text": "Second, newer"}},
            {"type": "commentCard", "date": "2026-02-02T09:00:00.000Z", "idMemberCreator": "m1",
             "data": {"card": {"id": "c1"}, "text": "First!\nwith two lines"}},
            {"type": "commentCard", "data": {"card": {"id": "gone"}, "text": "elsewhere"}},
        ],
    }
    path = tmp_path / "launch.json"
    path.write_text(json.dumps(board), encoding="utf-8")
    summary = importer.import_trello(path, include_archived=True).value
    assert (summary.comments, summary.links, summary.watchers) == (2, 1, 2)
    assert (summary.archived, summary.archived_columns) == (1, 1)
    assert summary.skipped_count("attachments without a link") == 1
    assert summary.skipped_count("comments on cards not imported") == 1
    _, _, active, archived = board_of(services, "Launch")
    assert [c.name for c in active.columns] == ["Doing"]
    assert [t.title for t in archived.tasks] == ["Open card of an archived list"]
    detail = services.tasks.get_task(active.tasks[0].id)
    assert [(c.author, c.text) for c in detail.comments] == [
        ("Ann Lee", "First!\nwith two lines"), ("Bob Ray", "Second, newer")]
    assert detail.comments[0].created_at == trello_time("2026-02-02T09:00:00.000Z")
    assert [(link.title, link.url) for link in detail.links] == [
        ("Brief", "https://example.com/brief.pdf")]
    people = {p.id: p.name for p in services.people.list_people()}
    assert people[detail.task.assignee_id] == "Ann Lee"
    assert detail.watchers == ("Bob Ray", "Cy Doe")
    assert detail.task.done_at is not None and detail.task.description == ""
    assert [(i.text, i.done) for i in detail.checklist] == [
        ("Checklist 1: Logo", True), ("Checklist 2: Photos", False)]
    # Deleting the card and undoing it brings its discussion back.
    tombstone = services.tasks.delete_task(detail.task.id).value
    services.trash.restore(tombstone)
    assert services.tasks.get_task(detail.task.id) == detail


def test_each_created_row_gets_one_event_in_one_transaction(services, importer):
    before = services.history.count()
    result = importer.import_trello(ARCHIVED)
    summary = result.value
    with services.workspace.engine.connect() as conn:
        events = conn.execute(sa.select(t.event.c.entity, t.event.c.txn).where(
            t.event.c.id > before)).all()
    kinds = [entity for entity, _ in events]
    assert len({txn for _, txn in events}) == 1
    # a creation per card, then its dated moves and archiving from the export's actions
    assert kinds.count("task") == summary.cards + summary.moves + summary.archived
    assert kinds.count("column") == summary.columns
    assert kinds.count("label") == summary.labels
    assert kinds.count("checklist_item") == summary.checklist_items
    assert kinds.count("product") == kinds.count("board") == 1
    assert result.changes.ids(Entity.TASK)


def test_into_an_existing_product_reuses_its_labels_and_people(services, importer):
    importer.import_trello(MINIMAL)
    again = importer.import_trello(MINIMAL, product="test board name").value
    assert not again.product_created and again.board_created
    assert again.board == "Test Board Name (2)"
    assert (again.labels, again.people) == (0, 0)
    assert dict((what, n) for what, n in again.reused) == {"label": 1, "person": 1}
    product = services.products.list_products()[-1]
    assert len(services.boards.list_boards(product.id)) == 2  # no default board for imports
    assert "reused 1 existing person, 1 existing label" in again.line()


def test_a_second_import_of_the_same_board_gets_its_own_product(services, importer):
    importer.import_trello(MINIMAL)
    second = importer.import_trello(MINIMAL).value
    assert second.product == "Test Board Name (2)" and second.people == 0


# ----- older and odder files
def write(tmp_path, board, name="board.json"):
    path = tmp_path / name
    path.write_text(json.dumps(board, ensure_ascii=False), encoding="utf-8")
    return path


OLD_BOARD = {
    "name": "  Old   board ",
    "labelNames": {"red": "Bug", "green": "", "sky_dark": ""},
    "members": [{"id": "m1", "fullName": "Zoë Kowalska"}, {"id": "m2", "username": "kim"},
                {"id": "m3", "fullName": ""}],
    "lists": [{"id": "l2", "name": "Fertig", "pos": 2.5},
              {"id": "l1", "name": "In Progress", "pos": 1.25},
              {"id": "l0", "pos": "0.5"}],
    "cards": [
        {"id": "c1", "idList": "l1", "name": "Second", "pos": 20.75,
         "labels": [{"color": "red", "name": "Bug"}, {"color": "sky_dark", "name": ""}],
         "idMembers": ["m1", "m2"], "due": "2026-04-30T22:00:00.000Z", "dueComplete": True},
        {"id": "c2", "idList": "l1", "name": "", "pos": 3.5, "closed": True},
        {"id": "c3", "idList": "l1", "name": "First\nline", "pos": 1,
         "checkItemStates": [{"idCheckItem": "i2", "state": "complete"}], "desc": "Body"},
        {"id": "c4", "idList": "gone", "name": "Orphan"},
        {"id": "c5", "idList": "l2", "name": "x" * 600},
    ],
    "checklists": [
        {"id": "k2", "idCard": "c3", "name": "Later", "pos": 2,
         "checkItems": [{"id": "i3", "name": "Three", "pos": 1}]},
        {"id": "k1", "idCard": "c3", "name": "Sooner", "pos": 1,
         "checkItems": [{"id": "i2", "name": "Two", "pos": 2}, {"id": "i1", "name": "One",
                                                               "pos": 1},
                        {"id": "i0", "name": "  ", "pos": 3}]},
    ],
}


def test_an_old_style_board_with_odd_fields(services, importer, tmp_path):
    summary = importer.import_trello(write(tmp_path, OLD_BOARD)).value
    assert summary.product == "Old board"
    assert summary.skipped_count("cards without a list") == 1
    assert summary.skipped_count("empty checklist items") == 1
    product, _, active, archived = board_of(services, "Old board")
    assert [(c.name, c.kind) for c in active.columns] == [
        ("(untitled list)", ColumnKind.TODO), ("In Progress", ColumnKind.DOING),
        ("Fertig", ColumnKind.DONE)]
    first, second, long = active.tasks
    assert [first.title, second.title] == ["First line", "Second"]
    assert archived.tasks[0].title == "(untitled card)"
    assert first.created_at == second.created_at == FIXED_NOW  # no id time, no activity
    assert first.started_at == FIXED_NOW and long.done_at == FIXED_NOW
    assert len(long.title) <= 500 and long.title.endswith("…")
    assert services.tasks.get_task(long.id).task.description == "x" * 600
    detail = services.tasks.get_task(first.id)
    assert [(i.text, i.done) for i in detail.checklist] == [
        ("Sooner: One", False), ("Sooner: Two", True), ("Later: Three", False)]
    assert detail.task.description == "Body"
    second = services.tasks.get_task(second.id).task
    assert second.due_date == trello_time("2026-04-30T22:00:00.000Z").date()
    assert second.description == "" and second.done_at is not None  # due complete: done
    assert services.tasks.get_task(second.id).watchers == ("kim",)
    people = {p.id: p.name for p in services.people.list_people()}
    assert people[second.assignee_id] == "Zoë Kowalska"
    assert set(people.values()) == {"kim", "Zoë Kowalska"}
    labels = {label.name: label.colour for label in services.people.list_labels(product.id)}
    assert labels == {"Bug": "#EB5A46", "Sky dark": "#227D9B"}
    assert {labels_name(active, i) for i in second.label_ids} == {"Bug", "Sky dark"}


def labels_name(snapshot, label_id):
    return snapshot.labels[label_id].name


def test_positions_follow_fractional_pos_not_file_order(services, importer, tmp_path):
    cards = [{"id": f"c{i}", "idList": "l", "name": f"card {i}", "pos": pos}
             for i, pos in enumerate([5.5, 0.25, 3, 1e6, 2.75])]
    board = {"name": "Pos", "lists": [{"id": "l", "name": "Backlog", "pos": 1}], "cards": cards}
    importer.import_trello(write(tmp_path, board))
    _, _, active, _ = board_of(services, "Pos")
    assert [task.title for task in active.tasks] == [
        "card 1", "card 4", "card 2", "card 0", "card 3"]


def test_an_empty_board_still_gets_usable_columns(services, importer, tmp_path):
    board = {"name": "Empty", "lists": [{"id": "l", "name": "Old", "closed": True}], "cards": []}
    summary = importer.import_trello(write(tmp_path, board)).value
    assert summary.columns == 3 and summary.cards == 0
    assert summary.skipped_count("archived lists") == 1


def test_trello_ids_hold_their_creation_time():
    assert id_time("56265d3eb23b457d7728ac7e") == datetime.fromtimestamp(0x56265D3E)
    assert id_time("fakeboardidhash") is None
    assert trello_time("not a time") is None and trello_time(None) is None


@pytest.mark.parametrize(("name", "kind"), [
    ("Done", ColumnKind.DONE), ("Done ✅", ColumnKind.DONE), ("gotowe", ColumnKind.DONE),
    ("完了", ColumnKind.DONE), ("Fertig", ColumnKind.DONE), ("Terminé", ColumnKind.DONE),
    ("Hecho", ColumnKind.DONE), ("クローズ", ColumnKind.DONE),
    ("Doing", ColumnKind.DOING), ("In progress", ColumnKind.DOING),
    ("Code review", ColumnKind.DOING), ("作業中", ColumnKind.DOING),
    ("To do", ColumnKind.TODO), ("Backlog", ColumnKind.TODO), ("Undone ideas", ColumnKind.TODO),
    ("Doings and donts", ColumnKind.TODO),
])
def test_column_kinds_are_guessed_from_list_names(name, kind):
    assert guess_kind(name) is kind


# ----- refusals write nothing
@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n", "is not UTF-8 text"),
    (b"{\"name\": \"x\",\n  \"lists\": [}", r"is not valid JSON \(line 2, column 13"),
    (b"[1, 2]", "is JSON but not a Trello board export"),
    (b"{\"name\": \"card\", \"idList\": \"x\"}", "is JSON but not a Trello board export"),
    (json.dumps({"lists": [1], "cards": []}).encode(), "item 1 of “lists” is not a Trello list"),
    (json.dumps({"lists": [{"id": "l"}], "cards": [{"idList": "l", "name": 5}]}).encode(),
     "card 1 has a “name” that is not text"),
    (json.dumps({"lists": [{"id": "l"}], "cards": [{"idList": "l", "name": "A"},
                                                  {"idList": "l", "name": "B", "due": "soon"}]}
                ).encode(), "card 2 \\(“B”\\) has a due date “soon” that is not a date"),
])
def test_malformed_files_are_refused_in_one_sentence(services, importer, tmp_path, content,
                                                     message):
    services.products.create_product("Atlas")
    path = tmp_path / "board.json"
    path.write_bytes(content)
    before, events = every_row(services), services.history.count()
    with pytest.raises(ImportFileError, match=message) as caught:
        importer.import_trello(path)
    assert "\n" not in caught.value.message and caught.value.message.endswith(".")
    assert caught.value.message.startswith("board.json")
    assert every_row(services) == before and services.history.count() == events


def test_a_missing_file_and_an_unknown_product_are_refused(services, importer, tmp_path):
    services.products.create_product("Atlas")
    before = every_row(services)
    with pytest.raises(ImportFileError, match="does not exist"):
        importer.import_trello(tmp_path / "nope.json")
    with pytest.raises(ValidationError, match="no product called “Atlsa”.*“Atlas”"):
        importer.import_trello(MINIMAL, product="Atlsa")
    assert every_row(services) == before


def test_a_read_only_workspace_is_refused(services, tmp_path):
    path = services.workspace.location
    services.workspace.close()
    workspace = open_workspace(path, read_only=True)
    try:
        with pytest.raises(ReadOnlyWorkspaceError, match="read-only"):
            ImportService(workspace).import_trello(MINIMAL)
        assert Services(workspace).history.count() == 0
    finally:
        workspace.close()



def test_a_cards_history_shows_its_imported_comments_and_links(services, importer, tmp_path):
    board = {"name": "Talk", "lists": [{"id": "l1", "name": "To do"}],
             "cards": [{"id": "c1", "idList": "l1", "name": "Pricing page",
                        "attachments": [{"name": "Mock-up", "url": "https://example.com/m"}]}],
             "actions": [{"type": "commentCard", "date": "2026-02-02T09:00:00",
                          "memberCreator": {"fullName": "Ann Lee"},
                          "data": {"card": {"id": "c1"}, "text": "Looks good"}}]}
    path = tmp_path / "talk.json"
    path.write_text(json.dumps(board), encoding="utf-8")
    importer.import_trello(path)
    _, _, active, _ = board_of(services, "Talk")
    events = services.history.for_item(Entity.TASK, active.tasks[0].id)
    lines = [describe(event, {}) for event in events]
    assert lines == ["Created “Pricing page”", "Comment by Ann Lee (2026-02-02): “Looks good”",
                     "Link “Mock-up”"]


def test_list_moves_in_the_actions_become_the_cards_dated_history(services, importer, tmp_path):
    def moved(when, before, after):
        return {"type": "updateCard", "date": when,
                "data": {"card": {"id": "c1"}, "old": {"idList": before},
                         "listBefore": {"id": before}, "listAfter": {"id": after}}}

    board = {"name": "Flow", "lists": [{"id": "l1", "name": "To do", "pos": 1},
                                       {"id": "l2", "name": "Doing", "pos": 2},
                                       {"id": "l3", "name": "Done", "pos": 3}],
             "cards": [{"id": "c1", "idList": "l3", "name": "Pricing page",
                        "dateLastActivity": "2026-02-20T16:00:00Z"}],
             "actions": [moved("2026-02-20T16:00:00Z", "l2", "l3"),  # newest first, as Trello
                         moved("2026-02-12T09:00:00Z", "l3", "l2"),  # reopened
                         moved("2026-02-10T15:00:00Z", "l2", "l3"),
                         moved("2026-02-03T10:00:00Z", "l1", "l2"),
                         {"type": "createCard", "date": "2026-02-01T08:00:00Z",
                          "data": {"card": {"id": "c1"}, "list": {"id": "l1"}}}]}
    path = tmp_path / "flow.json"
    path.write_text(json.dumps(board), encoding="utf-8")
    summary = importer.import_trello(path).value
    assert summary.moves == 4 and "4 dated card moves" in summary.line()
    _, _, active, _ = board_of(services, "Flow")
    (card,) = active.tasks
    assert card.created_at == trello_time("2026-02-01T08:00:00Z")
    assert card.started_at == trello_time("2026-02-03T10:00:00Z")
    assert card.done_at == trello_time("2026-02-20T16:00:00Z")  # the last time it entered Done
    events = services.history.for_item(Entity.TASK, card.id)
    assert [(e.action.value, e.at) for e in events] == [
        ("create", trello_time("2026-02-01T08:00:00Z")),
        *(("move", trello_time(when)) for when in (
            "2026-02-03T10:00:00Z", "2026-02-10T15:00:00Z", "2026-02-12T09:00:00Z",
            "2026-02-20T16:00:00Z")),
    ]
    flow = FlowService(services.workspace, clock=lambda: FIXED_NOW).board_flow(active.board.id)
    assert [column for _, column in flow.cards[0].moves] == [
        active.columns[0].id, active.columns[1].id, active.columns[2].id,
        active.columns[1].id, active.columns[2].id]


def test_a_real_boards_moves_replay_to_where_each_card_is(services, importer):
    summary = importer.import_trello(JAPANESE).value
    assert summary.moves > 50
    _, _, active, archived = board_of(services, "Clipkit")
    flow = FlowService(services.workspace, clock=lambda: FIXED_NOW).board_flow(active.board.id)
    where = {task.id: task.column_id for task in (*active.tasks, *archived.tasks)}
    for card in flow.cards:
        assert card.moves[-1][1] == where[card.id]
        assert [at for at, _ in card.moves] == sorted(at for at, _ in card.moves)
