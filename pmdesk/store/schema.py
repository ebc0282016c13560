"""The schema revision this pmdesk writes, known without loading Alembic.

Opening a current file compares its version with this one query's worth of knowledge;
Alembic loads only when a file needs upgrading, is new, or is from another version. A test
checks that this matches the newest file in ``migrations/versions``.
"""

HEAD_REVISION = "0004"
APPLICATION_ID = 0x504D444B  # "PMDK" in the SQLite header marks a pmdesk workspace


def head_revision() -> str:
    return HEAD_REVISION
