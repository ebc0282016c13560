"""The window's first read: what it paints first, straight from the file with ``sqlite3``.

Opening through the services imports SQLAlchemy (a quarter of a second) and checks the file
at length; the window paints before that from this read, and the services take over a
moment later. Only the ordinary case qualifies: a local, writable pmdesk file at exactly
this pmdesk's schema that reads without an error. Anything else (a server, another schema
version, a lock, damage, read-only media) returns None and the window opens as it always
did, through the services, which then say what is wrong.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pmdesk.domain.board_cards import FirstView
from pmdesk.store import board_query
from pmdesk.store.schema import APPLICATION_ID, HEAD_REVISION

LOCK_WAIT_S = 0.1  # a writer holding the file: open the usual way instead of waiting
# Cards read in full at the top of each column: more than the tallest screen shows.
SHOWN_CARDS = 50


def _connect(path: Path) -> sqlite3.Connection:
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT_S, isolation_level=None,
                           check_same_thread=False)
    return conn


def _is_current_workspace(conn: sqlite3.Connection) -> bool:
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return False
    return conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
        (HEAD_REVISION,)]


def first_view(path: Path | str, product_id: int | None, today: date | None = None,
               shown: int = SHOWN_CARDS) -> FirstView | None:
    """The products, the boards of ``product_id`` (or the first product) and its first
    board's cards (the top ``shown`` of each column in full, see ``read_board_top``), read
    in one transaction; None unless ``path`` is an ordinary file."""
    if not isinstance(path, Path):
        return None  # a server URL
    try:
        if not (path.is_file() and os.access(path, os.W_OK)
                and os.access(path.parent, os.W_OK)):
            return None
        with closing(_connect(path)) as conn:
            def fetch(sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
                return conn.execute(sql, params).fetchall()

            conn.execute("BEGIN")  # every statement reads the same moment of the file
            if not _is_current_workspace(conn):
                return None
            products = board_query.product_names(fetch)
            ids = [product.id for product in products]
            chosen = product_id if product_id in ids else (ids[0] if ids else None)
            boards = board_query.boards_of(fetch, chosen) if chosen is not None else ()
            cards = (board_query.read_board_top(fetch, boards[0].id, today or date.today(),
                                                shown) if boards else None)
            mark = board_query.newest_event(fetch)
            conn.execute("COMMIT")
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return None  # the services open it the usual way and say what is wrong
    return FirstView(products, chosen, boards, cards, mark)
