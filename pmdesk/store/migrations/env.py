"""Alembic environment: always run on a connection handed in by pmdesk.store."""

from alembic import context

from pmdesk.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
context.run_migrations()
