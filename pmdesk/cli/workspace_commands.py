"""Commands that create, inspect and copy workspace files."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pmdesk.domain.errors import PmdeskError, WorkspaceError

# Each command imports the store and services when it runs, so parsing stays instant.


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
    from pmdesk.services.demo import DemoService
    from pmdesk.store.workspace import create_workspace

    started = time.perf_counter()
    workspace = create_workspace(args.workspace)
    try:
        counts = DemoService(workspace).generate(args.initiatives, args.tasks, args.seed)
    except PmdeskError:
        workspace.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.workspace) + suffix).unlink(missing_ok=True)
        raise
    workspace.close()
    print(
        f"Wrote {args.workspace}: {counts.get('product', 0)} products, "
        f"{counts.get('initiative', 0)} initiatives, {counts.get('task', 0)} cards "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    if not args.workspace.exists():
        raise WorkspaceError(f"{args.workspace} does not exist.")
    from pmdesk.store.integrity import check_file

    report = check_file(args.workspace)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def run_backup(args: argparse.Namespace) -> int:
    source: Path = args.workspace
    target: Path = args.output
    if not source.exists():
        raise WorkspaceError(f"{source} does not exist.")
    from pmdesk.store.sqlite import copy_database
    from pmdesk.store.workspace import checked_revision

    checked_revision(source)
    if target.resolve() == source.resolve():
        raise WorkspaceError("The copy must go to another file than the workspace itself.")
    if target.exists() and not args.force:
        raise WorkspaceError(f"{target} already exists; pass --force to overwrite it.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    copy_database(source, target)
    print(f"Copied {source} to {target}.")
    return 0
