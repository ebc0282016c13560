"""Who is writing: the name every event of this open workspace records as its author."""

from __future__ import annotations

import functools
import getpass
import os

from sqlalchemy.engine import Engine


@functools.cache
def os_user_name() -> str:
    """The operating-system user's full name when the account has one, else the login."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database, no USER variable
        return ""
    try:
        import pwd  # not on Windows

        full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError):
        full = ""
    return full or login


def login_name(engine: Engine) -> str:
    """The database login on a server (the URL's user, else the one the driver would use:
    ``PGUSER`` or the OS login); the OS user's name on a file."""
    user = engine.url.username
    if user:
        return user
    if engine.url.get_backend_name() == "sqlite":
        return os_user_name()
    return os.environ.get("PGUSER") or _os_login()


def _os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
