"""The JSON export carries each card's comments, links and watchers, and archived columns."""

import json
from pathlib import Path

from pmdesk import documents
from pmdesk.services import Services
from pmdesk.store.workspace import create_workspace
from tests.conftest import FIXED_NOW

DATA = Path(__file__).resolve().parents[2] / "data"


def new_services(path: Path) -> Services:
    return Services(create_workspace(path), clock=lambda: FIXED_NOW)


def cards(services):
    """Each card's title, column, comments, links and watchers, as a user sees them."""
    out = []
    for product in services.products.list_products():
        for board in services.boards.list_boards(product.id):
            snaps = (services.reads.board(board.id), services.reads.board(board.id, archived=True))
            columns = {c.id: c for snap in snaps for c in snap.columns}
            for task in (task for snap in snaps for task in snap.tasks):
                detail = services.tasks.get_task(task.id)
                column = columns[task.column_id]
                out.append((
                    product.name, task.title, column.name, column.archived,
                    [(c.author, c.created_at, c.text) for c in detail.comments],
                    [(link.title, link.url, link.created_at) for link in detail.links],
                    sorted(detail.watchers)))
    return sorted(out, key=repr)


def test_export_and_import_keep_the_discussion_and_archived_columns(tmp_path):
    source = new_services(tmp_path / "source.pmdesk")
    source.importing.import_csv(DATA / "jira" / "jira-server-all-fields.csv")
    source.importing.import_trello(
        DATA / "trello" / "trello-avidyne-engineering-mostly-archived.json", include_archived=True)
    before = cards(source)
    assert sum(len(c[4]) for c in before) > 250  # comments
    assert any(c[5] for c in before) and any(c[6] for c in before)
    assert any(c[3] for c in before)  # cards in archived columns

    exported = tmp_path / "all.json"
    exported.write_bytes(documents.workspace_json(source)[0])
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["counts"]["comments"] == sum(len(c[4]) for c in before)

    target = new_services(tmp_path / "target.pmdesk")
    summary = target.importing.import_json(exported).value
    assert cards(target) == before
    line = summary.line()
    assert "comments" in line and "links" in line and "watchers" in line
    assert "archived)" in line
    assert len({(c[0], c[2]) for c in cards(target) if c[3]}) == 5  # the archived lists
    source.workspace.close()
    target.workspace.close()
