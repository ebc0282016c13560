"""Composition root: parse the command line, then run a command or open the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from pmdesk import cli

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = cli.build_parser()
    first = next((a for a in argv if not a.startswith("-")), None)
    wants_gui = not argv or (first is not None and first not in cli.command_names(parser)
                              and argv[0] == first)
    if wants_gui:
        if len(argv) > 1:
            parser.error(f"unrecognized arguments: {' '.join(argv[1:])}")
        from pmdesk.gui import launch

        return launch(argv[0] if argv else None)
    return cli.main(argv)
