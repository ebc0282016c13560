"""Schema versions: build new files and upgrade old ones without losing a row."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from pmdesk.domain.errors import WorkspaceError
from pmdesk.store.sqlite import foreign_key_problems, make_engine, storage_errors

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


def upgrade_to_head(path: Path, revision: str = "head") -> None:
    """Run pending migrations (up to ``revision``) on their own connection, foreign keys off.

    Batch migrations recreate tables; with foreign keys on, dropping a parent table
    cascades into its children and silently deletes them. The foreign key check at
    the end refuses to commit a migration that left dangling references.
    """
    engine = make_engine(path, foreign_keys=False)
    try:
        with storage_errors(path, "the file was left as it was"), engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            problems = foreign_key_problems(conn)
            if problems:
                raise WorkspaceError(
                    f"Upgrading {path.name} would leave {len(problems)} broken references; "
                    "the file was left as it was."
                )
    finally:
        engine.dispose()
