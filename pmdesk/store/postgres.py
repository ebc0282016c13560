"""Everything PostgreSQL-specific: URLs, serialised writes, snapshot reads, sequences,
change notices and the driver's error codes (the counterpart of ``sqlite.py``).

Driver: psycopg 3. The password never appears in a name or a message; libpq reads it
from the URL, ``~/.pgpass`` or ``PGPASSWORD``.
"""

from __future__ import annotations

import getpass
import socket
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

import psycopg
import psycopg.conninfo
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pmdesk.domain.errors import (
    AccessDeniedError,
    CorruptWorkspaceError,
    DiskFullError,
    MissingDatabaseError,
    NotAWorkspaceError,
    PasswordNeededError,
    ReadOnlyWorkspaceError,
    ServerUnavailableError,
    StorageError,
    WorkspaceError,
    WorkspaceLockedError,
)
from pmdesk.store import schema
from pmdesk.store.backend import NOTHING_CHANGED
from pmdesk.store.postgres_engine import (
    CONNECT_TIMEOUT_S,
    TCP_SETTINGS,
    CommitInDoubtError,
    connect,
    make_engine,
    write_at_commit,
)
from pmdesk.store.postgres_watch import ServerSilentError
from pmdesk.store.tables import metadata
from pmdesk.store.validation import schema_problems, workspace_damaged

T = TypeVar("T")

# The comment on alembic_version that marks a database as a pmdesk workspace.
WORKSPACE_MARK = "pmdesk workspace"


def parse_url(location: str) -> sa.URL:
    """The SQLAlchemy URL for ``postgresql://``, ``postgres://`` or ``postgresql+psycopg://``."""
    try:
        url = sa.make_url(location)
    except sa.exc.ArgumentError:
        where = location.split("@")[-1]
        raise WorkspaceError(f"{where} is not a valid database address.") from None
    if not url.database:
        raise WorkspaceError("A server address names its database at the end, as in "
                             "postgresql://user@host/dbname.")
    return url.set(drivername="postgresql+psycopg")


def display_name(url: sa.URL) -> str:
    """``user@host[:port]/db``: what messages and window titles call a server workspace."""
    user = url.username or getpass.getuser()
    host = url.host or str(url.query.get("host", "localhost"))
    port = f":{url.port}" if url.port else ""
    return f"{user}@{host}{port}/{url.database}"


def libpq_conninfo(url: sa.URL) -> str:
    """The URL as libpq's ``key=value`` settings, each quoted as libpq wants (with the
    password, if the URL holds one: never shown)."""
    settings: dict[str, Any] = {key: value if isinstance(value, str) else value[-1]
                                for key, value in url.query.items()}
    for key, value in (("host", url.host), ("port", url.port), ("dbname", url.database),
                       ("user", url.username), ("password", url.password)):
        if value is not None:
            settings[key] = value
    return psycopg.conninfo.make_conninfo("", **settings)


def url_with_password(url: sa.URL) -> str:
    """The URL with its password, every part percent-encoded (SQLAlchemy leaves a space
    in a password or a database name as it is, which libpq refuses)."""
    login = quote(url.username or "", safe="")
    if url.password is not None:
        login += ":" + quote(str(url.password), safe="")
    host = url.host or ""
    host = f"[{host}]" if ":" in host else quote(host, safe="")
    port = f":{url.port}" if url.port else ""
    query = f"?{urlencode(url.query, doseq=True, safe='/')}" if url.query else ""
    at = "@" if login else ""
    return f"postgresql://{login}{at}{host}{port}/{quote(url.database or '', safe='')}{query}"


def without_password(url: sa.URL) -> sa.URL:
    return url._replace(password=None)  # URL.set(password=None) would keep it


def listening_connection(workspace: Any) -> psycopg.Connection[Any]:
    """A raw autocommit connection to ``workspace``'s server, for LISTEN on EVENTS_CHANNEL."""
    backend = workspace.backend
    assert isinstance(backend, PostgresServer), f"{workspace.name} is not on a server"
    with backend.errors("no live updates"):
        return connect(libpq_conninfo(backend.url), autocommit=True,
                       connect_timeout=CONNECT_TIMEOUT_S, application_name="pmdesk",
                       **TCP_SETTINGS)


# SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
UNREACHABLE = {"57P01", "57P02", "57P03", "53300"}  # plus class 08, connection exceptions
LOCKED = {"55P03", "57014", "40001", "40P01"}
ACCESS = {"28000", "28P01", "42501"}


def classify(exc: BaseException, url: sa.URL, outcome: str = NOTHING_CHANGED
             ) -> WorkspaceError | None:
    """Turn a server failure into pmdesk's own error by its SQLSTATE, or ``None`` for a bug."""
    if isinstance(exc, sa.exc.DBAPIError):
        exc = exc.orig  # type: ignore[assignment]
    if not isinstance(exc, psycopg.Error):
        return None
    name, code = display_name(url), exc.sqlstate
    if isinstance(exc, CommitInDoubtError):
        return ServerUnavailableError(
            f"The connection to the server of {name} was lost while the change was being "
            "saved; whether it was saved shows once pmdesk has reconnected.")
    if isinstance(exc, ServerSilentError):
        return ServerUnavailableError(
            f"The server of {name} does not answer (it may be stopped, overloaded or cut "
            f"off); try again in a moment — {outcome}.")
    if code is None and isinstance(exc, psycopg.OperationalError):
        pgconn = exc.pgconn
        if pgconn is not None and pgconn.server_version == 0:
            return diagnose_connect(url, pgconn.needs_password, outcome)
        return ServerUnavailableError(
            f"The connection to the server of {name} was lost — {outcome}; pmdesk "
            "reconnects on the next try.")
    if code is None:
        return None
    if code.startswith("08") or code in UNREACHABLE:
        return ServerUnavailableError(
            f"The server of {name} is not available (stopped, restarting or full of "
            f"connections); try again in a moment — {outcome}.")
    if code in ACCESS:
        return AccessDeniedError(
            f"The server refused {url.username or getpass.getuser()} access to {name}; ask "
            f"its administrator for the rights to use it — {outcome}.")
    if code == "3D000":
        return _missing_database(url, outcome)
    if code == "53100":
        return DiskFullError(f"The server's disk holding {name} is full; ask its "
                             f"administrator to free some space — {outcome}.")
    if code == "53200":
        return StorageError(f"The server of {name} ran out of memory; try again later — "
                            f"{outcome}.")
    if code in LOCKED:
        return WorkspaceLockedError(f"{name} is busy with someone else's change; try again "
                                    f"in a moment — {outcome}.")
    if code == "25006":
        return ReadOnlyWorkspaceError(f"The server of {name} accepts no changes now (it is "
                                      f"read-only); open it later — {outcome}.")
    if code in ("XX001", "XX002", "58030"):
        return CorruptWorkspaceError(f"The server reports damaged data in {name}; ask its "
                                     f"administrator to restore a backup — {outcome}.")
    if code.startswith("54"):
        return StorageError(f"A value is too big for {name} to store — {outcome}.")
    return None


def _missing_database(url: sa.URL, outcome: str) -> MissingDatabaseError:
    return MissingDatabaseError(
        f"The server {url.host or 'localhost'} has no database {url.database}; create it "
        f"first (createdb {url.database}) — {outcome}.")


def diagnose_connect(url: sa.URL, needs_password: bool, outcome: str) -> WorkspaceError:
    """Why a connection failed before the server said anything libpq hands back as a code.

    libpq reports refused logins and missing databases at connect time as text only, so
    the cause is found by trying: is anything listening, and does the server let the same
    login into its maintenance database?
    """
    name = display_name(url)
    host = url.host or str(url.query.get("host", ""))
    port = url.port or 5432
    unreachable = ServerUnavailableError(
        f"The server of {name} cannot be reached (is it running, and is the address "
        f"right?) — {outcome}.")
    if host and not host.startswith("/"):
        try:
            socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()
        except OSError:
            return unreachable
    elif not Path(host or "/var/run/postgresql", f".s.PGSQL.{port}").exists():
        return unreachable
    if needs_password:
        return PasswordNeededError(
            f"The server of {name} asks for a password; put it in ~/.pgpass or PGPASSWORD "
            f"— {outcome}.")
    for maintenance in ("postgres", "template1"):
        try:
            connect(libpq_conninfo(url.set(database=maintenance)),
                            connect_timeout=CONNECT_TIMEOUT_S).close()
        except psycopg.OperationalError:
            continue
        return _missing_database(url, outcome)
    return AccessDeniedError(
        f"The server of {name} refused the login; check the user name and the password "
        f"(in ~/.pgpass or PGPASSWORD) — {outcome}.")


@contextmanager
def server_errors(url: sa.URL, outcome: str = NOTHING_CHANGED) -> Iterator[None]:
    try:
        yield
    except (psycopg.Error, sa.exc.DBAPIError) as exc:
        known = classify(exc, url, outcome)
        if known is None:
            raise
        raise known from None


def _sequence(conn: sa.Connection, table: str) -> str | None:
    found = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table})
    return found.scalar()


def next_free_id(conn: sa.Connection, table: sa.Table) -> int:
    """Above every id the table's sequence handed out; ``advance_sequences`` follows up."""
    seq = _sequence(conn, table.name)
    top = conn.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
    if seq is None:
        return int(top) + 1
    used = conn.execute(sa.text(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
                                f"FROM {seq}")).scalar() or 0
    return max(int(top), int(used)) + 1


def advance_sequences(conn: sa.Connection, tables: Iterable[sa.Table]) -> None:
    """Move each table's sequence past ids inserted explicitly; it never goes back."""
    for table in tables:
        if "id" not in table.c:
            continue
        conn.execute(sa.text(
            f"SELECT setval(s, greatest((SELECT max(id) FROM {table.name}), "
            "(SELECT last_value FROM pg_sequences "
            " WHERE schemaname || '.' || sequencename = s), 1), true) "
            "FROM pg_get_serial_sequence(:t, 'id') AS s WHERE s IS NOT NULL"),
            {"t": table.name})


# Without statistics the planner guesses badly for a table that grew from nothing (a push,
# a sample, a big import): the undo check then scans the event log instead of its index.
ANALYZE_AFTER_ROWS = 1000


def analyze(conn: sa.Connection, tables: Iterable[sa.Table]) -> None:
    names = ", ".join(table.name for table in tables)
    if names:
        conn.exec_driver_sql(f"ANALYZE {names}, event")


def id_counters(conn: sa.Connection) -> dict[str, int]:
    counters = {}
    for table in metadata.sorted_tables:
        if "id" in table.c:
            counters[table.name] = next_free_id(conn, table) - 1
    return counters


def set_id_counters(conn: sa.Connection, counters: dict[str, int]) -> None:
    for name, top in counters.items():
        if top > 0:
            conn.execute(sa.text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, true)"),
                         {"t": name, "v": top})


class ServerEvents:
    """Notices another client's commits by the event log's newest id (cheap: its key).

    The window's live view listens on EVENTS_CHANNEL instead; this is for code that polls.
    """

    def __init__(self, url: sa.URL, own: set[str]) -> None:
        self._url, self._own = url, own
        with server_errors(url):
            self._conn = connect(libpq_conninfo(url), autocommit=True,
                                         connect_timeout=CONNECT_TIMEOUT_S, **TCP_SETTINGS)
            self._seen = int(self._conn.execute(
                "SELECT coalesce(max(id), 0) FROM event").fetchone()[0])  # type: ignore[index]

    def changed(self) -> bool:
        with server_errors(self._url):
            rows = self._conn.execute("SELECT id, txn FROM event WHERE id > %s ORDER BY id",
                                      (self._seen,)).fetchall()
        if not rows:
            return False
        self._seen = int(rows[-1][0])
        return any(txn not in self._own for _, txn in rows)

    def close(self) -> None:
        self._conn.close()


class PostgresServer:
    """A workspace in a PostgreSQL database (see ``backend.Backend``)."""

    def __init__(self, location: str) -> None:
        self.url = parse_url(location)

    @property
    def name(self) -> str:
        return display_name(self.url)

    @property
    def location(self) -> str:
        return url_with_password(without_password(self.url))

    def location_to_reopen(self) -> str:
        return url_with_password(self.url)

    @property
    def path(self) -> None:
        return None

    def make_engine(self, *, read_only: bool = False, foreign_keys: bool = True) -> Engine:
        return make_engine(self.url, read_only=read_only)  # the server always checks keys

    def errors(self, outcome: str = NOTHING_CHANGED) -> Any:
        return server_errors(self.url, outcome)

    @contextmanager
    def _reading(self, outcome: str) -> Iterator[sa.Connection]:
        engine = make_engine(self.url, read_only=True)
        try:
            with server_errors(self.url, outcome), engine.connect() as conn:
                yield conn
        finally:
            engine.dispose()

    def _table_count(self, conn: sa.Connection) -> int:
        return int(conn.exec_driver_sql(
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
        ).scalar_one())

    def exists(self) -> bool:
        with self._reading("it was not opened") as conn:
            return self._table_count(conn) > 0

    def missing_message(self) -> str:
        return (f"{self.name} is an empty database; start a workspace in it with pmdesk new "
                "URL, copy one into it with pmdesk push FILE URL, or open it in the app.")

    def read_revision(self) -> str:
        with self._reading("it was not opened") as conn:
            try:
                with conn.begin_nested():
                    row = conn.exec_driver_sql(
                        "SELECT version_num, obj_description('alembic_version'::regclass, "
                        "'pg_class') FROM alembic_version").first()
            except sa.exc.ProgrammingError as exc:
                if getattr(exc.orig, "sqlstate", None) != "42P01":  # undefined_table
                    raise
                row = None
            if row is None or row[1] != WORKSPACE_MARK:
                empty = self._table_count(conn) == 0
                raise NotAWorkspaceError(f"{self.name} is empty, not a pmdesk workspace." if empty
                                         else f"{self.name} is a database but not a pmdesk "
                                         "workspace.")
            revision = str(row[0])
            if revision != schema.head_revision():
                return revision
            found: dict[str, set[str]] = {}
            for table, column in conn.exec_driver_sql(
                    "SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema()"):
                found.setdefault(str(table), set()).add(str(column))
        problems = schema_problems(found)
        if problems:
            raise workspace_damaged(self.name, problems)
        return revision

    def create(self, then: Callable[[sa.Connection], None] | None = None) -> None:
        from pmdesk.store.migrate import upgrade_to_head

        with self._reading("no workspace was created") as conn:
            if self._table_count(conn):
                raise WorkspaceError(f"{self.name} is not empty; a workspace goes into an "
                                     "empty database only — nothing was changed.")
        upgrade_to_head(self, then=then)

    def build(self, fill: Callable[[PostgresServer], T]) -> T:
        """Create the schema and fill it; if filling fails, drop what was created, so the
        database is empty again as it was (``create`` refuses one that is not)."""
        self.create()
        try:
            return fill(self)
        except BaseException:
            engine = make_engine(self.url)
            try:
                with server_errors(self.url), engine.begin() as conn:
                    conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version, " + ", ".join(
                        table.name for table in metadata.sorted_tables) + " CASCADE")
            finally:
                engine.dispose()
            raise

    def backup_to(self, target: Path) -> None:
        engine = make_engine(self.url, read_only=True)
        try:
            self.copy_to(engine, target)
        finally:
            engine.dispose()

    def writable(self) -> bool:
        return True  # the server refuses a login's writes with a code, classified above

    def copy_before_upgrade(self, head: str) -> None:
        """Nothing to copy: the server migrates in one transaction, all or nothing."""

    def daily_backup(self) -> None:
        """A server's backups are its administrator's (``pmdesk backup`` makes a local copy)."""

    def copy_to(self, engine: Engine, target: Path) -> None:
        from pmdesk.store.transfer import copy_into_new_file

        copy_into_new_file(engine, self, target)

    def is_gone(self) -> bool:
        return False

    def watcher(self, own: set[str]) -> ServerEvents:
        return ServerEvents(self.url, own)

    def listener(self, own: set[str]) -> Any:
        from pmdesk.store.live import EventListener

        return EventListener(self.url, own)

    def integrity_problems(self, conn: sa.Connection) -> list[str]:
        return []  # the server checks its own pages

    def foreign_key_problems(self, conn: sa.Connection) -> list[tuple[Any, ...]]:
        return []  # the server enforces every foreign key

    def after_upgrade(self, conn: sa.Connection) -> None:
        conn.exec_driver_sql(f"COMMENT ON TABLE alembic_version IS '{WORKSPACE_MARK}'")

    def after_write(self, conn: sa.Connection, txn: str, events: list[dict[str, Any]]
                    ) -> None:
        """The last events, and the notice that tells listening clients of them, go with
        the COMMIT (see ``postgres_engine``)."""
        write_at_commit(conn, txn, events)
