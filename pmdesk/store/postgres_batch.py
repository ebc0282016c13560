"""Statements that go to a PostgreSQL server together, in one round trip.

A loopback round trip costs about as much as a whole statement on a file, and each
statement in a driver pipeline costs its share of client time again. So what a
transaction has not sent yet (its opening, writes whose answer nobody waits for, reads
whose rows are wanted later) waits for the next statement, and a group of statements goes
out as one simple query: bound on the client by the driver's own quoting, answered result
after result. The rows come back as SQLAlchemy would give them.
"""

from __future__ import annotations

import functools
import itertools
import re
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
import sqlalchemy as sa

from pmdesk.store.postgres_watch import WATCHDOG

Statements = Sequence[tuple[sa.Executable, Mapping[str, Any]]]
Rows = list[dict[str, Any]]


@dataclass
class Answer:
    """One statement's result: its column names and type codes, and its rows."""

    names: tuple[str, ...] = ()
    type_codes: tuple[int, ...] = ()
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def take(self, cursor: psycopg.Cursor[Any]) -> None:
        # Read off the result itself: the cursor's description builds an object for each
        # column of each result, which costs more than the rows of a small one.
        result = cursor.pgresult
        if result is None or result.status != psycopg.pq.ExecStatus.TUPLES_OK:
            return
        fields = range(result.nfields)
        self.names = tuple((result.fname(i) or b"").decode() for i in fields)
        self.type_codes = tuple(result.ftype(i) for i in fields)
        self.rows = cursor.fetchall()


@dataclass
class Unsent:
    """What a transaction has not sent yet: its opening, until its first statement, and
    statements whose answer nobody waits for now (a read with the ``Answer`` to fill)."""

    opening: tuple[tuple[str, Any], ...] = ()
    queued: list[tuple[str, Any, Answer | None]] = field(default_factory=list)

    def statements(self) -> Iterator[tuple[str, Any, Answer | None]]:
        yield from ((statement, params, None) for statement, params in self.opening)
        yield from self.queued


UNSENT: weakref.WeakKeyDictionary[psycopg.Connection[Any], Unsent] = (
    weakref.WeakKeyDictionary())


def send_together(driver: psycopg.Connection[Any], unsent: Unsent | None,
                  statements: Sequence[tuple[str, Any]] = ()) -> list[Answer]:
    """Send what waits and then ``statements`` (SQL with the driver's placeholders, and
    their parameters, or None) as one simple query; returns the answers to ``statements``.

    The first statement that fails raises its error, and the server runs none after it.
    """
    cursor = psycopg.ClientCursor(driver)
    known = _PREPARED.setdefault(driver, {})
    prepared: dict[str, str] = {}
    parts: list[str] = []
    answers: list[Answer | None] = []
    mine = [Answer() for _ in statements]
    queued = list(unsent.statements()) if unsent is not None else []
    values: list[Any] = []  # of every placeholder in ``parts``, quoted in one go
    for sql, params, answer in [*queued, *((sql, params, answer) for (sql, params), answer
                                           in zip(statements, mine, strict=True))]:
        if params is None:
            parts.append(sql.replace("%", "%%"))
        else:
            name = known.get(sql) or prepared.get(sql)
            numbered, keys = _numbered(sql)
            if name is None and len(known) + len(prepared) < MOST_PREPARED:
                name = prepared[sql] = f"pmdesk_{next(_NAMES)}"
                parts.append(f"PREPARE {name} AS {numbered}".replace("%", "%%"))
                answers.append(None)
            if name is None:
                parts.append(cursor.mogrify(sql, params).replace("%", "%%"))
            else:
                parts.append(f"EXECUTE {name}({', '.join(['%s'] * len(keys))})"
                             if keys else f"EXECUTE {name}")
                values.extend(params[key] for key in keys)
        answers.append(answer)
    try:
        with WATCHDOG.watching(driver):
            cursor.execute(cursor.mogrify("; ".join(parts), values))
        for number, answer in enumerate(answers):
            if number:
                cursor.nextset()
            if answer is not None:
                answer.take(cursor)
    finally:
        cursor.close()
    # Only now: a statement prepared before a failure outlives it, but under a name that
    # is never used again.
    known.update(prepared)
    return mine


# Each connection plans a statement once (PREPARE is what the server's planner would
# otherwise do for every statement of a simple query, several times a round trip's cost).
_PREPARED: weakref.WeakKeyDictionary[psycopg.Connection[Any], dict[str, str]] = (
    weakref.WeakKeyDictionary())
_NAMES = itertools.count(1)
MOST_PREPARED = 500  # a connection's statements beyond these are planned each time


@functools.lru_cache(maxsize=1024)
def _numbered(sql: str) -> tuple[str, tuple[Any, ...]]:
    """``sql`` with the driver's placeholders as the server's ``$n``, and the key (name or
    position) of each parameter's value."""
    keys: list[Any] = []

    def numbered(match: re.Match[str]) -> str:
        if match.group(0) == "%%":
            return "%"
        key = match.group(1) if match.group(1) is not None else sum(
            1 for k in keys if isinstance(k, int))
        if key not in keys:
            keys.append(key)
        return f"${keys.index(key) + 1}"

    return _PLACEHOLDER.sub(numbered, sql), tuple(keys)


_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s|%%")


def queue(conn: sa.Connection, statement: sa.Executable, params: Mapping[str, Any],
          answer: Answer | None = None) -> None:
    """Have ``statement`` go out just before ``conn``'s next statement, in the same round
    trip: a write whose answer nobody reads, or a read whose rows go to ``answer``. An
    error it meets is raised by that statement (at the latest by the commit), inside the
    same transaction."""
    sql, bound = bound_statement(conn.dialect, statement, params)
    UNSENT.setdefault(driver_of(conn), Unsent()).queued.append((sql, bound, answer))


def read_with_next(conn: sa.Connection, statements: Statements) -> Callable[[], list[Rows]]:
    """Have the reads ``statements`` go out with ``conn``'s next statement (at the latest
    its commit); the function returned gives their rows, as ``fetch_together`` does."""
    driver = driver_of(conn)
    reads = [(statement, Answer()) for statement, _ in statements]
    for (statement, params), (_, answer) in zip(statements, reads, strict=True):
        queue(conn, statement, params, answer)
    unsent = UNSENT[driver]

    def rows() -> list[Rows]:
        if UNSENT.get(driver) is unsent:  # nothing went out since: send them now
            send_together(driver, UNSENT.pop(driver))
        return [mappings(conn.dialect, statement, answer) for statement, answer in reads]

    return rows


def fetch_together(conn: sa.Connection, statements: Statements) -> list[Rows]:
    """The rows of each statement, as SQLAlchemy would give them, read in one round trip
    with what waits: the statements run in order in ``conn``'s transaction."""
    driver = driver_of(conn)
    bound = [bound_statement(conn.dialect, statement, params)
             for statement, params in statements]
    answers = send_together(driver, UNSENT.pop(driver, None), bound)
    return [mappings(conn.dialect, statement, answer)
            for (statement, _), answer in zip(statements, answers, strict=True)]


def mappings(dialect: sa.Dialect, statement: Any, answer: Answer) -> Rows:
    processors = _processors(dialect, statement, answer.type_codes)
    rows = answer.rows
    if any(processors):
        rows = [tuple(value if process is None else process(value)
                      for value, process in zip(row, processors, strict=True)) for row in rows]
    return [dict(zip(answer.names, row, strict=True)) for row in rows]


@functools.lru_cache(maxsize=512)
def _processors(dialect: sa.Dialect, statement: Any, type_codes: tuple[int, ...]
                ) -> tuple[Any, ...]:
    """What SQLAlchemy does to each value of a row of ``statement`` read from the server."""
    columns = getattr(statement, "selected_columns", ())
    return tuple(column.type.dialect_impl(dialect).result_processor(dialect, code)
                 for column, code in zip(columns, type_codes, strict=True))


def bound_statement(dialect: sa.Dialect, statement: sa.Executable,
                    params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters SQLAlchemy would send for ``statement``."""
    compiled = _compiled(dialect, statement)
    shape = _shape(compiled, params)
    binding = _BINDINGS.get((compiled, shape)) if shape is not None else None
    if binding is None:
        state = compiled.construct_expanded_state(dict(params))
        binding = _Binding.of(state, params)
        if shape is not None:
            if len(_BINDINGS) >= 2048:
                _BINDINGS.clear()
            _BINDINGS[(compiled, shape)] = binding
    return binding.sql, binding.values(params)


@dataclass(frozen=True)
class _Binding:
    """How a statement's parameters become what is sent, for lists of given lengths:
    SQLAlchemy works that out afresh for every statement it runs."""

    sql: str
    # Each parameter sent: its name, where its value comes from (a parameter given, an
    # item of a list given, or the statement itself) and what converts it.
    sources: tuple[tuple[str, str, int | None, Any, Any], ...]

    @classmethod
    def of(cls, state: Any, given: Mapping[str, Any]) -> _Binding:
        expanded = {new: (name, index) for name, news in state.parameter_expansion.items()
                    for index, new in enumerate(news)}
        sources: list[tuple[str, str, int | None, Any, Any]] = []
        for key, value in state.parameters.items():
            process = state.processors.get(key)
            if key in expanded:
                sources.append((key, expanded[key][0], expanded[key][1], None, process))
            elif key in given:
                sources.append((key, key, None, None, process))
            else:
                sources.append((key, "", None, value, process))
        return cls(state.statement, tuple(sources))

    def values(self, params: Mapping[str, Any]) -> dict[str, Any]:
        values = {}
        for key, name, index, constant, process in self.sources:
            value = (constant if not name else params[name] if index is None
                     else params[name][index])
            values[key] = value if process is None else process(value)
        return values


_BINDINGS: dict[tuple[Any, tuple[int, ...]], _Binding] = {}


def _shape(compiled: Any, params: Mapping[str, Any]) -> tuple[int, ...] | None:
    """The lengths of the lists given for ``compiled``'s expanding parameters; None when
    its SQL depends on more than those (values written into it)."""
    lists = _expanding(compiled)
    if lists is None:
        return None
    lengths = []
    for name in lists:
        value = params.get(name)
        if not isinstance(value, (list, tuple)):
            return None
        lengths.append(len(value))
    return tuple(lengths)


@functools.lru_cache(maxsize=512)
def _expanding(compiled: Any) -> tuple[str, ...] | None:
    if compiled.literal_execute_params:
        return None
    return tuple(sorted(bind.key for bind in compiled.post_compile_params))


@functools.lru_cache(maxsize=512)  # statements built once compile once
def _compiled(dialect: sa.Dialect, statement: Any) -> Any:
    return statement.compile(dialect=dialect)


def driver_of(conn: sa.Connection) -> psycopg.Connection[Any]:
    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    return driver
