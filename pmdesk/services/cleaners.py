"""How each editable field of a row is checked and turned into what the store keeps.

A service names the cleaner of each of its fields once, in a table; ``cleaned`` applies
them in the order the fields were given, so the first bad value is the one reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import rules
from pmdesk.domain.errors import ValidationError
from pmdesk.services.base import check_in_product, get_row
from pmdesk.store import tables as t

# (connection, the product the row belongs to, the value given) -> the value to store
Cleaner = Callable[[sa.Connection, int, Any], Any]


def cleaned(
    conn: sa.Connection, product_id: int, fields: Mapping[str, Any],
    cleaners: Mapping[str, Cleaner],
) -> dict[str, Any]:
    """The values to store for ``fields``, each checked by its cleaner."""
    return {key: cleaners[key](conn, product_id, value) for key, value in fields.items()}


def check_person(conn: sa.Connection, person_id: int | None) -> None:
    if person_id is not None:
        get_row(conn, t.person, person_id, "person")


def clean_text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"The {what} must be text.")
    return value.strip()


def title(what: str) -> Cleaner:
    return lambda _conn, _product, value: rules.clean_title(value, what)


def text(what: str) -> Cleaner:
    return lambda _conn, _product, value: clean_text(value, what)


def day(what: str) -> Cleaner:
    return lambda _conn, _product, value: rules.parse_date(value, what)


def number(what: str) -> Cleaner:
    return lambda _conn, _product, value: rules.parse_number(value, what)


def choice(kind: type[Enum], what: str) -> Cleaner:
    """One of ``kind``'s members, stored as its value."""
    return lambda _conn, _product, value: rules.parse_enum(kind, value, what).value


def colour(_conn: sa.Connection, _product: int, value: Any) -> str:
    return rules.check_colour(value)


def person(conn: sa.Connection, _product: int, value: Any) -> Any:
    """The id of a person (or None)."""
    check_person(conn, value)
    return value


def in_product(table: sa.Table, what: str) -> Cleaner:
    """The id of a row of ``table`` in the same product (or None)."""

    def clean(conn: sa.Connection, product_id: int, value: Any) -> Any:
        check_in_product(conn, table, value, product_id, what)
        return value

    return clean
