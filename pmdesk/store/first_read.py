"""The window's first read: what it paints first, straight from the file with ``sqlite3``.

Opening through the services imports SQLAlchemy (a quarter of a second) and checks the file
at length; the window paints before that from this read, and the services take over a
moment later. Only the ordinary case qualifies: a local, writable pmdesk file at exactly
this pmdesk's schema that reads without an error. Anything else (a server, another schema
version, a lock, damage, read-only media) returns None and the window opens as it always
did, through the services, which then say what is wrong.

An image export reads the same way (``products_and_boards``, ``board_cards``,
``roadmap_snapshot``), so writing a PNG of a file never imports SQLAlchemy either.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import quote

from pmdesk.domain.board_cards import BoardCards, FirstView, stored_day
from pmdesk.domain.enums import Horizon, InitiativeStatus
from pmdesk.domain.models import (
    Board,
    Dependency,
    Goal,
    Initiative,
    Lane,
    Milestone,
    Person,
    Product,
)
from pmdesk.domain.rules import Progress, dependency_violated
from pmdesk.domain.snapshots import DependencyView, RoadmapSnapshot, initiative_view
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
               shown: int = SHOWN_CARDS, page: str = "Board") -> FirstView | None:
    """The products, the boards of ``product_id`` (or the first product) and what ``page``
    paints: the first board's cards (the top ``shown`` of each column in full, see
    ``read_board_top``) for "Board", the product's roadmap as the services read it for
    "Roadmap"; read in one transaction; None unless ``path`` is an ordinary file."""
    day = today or date.today()

    def read(fetch: board_query.Fetch) -> FirstView:
        products = board_query.product_names(fetch)
        ids = [product.id for product in products]
        chosen = product_id if product_id in ids else (ids[0] if ids else None)
        boards = board_query.boards_of(fetch, chosen) if chosen is not None else ()
        cards = (board_query.read_board_top(fetch, boards[0].id, day, shown)
                 if boards and page == "Board" else None)
        roadmap = (_roadmap(fetch, chosen, day)
                   if chosen is not None and page == "Roadmap" else None)
        return FirstView(products, chosen, boards, cards, board_query.newest_event(fetch),
                         roadmap)

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


# ----- the roadmap, for an image export: what ``services.reads.roadmap_snapshot`` reads
_PRODUCT = ("SELECT id, name, tagline, vision, problem, target_customers, value_proposition, "
            "success_metrics, not_doing, owner_id, position FROM product WHERE id = :product_id")
_GOALS = ("SELECT id, product_id, name, colour, description, metric, target, position "
          "FROM goal WHERE product_id = :product_id ORDER BY position, id")
_LANES = ("SELECT id, product_id, name, position FROM lane WHERE product_id = :product_id "
          "ORDER BY position, id")
_INITIATIVES = ("SELECT id, product_id, title, lane_id, goal_id, description, status, "
                "start_date, end_date, horizon, owner_id, reach, impact, confidence, effort, "
                "position, version FROM initiative WHERE product_id = :product_id "
                "ORDER BY position, id")
_MILESTONES = ("SELECT id, product_id, title, date, lane_id, version FROM milestone "
               "WHERE product_id = :product_id ORDER BY date, id")
_DEPENDENCIES = ("SELECT id, blocker_id, blocked_id FROM dependency WHERE blocker_id IN "
                 "(SELECT id FROM initiative WHERE product_id = :product_id) ORDER BY id")
# The services' progress query (``reads.initiative_progress``) as it reaches SQLite.
_PROGRESS = (
    "SELECT task.initiative_id, count(*), "
    "sum(CASE WHEN (board_column.kind = 'done') THEN 1 ELSE 0 END), "
    "sum(coalesce(task.estimate, 0.0)), "
    "sum(CASE WHEN (board_column.kind = 'done') THEN 1 ELSE 0 END * coalesce(task.estimate, 0.0)), "
    "sum(CASE WHEN (board_column.kind != 'done' AND task.due_date < :today) THEN 1 ELSE 0 END), "
    "max(CASE WHEN (board_column.kind = 'done') THEN NULL ELSE task.due_date END) "
    "FROM task JOIN board_column ON task.column_id = board_column.id "
    "JOIN initiative ON task.initiative_id = initiative.id "
    "WHERE initiative.product_id = :product_id AND task.archived_at IS NULL "
    "GROUP BY task.initiative_id")
_PRODUCT_FIELDS = ("id", "name", "tagline", "vision", "problem", "target_customers",
                   "value_proposition", "success_metrics", "not_doing", "owner_id", "position")


def roadmap_snapshot(path: Path | str, product_id: int, today: date | None = None
                     ) -> RoadmapSnapshot | None:
    """The product's roadmap with its board progress, as the services read it, for an
    export; None unless ``path`` is an ordinary file and the product is there."""
    day = today or date.today()
    return _read_file(path, lambda fetch: _roadmap(fetch, product_id, day))


def _roadmap(fetch: board_query.Fetch, product_id: int, today: date) -> RoadmapSnapshot | None:
    in_product = {"product_id": product_id}
    found = fetch(_PRODUCT, in_product)
    if not found:
        return None
    initiatives = [
        Initiative(i_id, p_id, title, lane_id, goal_id, description, InitiativeStatus(status),
                   stored_day(start), stored_day(end), Horizon(horizon), owner_id, reach,
                   impact, confidence, effort, position, version)
        for (i_id, p_id, title, lane_id, goal_id, description, status, start, end, horizon,
             owner_id, reach, impact, confidence, effort, position, version)
        in fetch(_INITIATIVES, in_product)]
    figures = {}
    for init_id, total, n_done, est, done_est, n_overdue, latest in fetch(
            _PROGRESS, {**in_product, "today": today.isoformat()}):
        figures[init_id] = (Progress(int(n_done), int(total), float(done_est), float(est),
                                     int(n_overdue)), stored_day(latest))
    by_id = {i.id: i for i in initiatives}
    dependencies = []
    for row in fetch(_DEPENDENCIES, in_product):
        dependency = Dependency(*row)
        dependencies.append(DependencyView(dependency, dependency_violated(
            by_id[dependency.blocker_id], by_id[dependency.blocked_id])))
    return RoadmapSnapshot(
        product=Product(**dict(zip(_PRODUCT_FIELDS, found[0], strict=True))),
        goals=tuple(Goal(*row) for row in fetch(_GOALS, in_product)),
        lanes=tuple(Lane(*row) for row in fetch(_LANES, in_product)),
        initiatives=tuple(initiative_view(i, figures.get(i.id), today) for i in initiatives),
        milestones=tuple(Milestone(m_id, p_id, title, cast(date, stored_day(day)), lane_id,
                                   version)
                         for m_id, p_id, title, day, lane_id, version
                         in fetch(_MILESTONES, in_product)),
        dependencies=tuple(dependencies),
        people={p_id: Person(p_id, name) for p_id, name in fetch(board_query.PEOPLE, {})},
        today=today,
    )
