"""Import of the workspace JSON export: a round trip, name clashes and every refusal."""

import copy
import json
from dataclasses import fields, is_dataclass, replace
from datetime import date

import pytest
import sqlalchemy as sa

from pmdesk import documents
from pmdesk.domain.enums import Entity
from pmdesk.domain.errors import ValidationError
from pmdesk.services import Services
from pmdesk.services.demo import DemoService
from pmdesk.services.importing import ImportFileError
from pmdesk.store import tables as t
from pmdesk.store.workspace import create_workspace
from tests.conftest import FIXED_NOW

TODAY = date(2026, 3, 2)
# Which kind of row an id field names; a dataclass's own "id" is its class's kind.
REFERENCE_KINDS = {
    "product_id": "product", "owner_id": "person", "assignee_id": "person",
    "goal_id": "goal", "lane_id": "lane", "initiative_id": "initiative",
    "blocker_id": "initiative", "blocked_id": "initiative", "board_id": "board",
    "column_id": "column", "task_id": "task", "label_ids": "label",
    "people": "person", "labels": "label", "initiatives": "initiative",
}
KIND_OF_CLASS = {"InitiativeTag": "initiative", "ChecklistItem": "checklist_item"}


@pytest.fixture
def demo(tmp_path):
    workspace = create_workspace(tmp_path / "demo.pmdesk")
    DemoService(workspace, clock=lambda: FIXED_NOW).generate()
    yield Services(workspace, clock=lambda: FIXED_NOW)
    workspace.close()


@pytest.fixture
def export_file(demo, tmp_path):
    path = tmp_path / "demo.json"
    path.write_bytes(documents.workspace_json(demo)[0])
    return path


def views(services, product):
    """The roadmap and every board (active and archived cards) of a product."""
    boards = services.boards.list_boards(product.id)
    return (services.reads.roadmap(product.id, TODAY),
            [(services.reads.board(b.id, TODAY), services.reads.board(b.id, TODAY, archived=True))
             for b in boards])


def defined_ids(value, found):
    """Collect the ids each record defines, by kind, in reading order."""
    if is_dataclass(value) and not isinstance(value, type):
        kind = KIND_OF_CLASS.get(type(value).__name__, type(value).__name__.lower())
        if any(f.name == "id" for f in fields(value)):
            found.setdefault(kind, {})[value.id] = None
        for f in fields(value):
            defined_ids(getattr(value, f.name), found)
    elif isinstance(value, dict):
        for item in value.values():
            defined_ids(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            defined_ids(item, found)
    return found


def normal(value, ids, kind=None):
    """The value as plain data with every id translated through ``ids``."""
    if is_dataclass(value) and not isinstance(value, type):
        own = KIND_OF_CLASS.get(type(value).__name__, type(value).__name__.lower())
        return {f.name: normal(getattr(value, f.name), ids,
                               own if f.name == "id" else REFERENCE_KINDS.get(f.name))
                for f in fields(value)}
    if isinstance(value, dict):
        return {ids[kind][k] if kind else k: normal(v, ids) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normal(v, ids, kind) for v in value]
    if kind and isinstance(value, int) and not isinstance(value, bool):
        return ids[kind][value]
    return value


def assert_same_apart_from_ids(original, imported, people=None):
    """Equal field by field once ids are mapped; with ``people`` (old id: new id), for a
    product imported alone, the lists of everyone in the workspace and the product's place
    among the products are left out and people map by it."""
    if people is not None:
        original, imported = without_people(original), without_people(imported)
    before, after = defined_ids(original, {}), defined_ids(imported, {})
    assert before.keys() == after.keys()
    ids = {} if people is None else {"person": people}
    for kind in before:
        assert len(before[kind]) == len(after[kind]), kind
        ids[kind] = dict(zip(before[kind], after[kind], strict=True))
    same = {kind: {new: new for new in after[kind]} for kind in after}
    if people is not None:
        same["person"] = {new: new for new in people.values()}
    assert normal(original, ids) == normal(imported, same)


def without_people(view):
    """The view without everyone in the workspace, and with the product in first place."""
    roadmap, boards = view
    return (replace(roadmap, people={}, product=replace(roadmap.product, position=0)),
            [(replace(active, people={}), replace(archived, people={}))
             for active, archived in boards])


def people_by_name(source, target):
    new = {p.name: p.id for p in target.people.list_people()}
    return {p.id: new.get(p.name) for p in source.people.list_people()}


def new_workspace(tmp_path, name="new.pmdesk"):
    return Services(create_workspace(tmp_path / name), clock=lambda: FIXED_NOW)


def test_the_demo_workspace_comes_back_equal_apart_from_ids(demo, export_file, tmp_path):
    target = new_workspace(tmp_path)
    result = target.importing.import_json(export_file)
    originals, imported = demo.products.list_products(), target.products.list_products()
    assert [p.name for p in imported] == [p.name for p in originals]
    assert result.value.products == tuple(p.name for p in originals)
    for before, after in zip(originals, imported, strict=True):
        assert_same_apart_from_ids(views(demo, before), views(target, after))
    dumped = demo.reports.workspace_dump()
    assert result.value.count_of("task") == len(dumped.tasks)
    assert result.value.archived == sum(task.archived for task in dumped.tasks)
    assert result.value.people == len(dumped.people)
    assert len(result.changes.ids(Entity.TASK)) == len(dumped.tasks)
    events = target.history.count()
    assert events >= len(dumped.tasks) + len(dumped.initiatives) + len(dumped.checklist_items)
    with target.workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    target.workspace.close()


def test_importing_twice_gives_numbered_names_and_reuses_people(demo, export_file, tmp_path):
    target = new_workspace(tmp_path)
    target.importing.import_json(export_file)
    again = target.importing.import_json(export_file).value
    names = [p.name for p in demo.products.list_products()]
    assert again.products == tuple(f"{name} (2)" for name in names)
    assert again.people == 0 and again.people_reused == len(demo.people.list_people())
    assert [p.name for p in target.products.list_products()] == [
        *names, *(f"{name} (2)" for name in names)]
    target.workspace.close()


def test_one_product_of_the_file_with_product(demo, export_file, tmp_path):
    target = new_workspace(tmp_path)
    wanted = demo.products.list_products()[1]
    summary = target.importing.import_json(export_file, product=wanted.name.upper()).value
    assert summary.products == (wanted.name,)
    (imported,) = target.products.list_products()
    assert_same_apart_from_ids(views(demo, wanted), views(target, imported),
                               people_by_name(demo, target))
    with pytest.raises(ImportFileError, match="has no product called “Nope”"):
        target.importing.import_json(export_file, product="Nope")
    target.workspace.close()


def _task(document):
    return document["products"][0]["boards"][0]["columns"][0]["tasks"][0]


def _initiative(document):
    return document["products"][0]["initiatives"][0]


def _loop(document):
    deps = document["products"][0]["dependencies"]
    first = deps[0]
    deps.append({"id": 99999, "blocker_id": first["blocked_id"],
                 "blocked_id": first["blocker_id"]})


BROKEN = {
    "not json": (lambda d: None, "is not valid JSON"),
    "other kind": (lambda d: d.update(format="trello"), "is not a pmdesk workspace export"),
    "no format": (lambda d: d.pop("format"), "is not a pmdesk workspace export"),
    "newer version": (lambda d: d.update(format_version=2), "format version 2, newer"),
    "missing title": (lambda d: _task(d).pop("title"), "› tasks[0] has no “title”"),
    "missing product name": (lambda d: d["products"][0].pop("name"), "products[0] has no “name”"),
    "unknown initiative": (lambda d: _task(d).update(initiative_id=424242),
                           "refers to initiative 424242 in “initiative_id”"),
    "unknown label": (lambda d: _task(d).update(label_ids=[777777]), "label 777777"),
    "unknown owner": (lambda d: _initiative(d).update(owner_id=555555), "person 555555"),
    "loop": (_loop, "has a dependency loop"),
    "bad date": (lambda d: _initiative(d).update(start_date="2026-02-31"),
                 "“start_date” '2026-02-31', which is not a date"),
    "bad time": (lambda d: _task(d).update(created_at="yesterday"), "which is not a time"),
    "end before start": (lambda d: _initiative(d).update(start_date="2026-05-01",
                                                         end_date="2026-04-01"),
                         "ends (2026-04-01) before it starts (2026-05-01)"),
    "bad status": (lambda d: _initiative(d).update(status="maybe"), "“status” 'maybe'"),
    "bad colour": (lambda d: d["products"][0]["labels"][0].update(colour="red"),
                   "is refused: “red” is not a colour like #3366CC"),
    "bad impact": (lambda d: _initiative(d).update(impact=9),
                   "is refused: impact must be between 0.25 (minimal) and 3 (massive)"),
    "repeated id": (lambda d: d["products"][0]["lanes"].append(
        dict(d["products"][0]["lanes"][0])), "repeats lane id"),
    "huge position": (lambda d: _task(d).update(position=10**30),
                      "tasks[0] › position is 10000000000000000000000…, which is outside "
                      "the range pmdesk stores"),
    "NaN estimate": (lambda d: _task(d).update(estimate=float("nan")),
                     "tasks[0] › estimate is NaN, which is not a finite number"),
    "Infinity estimate": (lambda d: _task(d).update(estimate=float("inf")),
                          "tasks[0] › estimate is Infinity, which is not a finite number"),
    "lone surrogate": (lambda d: _task(d).update(title="Fix \ud800 login"),
                       "tasks[0] › title holds a lone surrogate escape"),
    "negative WIP limit": (lambda d: _column(d).update(wip_limit=-5),
                           "is refused: the WIP limit must be a whole number of cards"),
    "hard WIP limit exceeded": (lambda d: _column(d).update(wip_limit=1, wip_hard=True),
                                "active cards, over its hard WIP limit of 1"),
}


def _column(document):
    """The first column holding at least two active cards."""
    for board in document["products"][0]["boards"]:
        for column in board["columns"]:
            if sum(task["archived_at"] is None for task in column["tasks"]) >= 2:
                return column
    raise AssertionError("the demo has no column with two active cards")


def _rows(services):
    with services.workspace.engine.connect() as conn:
        return {table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
                for table in t.metadata.sorted_tables}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_is_refused_in_one_sentence_and_writes_nothing(
    demo, export_file, tmp_path, case
):
    change, expected = BROKEN[case]
    document = json.loads(export_file.read_text(encoding="utf-8"))
    assert _task(document)["initiative_id"] is not None or case != "unknown initiative"
    broken = copy.deepcopy(document)
    change(broken)
    path = tmp_path / "broken.json"
    path.write_text("{not json" if case == "not json" else json.dumps(broken), encoding="utf-8")
    target = new_workspace(tmp_path)
    target.importing.import_json(export_file, product=document["products"][0]["name"])
    before, products = _rows(target), target.products.list_products()
    with pytest.raises(ImportFileError) as refused:
        target.importing.import_json(path)
    message = refused.value.message
    assert expected in message, message
    assert message.startswith("broken.json") and message.endswith(".")
    assert "\n" not in message
    assert _rows(target) == before and target.products.list_products() == products
    target.workspace.close()


@pytest.mark.parametrize(("text", "expected"), [
    ("[" * 100_000 + "]" * 100_000, "nests lists or objects more than 64 levels deep"),
    ('{"format": "pmdesk-workspace", "x": ' + "[" * 70 + "]" * 70 + "}",
     "x[0][0]"),
    ('{"format": "pmdesk-workspace", "format_version": 1e400}', "format_version is 1e400, "
     "which is too large to store"),
    ('{"a": 1' + "0" * 5000 + "}", "a is 10000000000000000000000…, which is outside"),
])
def test_hostile_json_is_refused_in_one_sentence(tmp_path, text, expected):
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    target = new_workspace(tmp_path)
    with pytest.raises(ImportFileError) as refused:
        target.importing.import_json(path)
    assert expected in refused.value.message and "\n" not in refused.value.message
    assert target.products.list_products() == []
    target.workspace.close()


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    target = new_workspace(tmp_path)
    with pytest.raises(ValidationError, match="does not exist"):
        target.importing.import_json(tmp_path / "nothing.json")
    with pytest.raises(ValidationError, match="is a folder"):
        target.importing.import_json(tmp_path)
    target.workspace.close()
