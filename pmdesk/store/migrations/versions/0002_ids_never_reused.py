"""ids are never reused

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Rebuilds every table keyed by ``id`` with ``AUTOINCREMENT``, keeping every row and its id.
Without it SQLite hands the id of the newest deleted row to the next insert, so an undo,
the item history and "what changed since" would mix two different items. The counter of
each table starts above every id the table or the event log ever held, so an id that was
deleted before this upgrade is not handed out again either.

Runs with foreign keys off (see ``pmdesk.store.migrate``): the rebuild drops each parent
table, which with foreign keys on would cascade into its children.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Parents before children; the event log last. Frozen here: later schema changes must not
# change what this migration did.
TABLES = (
    "person", "product", "goal", "lane", "initiative", "milestone", "dependency", "board",
    "board_column", "label", "task", "checklist_item", "event",
)
# How the event log names each table's rows (Entity values at the time of this migration).
LOGGED_AS = {"board_column": "column"}


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return  # a server's sequences never hand out an id twice: nothing to rebuild
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass
    for table in TABLES:
        top = conn.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0
        if table != "event":
            logged = conn.execute(
                sa.text("SELECT max(entity_id) FROM event WHERE entity = :entity"),
                {"entity": LOGGED_AS.get(table, table)},
            ).scalar()
            top = max(top, logged or 0)
        conn.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :name"), {"name": table})
        conn.execute(
            sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"),
            {"name": table, "seq": top},
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in reversed(TABLES):
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": False}
        ):
            pass
