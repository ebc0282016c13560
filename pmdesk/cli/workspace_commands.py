"""Commands that create, inspect and copy workspace files."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

# Each command imports the services when it runs, so parsing stays instant.


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo", help="write a sample workspace with two products, a roadmap and a board",
        description="Write a new workspace filled with a realistic sample.",
    )
    demo.add_argument("workspace", type=Path, metavar="WORKSPACE")
    demo.add_argument("--initiatives", type=int, default=30, metavar="N",
                      help="initiatives in the main product (default 30)")
    demo.add_argument("--tasks", type=int, default=150, metavar="M",
                      help="cards on the main board (default 150)")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="random seed; the same seed gives the same sample (default 1)")
    demo.set_defaults(func=run_demo)

    new = commands.add_parser(
        "new", help="create an empty workspace to import into",
        description="Create a new, empty workspace file (no products).",
    )
    new.add_argument("workspace", type=Path, metavar="WORKSPACE")
    new.set_defaults(func=run_new)

    check = commands.add_parser(
        "check", help="check a workspace's integrity and schema; exit 1 on problems",
        description="Check integrity, schema version and consistency without changing the file.",
    )
    check.add_argument("workspace", type=Path, metavar="WORKSPACE")
    check.set_defaults(func=run_check)

    backup = commands.add_parser(
        "backup", help="write a consistent copy of a workspace, even while it is open",
        description="Copy a workspace with SQLite's online backup.",
    )
    backup.add_argument("workspace", type=Path, metavar="WORKSPACE")
    backup.add_argument("-o", "--output", type=Path, required=True, metavar="COPY")
    backup.add_argument("--force", action="store_true", help="overwrite COPY if it exists")
    backup.set_defaults(func=run_backup)


def run_demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from pmdesk.services.workspaces import write_demo

    counts = write_demo(args.workspace, args.initiatives, args.tasks, args.seed)
    print(
        f"Wrote {args.workspace}: {counts.get('product', 0)} products, "
        f"{counts.get('initiative', 0)} initiatives, {counts.get('task', 0)} cards "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0


def run_new(args: argparse.Namespace) -> int:
    from pmdesk.services.workspaces import new_workspace

    new_workspace(args.workspace)
    print(f"Created {args.workspace}, an empty workspace; "
          f"bring work in with pmdesk import trello|csv|json FILE {args.workspace}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from pmdesk.services.workspaces import check_workspace

    report = check_workspace(args.workspace)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def run_backup(args: argparse.Namespace) -> int:
    from pmdesk.services.workspaces import backup_workspace

    backup_workspace(args.workspace, args.output, overwrite=args.force)
    print(f"Copied {args.workspace} to {args.output}.")
    return 0
