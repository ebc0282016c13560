"""The window's first read: what it paints first, straight from the file with ``sqlite3``.

Opening through the services imports SQLAlchemy (a quarter of a second) and checks the file
at length; the window paints before that from this read, and the services take over a
moment later. Only the ordinary case qualifies: a local, writable pmdesk file at exactly
this pmdesk's schema that reads without an error. Anything else (a server, another schema
version, a lock, damage, read-only media) returns None and the window opens as it always
did, through the services, which then say what is wrong.

An image export of a board reads the same way (``products_and_boards``, ``board_cards``),
so writing a PNG of a file never imports SQLAlchemy either.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from pmdesk.domain.board_cards import BoardCards, FirstView
from pmdesk.domain.models import Board, Product
from pmdesk.store import board_query
from pmdesk.store.schema import APPLICATION_ID, HEAD_REVISION

T = TypeVar("T")
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
    def read(fetch: board_query.Fetch) -> FirstView:
        products = board_query.product_names(fetch)
        ids = [product.id for product in products]
        chosen = product_id if product_id in ids else (ids[0] if ids else None)
        boards = board_query.boards_of(fetch, chosen) if chosen is not None else ()
        cards = (board_query.read_board_top(fetch, boards[0].id, today or date.today(), shown)
                 if boards else None)
        return FirstView(products, chosen, boards, cards, board_query.newest_event(fetch))

    return _read_file(path, read)


@contextmanager
def _current_file(path: Path) -> Iterator[board_query.Fetch | None]:
    """One read transaction on an ordinary file at exactly this pmdesk's schema, as
    ``first_view`` qualifies it; None for anything else."""
    if not (path.is_file() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        yield None
        return
    with closing(_connect(path)) as conn:
        def fetch(sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
            return conn.execute(sql, params).fetchall()

        conn.execute("BEGIN")  # every statement reads the same moment of the file
        yield fetch if _is_current_workspace(conn) else None
        conn.execute("COMMIT")


def _read_file(path: Path | str, read: Callable[[board_query.Fetch], T]) -> T | None:
    """What ``read`` makes of an ordinary file at the current schema, else None."""
    if not isinstance(path, Path):
        return None  # a server URL
    try:
        with _current_file(path) as fetch:
            return None if fetch is None else read(fetch)
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return None  # the services open it the usual way and say what is wrong


def products_and_boards(path: Path | str) -> tuple[tuple[Product, ...],
                                                   dict[int, tuple[Board, ...]]] | None:
    """Every product (id and name) and each one's boards, for an export to pick from by
    name; None unless ``path`` is an ordinary file (the services then open it)."""
    def read(fetch: board_query.Fetch) -> tuple[tuple[Product, ...],
                                                dict[int, tuple[Board, ...]]]:
        products = board_query.product_names(fetch)
        return products, {p.id: board_query.boards_of(fetch, p.id) for p in products}

    return _read_file(path, read)


def board_cards(path: Path | str, board_id: int, today: date | None = None
                ) -> BoardCards | None:
    """The board's active cards as the services read them, for an export; None unless
    ``path`` is an ordinary file and the board is there."""
    return _read_file(path, lambda fetch: board_query.read_board_cards(
        fetch, board_id, today or date.today()))
