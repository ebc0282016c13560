"""A workspace's location as the user gives it: a file path, or a database server's URL."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

Location = str | Path


def is_server_location(location: Location) -> bool:
    """True for a database URL such as ``postgresql://user@host/db``."""
    if isinstance(location, Path):
        return False
    scheme, sep, _ = location.partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def parse_location(value: str) -> Location:
    """A command-line or dialog argument as a location: a URL stays text, else a path."""
    return value if is_server_location(value) else Path(value)


def shown(location: Location) -> str:
    """The location as it may be printed: a URL loses its password, if it holds one."""
    if not is_server_location(location):
        return str(location)
    parts = urlsplit(str(location))
    if parts.password is None:
        return str(location)
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))
