"""Import boards from other tools (Trello JSON exports, CSV files) and pmdesk JSON exports.

Each import reads the whole file first and refuses a malformed one with one sentence naming
the problem and its place; only then does it write, in one transaction with event rows.
"""

from __future__ import annotations

from pathlib import Path

from pmdesk.domain.changes import Result
from pmdesk.services.base import ServiceBase
from pmdesk.services.importing.csv_file import parse_csv
from pmdesk.services.importing.json_file import parse_workspace
from pmdesk.services.importing.plan import (
    ImportFileError,
    ImportPlan,
    ImportSummary,
    read_bytes,
)
from pmdesk.services.importing.roadmap_plan import WorkspaceImportSummary, WorkspacePlan
from pmdesk.services.importing.trello import parse_board
from pmdesk.services.importing.workspace_writer import write_workspace
from pmdesk.services.importing.writer import write_plan


class ImportService(ServiceBase):
    """Bring another tool's board into the workspace as one undivided change."""

    def import_trello(
        self, path: Path, *, product: str | None = None, include_archived: bool = False
    ) -> Result[ImportSummary]:
        """Import a Trello board export into a new product, or a new board of ``product``.

        Archived lists (and their cards) are skipped unless ``include_archived``; archived
        cards of imported lists come in archived.
        """
        path = Path(path)
        data = read_bytes(path, "Trello export")
        plan = parse_board(data, path.name, include_archived=include_archived)
        return self.import_plan(plan, product=product)

    def import_csv(
        self, path: Path, *, product: str | None = None, board: str | None = None
    ) -> Result[ImportSummary]:
        """Import a CSV file of cards into a new product named after the file.

        With ``product``, the cards go to a new board of that product named after the file,
        or to its board called ``board`` (created when missing), matching columns, people,
        labels and initiatives by name and adding the missing ones.
        """
        path = Path(path)
        data = read_bytes(path, "CSV file")
        return self.import_plan(parse_csv(data, path.name), product=product, board=board)

    def import_json(
        self, path: Path, *, product: str | None = None
    ) -> Result[WorkspaceImportSummary]:
        """Import the products of a pmdesk JSON export as new products (or only ``product``).

        Roadmaps and boards come whole with new ids; people are matched by name and added
        when missing.
        """
        path = Path(path)
        data = read_bytes(path, "pmdesk JSON export")
        return self.import_workspace(parse_workspace(data, path.name, product))

    def import_workspace(self, plan: WorkspacePlan) -> Result[WorkspaceImportSummary]:
        """Write an already-read workspace plan in one transaction."""
        with self.write() as tx:
            summary = write_workspace(tx, plan)
        return Result(summary, tx.flush())

    def import_plan(
        self, plan: ImportPlan, *, product: str | None = None, board: str | None = None
    ) -> Result[ImportSummary]:
        """Write an already-read plan in one transaction."""
        with self.write() as tx:
            summary = write_plan(tx, plan, product=product, board=board)
        return Result(summary, tx.flush())


__all__ = [
    "ImportFileError", "ImportPlan", "ImportService", "ImportSummary", "WorkspaceImportSummary",
    "WorkspacePlan",
]
