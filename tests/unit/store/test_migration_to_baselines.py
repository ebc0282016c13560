"""The upgrade from the last schema before baselines (0003) keeps every row, after a backup."""

import sqlite3
from contextlib import closing

from pmdesk.services import Services
from pmdesk.store import backups, migrate
from pmdesk.store.workspace import open_workspace
from tests.conftest import FIXED_NOW
from tests.unit.store.test_migrations import columns_of, dump, old_workspace


def test_a_0003_file_upgrades_to_baselines_keeping_every_row_and_a_backup(tmp_path):
    path, _ = old_workspace(tmp_path, "0003")
    shape = columns_of(path)
    assert "baseline" not in shape and "note" not in shape["event"]
    before = dump(path, shape)
    assert before["initiative"] and before["task"] and before["event"] and before["task_link"] \
        is not None

    ws = open_workspace(path)
    services = Services(ws, clock=lambda: FIXED_NOW)
    product = services.products.list_products()[0]
    baseline = services.baselines.save_baseline(product.id, "After the upgrade").value
    assert len(baseline.plan.initiatives) == len(
        [row for row in before["initiative"] if row[shape["initiative"].index("product_id")]
         == product.id])
    ws.close()
    after = dump(path, shape)
    added_events = len(after["event"]) - len(before["event"])
    assert added_events == 1  # the baseline's own
    assert {k: v for k, v in after.items() if k != "event"} == {
        k: v for k, v in before.items() if k != "event"}
    assert after["event"][:len(before["event"])] == before["event"]

    copies = backups.existing_backups(path)
    assert len(copies) == 1 and f"before-{migrate.head_revision()}" in copies[0].name
    assert dump(copies[0]) == before
    with closing(sqlite3.connect(copies[0])) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
