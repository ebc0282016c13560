"""Turn store rows into frozen domain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from pmdesk.domain.enums import ColumnKind, Horizon, InitiativeStatus, Priority
from pmdesk.domain.models import (
    Board,
    ChecklistItem,
    Column,
    Dependency,
    Goal,
    Initiative,
    Label,
    Lane,
    Milestone,
    Person,
    Product,
    Task,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Row = Mapping[Any, Any]
D = TypeVar("D", bound="DataclassInstance")


def person(r: Row) -> Person:
    return Person(r["id"], r["name"])


def product(r: Row) -> Product:
    return Product(
        id=r["id"],
        name=r["name"],
        tagline=r["tagline"],
        vision=r["vision"],
        problem=r["problem"],
        target_customers=r["target_customers"],
        value_proposition=r["value_proposition"],
        success_metrics=r["success_metrics"],
        not_doing=r["not_doing"],
        owner_id=r["owner_id"],
        position=r["position"],
    )


def goal(r: Row) -> Goal:
    return Goal(
        r["id"], r["product_id"], r["name"], r["colour"], r["description"], r["metric"],
        r["target"], r["position"],
    )


def lane(r: Row) -> Lane:
    return Lane(r["id"], r["product_id"], r["name"], r["position"])


def initiative(r: Row) -> Initiative:
    return _from_row(
        Initiative, r,
        status=InitiativeStatus(r["status"]),
        horizon=Horizon(r["horizon"]),
        version=r.get("version", 1),
    )


def milestone(r: Row) -> Milestone:
    return Milestone(r["id"], r["product_id"], r["title"], r["date"], r["lane_id"],
                     r.get("version", 1))


def dependency(r: Row) -> Dependency:
    return Dependency(r["id"], r["blocker_id"], r["blocked_id"])


def board(r: Row) -> Board:
    return Board(r["id"], r["product_id"], r["name"], r["position"], r["start_column_id"])


def column(r: Row) -> Column:
    return Column(
        r["id"], r["board_id"], r["name"], r["position"], ColumnKind(r["kind"]),
        r["wip_limit"], bool(r["wip_hard"]), r["archived_at"] is not None,
    )


def label(r: Row) -> Label:
    return Label(r["id"], r["product_id"], r["name"], r["colour"])


def checklist_item(r: Row) -> ChecklistItem:
    return ChecklistItem(r["id"], r["task_id"], r["text"], bool(r["done"]), r["position"])


def task(
    r: Row, label_ids: tuple[int, ...] = (), checklist: tuple[int, int] = (0, 0)
) -> Task:
    return _from_row(
        Task, r,
        priority=Priority(r["priority"]),
        label_ids=label_ids,
        checklist_done=checklist[0],
        checklist_total=checklist[1],
        version=r.get("version", 1),
    )


def _from_row(kind: type[D], r: Row, **given: Any) -> D:
    """Build the dataclass ``kind`` from the row's columns of the same names; ``given``
    holds the fields that need converting or do not come from the row."""
    taken = {name: r[name] for name in _field_names(kind) if name not in given}
    return kind(**taken, **given)


@cache
def _field_names(kind: type[DataclassInstance]) -> tuple[str, ...]:
    # read once per class: boards convert thousands of rows
    return tuple(f.name for f in fields(kind))
