"""Schema versions: build new files and upgrade old ones without losing a row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from pmdesk.domain.errors import WorkspaceError
from pmdesk.store.backend import Backend, Location, backend_for

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in _script().walk_revisions()}


def upgrade_to_head(where: Backend | Location, revision: str = "head",
                    then: Callable[[sa.Connection], None] | None = None) -> None:
    """Run pending migrations (up to ``revision``) in one transaction, foreign keys off.

    Batch migrations recreate SQLite tables; with foreign keys on, dropping a parent table
    cascades into its children and silently deletes them. The foreign key check at
    the end refuses to commit a migration that left dangling references. On a server the
    whole upgrade is one transaction too (PostgreSQL's DDL is transactional).
    """
    backend = backend_for(where) if isinstance(where, str | Path) else where
    engine = backend.make_engine(foreign_keys=False)
    kept = f"the {'file' if backend.path is not None else 'database'} was left as it was"
    try:
        with backend.errors(kept), engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            problems = backend.foreign_key_problems(conn)
            if problems:
                raise WorkspaceError(
                    f"Upgrading {backend.name} would leave {len(problems)} broken references; "
                    f"{kept}."
                )
            backend.after_upgrade(conn)
            if then is not None:  # more work that must commit with the schema, or not at all
                then(conn)
    finally:
        engine.dispose()
