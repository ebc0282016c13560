import json

import pytest

from pmdesk.export import workspace_document, workspace_json
from tests.conftest import BOTH_BACKENDS
from tests.unit.export.helpers import demo, report


@pytest.fixture(params=BOTH_BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The JSON export reads the same rows from a file and from a server."""
    return str(request.param)


def test_dump_holds_every_row_nested_by_product_and_board(services):
    demo(services, initiatives=12, tasks=60)
    dump = report(services).workspace_dump()
    document = json.loads(workspace_json(dump))
    assert document["format"] == "pmdesk-workspace" and document["format_version"] == 1
    assert document["workspace"] == services.workspace.name
    counts = document["counts"]
    products = document["products"]
    assert counts["products"] == len(products) == 2
    for kind in ("goals", "lanes", "initiatives", "milestones", "dependencies", "labels"):
        assert sum(len(p[kind]) for p in products) == counts[kind], kind
    boards = [b for p in products for b in p["boards"]]
    columns = [c for b in boards for c in b["columns"]]
    tasks = [t for c in columns for t in c["tasks"]]
    assert (len(boards), len(columns), len(tasks)) == (
        counts["boards"], counts["columns"], counts["tasks"])
    assert sum(len(t["checklist"]) for t in tasks) == counts["checklist_items"] > 0
    assert len(document["people"]) == counts["people"]


def test_dump_keeps_text_dates_and_links_as_entered(services, small):
    document = workspace_document(report(services).workspace_dump())
    product = document["products"][0]
    assert product["name"] == "Kraków <b>Tools</b> & Co"
    sync = next(i for i in product["initiatives"] if i["title"] == "Offline sync")
    assert sync["status"] == "in_progress" and sync["start_date"] == "2026-01-31"
    assert product["dependencies"] == [{"id": 1, "blocker_id": sync["id"],
                                        "blocked_id": sync["id"] + 1}]
    task = next(t for c in product["boards"][0]["columns"] for t in c["tasks"]
                if t["title"] == "Write the sync spec")
    label = product["labels"][0]
    assert task["label_ids"] == [label["id"]] and label["name"] == "urgent <now>"
    assert task["initiative_id"] == sync["id"] and task["due_date"] == "2026-02-28"
    assert task["created_at"] == "2026-03-02T09:30:00"
    people = {p["id"]: p["name"] for p in document["people"]}
    assert people[product["owner_id"]] == "Ola Kowalczyk"


def test_dump_text_is_stable(services, small):
    dump = report(services).workspace_dump()
    assert workspace_json(dump) == workspace_json(report(services).workspace_dump())
    assert "Νίκος Παπαδόπουλος" in workspace_json(dump)
