"""Transactions, the event log and row helpers shared by every service."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import sqlalchemy as sa

from pmdesk.domain.changes import CardPlace, Change, ChangeSet, ColumnOrder, Result, Tombstone
from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.errors import NotFoundError, ValidationError
from pmdesk.domain.models import Task
from pmdesk.store import tables as t
from pmdesk.store.backend import READ_OPTION, write_with_next
from pmdesk.store.workspace import Workspace

Clock = Callable[[], datetime]
V = TypeVar("V")
POSITION_GAP = 1024
# A check that every write of the current block runs first, inside its own transaction
# (after the write lock is taken), e.g. undo's "nobody else changed this since".
_WRITE_CHECK: ContextVar[Callable[[sa.Connection], None] | None] = ContextVar(
    "pmdesk_write_check", default=None)


@contextmanager
def checked_first(check: Callable[[sa.Connection], None]) -> Iterator[None]:
    """Run ``check`` at the start of each write transaction inside the block; it may raise
    to refuse the write before anything is changed."""
    token = _WRITE_CHECK.set(check)
    try:
        yield
    finally:
        _WRITE_CHECK.reset(token)


def system_clock() -> datetime:
    return datetime.now().replace(microsecond=0)


def to_json(value: Any) -> Any:
    """Turn a column value into something the JSON event log can hold."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        return [to_json(v) for v in value]
    return value


# Cards, column orders and card places a write hands over to its ChangeSet.
HandedOver = tuple[Iterable[Task], Iterable[ColumnOrder], Iterable[CardPlace]]


class Tx:
    """One write transaction: its connection, its clock reading and its event rows."""

    def __init__(self, conn: sa.Connection, now: datetime, author: str = "",
                 note: str = "") -> None:
        self.conn = conn
        self.now = now
        self.author = author
        self.note = note  # why, logged with every event (a slip's reason)
        self.txn = uuid.uuid4().hex
        self._events: list[dict[str, Any]] = []
        self._changes: list[Change] = []
        self.buried: list[tuple[str, dict[str, Any]]] = []
        self.relinked: list[tuple[str, int, dict[str, Any]]] = []
        self._tasks: dict[int, Task] = {}
        self._orders: dict[int, ColumnOrder] = {}
        self._places: dict[int, CardPlace] = {}
        self._later: list[Callable[[], HandedOver]] = []

    def hand_over(self, tasks: Iterable[Task] = (), orders: Iterable[ColumnOrder] = (),
                  places: Iterable[CardPlace] = ()) -> None:
        """Rows, card places and column orders as this write leaves them, for the
        ChangeSet to carry."""
        if self._later:  # keep the order in which they were handed over
            handed = (tuple(tasks), tuple(orders), tuple(places))
            self._later.append(lambda: handed)
            return
        self._tasks.update((task.id, task) for task in tasks)
        self._orders.update((order.column_id, order) for order in orders)
        self._places.update((place.task_id, place) for place in places)

    def hand_over_later(self, handed: Callable[[], HandedOver]) -> None:
        """As ``hand_over``, with what ``handed()`` gives once the write has committed
        (what it reads must have been read inside the write)."""
        self._later.append(handed)

    def record(
        self,
        entity: Entity,
        entity_id: int,
        action: Action,
        product_id: int | None,
        fields: Mapping[str, Any],
        *,
        log: bool = True,
    ) -> None:
        self._changes.append(
            Change(entity, entity_id, action, frozenset(fields), product_id)
        )
        if log:
            self._events.append(
                {
                    "at": self.now,
                    "txn": self.txn,
                    "author": self.author,
                    "note": self.note,
                    "product_id": product_id,
                    "entity": entity.value,
                    "entity_id": entity_id,
                    "action": action.value,
                    "fields": {k: to_json(v) for k, v in fields.items()},
                }
            )

    def flush(self) -> ChangeSet:
        later, self._later = self._later, []
        for handed in later:
            self.hand_over(*handed())
        if self._events:
            self.conn.execute(sa.insert(t.event), self._events)
            self._events.clear()
        return ChangeSet(tuple(self._changes), self.txn, tuple(self._tasks.values()),
                         tuple(self._orders.values()), tuple(self._places.values()))

    def take_events(self) -> list[dict[str, Any]]:
        """The event rows not written yet, for the backend to write with the commit."""
        events, self._events = self._events, []
        return events

    def tombstone(self) -> Tombstone:
        return Tombstone(tuple(self.buried), tuple(self.relinked))


class ServiceBase:
    """Gives a service its read and write transactions on one workspace."""

    def __init__(self, workspace: Workspace, clock: Clock = system_clock) -> None:
        self.workspace = workspace
        self.clock = clock

    @contextmanager
    def write(self, note: str = "") -> Iterator[Tx]:
        """Run one use case in one serialised write transaction with its event rows;
        ``note`` (why the change was made) is logged with each of them."""
        self.workspace.refuse_writes()
        with self.workspace.errors(), self.workspace.engine.begin() as conn:
            tx = Tx(conn, self.clock(), self.workspace.author, " ".join(note.split()))
            check = _WRITE_CHECK.get()
            if check is not None:
                check(conn)
            yield tx
            self.workspace.backend.after_write(conn, tx.txn, tx.take_events())
        self.workspace.written.add(tx.txn)

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A consistent read transaction that never takes the write lock."""
        with self.workspace.errors(), self.workspace.engine.connect() as conn:
            conn.execution_options(**{READ_OPTION: True})
            with conn.begin():
                yield conn

    def today(self) -> date:
        return self.clock().date()

    def add_to_product(
        self,
        table: sa.Table,
        entity: Entity,
        what: str,
        product_id: int,
        built: Callable[[sa.RowMapping], V],
        values: Callable[[Tx], Mapping[str, Any]],
        *,
        last: bool = False,
    ) -> Result[V]:
        """Add a row to a product in one write: ``values(tx)`` are its fields (it may
        refuse); with ``last`` it goes after the product's other rows of ``table``."""
        with self.write() as tx:
            get_row(tx.conn, t.product, product_id, "product")
            row_values = {**values(tx), "product_id": product_id}
            if last:
                scope = table.c.product_id == product_id
                row_values["position"] = end_position(tx.conn, table, scope)
            row = insert_and_read(tx, table, entity, product_id, row_values, what)
        return Result(built(row), tx.flush())

    def edit_row(
        self,
        table: sa.Table,
        entity: Entity,
        row_id: int,
        what: str,
        built: Callable[[sa.RowMapping], V],
        values: Callable[[Tx, sa.RowMapping], Mapping[str, Any]],
        product_of: Callable[[sa.Connection, sa.RowMapping], int | None] | None = None,
    ) -> Result[V]:
        """Edit one row in one write: store the fields ``values(tx, row)`` gives that differ
        (it may refuse), and return the row as the write left it, ``built`` into a value.

        The change is logged under the row's ``product_id`` unless ``product_of`` says.
        """
        with self.write() as tx:
            row = get_row(tx.conn, table, row_id, what)
            product_id = row["product_id"] if product_of is None else product_of(tx.conn, row)
            update_row(tx, table, entity, row, values(tx, row), product_id)
            row = get_row(tx.conn, table, row_id, what)
        return Result(built(row), tx.flush())

    def move_among(
        self,
        table: sa.Table,
        entity: Entity,
        row_id: int,
        what: str,
        index: int,
        shared: str = "product_id",
        product_of: Callable[[sa.Connection, sa.RowMapping], int | None] | None = None,
    ) -> Result[None]:
        """Put a row at ``index`` among the rows with the same ``shared`` value (its
        product's lanes, its board's columns), logged as a move."""
        with self.write() as tx:
            row = get_row(tx.conn, table, row_id, what)
            product_id = row["product_id"] if product_of is None else product_of(tx.conn, row)
            scope = table.c[shared] == row[shared]
            move_row(tx, table, entity, row, scope, index, product_id)
        return Result(None, tx.flush())

    def list_rows(
        self,
        table: sa.Table,
        built: Callable[[sa.RowMapping], V],
        condition: sa.ColumnElement[bool],
        *order: sa.ColumnElement[Any],
    ) -> list[V]:
        """The rows of ``table`` that meet ``condition``, in ``order`` then by id, built
        into values."""
        with self.read() as conn:
            return [built(r) for r in ordered_rows(conn, table, condition, *order)]


def get_row(conn: sa.Connection, table: sa.Table, row_id: Any, what: str) -> sa.RowMapping:
    if not isinstance(row_id, int) or isinstance(row_id, bool):
        raise NotFoundError(f"There is no {what} with id {row_id!r}.")
    row = conn.execute(sa.select(table).where(table.c.id == row_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"That {what} (id {row_id}) does not exist in this workspace.")
    return row


def check_in_product(
    conn: sa.Connection, table: sa.Table, row_id: int | None, product_id: int, what: str
) -> None:
    """Refuse a reference to a row of another product (or to nothing)."""
    if row_id is None:
        return
    row = get_row(conn, table, row_id, what)
    if row["product_id"] != product_id:
        raise ValidationError(f"That {what} belongs to another product.")


def insert_row(
    tx: Tx,
    table: sa.Table,
    entity: Entity,
    product_id: int | None,
    values: Mapping[str, Any],
    logged_extra: Mapping[str, Any] | None = None,
) -> int:
    key = tx.conn.execute(sa.insert(table).values(**values)).inserted_primary_key
    assert key is not None
    new_id = key[0]
    tx.record(entity, int(new_id), Action.CREATE, product_id, {**values, **(logged_extra or {})})
    return int(new_id)


def insert_and_read(
    tx: Tx, table: sa.Table, entity: Entity, product_id: int | None,
    values: Mapping[str, Any], what: str,
) -> sa.RowMapping:
    """Insert a row (its creation logged) and read it back as stored, defaults filled in."""
    return get_row(tx.conn, table, insert_row(tx, table, entity, product_id, values), what)


def update_row(
    tx: Tx,
    table: sa.Table,
    entity: Entity,
    row: Mapping[Any, Any],
    values: Mapping[str, Any],
    product_id: int | None,
    action: Action = Action.UPDATE,
) -> frozenset[str]:
    """Write only the fields that differ and log them as [old, new] pairs; the row's
    version, where it has one, goes up by one."""
    diff = {k: v for k, v in values.items() if row[k] != v}
    if not diff:
        return frozenset()
    write_with_next(tx.conn, _update_by_id(table, tuple(diff)),
                    {"row_id": row["id"], **{f"new_{k}": v for k, v in diff.items()}})
    tx.record(entity, row["id"], action, product_id, {k: [row[k], v] for k, v in diff.items()})
    return frozenset(diff)


@functools.lru_cache(maxsize=256)  # built once for each set of fields: a move's is reused
def _update_by_id(table: sa.Table, fields: tuple[str, ...]) -> sa.Update:
    """Set ``fields`` (from parameters ``new_<field>``) on the row whose id is ``row_id``."""
    values = {name: sa.bindparam(f"new_{name}", type_=table.c[name].type) for name in fields}
    return (sa.update(table).where(table.c.id == sa.bindparam("row_id"))
            .values(**values, **bumped_version(table)))


def bumped_version(table: sa.Table) -> dict[str, Any]:
    """The values that raise a versioned row's version by one (nothing for other tables)."""
    column = table.c.get("version")
    return {} if column is None else {"version": column + 1}


def delete_row(
    tx: Tx, table: sa.Table, entity: Entity, row: Mapping[Any, Any], product_id: int | None
) -> None:
    """Delete a row; its values go to the log and the tombstone so it can come back."""
    delete_where(tx, table, entity, table.c.id == row["id"], product_id)


def delete_where(
    tx: Tx,
    table: sa.Table,
    entity: Entity | None,
    condition: sa.ColumnElement[bool],
    product_id: int | None,
) -> int:
    rows = tx.conn.execute(sa.select(table).where(condition)).mappings().all()
    for row in rows:
        values = dict(row)
        tx.buried.append((table.name, values))
        if entity is not None:
            tx.record(entity, values["id"], Action.DELETE, product_id, values)
    if rows:
        tx.conn.execute(sa.delete(table).where(condition))
    return len(rows)


def unlink(
    tx: Tx, table: sa.Table, entity: Entity, column: str, value: int, product_id: int | None
) -> None:
    """Clear references to a row about to be deleted, remembering them for undo."""
    ids = tx.conn.execute(sa.select(table.c.id).where(table.c[column] == value)).scalars().all()
    if not ids:
        return
    tx.conn.execute(sa.update(table).where(table.c[column] == value).values({column: None}))
    for row_id in ids:
        tx.relinked.append((table.name, row_id, {column: value}))
        tx.record(entity, row_id, Action.UPDATE, product_id, {column: [value, None]})


def place(
    tx: Tx,
    table: sa.Table,
    scope: sa.ColumnElement[bool],
    item_id: int,
    index: int,
) -> int:
    """Give ``item_id`` the position that puts it at ``index`` among the rows of ``scope``.

    Positions keep gaps so a move writes one row; only when two neighbours touch is the
    whole scope renumbered.
    """
    others = [
        (r.id, r.position)
        for r in tx.conn.execute(
            sa.select(table.c.id, table.c.position)
            .where(scope, table.c.id != item_id)
            .order_by(table.c.position, table.c.id)
        )
    ]
    index = max(0, min(index, len(others)))
    before = others[index - 1][1] if index > 0 else None
    after = others[index][1] if index < len(others) else None
    if before is None and after is None:
        position = 0
    elif before is None:
        position = after - POSITION_GAP  # type: ignore[operator]
    elif after is None:
        position = before + POSITION_GAP
    elif after - before > 1:
        position = (before + after) // 2
    else:
        ordered = [oid for oid, _ in others]
        ordered.insert(index, item_id)
        for i, oid in enumerate(ordered):
            if oid != item_id:
                tx.conn.execute(
                    sa.update(table).where(table.c.id == oid).values(position=i * POSITION_GAP)
                )
        position = index * POSITION_GAP
    return position


def end_position(conn: sa.Connection, table: sa.Table, scope: sa.ColumnElement[bool]) -> int:
    top = conn.execute(sa.select(sa.func.max(table.c.position)).where(scope)).scalar()
    return 0 if top is None else int(top) + POSITION_GAP


def check_fields(given: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = set(given) - allowed
    if unknown:
        names = ", ".join(f"“{name}”" for name in sorted(unknown))
        raise ValidationError(f"{what} has no field {names} that can be set.")


def move_row(
    tx: Tx,
    table: sa.Table,
    entity: Entity,
    row: Mapping[Any, Any],
    scope: sa.ColumnElement[bool],
    index: int,
    product_id: int | None,
) -> None:
    """Put ``row`` at ``index`` among the rows of ``scope``, logged as a move."""
    position = place(tx, table, scope, row["id"], index)
    update_row(tx, table, entity, row, {"position": position}, product_id, Action.MOVE)


def place_new_row(
    tx: Tx, table: sa.Table, scope: sa.ColumnElement[bool], row_id: int, index: int | None
) -> None:
    """Move a row just inserted at the end of ``scope`` to ``index`` (None: leave it last).

    Its creation is already logged with the end position, so the move is not logged again.
    """
    if index is None:
        return
    position = place(tx, table, scope, row_id, index)
    tx.conn.execute(sa.update(table).where(table.c.id == row_id).values(position=position))


def ordered_rows(
    conn: sa.Connection,
    table: sa.Table,
    condition: sa.ColumnElement[bool],
    *order: sa.ColumnElement[Any],
) -> list[sa.RowMapping]:
    """The rows of ``table`` that meet ``condition``, in ``order`` then by id."""
    query = sa.select(table).where(condition).order_by(*order, table.c.id)
    return list(conn.execute(query).mappings())
