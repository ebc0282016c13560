"""Turn store rows into frozen domain values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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

Row = Mapping[Any, Any]


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
    return Initiative(
        id=r["id"],
        product_id=r["product_id"],
        title=r["title"],
        lane_id=r["lane_id"],
        goal_id=r["goal_id"],
        description=r["description"],
        status=InitiativeStatus(r["status"]),
        start_date=r["start_date"],
        end_date=r["end_date"],
        horizon=Horizon(r["horizon"]),
        owner_id=r["owner_id"],
        reach=r["reach"],
        impact=r["impact"],
        confidence=r["confidence"],
        effort=r["effort"],
        position=r["position"],
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
    return Task(
        id=r["id"],
        board_id=r["board_id"],
        column_id=r["column_id"],
        title=r["title"],
        initiative_id=r["initiative_id"],
        description=r["description"],
        assignee_id=r["assignee_id"],
        due_date=r["due_date"],
        estimate=r["estimate"],
        priority=Priority(r["priority"]),
        position=r["position"],
        created_at=r["created_at"],
        started_at=r["started_at"],
        done_at=r["done_at"],
        archived_at=r["archived_at"],
        column_since=r["column_since"],
        label_ids=label_ids,
        checklist_done=checklist[0],
        checklist_total=checklist[1],
        version=r.get("version", 1),
    )
