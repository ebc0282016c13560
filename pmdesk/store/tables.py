"""The workspace schema as SQLAlchemy Core tables.

The migrations build exactly these (a test compares them); later changes go through new
migrations, never through edits here alone.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _version() -> sa.Column[int]:
    """Bumped by every write of the row: a save based on an older version is refused."""
    return sa.Column("version", sa.Integer, nullable=False, server_default="1")


def _keyed_table(name: str, *items: sa.schema.SchemaItem) -> sa.Table:
    """A table keyed by ``id``; AUTOINCREMENT means a deleted row's id is never handed out again.

    Undo re-inserts deleted rows with their ids, and the event log names rows by id, so an
    id must stay one item's forever.
    """
    return sa.Table(name, metadata, _id(), *items, sqlite_autoincrement=True)


def _fk(name: str, target: str, *, nullable: bool, ondelete: str) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
    )


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=False, server_default="")


person = _keyed_table(
    "person",
    sa.Column("name", sa.Text, nullable=False, unique=True),
    _version(),
)

product = _keyed_table(
    "product",
    sa.Column("name", sa.Text, nullable=False),
    _text("tagline"),
    _text("vision"),
    _text("problem"),
    _text("target_customers"),
    _text("value_proposition"),
    _text("success_metrics"),
    _text("not_doing"),
    _fk("owner_id", "person.id", nullable=True, ondelete="SET NULL"),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    _version(),
)

goal = _keyed_table(
    "goal",
    _fk("product_id", "product.id", nullable=False, ondelete="CASCADE"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("colour", sa.String(7), nullable=False, server_default="#4C78A8"),
    _text("description"),
    _text("metric"),
    _text("target"),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    _version(),
)

lane = _keyed_table(
    "lane",
    _fk("product_id", "product.id", nullable=False, ondelete="CASCADE"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    _version(),
)

initiative = _keyed_table(
    "initiative",
    _fk("product_id", "product.id", nullable=False, ondelete="CASCADE"),
    _fk("lane_id", "lane.id", nullable=True, ondelete="SET NULL"),
    _fk("goal_id", "goal.id", nullable=True, ondelete="SET NULL"),
    sa.Column("title", sa.Text, nullable=False),
    _text("description"),
    sa.Column("status", sa.String(16), nullable=False, server_default="idea"),
    sa.Column("start_date", sa.Date, nullable=True),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.Column("horizon", sa.String(8), nullable=False, server_default="later"),
    _fk("owner_id", "person.id", nullable=True, ondelete="SET NULL"),
    sa.Column("reach", sa.Float, nullable=True),
    sa.Column("impact", sa.Float, nullable=True),
    sa.Column("confidence", sa.Float, nullable=True),
    sa.Column("effort", sa.Float, nullable=True),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.CheckConstraint(
        "(start_date IS NULL) = (end_date IS NULL) AND "
        "(start_date IS NULL OR end_date >= start_date)",
        name="dates",
    ),
    _version(),
)

milestone = _keyed_table(
    "milestone",
    _fk("product_id", "product.id", nullable=False, ondelete="CASCADE"),
    _fk("lane_id", "lane.id", nullable=True, ondelete="SET NULL"),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    _version(),
)

dependency = _keyed_table(
    "dependency",
    _fk("blocker_id", "initiative.id", nullable=False, ondelete="CASCADE"),
    _fk("blocked_id", "initiative.id", nullable=False, ondelete="CASCADE"),
    sa.UniqueConstraint("blocker_id", "blocked_id", name="uq_dependency_pair"),
    sa.CheckConstraint("blocker_id <> blocked_id", name="not_self"),
)

board = _keyed_table(
    "board",
    _fk("product_id", "product.id", nullable=False, ondelete="CASCADE"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    # Where cycle time starts; none: the first "doing" column. No foreign key (see 0004).
    sa.Column("start_column_id", sa.Integer, nullable=True),
    _version(),
)

board_column = _keyed_table(
    "board_column",
    _fk("board_id", "board.id", nullable=False, ondelete="CASCADE"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.Column("kind", sa.String(8), nullable=False, server_default="todo"),
    sa.Column("wip_limit", sa.Integer, nullable=True),
    sa.Column("wip_hard", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("archived_at", sa.DateTime, nullable=True),  # an archived list (Trello)
    _version(),
)

label = _keyed_table(
    "label",
    _fk("product_id", "product.id", nullable=False, ondelete="CASCADE"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("colour", sa.String(7), nullable=False, server_default="#9E9E9E"),
    _version(),
)

task = _keyed_table(
    "task",
    _fk("board_id", "board.id", nullable=False, ondelete="CASCADE"),
    _fk("column_id", "board_column.id", nullable=False, ondelete="RESTRICT"),
    _fk("initiative_id", "initiative.id", nullable=True, ondelete="SET NULL"),
    sa.Column("title", sa.Text, nullable=False),
    _text("description"),
    _fk("assignee_id", "person.id", nullable=True, ondelete="SET NULL"),
    sa.Column("due_date", sa.Date, nullable=True),
    sa.Column("estimate", sa.Float, nullable=True),
    sa.Column("priority", sa.Integer, nullable=False, server_default="0"),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("started_at", sa.DateTime, nullable=True),
    sa.Column("done_at", sa.DateTime, nullable=True),
    sa.Column("archived_at", sa.DateTime, nullable=True),
    sa.Column("column_since", sa.DateTime, nullable=True),
    sa.Index("ix_task_column_position", "column_id", "position"),
    _version(),
)

def _card_link_table(name: str, other: str) -> sa.Table:
    """A table linking cards to rows of ``other`` (both sides cascade on delete)."""
    return sa.Table(
        name,
        metadata,
        sa.Column(
            "task_id", sa.Integer, sa.ForeignKey("task.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            f"{other}_id",
            sa.Integer,
            sa.ForeignKey(f"{other}.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )


task_label = _card_link_table("task_label", "label")

checklist_item = _keyed_table(
    "checklist_item",
    _fk("task_id", "task.id", nullable=False, ondelete="CASCADE"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("done", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
)

# Everyone else on a card besides its assignee (Trello's members, Jira's watchers).
task_watcher = _card_link_table("task_watcher", "person")

# A card's discussion: who wrote what, when (imported from Trello or Jira).
task_comment = _keyed_table(
    "task_comment",
    _fk("task_id", "task.id", nullable=False, ondelete="CASCADE"),
    sa.Column("author", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
)

# Links a card points to: Trello attachments, documents, designs.
task_link = _keyed_table(
    "task_link",
    _fk("task_id", "task.id", nullable=False, ondelete="CASCADE"),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=True),
)

# A named, immutable snapshot of a product's roadmap, as one JSON document.
baseline = _keyed_table(
    "baseline",
    _fk("product_id", "product.id", nullable=False, ondelete="CASCADE"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("taken_at", sa.DateTime, nullable=False),
    sa.Column("kind", sa.String(8), nullable=False, server_default="manual"),
    sa.Column("content", sa.JSON, nullable=False),
)

event = _keyed_table(
    "event",
    sa.Column("at", sa.DateTime, nullable=False, index=True),
    sa.Column("txn", sa.String(32), nullable=False, index=True),
    sa.Column("product_id", sa.Integer, nullable=True, index=True),
    sa.Column("entity", sa.String(24), nullable=False),
    sa.Column("entity_id", sa.Integer, nullable=False),
    sa.Column("action", sa.String(8), nullable=False),
    sa.Column("fields", sa.JSON, nullable=False),
    sa.Column("author", sa.Text, nullable=False, server_default=""),
    sa.Column("note", sa.Text, nullable=False, server_default=""),  # why, e.g. a slip's reason
    sa.Index("ix_event_entity", "entity", "entity_id"),
)
