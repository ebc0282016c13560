"""Whole-file health report for ``pmdesk check``; reads only, never writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from pmdesk.domain.rules import creates_cycle
from pmdesk.store import tables as t
from pmdesk.store.backend import READ_OPTION, Location, backend_for
from pmdesk.store.schema import head_revision
from pmdesk.store.validation import value_problems
from pmdesk.store.workspace import checked_revision

COUNTED = (t.product, t.goal, t.lane, t.initiative, t.milestone, t.dependency, t.board,
           t.board_column, t.task, t.person, t.label, t.checklist_item, t.event)

# Rows that the foreign keys allow but the model does not: links across products or boards.
CONSISTENCY_QUERIES = {
    "cards in a column of another board": """
        SELECT count(*) FROM task JOIN board_column c ON c.id = task.column_id
        WHERE c.board_id <> task.board_id""",
    "cards linked to another product's initiative": """
        SELECT count(*) FROM task JOIN board b ON b.id = task.board_id
        JOIN initiative i ON i.id = task.initiative_id WHERE i.product_id <> b.product_id""",
    "initiatives in another product's lane": """
        SELECT count(*) FROM initiative i JOIN lane l ON l.id = i.lane_id
        WHERE l.product_id <> i.product_id""",
    "initiatives with another product's goal": """
        SELECT count(*) FROM initiative i JOIN goal g ON g.id = i.goal_id
        WHERE g.product_id <> i.product_id""",
    "dependencies across products": """
        SELECT count(*) FROM dependency d JOIN initiative a ON a.id = d.blocker_id
        JOIN initiative b ON b.id = d.blocked_id WHERE a.product_id <> b.product_id""",
    "initiatives whose end is before their start": """
        SELECT count(*) FROM initiative WHERE end_date < start_date""",
}


@dataclass
class Report:
    path: Path | str  # the file, or the server's URL without its password
    revision: str
    head: str
    counts: dict[str, int] = field(default_factory=dict)
    archived_tasks: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        state = "current" if self.revision == self.head else f"older; this pmdesk uses {self.head}"
        c = self.counts
        return [
            f"workspace:   {self.path}",
            f"schema:      {self.revision} ({state})",
            f"products:    {c.get('product', 0)}  goals {c.get('goal', 0)}  "
            f"lanes {c.get('lane', 0)}  milestones {c.get('milestone', 0)}",
            f"initiatives: {c.get('initiative', 0)}  dependencies {c.get('dependency', 0)}",
            f"boards:      {c.get('board', 0)}  columns {c.get('board_column', 0)}  "
            f"cards {c.get('task', 0)} ({self.archived_tasks} archived)",
            f"people:      {c.get('person', 0)}  labels {c.get('label', 0)}  "
            f"events {c.get('event', 0)}",
            "integrity:   " + ("ok" if self.ok else f"{len(self.problems)} problem(s)"),
            *(f"  - {p}" for p in self.problems),
        ]


def check_file(location: Location) -> Report:
    """Validate the workspace as ``open_workspace`` would, then look deeper, read-only."""
    backend = backend_for(location)
    revision = checked_revision(backend)  # raises for foreign, corrupt, newer or unreadable ones
    shown = backend.path if backend.path is not None else backend.location
    report = Report(shown, revision, head_revision())
    engine = backend.make_engine(read_only=True)
    try:
        with backend.errors("nothing was changed"), engine.connect() as conn:
            conn.execution_options(**{READ_OPTION: True})
            report.problems.extend(backend.integrity_problems(conn))
            fk = backend.foreign_key_problems(conn)
            if fk:
                report.problems.append(f"{len(fk)} rows point at rows that do not exist")
            if revision != report.head:
                return report
            for table in COUNTED:
                report.counts[table.name] = int(
                    conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                )
            report.archived_tasks = int(
                conn.execute(
                    sa.select(sa.func.count()).where(t.task.c.archived_at.is_not(None))
                ).scalar_one()
            )
            report.problems.extend(value_problems(conn))
            for what, query in CONSISTENCY_QUERIES.items():
                count = int(conn.exec_driver_sql(query).scalar_one())
                if count:
                    report.problems.append(f"{count} {what}")
            edges = [tuple(r) for r in conn.execute(
                sa.select(t.dependency.c.blocker_id, t.dependency.c.blocked_id))]
            if _has_cycle(edges):
                report.problems.append("the dependencies contain a loop")
    finally:
        engine.dispose()
    return report


def _has_cycle(edges: list[tuple[int, int]]) -> bool:
    seen: list[tuple[int, int]] = []
    for blocker, blocked in edges:
        if creates_cycle(seen, blocker, blocked):
            return True
        seen.append((blocker, blocked))
    return False
