"""Persistence: schema, engine setup, migrations, backups and integrity checks."""
