"""Options shared by the top-level parser and the commands."""

from __future__ import annotations

import argparse

VERBOSE_FLAGS = ("-v", "--verbose")


def add_verbose(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    """``--verbose``: show Qt's own warnings too (given before or after the command)."""
    parser.add_argument(*VERBOSE_FLAGS, action="store_true", default=default,
                        help="also show the warnings of the libraries pmdesk uses")
