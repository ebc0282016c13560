"""Commands that create, inspect and copy workspaces (files, or databases on a server)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pmdesk.cli.options import workspace_argument
from pmdesk.domain.locations import shown

# Each command imports the services when it runs, so parsing stays instant.


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo", help="write a sample workspace with two products, a roadmap and a board",
        description="Write a new workspace filled with a realistic sample.",
    )
    workspace_argument(demo, help="a new .pmdesk file, or an empty server database's URL")
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
    workspace_argument(new, help="a new .pmdesk file, or an empty server database's URL")
    new.set_defaults(func=run_new)

    check = commands.add_parser(
        "check", help="check a workspace's integrity and schema; exit 1 on problems",
        description="Check integrity, schema version and consistency without changing the "
                    "workspace.",
    )
    workspace_argument(check)
    check.set_defaults(func=run_check)

    backup = commands.add_parser(
        "backup", help="write a consistent copy of a workspace, even while it is open",
        description="Copy a workspace consistently into a local .pmdesk file (a file with "
                    "SQLite's online backup, a server workspace row by row).",
    )
    workspace_argument(backup)
    backup.add_argument("-o", "--output", type=Path, required=True, metavar="COPY")
    backup.add_argument("--force", action="store_true", help="overwrite COPY if it exists")
    backup.set_defaults(func=run_backup)

    push = commands.add_parser(
        "push", help="copy a local workspace with its whole history to an empty server database",
        description="Copy a .pmdesk file, its history and undo trail included, into an empty "
                    "PostgreSQL database, so a team can work on it together.",
    )
    push.add_argument("file", type=Path, metavar="FILE", help="the local .pmdesk workspace")
    push.add_argument("url", metavar="URL", help="postgresql://user@host/db of an empty database "
                      "(the password comes from ~/.pgpass or PGPASSWORD)")
    push.set_defaults(func=run_push)

    pull = commands.add_parser(
        "pull", help="copy a server workspace with its whole history into a new local file",
        description="Copy a workspace from a PostgreSQL database, history included, into a new "
                    ".pmdesk file.",
    )
    pull.add_argument("url", metavar="URL", help="postgresql://user@host/db")
    pull.add_argument("file", type=Path, metavar="FILE", help="the new .pmdesk file")
    pull.set_defaults(func=run_pull)


def run_demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from pmdesk.services.workspaces import write_demo

    counts = write_demo(args.workspace, args.initiatives, args.tasks, args.seed)
    print(
        f"Wrote {shown(args.workspace)}: {counts.get('product', 0)} products, "
        f"{counts.get('initiative', 0)} initiatives, {counts.get('task', 0)} cards "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0


def run_new(args: argparse.Namespace) -> int:
    from pmdesk.services.workspaces import new_workspace

    new_workspace(args.workspace)
    print(f"Created {shown(args.workspace)}, an empty workspace; "
          f"bring work in with pmdesk import trello|csv|json FILE {shown(args.workspace)}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from pmdesk.services.workspaces import check_workspace

    report = check_workspace(args.workspace)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def run_backup(args: argparse.Namespace) -> int:
    from pmdesk.services.workspaces import backup_workspace

    backup_workspace(args.workspace, args.output, overwrite=args.force)
    print(f"Copied {shown(args.workspace)} to {args.output}.")
    return 0


def run_push(args: argparse.Namespace) -> int:
    from pmdesk.services.workspaces import push_workspace

    report = push_workspace(args.file, args.url)
    print(f"Copied {args.file} to {report.path}: {_summary(report.counts)}.")
    return 0


def run_pull(args: argparse.Namespace) -> int:
    from pmdesk.services.workspaces import pull_workspace

    report = pull_workspace(args.url, args.file)
    print(f"Copied the workspace to {args.file}: {_summary(report.counts)}.")
    return 0


def _summary(counts: dict[str, int]) -> str:
    return (f"{counts.get('product', 0)} products, {counts.get('task', 0)} cards, "
            f"{counts.get('event', 0)} history events")
