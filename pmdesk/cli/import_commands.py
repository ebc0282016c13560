"""``pmdesk import FORMAT FILE WORKSPACE``: bring boards from other tools into a workspace.

Each format is one sub-command registered by a function in ``FORMATS``; a new format adds
its ``register`` function there.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from pmdesk.cli.options import workspace_argument
from pmdesk.domain.errors import WorkspaceError
from pmdesk.domain.locations import Location

if TYPE_CHECKING:  # the services load when an import runs, not when arguments are parsed
    from pmdesk.domain.changes import Result
    from pmdesk.services.base import Clock
    from pmdesk.services.importing import ImportService, ImportSummary, WorkspaceImportSummary

Formats: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Runner = Callable[["ImportService", argparse.Namespace], "Result[Any]"]


def register(commands: Formats) -> None:
    parser = commands.add_parser(
        "import", help="import a board from Trello (JSON) or a CSV file, or products from a pmdesk "
        "JSON export, into a workspace",
        description="Import a board from another tool into an existing workspace. The whole "
        "file is checked first; a problem is reported with its place and nothing is written.",
    )
    formats = parser.add_subparsers(dest="format", metavar="FORMAT", title="formats",
                                    required=True)
    for add_format in FORMATS:
        add_format(formats)


def _common(parser: argparse.ArgumentParser, file_help: str) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help=file_help)
    workspace_argument(parser, help="an existing workspace: a .pmdesk file or a "
                       "postgresql://user@host/db URL")


def register_trello(formats: Formats) -> None:
    trello = formats.add_parser(
        "trello", help="a Trello board export (Menu › Print and export › JSON)",
        description="Import a Trello board: lists become columns, cards become cards with "
        "their labels, members, due dates and checklists.",
    )
    _common(trello, "the board's JSON export")
    trello.add_argument("--product", metavar="NAME",
                        help="add the board to this existing product instead of a new one")
    trello.add_argument("--include-archived", action="store_true",
                        help="import archived lists too (archived cards always come archived)")
    trello.set_defaults(func=lambda args: run_import(args, _trello))


def register_csv(formats: Formats) -> None:
    csv = formats.add_parser(
        "csv", help="a CSV file with a header row (Jira, Trello or pmdesk columns)",
        description="Import cards from a UTF-8 CSV file (comma or semicolon). The header row "
        "needs a title column (Title, Summary or Name) and may have Status, Description, "
        "Assignee, Due Date (YYYY-MM-DD), Estimate or Story Points, Priority, Labels and "
        "Initiative or Epic Link. Missing columns, people, labels and initiatives are created. "
        "A Jira export comes whole: epics become initiatives with their issues linked, "
        "sub-tasks checklist items of their parent card, every Labels, Component/s and Sprint "
        "cell a label, Watchers, Comment and Attachment cells watchers, comments and links, and "
        "Created, Status Category Changed and Resolved the cards' dated history.",
    )
    _common(csv, "the CSV file")
    csv.add_argument("--product", metavar="NAME",
                     help="import into this existing product (default: a new product named "
                     "after the file)")
    csv.add_argument("--board", metavar="NAME",
                     help="the board to add the cards to, created when missing (default: a new "
                     "board named after the file)")
    csv.set_defaults(func=lambda args: run_import(args, _csv))


def register_json(formats: Formats) -> None:
    parser = formats.add_parser(
        "json", help="a pmdesk workspace export (pmdesk export json)",
        description="Import the products of a pmdesk JSON export as new products, with their "
        "roadmaps (goals, lanes, initiatives, milestones, dependencies) and boards (columns, "
        "archived columns, cards, labels, checklists, comments, links, watchers, archived "
        "cards). People are matched by name and added "
        "when missing; a product whose name is taken gets “ (2)”.",
    )
    _common(parser, "the JSON file written by pmdesk export json")
    parser.add_argument("--product", metavar="NAME",
                        help="import only the product of the file with this name")
    parser.set_defaults(func=lambda args: run_import(args, _json))


FORMATS: list[Callable[[Formats], None]] = [register_trello, register_csv, register_json]


def _trello(service: ImportService, args: argparse.Namespace) -> Result[ImportSummary]:
    return service.import_trello(args.file, product=args.product,
                                 include_archived=args.include_archived)


def _csv(service: ImportService, args: argparse.Namespace) -> Result[ImportSummary]:
    return service.import_csv(args.file, product=args.product, board=args.board)


def _json(service: ImportService, args: argparse.Namespace) -> Result[WorkspaceImportSummary]:
    return service.import_json(args.file, product=args.product)


def run_import(args: argparse.Namespace, runner: Runner, clock: Clock | None = None) -> int:
    """Open the workspace, run one import and print its summary on one line."""
    from pmdesk.services.base import system_clock
    from pmdesk.services.importing import ImportService
    from pmdesk.services.workspaces import open_services

    clock = clock or system_clock
    started = time.perf_counter()
    workspace: Location = args.workspace
    if isinstance(workspace, Path) and not workspace.exists():
        raise WorkspaceError(
            f"{workspace} does not exist; create it first with `pmdesk new {workspace}` "
            "(or File › New Workspace in the app)."
        )
    services = open_services(workspace, clock=clock)
    try:
        result = runner(ImportService(services.workspace, clock), args)
    finally:
        services.workspace.close()
    print(f"{result.value.line()[:-1]} ({time.perf_counter() - started:.1f} s).")
    return 0
