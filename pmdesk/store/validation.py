"""Compare a file with the schema model and check that stored values are what they claim.

Both read only; ``schema_problems`` runs before a workspace is opened (so a file missing
tables is refused before anything is written), ``value_problems`` in ``pmdesk check``.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa

from pmdesk.domain.enums import ColumnKind, Horizon, InitiativeStatus, Priority
from pmdesk.domain.errors import CorruptWorkspaceError
from pmdesk.store import tables as t

# Columns holding one of a closed set of values.
CHOICES: dict[tuple[str, str], tuple[object, ...]] = {
    ("initiative", "status"): tuple(s.value for s in InitiativeStatus),
    ("initiative", "horizon"): tuple(h.value for h in Horizon),
    ("board_column", "kind"): tuple(k.value for k in ColumnKind),
    ("task", "priority"): tuple(p.value for p in Priority),
}


def schema_problems(columns: Mapping[str, set[str]]) -> list[str]:
    """Tables and columns of the model that the database (``columns`` of each table) lacks."""
    problems = []
    for table in t.metadata.sorted_tables:
        found = columns.get(table.name, set())
        if not found:
            problems.append(f"the table {table.name} is missing")
            continue
        problems.extend(f"the table {table.name} lacks its column {column.name}"
                        for column in table.columns if column.name not in found)
    return problems


def workspace_damaged(name: str, problems: list[str]) -> CorruptWorkspaceError:
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return CorruptWorkspaceError(
        f"{name} is damaged: {problems[0]}{more}; it was left as it was — restore a backup.")


def _bad_value(table: str, column: sa.Column[object], typed: bool) -> tuple[str, str] | None:
    """An SQL condition true for a stored value the column's type cannot hold, and its name.

    ``typed``: the database itself refuses a value of the wrong type (a server does, SQLite
    stores anything anywhere), so only the closed sets and non-finite numbers are looked at.
    """
    c = f'"{column.name}"'
    kind = column.type
    choices = CHOICES.get((table, column.name))
    if choices is not None:
        listed = ", ".join(repr(v) for v in choices)
        return f"{c} NOT IN ({listed})", "one of the allowed values"
    if typed:
        if isinstance(kind, sa.Float):
            return (f"{c} IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)",
                    "a finite number")
        return None
    if isinstance(kind, sa.DateTime):
        return f"typeof({c}) <> 'text' OR datetime({c}) IS NULL", "a valid date and time"
    if isinstance(kind, sa.Date):
        return f"typeof({c}) <> 'text' OR date({c}) IS NOT {c}", "a valid date"
    if isinstance(kind, sa.Boolean):
        return f"{c} NOT IN (0, 1)", "a yes/no value"
    if isinstance(kind, sa.Integer):
        return f"typeof({c}) <> 'integer'", "a whole number"
    if isinstance(kind, sa.Float):
        return f"typeof({c}) NOT IN ('real', 'integer') OR abs({c}) > 1.7e308", "a finite number"
    if isinstance(kind, sa.JSON):
        return f"NOT json_valid({c})", "valid JSON"
    if isinstance(kind, sa.String | sa.Text):
        return f"typeof({c}) <> 'text'", "text"
    return None


def value_problems(conn: sa.Connection) -> list[str]:
    """Stored values that the app could not read back (a garbage date, a text id...)."""
    problems = []
    typed = conn.dialect.name != "sqlite"
    for table in t.metadata.sorted_tables:
        for column in table.columns:
            bad = _bad_value(table.name, column, typed)
            if bad is None:
                continue
            condition, what = bad
            count = int(conn.exec_driver_sql(
                f'SELECT count(*) FROM "{table.name}" '
                f'WHERE "{column.name}" IS NOT NULL AND ({condition})').scalar_one())
            if count:
                problems.append(f"{count} value(s) in {table.name}.{column.name} "
                                f"are not {what}")
    return problems
