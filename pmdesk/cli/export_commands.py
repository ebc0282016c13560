"""``pmdesk export``: the one-pager, roadmap and board as PDF (or PNG), what moved since a
baseline (PDF or CSV), the workspace as JSON.

The workspace is opened read-only; the output is written only once it is complete.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk import export
from pmdesk.cli.options import add_verbose, workspace_argument
from pmdesk.domain.errors import ExportError, WorkspaceError
from pmdesk.domain.locations import Location

if TYPE_CHECKING:  # loaded by the commands when they run, so parsing stays instant
    from pmdesk.domain.models import Board, Product
    from pmdesk.services import Services

PNG_RENDERERS = {
    "sheet": ("pmdesk.ui.sheet_image", "save_png"),
    "roadmap": ("pmdesk.ui.sheet_image", "render_roadmap_png"),
    "board": ("pmdesk.ui.sheet_image", "render_board_png"),
    "flow": ("pmdesk.ui.sheet_image", "render_flow_png"),
}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export", help="write the one-pager, roadmap or board as PDF, or the workspace as JSON",
        description="Export from a workspace without opening the app. The workspace is only "
                    "read.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", title="what to export",
                                  required=True)
    onepager = kinds.add_parser(
        "onepager", help="the product one-pager (PDF, exactly one page)",
        description="Write the product one-pager: strategy, goals, the coming quarters, "
                    "progress and health, top priorities and what the product is not doing.",
    )
    _common(onepager, ".pdf")
    onepager.set_defaults(func=run_onepager)

    roadmap = kinds.add_parser(
        "roadmap", help="the roadmap timeline (PDF, or one PNG image)",
        description="Write the whole roadmap of a date range on landscape pages.",
    )
    _common(roadmap, ".pdf|.png")
    roadmap.add_argument("--from", dest="start", metavar="DATE",
                         help="first day shown, YYYY-MM-DD (default: the earliest start)")
    roadmap.add_argument("--to", dest="end", metavar="DATE",
                         help="last day shown, YYYY-MM-DD (default: the latest end)")
    roadmap.set_defaults(func=run_roadmap)

    board = kinds.add_parser(
        "board", help="a board's columns and cards (PDF, or one PNG image)",
        description="Write a board's columns and their active cards on landscape pages.",
    )
    _common(board, ".pdf|.png")
    _board_option(board)
    board.set_defaults(func=run_board)

    flow = kinds.add_parser(
        "flow", help="a board's flow charts (PDF or PNG), or its finished cards (CSV)",
        description="Write a board's cumulative flow, throughput, cycle time and aging WIP "
                    "on one page, or one CSV row per finished card with its cycle and lead "
                    "time.",
    )
    _common(flow, ".pdf|.png|.csv")
    _board_option(flow)
    _date_range(flow, "the last 90 days up to today")
    flow.set_defaults(func=run_flow)

    changes = kinds.add_parser(
        "changes", help="what moved on the roadmap since a baseline or a date (PDF or CSV)",
        description="Write the slip report: each initiative that moved, was added or removed "
                    "since a baseline (by name) or a date (YYYY-MM-DD), by how many days, its "
                    "scope change and the reason given, on one page (or every row as CSV).",
    )
    _common(changes, ".pdf|.csv")
    changes.add_argument("--since", required=True, metavar='"NAME"|DATE',
                         help='a baseline of the product, e.g. "Q1 plan", or a date YYYY-MM-DD')
    changes.set_defaults(func=run_changes)

    dump = kinds.add_parser(
        "json", help="every product, roadmap and board as one JSON document",
        description="Write the whole workspace as JSON (format 'pmdesk-workspace', its "
                    "version in the file's format_version; see pmdesk/export/json_dump.py).",
    )
    workspace_argument(dump)
    dump.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json")
    dump.set_defaults(func=run_json)


def _common(parser: argparse.ArgumentParser, suffixes: str) -> None:
    workspace_argument(parser)
    parser.add_argument("-o", "--output", type=Path, required=True,
                        metavar="OUT" + suffixes.split("|")[0],
                        help=f"file to write ({suffixes.replace('|', ' or ')})")
    parser.add_argument("--product", metavar="NAME",
                        help="product name (default: the workspace's first product)")
    parser.add_argument("--page-size", choices=sorted(export.PAGE_SIZES), type=str.lower,
                        help="paper size (default: from the locale, A4 or Letter)")
    add_verbose(parser)


def _board_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--board", metavar="NAME",
                        help="board name (default: the product's first board)")


def _date_range(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--from", dest="start", metavar="DATE",
                        help=f"first day shown, YYYY-MM-DD (default: {default})")
    parser.add_argument("--to", dest="end", metavar="DATE",
                        help="last day shown, YYYY-MM-DD (default: today)")


# ----- shared steps
def date_range(args: argparse.Namespace) -> tuple[date | None, date | None]:
    """The ``--from`` and ``--to`` days; refuse a range that ends before it begins."""
    from pmdesk.domain import rules

    start = rules.parse_date(args.start, "--from date")
    end = rules.parse_date(args.end, "--to date")
    if start and end and end < start:
        raise ExportError(f"--to {end.isoformat()} is before --from {start.isoformat()}.")
    return start, end


def check_output(path: Path, allowed: tuple[str, ...]) -> str:
    """Refuse an output the command cannot write; return its lower-case suffix."""
    suffix = path.suffix.lower()
    if suffix not in allowed:
        wanted = " or ".join(allowed)
        raise ExportError(f"{path} must end in {wanted}.")
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {folder} does not exist.")
    if path.is_dir():
        raise ExportError(f"Cannot write {path}: it is a folder.")
    target = path if path.exists() else folder
    if not os.access(target, os.W_OK):
        raise ExportError(f"Cannot write {path}: permission denied.")
    return suffix


@contextmanager
def read_workspace(path: Location) -> Iterator[Services]:
    """The workspace opened read-only for one export, closed again however the export ends."""
    if isinstance(path, Path) and not path.exists():
        raise WorkspaceError(f"{path} does not exist.")
    from pmdesk.services.workspaces import open_services

    services = open_services(path, read_only=True)
    try:
        yield services
    finally:
        services.workspace.close()


def pick_product(services: Services, name: str | None) -> Product:
    from pmdesk import documents

    return documents.choose_product(services.products.list_products(), name,
                                    services.workspace.name)


def pick_board(services: Services, product: Product, name: str | None) -> Board:
    from pmdesk import documents

    return documents.choose_board(services.boards.list_boards(product.id), product, name)


def png_renderer(kind: str, verbose: bool = False) -> Callable[..., object]:
    """The function that paints ``kind`` on an image, with Qt loaded only now.

    Qt's warnings (it has no window system here) stay off stderr unless ``verbose``.
    """
    module_name, function_name = PNG_RENDERERS[kind]
    try:
        render: Callable[..., object] = getattr(
            importlib.import_module(module_name), function_name
        )
        quiet_qt_messages = importlib.import_module("pmdesk.ui.qt_platform").quiet_qt_messages
    except (ImportError, AttributeError):
        raise ExportError("PNG export is not available in this build.") from None
    quiet_qt_messages(verbose)
    return render


def render_png(kind: str, services: Services, item: object, path: Path,
               verbose: bool = False, **options: object) -> None:
    """Paint the PDF's page on an image."""
    png_renderer(kind, verbose)(services, item, path, **options)


def report(path: Path, started: float, what: str) -> None:
    size = path.stat().st_size
    print(f"Wrote {what} to {path} ({max(1, round(size / 1024)):,} KB) "
          f"in {time.perf_counter() - started:.2f} s.")
    # Only a PDF or an image export measures text; a JSON export never loads the fonts.
    note = export.missing_characters_note() if "pmdesk.export.fonts" in sys.modules else ""
    if note:
        print(f"Note: {note}", file=sys.stderr)


def _size(args: argparse.Namespace) -> tuple[float, float]:
    return export.page_size(args.page_size)


# ----- commands
def run_onepager(args: argparse.Namespace) -> int:
    from pmdesk import documents

    started = time.perf_counter()
    check_output(args.output, (".pdf",))
    with read_workspace(args.workspace) as services:
        product = pick_product(services, args.product)
        export.write_atomically(args.output,
                                documents.onepager_pdf(services, product.id, _size(args)))
    report(args.output, started, f"the one-pager of “{product.name}”")
    return 0


def run_roadmap(args: argparse.Namespace) -> int:
    from pmdesk import documents

    started = time.perf_counter()
    suffix = check_output(args.output, (".pdf", ".png"))
    start, end = date_range(args)
    with read_workspace(args.workspace) as services:
        product = pick_product(services, args.product)
        if suffix == ".png":
            render_png("roadmap", services, product.id, args.output, args.verbose,
                       start=start, end=end)
        else:
            pdf = documents.roadmap_pdf(services, product.id, _size(args), start, end)
            export.write_atomically(args.output, pdf)
    report(args.output, started, f"the roadmap of “{product.name}”")
    return 0


def run_board(args: argparse.Namespace) -> int:
    from pmdesk import documents

    started = time.perf_counter()
    suffix = check_output(args.output, (".pdf", ".png"))
    # A file's image is drawn from a plain read of the file, without the services.
    found = (documents.file_board_sheet(args.workspace, args.product, args.board)
             if suffix == ".png" else None)
    if found is not None:
        sheet, product, board = found
        png_renderer("sheet", args.verbose)(sheet, args.output)
        report(args.output, started, f"the board “{board.name}”")
        return 0
    with read_workspace(args.workspace) as services:
        product = pick_product(services, args.product)
        board = pick_board(services, product, args.board)
        if suffix == ".png":
            render_png("board", services, board.id, args.output, args.verbose)
        else:
            export.write_atomically(args.output,
                                    documents.board_pdf(services, board.id, _size(args)))
    report(args.output, started, f"the board “{board.name}”")
    return 0


def run_flow(args: argparse.Namespace) -> int:
    from pmdesk import documents

    started = time.perf_counter()
    suffix = check_output(args.output, (".pdf", ".png", ".csv"))
    start, end = date_range(args)
    with read_workspace(args.workspace) as services:
        product = pick_product(services, args.product)
        board = pick_board(services, product, args.board)
        if start and not end:  # from a day on: up to today, or that day if it is later
            end = max(start, services.flow.today())
        if suffix == ".png":
            render_png("flow", services, board, args.output, args.verbose, start=start,
                       end=end)
        elif suffix == ".csv":
            export.write_atomically(args.output,
                                    documents.flow_csv(services, board, start, end))
        else:
            export.write_atomically(args.output,
                                    documents.flow_pdf(services, board, _size(args), start, end))
    what = "the finished cards" if suffix == ".csv" else "the flow charts"
    report(args.output, started, f"{what} of the board “{board.name}”")
    return 0


def run_changes(args: argparse.Namespace) -> int:
    from pmdesk import documents

    started = time.perf_counter()
    suffix = check_output(args.output, (".pdf", ".csv"))
    with read_workspace(args.workspace) as services:
        product = pick_product(services, args.product)
        slips = documents.slip_report(services, product.id, args.since)
        data = (export.slip_csv(slips) if suffix == ".csv"
                else export.build_slip_report(slips, _size(args)))
    export.write_atomically(args.output, data)
    moved = len(slips.comparison.slips())
    report(args.output, started, f"what moved in “{product.name}” since "
                                 f"{slips.comparison.label} ({moved} moved later)")
    return 0


def run_json(args: argparse.Namespace) -> int:
    from pmdesk import documents

    started = time.perf_counter()
    check_output(args.output, (".json",))
    with read_workspace(args.workspace) as services:
        data, products, cards = documents.workspace_json(services)
    export.write_atomically(args.output, data)
    report(args.output, started, f"{products} products, {cards:,} cards")
    return 0
