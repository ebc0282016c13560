"""card comments, links and watchers; archived columns

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Adds what a faithful Trello or Jira import needs: every member of a card besides its
assignee (``task_watcher``), its comments with author and date (``task_comment``), its
attachment links (``task_link``), and archived lists as archived columns
(``board_column.archived_at``). Existing rows are kept as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("board_column", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(), nullable=True))
    op.create_table(
        "task_watcher",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_task_watcher_person_id_person"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"],
                                name=op.f("fk_task_watcher_task_id_task"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("task_id", "person_id", name=op.f("pk_task_watcher")),
    )
    with op.batch_alter_table("task_watcher", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_watcher_person_id"), ["person_id"],
                              unique=False)
    op.create_table(
        "task_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"],
                                name=op.f("fk_task_comment_task_id_task"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_comment")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("task_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_comment_task_id"), ["task_id"], unique=False)
    op.create_table(
        "task_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), server_default="", nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"],
                                name=op.f("fk_task_link_task_id_task"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_link")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("task_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_link_task_id"), ["task_id"], unique=False)


def downgrade() -> None:
    op.drop_table("task_link")
    op.drop_table("task_comment")
    op.drop_table("task_watcher")
    with op.batch_alter_table("board_column", schema=None, recreate="always",
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("archived_at")
