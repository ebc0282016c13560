"""Export times on the demo and the reference workspace, as ratios against a floor.

Run: python benchmarks/bench_export.py
The floor is a trivial reportlab PDF (one paragraph in DejaVu Sans, invariant) built in
the same run on the same machine. Each figure is the best of a few runs. Budget
(DESIGN.md §7): one-pager < 300 ms, reading included.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate
from timing import best

from pmdesk import documents, export
from pmdesk.export.style import register_fonts, style
from pmdesk.services import Services
from pmdesk.services.demo import DemoService
from pmdesk.services.report import ReportService
from pmdesk.services.workspaces import open_services
from pmdesk.store.workspace import create_workspace

SIZES = {"demo": (30, 150), "reference": (1000, 10000)}


def floor_pdf() -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
    doc.build([Paragraph("Zażółć gęślą jaźń — one paragraph.", style("floor", 10))])
    return buffer.getvalue()


def report(name: str, seconds: float, floor: float, budget: str = "") -> None:
    print(f"{name:<34} {seconds * 1000:9.1f} ms   {seconds / floor:7.1f}× floor"
          f"{'   ' + budget if budget else ''}")


def measure(label: str, services: Services, floor: float) -> None:
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    reports = ReportService(services.workspace, services.reads.clock)
    data = reports.onepager(product.id)
    roadmap = services.reads.roadmap(product.id)
    cards = services.reads.board(board.id)
    print(f"{label}: {len(roadmap.initiatives):,} initiatives, {len(cards.tasks):,} cards")
    report("  one-pager: read", best(lambda: reports.onepager(product.id)), floor)
    report("  one-pager: build PDF", best(lambda: export.build_onepager(data, A4)), floor)
    report("  one-pager: read + build",
           best(lambda: export.build_onepager(reports.onepager(product.id), A4)), floor,
           "budget < 300 ms")
    report("  one-pager with forecasts",
           best(lambda: documents.onepager_pdf(services, product.id, A4), 3), floor)
    report("  roadmap PDF (read + build)",
           best(lambda: export.build_roadmap(services.reads.roadmap(product.id), A4), 3),
           floor)
    report("  board PDF (read + build)",
           best(lambda: export.build_board(services.reads.board(board.id), A4), 1), floor)
    report("  JSON (read + serialise)",
           best(lambda: export.workspace_json(reports.workspace_dump()), 3), floor)


def main() -> None:
    register_fonts()
    floor = best(floor_pdf, 20)
    print(f"floor: a one-paragraph reportlab PDF, {floor * 1000:.1f} ms")
    folder = Path(tempfile.mkdtemp())
    for label, (initiatives, tasks) in SIZES.items():
        path = folder / f"{label}.pmdesk"
        workspace = create_workspace(path)
        DemoService(workspace).generate(initiatives, tasks, 1)
        workspace.close()
        services = open_services(path, read_only=True)
        try:
            measure(label, services, floor)
        finally:
            services.workspace.close()


if __name__ == "__main__":
    main()
