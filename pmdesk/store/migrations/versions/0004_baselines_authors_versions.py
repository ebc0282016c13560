"""baselines, event authors and reasons, row versions, a board's flow start column

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

- ``baseline``: a named, dated, immutable snapshot of a product's roadmap (its content is
  one JSON document, so a baseline never changes when the schema of live rows does).
- ``event.author``: who made the change (the system user on a file, the login on a server);
  ``event.note``: why (the one-line reason given when an end date slips).
- ``version`` on every row a person edits in a dialog: a save over a change someone else
  made since the dialog loaded is refused instead of overwriting it.
- ``board.start_column_id``: the column where a board's cycle time starts (none: the
  first column of kind "doing"). No foreign key: a deleted column falls back to the default
  and the board table is not rebuilt.

Existing rows are kept as they are; old events get an empty author and note.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen here: later schema changes must not change what this migration did.
VERSIONED = (
    "person", "product", "goal", "lane", "initiative", "milestone", "board", "board_column",
    "label", "task",
)


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("board", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_column_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "baseline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=8), server_default="manual", nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"],
                                name=op.f("fk_baseline_product_id_product"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baseline")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("baseline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_baseline_product_id"), ["product_id"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("baseline")
    with op.batch_alter_table("event", schema=None, recreate="always",
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("note")
        batch_op.drop_column("author")
    with op.batch_alter_table("board", schema=None, recreate="always",
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("start_column_id")
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None, recreate="always",
                                  table_kwargs={"sqlite_autoincrement": True}) as batch_op:
            batch_op.drop_column("version")
