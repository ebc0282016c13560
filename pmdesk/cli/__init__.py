"""The headless command line (DESIGN.md §5).

Expected problems print one line on stderr and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pmdesk import VERSION
from pmdesk.cli import export_commands, import_commands, workspace_commands
from pmdesk.cli.options import VERBOSE_FLAGS, add_verbose
from pmdesk.domain.errors import PmdeskError

__all__ = ["VERBOSE_FLAGS", "build_parser", "command_names", "main", "run"]
COMMAND_MODULES = [workspace_commands, import_commands, export_commands]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pmdesk",
        description=(
            "Product roadmap and kanban board in one local workspace. "
            "Run without a command to open the app."
        ),
        epilog="Run 'pmdesk [WORKSPACE]' to open the app on a workspace "
        "(the default workspace when omitted).",
    )
    parser.add_argument("--version", action="version", version=VERSION)
    add_verbose(parser, default=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def command_names(parser: argparse.ArgumentParser | None = None) -> set[str]:
    parser = parser or build_parser()
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; turn expected problems into one line on stderr."""
    try:
        return int(args.func(args) or 0)
    except PmdeskError as exc:
        print(f"pmdesk: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pmdesk: interrupted", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    return run(args)
