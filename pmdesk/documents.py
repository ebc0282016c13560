"""Build the exported documents of a workspace: the one place the command line and the
window share for turning services' read models into PDF or JSON bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pmdesk import export
from pmdesk.domain.baselines import BaselineKind, Comparison, SlipReport, months_before
from pmdesk.domain.errors import ExportError
from pmdesk.domain.locations import Location

if TYPE_CHECKING:  # an image export of a file is drawn without loading the services
    from pmdesk.domain.models import Board, Product
    from pmdesk.export.sheet import Sheet
    from pmdesk.services import Services

PageSize = tuple[float, float] | None
Named = TypeVar("Named", "Product", "Board")


def onepager_pdf(services: Services, product_id: int, page_size: PageSize = None) -> bytes:
    data = replace(services.reports.onepager(product_id),
                   forecasts=services.flow.forecasts(product_id),
                   since=onepager_since(services, product_id))
    return export.build_onepager(data, page_size)


def roadmap_pdf(
    services: Services,
    product_id: int,
    page_size: PageSize = None,
    start: date | None = None,
    end: date | None = None,
) -> bytes:
    snapshot = services.reads.roadmap(product_id)
    return export.build_roadmap(snapshot, page_size, start=start, end=end,
                                workspace_name=services.workspace.name)


def roadmap_sheet(services: Services, product_id: int, start: date | None = None,
                  end: date | None = None) -> Sheet:
    """The roadmap's page for an image, as tall as its rows."""
    snapshot = services.reads.roadmap(product_id)
    return export.roadmap_sheet(snapshot, start=start, end=end,
                                workspace_name=services.workspace.name)


def board_pdf(services: Services, board_id: int, page_size: PageSize = None) -> bytes:
    snapshot = services.reads.board(board_id)
    product = services.products.get_product(snapshot.board.product_id)
    return export.build_board(snapshot, page_size, product_name=product.name,
                              workspace_name=services.workspace.name)


def board_sheet(services: Services, board_id: int) -> Sheet:
    """The board's page for an image: every column, as tall as the longest."""
    snapshot = services.reads.board(board_id)
    product = services.products.get_product(snapshot.board.product_id)
    return export.board_sheet(snapshot, product_name=product.name,
                              workspace_name=services.workspace.name)


def file_board_sheet(location: Location, product_name: str | None, board_name: str | None
                     ) -> tuple[Sheet, Product, Board] | None:
    """The board's page for an image, read straight from a workspace file with ``sqlite3``
    (no SQLAlchemy, no services); None for a server or a file that is not an ordinary one
    at the current schema, which the services then open and explain."""
    if not isinstance(location, Path):
        return None
    from pmdesk.store import first_read

    listed = first_read.products_and_boards(location)
    if listed is None:
        return None
    products, boards = listed
    product = choose_product(products, product_name, location.name)
    board = choose_board(boards.get(product.id, ()), product, board_name)
    cards = first_read.board_cards(location, board.id)
    if cards is None:
        return None
    sheet = export.board_sheet(cards, product_name=product.name, workspace_name=location.name)
    return sheet, product, board


def file_roadmap_sheet(location: Location, product_name: str | None, start: date | None,
                       end: date | None) -> tuple[Sheet, Product] | None:
    """The roadmap's page for an image, read straight from a workspace file with
    ``sqlite3``; None when the services must open it (as for ``file_board_sheet``)."""
    if not isinstance(location, Path):
        return None
    from pmdesk.store import first_read

    listed = first_read.products_and_boards(location)
    if listed is None:
        return None
    product = choose_product(listed[0], product_name, location.name)
    snapshot = first_read.roadmap_snapshot(location, product.id)
    if snapshot is None:
        return None
    return export.roadmap_sheet(snapshot, start=start, end=end,
                                workspace_name=location.name), product


def choose_product(products: Sequence[Product], name: str | None, workspace_name: str
                   ) -> Product:
    """The product called ``name`` (case and spacing aside), or the first one."""
    return _chosen(products, name, f"{workspace_name} has no products yet.",
                   f"No product named “{name}” in {workspace_name}")


def choose_board(boards: Sequence[Board], product: Product, name: str | None) -> Board:
    """The product's board called ``name`` (case and spacing aside), or its first one."""
    return _chosen(boards, name, f"“{product.name}” has no boards yet.",
                   f"No board named “{name}” in “{product.name}”")


def _chosen(items: Sequence[Named], name: str | None, none_yet: str, not_found: str) -> Named:
    """``_named`` or a refusal: ``none_yet`` without items, else ``not_found`` and the names
    there are."""
    if not items:
        raise ExportError(none_yet)
    found = _named(items, name)
    if found is None:
        names = ", ".join(f"“{item.name}”" for item in items)
        raise ExportError(f"{not_found}; it has {names}.")
    return found


def _named(items: Sequence[Named], name: str | None) -> Named | None:
    """The first item without a ``name``; else the one so called, case and spacing aside."""
    if name is None:
        return items[0]
    wanted = " ".join(name.split()).casefold()
    return next((item for item in items if item.name.casefold() == wanted), None)


def flow_document(services: Services, board: Board, first: date | None = None,
                  last: date | None = None) -> export.FlowDocument:
    """A board's flow charts from ``first`` to ``last`` (default: the last 90 days)."""
    report = services.flow.report(board.id, first, last)
    product = services.products.get_product(board.product_id)
    return export.FlowDocument(report, board.name, product.name, services.workspace.name,
                               services.flow.today())


def flow_pdf(services: Services, board: Board, page_size: PageSize = None,
             first: date | None = None, last: date | None = None) -> bytes:
    return export.build_flow(flow_document(services, board, first, last), page_size)


def flow_csv(services: Services, board: Board, first: date | None = None,
             last: date | None = None) -> bytes:
    return export.flow_csv(services.flow.report(board.id, first, last))


def flow_sheet(services: Services, board: Board, first: date | None = None,
               last: date | None = None) -> Sheet:
    """The flow page for an image."""
    return export.flow_sheet(flow_document(services, board, first, last))


def workspace_json(services: Services) -> tuple[bytes, int, int]:
    """The JSON dump, with its product and card counts for a summary line."""
    dump = services.reports.workspace_dump()
    return export.workspace_json(dump).encode("utf-8"), len(dump.products), len(dump.tasks)


def slip_report(services: Services, product_id: int,
                since: str | Comparison) -> SlipReport:
    """What moved since a baseline (by name), a date (YYYY-MM-DD) or a comparison made."""
    comparison = (since if isinstance(since, Comparison)
                  else services.baselines.compare_with(product_id, since))
    product = services.products.get_product(product_id)
    forecasts = {i: f.forecast.p85 for i, f in services.flow.forecasts(product_id).items()
                 if f.forecast is not None}
    return SlipReport(product.name, services.workspace.name, comparison,
                      services.baselines.today(), forecasts)


def onepager_since(services: Services, product_id: int) -> Comparison:
    """What the one-pager's "Since" block compares with: the newest baseline saved by hand,
    else the roadmap of three months ago."""
    baselines = services.baselines
    manual = [b for b in baselines.list_baselines(product_id) if b.kind is BaselineKind.MANUAL]
    if manual:
        return baselines.compare_with_baseline(manual[0].id)
    now = baselines.clock()
    when = datetime.combine(months_before(now.date(), 3), now.time())
    return baselines.compare_with_date(product_id, when)
