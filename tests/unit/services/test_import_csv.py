import csv
from datetime import date

import pytest
import sqlalchemy as sa

from pmdesk.domain.enums import ColumnKind, Priority
from pmdesk.domain.errors import ValidationError
from pmdesk.services.importing import ImportFileError
from pmdesk.services.importing.csv_file import parse_due
from pmdesk.services.importing.vocabulary import header_field
from pmdesk.store import tables as t
from tests.conftest import FIXED_NOW
from tests.stored import every_row


def write(tmp_path, text, name="cards.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def board(services, product_name, board_name=None):
    product = next(p for p in services.products.list_products() if p.name == product_name)
    boards = services.boards.list_boards(product.id)
    found = next(b for b in boards if board_name in (None, b.name))
    return product, services.reads.board(found.id)


def cards_by_column(snapshot):
    return {c.name: [task.title for task in snapshot.tasks if task.column_id == c.id]
            for c in snapshot.columns}


PMDESK_CSV = """title,column,description,assignee,due,estimate,priority,labels,initiative
Login page,Doing,"Two
lines",Ann,2026-04-01,3,high,"ui; auth",Accounts
Signup,To do,,Bob,,,0,ui,Accounts
Ship it,Done,,ann,,0.5,URGENT,,
Password reset,To do,,,,,,"auth,email",Emails
"""


def test_pmdesk_columns(services, importer, tmp_path):
    summary = importer.import_csv(write(tmp_path, PMDESK_CSV)).value
    assert (summary.product, summary.board, summary.product_created) == ("cards", "cards", True)
    assert (summary.columns, summary.cards, summary.labels, summary.people,
            summary.initiatives) == (3, 4, 3, 2, 2)
    product, snap = board(services, "cards")
    assert [(c.name, c.kind) for c in snap.columns] == [
        ("To do", ColumnKind.TODO), ("Doing", ColumnKind.DOING), ("Done", ColumnKind.DONE)]
    assert cards_by_column(snap) == {"To do": ["Signup", "Password reset"],
                                     "Doing": ["Login page"], "Done": ["Ship it"]}
    login = next(task for task in snap.tasks if task.title == "Login page")
    assert login.due_date == date(2026, 4, 1) and login.estimate == 3.0
    assert login.priority == Priority.HIGH and login.started_at == FIXED_NOW
    assert services.tasks.get_task(login.id).task.description == "Two\nlines"
    assert {snap.labels[i].name for i in login.label_ids} == {"ui", "auth"}
    assert snap.people[login.assignee_id].name == "Ann"
    ship = next(task for task in snap.tasks if task.title == "Ship it")
    assert ship.assignee_id == login.assignee_id  # “ann” is Ann
    assert ship.priority == Priority.URGENT and ship.done_at == FIXED_NOW
    roadmap = services.reads.roadmap(product.id)
    assert sorted(i.initiative.title for i in roadmap.initiatives) == ["Accounts", "Emails"]
    assert login.initiative_id in snap.initiatives
    colours = {label.colour for label in services.people.list_labels(product.id)}
    assert len(colours) == 3  # new labels get distinct colours


JIRA_CSV = """Issue key,Summary,Status,Assignee,Due Date,Custom field (Story Points),Priority,\
Labels,Labels,Custom field (Epic Link),Created
PRJ-1,Fix crash,In Progress,Dana Scully,2026-03-10,5,Highest,backend,urgent,PRJ-100,05/Feb/26 9:00
PRJ-2,Write docs,Done,Fox Mulder,12/Mar/26 4:00 PM,2,Lowest,docs,,PRJ-100,05/Feb/26 11:00 AM
PRJ-3,Plan sprint,To Do,,,,Medium,,,,2026-02-01
"""


def test_jira_export_headers(services, importer, tmp_path):
    summary = importer.import_csv(write(tmp_path, JIRA_CSV, "jira.csv")).value
    assert summary.cards == 3 and summary.initiatives == 1
    assert summary.skipped == ()
    _, snap = board(services, "jira")
    assert [c.name for c in snap.columns] == ["To Do", "In Progress", "Done"]
    crash = next(task for task in snap.tasks if task.title == "Fix crash")
    assert crash.estimate == 5 and crash.priority == Priority.URGENT
    assert {snap.labels[i].name for i in crash.label_ids} == {"backend", "urgent"}
    docs = next(task for task in snap.tasks if task.title == "Write docs")
    assert docs.due_date == date(2026, 3, 12) and docs.priority == Priority.LOW
    assert snap.initiatives[crash.initiative_id].title == "PRJ-100"


def test_bom_semicolons_decimal_commas_and_header_case(services, importer, tmp_path):
    text = "\ufeffTITLE;Status;STORY POINTS;Labels\nKawa;Gotowe;2,5;a,b\nHerbata;;1;\n\n"
    summary = importer.import_csv(write(tmp_path, text, "zadania.csv")).value
    assert summary.cards == 2
    _, snap = board(services, "zadania")
    assert [(c.name, c.kind) for c in snap.columns] == [("Gotowe", ColumnKind.DONE)]
    assert [(task.title, task.estimate) for task in snap.tasks] == [("Kawa", 2.5),
                                                                     ("Herbata", 1.0)]


def test_utf16_and_tabs_from_spreadsheets(services, importer, tmp_path):
    path = write(tmp_path, "Name\tList\nÉté\tDoing\n", "sheet.csv", encoding="utf-16")
    importer.import_csv(path)
    _, snap = board(services, "sheet")
    assert [(task.title, snap.columns[0].name) for task in snap.tasks] == [("Été", "Doing")]


def test_without_a_status_column_cards_go_to_the_first_default_column(services, importer,
                                                                       tmp_path):
    importer.import_csv(write(tmp_path, "Summary\nOne\nTwo\n"))
    _, snap = board(services, "cards")
    assert cards_by_column(snap) == {"To do": ["One", "Two"], "Doing": [], "Done": []}


def test_into_an_existing_board_matches_columns_people_and_labels(services, importer,
                                                                   tmp_path):
    product = services.products.create_product("Atlas").value
    delivery = services.boards.list_boards(product.id)[0]
    todo = services.boards.list_columns(delivery.id)[0]
    services.tasks.create_task(todo.id, "Already here")
    services.people.ensure_person("Ann")
    services.people.create_label(product.id, "UI", "#123456")
    summary = importer.import_csv(write(tmp_path, PMDESK_CSV), product="atlas",
                                  board="delivery").value
    assert not summary.product_created and not summary.board_created
    assert (summary.columns, summary.people, summary.labels) == (0, 1, 2)
    assert dict(summary.reused) == {"columns": 3, "person": 1, "label": 1}
    _, snap = board(services, "Atlas", "Delivery")
    assert cards_by_column(snap)["To do"] == ["Already here", "Signup", "Password reset"]
    labels = {label.name: label.colour for label in services.people.list_labels(product.id)}
    assert labels["UI"] == "#123456" and set(labels) == {"UI", "auth", "email"}
    assert "reused 3 existing columns, 1 existing person, 1 existing label" in summary.line()


def test_new_statuses_become_columns_after_the_existing_ones(services, importer, tmp_path):
    product = services.products.create_product("Atlas").value
    importer.import_csv(write(tmp_path, "title,status\nA,QA\nB,Done\n"), product="Atlas",
                        board="Delivery")
    _, snap = board(services, "Atlas", "Delivery")
    assert [(c.name, c.kind) for c in snap.columns][-1] == ("QA", ColumnKind.DOING)
    assert cards_by_column(snap)["Done"] == ["B"]
    assert len(services.boards.list_boards(product.id)) == 1


def test_a_new_board_in_an_existing_product(services, importer, tmp_path):
    services.products.create_product("Atlas")
    summary = importer.import_csv(write(tmp_path, "title\nA\n"), product="Atlas",
                                  board="Sprint 4").value
    assert summary.board_created and summary.board == "Sprint 4"
    assert "into product “Atlas”, new board “Sprint 4”" in summary.line()


def test_a_hard_wip_limit_refuses_the_import(services, importer, tmp_path):
    product = services.products.create_product("Atlas").value
    delivery = services.boards.list_boards(product.id)[0]
    doing = services.boards.list_columns(delivery.id)[1]
    services.boards.update_column(doing.id, wip_limit=1, wip_hard=True)
    before = every_row(services)
    with pytest.raises(ValidationError, match="2 more cards in “Doing”, over its limit of 1"):
        importer.import_csv(write(tmp_path, "title,status\nA,Doing\nB,doing\n"),
                            product="Atlas", board="Delivery")
    assert every_row(services) == before


@pytest.mark.sqlite_only  # a stress test; two imports on a server are in test_two_clients
def test_ten_thousand_rows_import_in_one_transaction(services, importer, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Summary", "Status", "Assignee", "Labels", "Story Points", "Epic"])
        for i in range(10_000):
            out.writerow([f"Card {i}", ("To do", "Doing", "Done")[i % 3], f"P{i % 7}",
                          f"l{i % 5};l{i % 3}", i % 8, f"E{i % 11}"])
    events = services.history.count()
    summary = importer.import_csv(path).value
    assert (summary.cards, summary.people, summary.labels, summary.initiatives) == (
        10_000, 7, 5, 11)
    with services.workspace.engine.connect() as conn:
        txns = conn.execute(sa.select(sa.func.count(sa.distinct(t.event.c.txn))).where(
            t.event.c.id > events)).scalar_one()
        tasks = conn.execute(sa.select(sa.func.count()).select_from(t.task)).scalar_one()
    assert txns == 1 and tasks == 10_000
    assert services.history.count() - events == 10_000 + 3 + 7 + 5 + 11 + 2


# ----- refusals: one sentence with the place, nothing written
@pytest.mark.parametrize(("text", "message"), [
    ("", "cards.csv is empty"),
    ("Status,Assignee\nDone,Ann\n", "cards.csv has no title column; .* “Title”, “Summary”"),
    ("title,due\n" + "Card,2026-01-01\n" * 15 + "Bad,31/02/2026\n",
     "^Row 17: “31/02/2026” is not a valid due date; use YYYY-MM-DD.$"),
    ("title,due\nA,2026-02-31\n", "^Row 2: “2026-02-31” is not a valid due date"),
    ("title,estimate\nA,1\nB,lots\n", "^Row 3: the estimate “lots” is not a number.$"),
    ("title,estimate\nA,-2\n", "^Row 2: the estimate “-2” is negative.$"),
    ("title,priority\nA,whenever\n", "^Row 2: “whenever” is not a priority; use none, low"),
    ("title,status\nA,Done\n,Done\n", "^Row 3 has no title.$"),
    ("title,status\nA,Done,extra,more\n", "^Row 2 has 4 cells but the header has 2"),
    ('title,status\nA,Done\n"B,Done\n', "^cards.csv, row 3: unexpected end of data"),
])
def test_bad_files_are_refused_and_nothing_is_written(services, importer, tmp_path, text,
                                                      message):
    services.products.create_product("Atlas")
    path = write(tmp_path, text)
    before, events = every_row(services), services.history.count()
    with pytest.raises(ImportFileError, match=message) as caught:
        importer.import_csv(path)
    assert "\n" not in caught.value.message and caught.value.message.endswith(".")
    assert every_row(services) == before and services.history.count() == events


def test_a_non_utf8_file_is_refused_with_its_line(services, importer, tmp_path):
    path = write(tmp_path, "title\nCafé\nThé\n", encoding="cp1252")
    with pytest.raises(ImportFileError, match=r"not UTF-8 text \(line 2 holds the byte 0xE9\)"):
        importer.import_csv(path)


def test_an_unknown_product_is_refused(services, importer, tmp_path):
    with pytest.raises(ValidationError, match="no product called “Nope”.*none yet"):
        importer.import_csv(write(tmp_path, "title\nA\n"), product="Nope")
    assert services.products.list_products() == []


@pytest.mark.parametrize(("header", "field"), [
    ("Summary", "title"), ("CARD NAME", "title"), ("List", "column"), ("status", "column"),
    ("Due Date", "due"), ("due_date", "due"), ("Story Points", "estimate"),
    ("Custom field (Story Points)", "estimate"), ("Epic Link", "epic link"),
    ("Custom field (Epic Link)", "epic link"), ("Parent id", "parent"), ("Labels", "labels"),
    ("Assigned To", "assignee"), ("Issue key", "key"), ("Created", "created"),
    ("Status Category Changed", "category changed"), ("Component/s", "components"),
    ("Comment", "comments"), ("Resolution", None),
])
def test_header_synonyms(header, field):
    assert header_field(header) == field


@pytest.mark.parametrize(("text", "day"), [
    ("2026-03-01", date(2026, 3, 1)), ("2026-03-01T10:00:00", date(2026, 3, 1)),
    ("2026-03-01 10:00", date(2026, 3, 1)), ("1/Mar/26 10:00 AM", date(2026, 3, 1)),
    ("01/mar/2026", date(2026, 3, 1)), ("31/02/2026", None), ("03/04/2026", None),
    ("30/Feb/26", None), ("tomorrow", None),
])
def test_due_dates(text, day):
    assert parse_due(text) == day


TRELLO_CSV = """Card ID,Card Name,Card URL,Card Description,Labels,Members,Due Date,\
Attachment Count,List ID,List Name,Board Name,Archived,Due Complete
a1,Fix login,https://trello.com/c/a1,Steps inside,"Bug (red), (sky_dark)","Ann Lee, Bob Ray",\
2026-05-01T10:00:00.000Z,0,l1,Doing,Web,false,false
a2,Old idea,https://trello.com/c/a2,,,,,0,l2,Backlog,Web,true,false
"""


def test_trello_csv_export(services, importer, tmp_path):
    summary = importer.import_csv(write(tmp_path, TRELLO_CSV, "web.csv")).value
    assert (summary.cards, summary.archived, summary.people) == (2, 1, 1)
    assert summary.skipped_count("unknown CSV columns") == 6
    product, snap = board(services, "web")
    login = snap.tasks[-1]
    assert login.title == "Fix login" and login.due_date == date(2026, 5, 1)
    assert snap.people[login.assignee_id].name == "Ann Lee"
    detail = services.tasks.get_task(login.id).task
    assert detail.description == "Steps inside\n\nAlso on the card: Bob Ray."
    labels = {label.name: label.colour for label in services.people.list_labels(product.id)}
    assert labels == {"Bug": "#EB5A46", "Sky dark": "#227D9B"}
    archived = services.reads.board(snap.board.id, archived=True).tasks
    assert [task.title for task in archived] == ["Old idea"]


def test_an_archived_cell_must_be_yes_or_no(services, importer, tmp_path):
    with pytest.raises(ImportFileError, match="^Row 2: “maybe” in the archived column is "
                                              "neither yes nor no.$"):
        importer.import_csv(write(tmp_path, "title,archived\nA,maybe\n"))
