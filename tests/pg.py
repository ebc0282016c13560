"""A throwaway PostgreSQL cluster for the tests and benchmarks that run on a server.

Found in Debian's ``/usr/lib/postgresql/<version>/bin``; created in a temporary folder,
listening on 127.0.0.1 only, on a free port, with trust authentication and its unix socket
in that folder. As root it runs as the ``postgres`` system user (the server refuses root).
Each test gets a fresh database copied from a template that is already migrated.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SERVER_USER = "postgres"
TEMPLATE = "pmdesk_template"
FAST_SETTINGS = ("-c fsync=off -c full_page_writes=off "
                 "-c shared_buffers=32MB -c max_connections=60")


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                   key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    found = [p for p in found if (p / "initdb").exists() and (p / "pg_ctl").exists()]
    return found[-1] if found else None


def missing_reason() -> str | None:
    """Why the server half cannot run here, or None when it can."""
    if binaries() is None:
        return ("no PostgreSQL binaries in /usr/lib/postgresql/*/bin "
                "(apt-get install postgresql to run the server half)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no '{SERVER_USER}' user to run the server"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One server process in its own folder; ``url(db)`` names a database on it."""

    def __init__(self, settings: str = FAST_SETTINGS) -> None:
        bin_dir = binaries()
        assert bin_dir is not None, missing_reason()
        self.bin = bin_dir
        self.settings = settings
        self.root = Path(tempfile.mkdtemp(prefix="pmdesk-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.user = SERVER_USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self._names = itertools.count(1)
        if os.geteuid() == 0:
            entry = pwd.getpwnam(SERVER_USER)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user,
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        self.start()
        self._watch_owner()

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        return command

    def _watch_owner(self) -> None:
        """Stop the server and remove its folder once this process is gone, however it
        ended (a test worker killed by a timeout leaves no server running)."""
        stop = " ".join(self._command("pg_ctl", "-D", str(self.data), "-m", "immediate",
                                      "-w", "stop"))
        self._watchdog = subprocess.Popen(
            ["sh", "-c", f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 2; done; "
                         f"{stop} >/dev/null 2>&1; rm -rf {self.root}"],
            start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self._command(tool, *args), capture_output=True, text=True,
                              check=check, cwd="/")

    def start(self) -> None:
        """Start the server on a free port (a new one if another process took it first)."""
        for _ in range(5):
            self.port = self.port or _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                       f"-c unix_socket_directories={self.root} {self.settings}")
            done = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"),
                             "-o", options, "-w", "-t", "30", "start", check=False)
            if done.returncode == 0:
                return
            self.port = 0
        raise RuntimeError(f"PostgreSQL did not start: {(self.root / 'log').read_text()[-2000:]}")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def kill(self) -> None:
        """Kill the server outright, as a crash or a pulled cable would."""
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
        for _ in range(200):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.01)

    def _processes(self) -> list[int]:
        """The server's process and its children (one per connection, and helpers)."""
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        found = [pid]
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and int(
                        (entry / "stat").read_text().rpartition(")")[2].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue  # ended meanwhile
        return found

    def freeze(self) -> None:
        """Stop every server process without closing a socket: a server that stops
        answering (hung, or behind a dropped link), which no socket event tells of."""
        for pid in self._processes():
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in self._processes():
            os.kill(pid, signal.SIGCONT)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def new_database(self, template: str = "template0") -> str:
        """A fresh database (an empty one, or a copy of ``template``); returns its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)
        self._watchdog.kill()  # its work is done
        self._watchdog.wait()


def own_cluster() -> Iterator[Cluster]:
    """A server of one test's own, to stop, kill or freeze without disturbing the others
    (a fixture: ``cluster = pytest.fixture(pg.own_cluster, name="cluster")``)."""
    import pytest

    reason = missing_reason()
    if reason:
        pytest.skip(f"the PostgreSQL half is skipped: {reason}")
    server = Cluster()
    yield server
    server.close()


def make_template(cluster: Cluster) -> None:
    """A database at the current schema, for ``new_database(TEMPLATE)`` to copy."""
    from pmdesk.store.workspace import create_workspace

    cluster.sql(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
    create_workspace(cluster.url(TEMPLATE)).close()
