"""Workspaces and PDF readers shared by the export tests."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

import pypdf

from pmdesk.services import Services
from pmdesk.services.demo import DemoService
from pmdesk.services.report import ReportService

TRICKY = "Zażółć gęślą jaźń · Съешь ещё · Γαζέες <b>bold?</b> & <i>x</i> 1 < 2 > 0"
TODAY = date(2026, 3, 2)


@dataclass
class Pdf:
    reader: pypdf.PdfReader

    @classmethod
    def of(cls, data: bytes) -> Pdf:
        return cls(pypdf.PdfReader(io.BytesIO(data)))

    @property
    def pages(self) -> list[str]:
        return [page.extract_text() or "" for page in self.reader.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def size(self, index: int = 0) -> tuple[float, float]:
        box = self.reader.pages[index].mediabox
        return float(box.width), float(box.height)


def report(services: Services) -> ReportService:
    return ReportService(services.workspace, services.reads.clock)


def small_product(services: Services) -> dict[str, int]:
    """A hand-made product whose every figure the tests can predict."""
    people = services.people
    ola = people.ensure_person("Ola Kowalczyk").value
    nikos = people.ensure_person("Νίκος Παπαδόπουλος").value
    product = services.products.create_product(
        "Kraków <b>Tools</b> & Co", tagline="Plan less, ship more",
        vision="Every team knows what matters — Łódź, Київ, Αθήνα.",
        problem="Plans live in slides & spreadsheets <script>.",
        target_customers="Small teams in Poland and Greece.",
        value_proposition="One file, two views.",
        success_metrics="Weekly active teams.",
        not_doing="No payroll. No <b>hardware</b>.",
        owner_id=ola.id,
    ).value
    pid = product.id
    growth = services.products.create_goal(pid, "Grow activation", colour="#2E7D32",
                                           metric="Weekly active teams", target="1,200").value
    trust = services.products.create_goal(pid, "Earn trust", colour="#1565C0",
                                          metric="Retention", target="85 %").value
    mobile = services.lanes.create_lane(pid, "Mobile").value
    web = services.lanes.create_lane(pid, "Web").value
    inits = services.initiatives
    sync = inits.create_initiative(
        pid, "Offline sync", lane_id=mobile.id, goal_id=growth.id, status="in_progress",
        start_date=TODAY - timedelta(days=30), end_date=TODAY + timedelta(days=40),
        reach=5000, impact=2, confidence=50, effort=2, owner_id=nikos.id,
    ).value
    invoice = inits.create_initiative(
        pid, "Invoice on site", lane_id=web.id, goal_id=trust.id, status="planned",
        start_date=TODAY + timedelta(days=20), end_date=TODAY + timedelta(days=90),
        reach=200, impact=1, confidence=80, effort=4,
    ).value
    late = inits.create_initiative(
        pid, "Audit log", lane_id=web.id, goal_id=trust.id, status="in_progress",
        start_date=TODAY - timedelta(days=60), end_date=TODAY - timedelta(days=5),
    ).value
    inits.create_initiative(pid, "Someday idea", reach=10, impact=1, confidence=50, effort=1)
    inits.add_dependency(sync.id, invoice.id)
    services.lanes.create_milestone(pid, "Beta launch", TODAY + timedelta(days=14))
    board = services.boards.list_boards(pid)[0]
    columns = services.boards.list_columns(board.id)
    tasks = services.tasks
    urgent = services.people.create_label(pid, "urgent <now>", "#C62828").value
    first = tasks.create_task(columns[0].id, "Write the sync spec",
                              initiative_id=sync.id, assignee_id=ola.id,
                              due_date=TODAY - timedelta(days=2), label_ids=[urgent.id]).value
    tasks.create_task(columns[2].id, "Ship the sync prototype", initiative_id=sync.id,
                      assignee_id=nikos.id)
    tasks.create_task(columns[1].id, "Draw <b>invoice</b> & totals",
                      initiative_id=invoice.id, due_date=TODAY + timedelta(days=3))
    tasks.create_task(columns[0].id, "Export audit CSV", initiative_id=late.id)
    return {"product": pid, "board": board.id, "sync": sync.id, "task": first.id}


def demo(services: Services, initiatives: int = 30, tasks: int = 150) -> None:
    DemoService(services.workspace, services.reads.clock).generate(initiatives, tasks, seed=1)
