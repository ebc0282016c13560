"""Every use case of pmdesk; each call is one transaction and returns domain values."""

from __future__ import annotations

from pmdesk.services.base import Clock, system_clock
from pmdesk.services.baselines import BaselineService
from pmdesk.services.boards import BoardService
from pmdesk.services.flow import FlowService
from pmdesk.services.history import HistoryService
from pmdesk.services.importing import ImportService
from pmdesk.services.initiatives import InitiativeService
from pmdesk.services.lanes import LaneService
from pmdesk.services.live import LiveService
from pmdesk.services.people import PeopleService
from pmdesk.services.products import ProductService
from pmdesk.services.reads import ReadService
from pmdesk.services.report import ReportService
from pmdesk.services.roadmap_planning import RoadmapPlanningService
from pmdesk.services.tasks import TaskService
from pmdesk.services.templates import TemplateService
from pmdesk.services.trash import TrashService
from pmdesk.store.workspace import Workspace


class Services:
    """The services of one open workspace, grouped by what they act on."""

    def __init__(self, workspace: Workspace, clock: Clock = system_clock) -> None:
        self.workspace = workspace
        self.products = ProductService(workspace, clock)
        self.lanes = LaneService(workspace, clock)
        self.initiatives = InitiativeService(workspace, clock)
        self.boards = BoardService(workspace, clock)
        self.tasks = TaskService(workspace, clock)
        self.people = PeopleService(workspace, clock)
        self.reads = ReadService(workspace, clock)
        self.history = HistoryService(workspace, clock)
        self.trash = TrashService(workspace, clock)
        self.importing = ImportService(workspace, clock)
        self.reports = ReportService(workspace, clock)
        self.planning = RoadmapPlanningService(workspace, clock)
        self.templates = TemplateService(workspace, clock)
        self.flow = FlowService(workspace, clock)
        self.live = LiveService(workspace, clock)
        self.baselines = BaselineService(workspace, clock)

    @property
    def read_only(self) -> bool:
        """No change can be saved: a read-only workspace, or a server out of reach."""
        return self.workspace.read_only or bool(self.workspace.unavailable)


__all__ = ["Services"]
