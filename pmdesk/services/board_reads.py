"""The board snapshot, read fast enough to open a 10,000-card board in a frame or two.

Same result as ``ReadService.board`` but with plain row tuples and dates parsed from their
stored text, which skips per-value result processing on thousands of rows. The SQL and the
rows' conversion live in ``store.board_query``, shared with the window's first read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.board_cards import BoardCards, CardRow
from pmdesk.domain.snapshots import BoardSnapshot
from pmdesk.services.base import get_row
from pmdesk.store import board_query
from pmdesk.store import tables as t

__all__ = ["BoardCards", "CardRow", "board_cards", "board_snapshot", "fetch_plain",
           "no_gc_pauses", "text_fetch"]


def _run_compiled(conn: sa.Connection, compiled: Any, params: Any) -> list[tuple[Any, ...]]:
    if compiled.positional and compiled.positiontup is not None:
        params = tuple(params[key] for key in compiled.positiontup)
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def fetch_plain(conn: sa.Connection, statement: sa.Select[Any]) -> list[tuple[Any, ...]]:
    """Run ``statement`` on the driver's cursor: plain tuples, no per-value processing."""
    compiled = statement.compile(dialect=conn.dialect)
    return _run_compiled(conn, compiled, compiled.construct_params())


def text_fetch(conn: sa.Connection) -> board_query.Fetch:
    """Run ``board_query``'s SQL text on ``conn``'s cursor, in its driver's parameter style."""
    compiled_for: dict[str, Any] = {}

    def fetch(sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        compiled = compiled_for.get(sql)
        if compiled is None:
            compiled = compiled_for[sql] = sa.text(sql).compile(dialect=conn.dialect)
        return _run_compiled(conn, compiled, compiled.construct_params(dict(params)))

    return fetch


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Building ten thousand frozen values would trigger full collections for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def board_snapshot(
    conn: sa.Connection, board_id: int, today: date, *, archived: bool = False
) -> BoardSnapshot:
    cards = board_cards(conn, board_id, today, archived=archived)
    with no_gc_pauses():
        tasks = tuple(cards.task(row) for row in cards.rows)
    return replace(cards.snapshot, tasks=tasks)


def board_cards(
    conn: sa.Connection, board_id: int, today: date, *, archived: bool = False
) -> BoardCards:
    cards = None
    if isinstance(board_id, int) and not isinstance(board_id, bool):
        with no_gc_pauses():
            cards = board_query.read_board_cards(text_fetch(conn), board_id, today,
                                                 archived=archived)
    if cards is None:
        get_row(conn, t.board, board_id, "board")  # raises, naming the board that is missing
    assert cards is not None
    return cards
