"""What a write changed, so each view can update just those rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.models import Task

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Change:
    entity: Entity
    id: int
    action: Action
    fields: frozenset[str] = frozenset()
    product_id: int | None = None


@dataclass(frozen=True, slots=True)
class ColumnOrder:
    """The active cards of one board column, top to bottom, as a write left them."""

    column_id: int
    task_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CardPlace:
    """Where a write left one active card: its index among the active cards of its column
    (the column is the card's, handed over with it)."""

    task_id: int
    index: int


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What one write changed; a write the board reacts to also hands over the rows.

    ``tasks`` are cards as the write left them and ``places`` where the active ones among
    them now sit, so a view moves just those cards without reading; ``orders`` are whole
    columns, handed over only when a write renumbered one. A change without them (another
    process's) is read back by id.
    """

    changes: tuple[Change, ...] = ()
    txn: str | None = None  # the transaction that wrote them, as logged in the event table
    tasks: tuple[Task, ...] = ()
    orders: tuple[ColumnOrder, ...] = ()
    places: tuple[CardPlace, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def ids(self, entity: Entity, *actions: Action) -> frozenset[int]:
        return frozenset(
            c.id
            for c in self.changes
            if c.entity is entity and (not actions or c.action in actions)
        )

    def touches(self, *entities: Entity) -> bool:
        return any(c.entity in entities for c in self.changes)

    def fields_of(self, entity: Entity, entity_id: int) -> frozenset[str]:
        found: set[str] = set()
        for c in self.changes:
            if c.entity is entity and c.id == entity_id:
                found |= c.fields
        return frozenset(found)

    def task_rows(self) -> dict[int, Task]:
        return {task.id: task for task in self.tasks}

    def column_orders(self) -> dict[int, list[int]]:
        return {order.column_id: list(order.task_ids) for order in self.orders}

    def card_places(self) -> dict[int, CardPlace]:
        return {place.task_id: place for place in self.places}


@dataclass(frozen=True, slots=True)
class Result(Generic[T]):
    """A service's answer: the value it produced and what it changed."""

    value: T
    changes: ChangeSet = field(default_factory=ChangeSet)


@dataclass(frozen=True, slots=True)
class Tombstone:
    """Everything a delete removed or unlinked, so the delete can be undone exactly.

    ``rows`` are (table, values) in deletion order; ``relinks`` are (table, id, old
    values) of rows that survived but lost a reference.
    """

    rows: tuple[tuple[str, dict[str, Any]], ...] = ()
    relinks: tuple[tuple[str, int, dict[str, Any]], ...] = ()

    def ids(self, table: str) -> list[int]:
        return [values["id"] for name, values in self.rows if name == table and "id" in values]
