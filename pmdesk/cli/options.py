"""Options shared by the top-level parser and the commands."""

from __future__ import annotations

import argparse

from pmdesk.domain.locations import parse_location

VERBOSE_FLAGS = ("-v", "--verbose")


def add_verbose(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    """``--verbose``: show Qt's own warnings too (given before or after the command)."""
    parser.add_argument(*VERBOSE_FLAGS, action="store_true", default=default,
                        help="also show the warnings of the libraries pmdesk uses")


def workspace_argument(parser: argparse.ArgumentParser, name: str = "workspace",
                       help: str | None = None) -> None:
    """A WORKSPACE: a ``.pmdesk`` file or a server's ``postgresql://user@host/db`` URL."""
    parser.add_argument(name, type=parse_location, metavar="WORKSPACE",
                        help=help or "a .pmdesk file or a postgresql://user@host/db URL")
