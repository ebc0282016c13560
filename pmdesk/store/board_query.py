"""The board read as SQL text, in one home for the services and the first read.

Plain strings with ``:name`` parameters: ``sqlite3`` runs them as they are (the window's
first read, before SQLAlchemy is imported) and SQLAlchemy's ``text()`` on any backend (the
services). ``read_board_cards`` turns the rows into the same domain values for both.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from pmdesk.domain.board_cards import BoardCards, CardRow
from pmdesk.domain.enums import ColumnKind
from pmdesk.domain.models import Board, Column, Label, Person, Product
from pmdesk.domain.snapshots import BoardSnapshot, InitiativeTag

# Runs one statement with its parameters and returns plain row tuples.
Fetch = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]

_ID = operator.itemgetter(CardRow._fields.index("id"))
_PLACE = operator.itemgetter(CardRow._fields.index("position"), CardRow._fields.index("id"))

PRODUCTS = "SELECT id, name FROM product ORDER BY position, id"
_BOARD_FIELDS = "id, product_id, name, position, start_column_id"
BOARD = f"SELECT {_BOARD_FIELDS} FROM board WHERE id = :board_id"
BOARDS = f"SELECT {_BOARD_FIELDS} FROM board WHERE product_id = :product_id ORDER BY position, id"
NEWEST_EVENT = "SELECT coalesce(max(id), 0) FROM event"
_COLUMNS = ("SELECT id, board_id, name, position, kind, wip_limit, wip_hard, archived_at "
            "FROM board_column WHERE board_id = :board_id{active} ORDER BY position, id")
_IN_BOARD = "task.board_id = :board_id AND task.archived_at IS {state} NULL"
_LABELS_OF = ("SELECT task_label.task_id, task_label.label_id FROM task_label "
              "JOIN task ON task.id = task_label.task_id WHERE {in_board} "
              "ORDER BY task_label.task_id, task_label.label_id")
_CHECKLISTS = ("SELECT checklist_item.task_id, sum(CAST(checklist_item.done AS INTEGER)), "
               "count(*) FROM checklist_item JOIN task ON task.id = checklist_item.task_id "
               "WHERE {in_board} GROUP BY checklist_item.task_id")
# The columns of ``CardRow``, in its order. No ORDER BY: ``_cards`` puts them in board order,
# and ten thousand rows sorted by SQLite spill its sorter to a temporary file.
_CARDS = ("SELECT id, board_id, column_id, title, initiative_id, description, assignee_id, "
          "due_date, estimate, priority, position, created_at, started_at, done_at, "
          "archived_at, column_since FROM task WHERE {in_board}")
_PLACES = ("SELECT id, column_id, position FROM task WHERE " + _IN_BOARD.format(state="")
           + " ORDER BY position, id")
# The same statements for the cards whose ids replace ``{ids}``.
_AMONG = "task.id IN ({ids})"
_CARDS_AMONG = _CARDS.format(in_board=_AMONG)
_LABELS_AMONG = _LABELS_OF.format(in_board=_AMONG)
_CHECKLISTS_AMONG = _CHECKLISTS.format(in_board=_AMONG)
PEOPLE = "SELECT id, name FROM person"
LABELS = "SELECT id, product_id, name, colour FROM label WHERE product_id = :product_id"
TAGS = ("SELECT initiative.id, initiative.title, goal.colour FROM initiative "
        "LEFT OUTER JOIN goal ON goal.id = initiative.goal_id "
        "WHERE initiative.product_id = :product_id")


def _statements(archived: bool) -> tuple[str, str, str, str]:
    """Columns, card labels, checklist counts and cards of the active (or archived) cards.

    The labels and checklists of the active cards are read for every card of the board and
    kept for the active ones (``_cards``): the board's index tells which cards are on it,
    while telling the archived ones apart reads every card's row again (and they are few).
    """
    in_board = _IN_BOARD.format(state="NOT" if archived else "")
    beside = in_board if archived else "task.board_id = :board_id"
    return (_COLUMNS.format(active="" if archived else " AND archived_at IS NULL"),
            _LABELS_OF.format(in_board=beside), _CHECKLISTS.format(in_board=beside),
            _CARDS.format(in_board=in_board))


STATEMENTS = {archived: _statements(archived) for archived in (False, True)}


def product_names(fetch: Fetch) -> tuple[Product, ...]:
    """Every product in the selector's order, with only its id and name."""
    return tuple(Product(product_id, name) for product_id, name in fetch(PRODUCTS, {}))


def boards_of(fetch: Fetch, product_id: int) -> tuple[Board, ...]:
    return tuple(Board(*row) for row in fetch(BOARDS, {"product_id": product_id}))


def newest_event(fetch: Fetch) -> int:
    """The id of the newest history event: every write adds one, and ids are never reused."""
    return int(fetch(NEWEST_EVENT, {})[0][0])


def _board_and_columns(fetch: Fetch, board_id: int,
                       archived: bool) -> tuple[Board, tuple[Column, ...]] | None:
    found = fetch(BOARD, {"board_id": board_id})
    if not found:
        return None
    columns = tuple(
        Column(c_id, b_id, name, position, ColumnKind(kind), wip_limit, bool(wip_hard),
               archived_at is not None)
        for c_id, b_id, name, position, kind, wip_limit, wip_hard, archived_at
        in fetch(STATEMENTS[archived][0], {"board_id": board_id})
    )
    return Board(*found[0]), columns


def _cards(fetch: Fetch, board: Board, columns: tuple[Column, ...], today: date,
           rows: list[CardRow], labels_of_rows: Sequence[Sequence[Any]],
           checklist_rows: Sequence[Sequence[Any]], complete: bool = True) -> BoardCards:
    """The cards in board order (column, then position) with what the views show beside
    them: people, the product's labels and initiatives. Label and checklist rows of other
    cards are left out."""
    ids = set(map(_ID, rows))
    labels_of: dict[int, list[int]] = {}
    for task_id, label_id in labels_of_rows:
        if task_id in ids:
            labels_of.setdefault(task_id, []).append(label_id)
    checklists = {task_id: (int(n_done or 0), int(n)) for task_id, n_done, n in checklist_rows
                  if task_id in ids}
    in_product = {"product_id": board.product_id}
    snapshot = BoardSnapshot(
        board=board,
        columns=columns,
        tasks=(),
        people={p_id: Person(p_id, name) for p_id, name in fetch(PEOPLE, {})},
        labels={row[0]: Label(*row) for row in fetch(LABELS, in_product)},
        initiatives={i: InitiativeTag(i, title, colour)
                     for i, title, colour in fetch(TAGS, in_product)},
        today=today,
    )
    return BoardCards(snapshot, _in_board_order(rows, columns),
                      {k: tuple(v) for k, v in labels_of.items()}, checklists, complete)


def _in_board_order(rows: list[CardRow], columns: tuple[Column, ...]) -> list[CardRow]:
    """The cards by column in the board's order (those of a column not among ``columns``
    with the first column's), then by position and id. Grouped by column, then each group
    sorted by a key made in C: a third faster than one sort by a key made in Python."""
    rank = {c.id: i for i, c in enumerate(columns)}.get
    by_rank: dict[int, list[CardRow]] = {}
    for row in rows:
        key = rank(row.column_id, 0)
        group = by_rank.get(key)
        if group is None:
            group = by_rank[key] = []
        group.append(row)
    ordered: list[CardRow] = []
    for key in sorted(by_rank):
        group = by_rank[key]
        group.sort(key=_PLACE)
        ordered += group
    return ordered


def read_board_cards(fetch: Fetch, board_id: int, today: date, *,
                     archived: bool = False) -> BoardCards | None:
    """The board's cards and what its views show beside them; None if there is no such board."""
    found = _board_and_columns(fetch, board_id, archived)
    if found is None:
        return None
    _columns_sql, labels_of_sql, checklists_sql, cards_sql = STATEMENTS[archived]
    on_board = {"board_id": board_id}
    return _cards(fetch, *found, today, CardRow.many(fetch(cards_sql, on_board)),
                  fetch(labels_of_sql, on_board), fetch(checklists_sql, on_board))


def read_board_top(fetch: Fetch, board_id: int, today: date, shown: int) -> BoardCards | None:
    """The active cards as a first paint shows them: every card in its place, but only the
    first ``shown`` of each column read in full; the others are ``CardRow.placeholder``s
    (``complete`` is False). SQLite only: the ids go into the statements as numbers."""
    found = _board_and_columns(fetch, board_id, False)
    if found is None:
        return None
    places = fetch(_PLACES, {"board_id": board_id})
    rows = CardRow.placeholders(board_id, places)
    full: dict[int, int] = {}  # id -> index in rows
    per_column: dict[int, int] = {}
    for index, (task_id, column_id, _position) in enumerate(places):
        count = per_column.get(column_id, 0)
        if count < shown:
            per_column[column_id] = count + 1
            full[task_id] = index
    ids = ",".join(map(str, full)) or "NULL"
    for row in map(CardRow._make, fetch(_CARDS_AMONG.format(ids=ids), {})):
        rows[full[row.id]] = row
    return _cards(fetch, *found, today, rows, fetch(_LABELS_AMONG.format(ids=ids), {}),
                  fetch(_CHECKLISTS_AMONG.format(ids=ids), {}), complete=False)
