"""Jira's CSV export: its dates, its repeated cells and its issue hierarchy.

Epics become roadmap initiatives and the issues that name them (by ``Parent``, ``Parent
id``, ``Epic Link`` — a key, an id or the epic's name) cards linked to them. Sub-tasks become
checklist items of their parent card: on a kanban board the story is the card that moves,
and its sub-tasks are the steps inside it, which is what a checklist is; their comments and
attachments join the parent card, named after the sub-task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from pmdesk.domain.enums import ColumnKind, InitiativeStatus
from pmdesk.services.importing.plan import (
    CardPlan,
    ImportFileError,
    ImportPlan,
    InitiativePlan,
    short_text,
)
from pmdesk.services.importing.vocabulary import guess_kind

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_JIRA_TIME = re.compile(
    r"(\d{1,2})/([A-Za-z]{3})/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*([AaPp][Mm]))?)?"
)
_SUB_TASK_TYPES = frozenset({"sub-task", "subtask", "sub task", "technical sub-task"})
_STATUSES = {ColumnKind.TODO: InitiativeStatus.PLANNED,
             ColumnKind.DOING: InitiativeStatus.IN_PROGRESS,
             ColumnKind.DONE: InitiativeStatus.DONE}
DATE_HINT = "use YYYY-MM-DD, an ISO time or Jira's “05/Feb/26 11:00 AM”"


def parse_time(value: str) -> datetime | None:
    """Read an ISO date or time or Jira's “05/Feb/26 11:00 AM”, as naive local time."""
    text = value.strip()
    if not text:
        return None
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = jira_time(text)
        if moment is None:
            return None
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError):
            return None
    return moment.replace(microsecond=0)


def jira_time(text: str) -> datetime | None:
    """Read Jira's “05/Feb/26 11:00 AM” (the time may be missing or on a 24-hour clock)."""
    match = _JIRA_TIME.fullmatch(text)
    if match is None or match.group(2).lower() not in _MONTHS:
        return None
    day, month, year, hour, minute, second, half = match.groups()
    hours = int(hour or 0)
    if half is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half.lower() == "pm" else 0)
    number = int(year)
    try:
        return datetime(number + 2000 if number < 100 else number, _MONTHS[month.lower()],
                        int(day), hours, int(minute or 0), int(second or 0))
    except ValueError:
        return None


@dataclass(slots=True)
class IssueRow:
    """One row of the file as read, before it is known to be a card, an epic or a sub-task."""

    number: int
    card: CardPlan
    status: str = ""
    category: str = ""  # Jira's status category (To Do, In Progress, Done) when given
    key: str = ""
    issue_id: str = ""
    type: str = ""
    parents: list[str] = field(default_factory=list)  # Parent, Parent id: a key or an id
    epic: str = ""  # Epic Link: a key, an id or the epic's name
    start: date | None = None  # planned (an epic's roadmap bar), not when work started
    end: date | None = None
    started: datetime | None = None
    resolved: datetime | None = None
    category_changed: datetime | None = None
    comments: list[str] = field(default_factory=list)  # “date;author;text” cells
    attachments: list[str] = field(default_factory=list)  # “date;author;name;url” cells
    people: dict[str, str] = field(default_factory=dict)  # account id → name, from this row

    @property
    def kind(self) -> ColumnKind:
        return guess_kind(self.category or self.status)

    @property
    def is_sub_task(self) -> bool:
        return " ".join(self.type.casefold().split()) in _SUB_TASK_TYPES


class IssueTree:
    """Sort the rows into epics, cards and sub-tasks and fill the plan with them."""

    def __init__(self, plan: ImportPlan, rows: list[IssueRow]) -> None:
        self.plan, self.rows = plan, rows
        self.by_ref: dict[str, IssueRow] = {}
        for row in rows:
            for ref in (row.key, row.issue_id):
                if ref:
                    self.by_ref.setdefault(ref.casefold(), row)
        referred = {r.epic.casefold() for r in rows if r.epic}
        self.epics = {id(r) for r in rows
                      if r.type.casefold() == "epic" or r.key.casefold() in referred
                      or (r.issue_id and r.issue_id.casefold() in referred)}
        for row in rows:
            if id(row) in self.epics:
                self.by_ref.setdefault(row.card.title.casefold(), row)
        self.people: dict[str, str] = {}
        for row in rows:
            self.people.update(row.people)

    def cards(self) -> list[IssueRow]:
        """The rows that stay cards, with their initiatives, checklists and discussion."""
        parent_of = {id(row): self._parent(row) for row in self.rows}
        cards: list[IssueRow] = []
        for row in self.rows:
            if id(row) in self.epics:
                self._initiative(row)
                self.plan.skip("comment on an epic", "comments on epics", len(row.comments))
                continue
            self._discussion(row)
            parent = self._top(row, parent_of)
            if parent is None:
                if row.is_sub_task and row.parents:
                    self._orphan_note(row)
                row.card.initiative = self._epic_of(row)
                cards.append(row)
                continue
            done = row.kind == ColumnKind.DONE or row.resolved is not None
            parent.card.checklist.append((row.card.title, done))
            self._move_discussion(row, parent.card)
        for row in cards:
            row.card.comments.sort(key=lambda c: (c[1] is None, c[1] or datetime.min))
        return cards

    @staticmethod
    def _top(row: IssueRow, parent_of: dict[int, IssueRow | None]) -> IssueRow | None:
        """The card a sub-task ends up on (a sub-task's sub-task goes to the top one).

        Rows that name each other as parents stay cards.
        """
        seen = {id(row)}
        parent = parent_of[id(row)]
        while parent is not None:
            if id(parent) in seen:
                return None
            seen.add(id(parent))
            above = parent_of[id(parent)]
            if above is None:
                return parent
            parent = above
        return None

    @staticmethod
    def _orphan_note(row: IssueRow) -> None:
        """A sub-task whose parent is not in the file stays a card that names the parent."""
        parent = row.card.initiative or row.parents[0]  # “Parent summary”, else its key or id
        note = f"Sub-task of “{parent}” in Jira."
        row.card.description = "\n\n".join(p for p in (row.card.description, note) if p)

    def _parent(self, row: IssueRow) -> IssueRow | None:
        """The card this row is a sub-task of, when it is in the file; None otherwise."""
        if id(row) in self.epics:
            return None
        for ref in row.parents:
            found = self.by_ref.get(ref.casefold())
            if found is not None and found is not row and id(found) not in self.epics:
                return found
        return None

    def _epic_of(self, row: IssueRow) -> str | None:
        """The initiative's title: the linked epic's summary, else the name the row gives."""
        for ref in (row.epic, *row.parents):
            found = self.by_ref.get(ref.casefold()) if ref else None
            if found is not None and id(found) in self.epics:
                return found.card.title
        if row.is_sub_task:  # its parent is a story not in the file, not an epic
            return short_text(row.epic) if row.epic else None
        named = [p for p in row.parents if not p.isdigit()]  # a bare id names nothing
        given = row.card.initiative or row.epic or next(iter(named), "")
        return short_text(given) if given else None

    def _initiative(self, row: IssueRow) -> None:
        card = row.card
        self.plan.initiatives.append(InitiativePlan(
            title=card.title, description=card.description, status=_STATUSES[row.kind],
            owner=card.assignee, start=row.start, end=row.end or card.due))

    def _discussion(self, row: IssueRow) -> None:
        for cell in row.comments:
            author, at, text = split_comment(cell, self.people)
            if text:
                row.card.comments.append((author, at, text))
        for cell in row.attachments:
            link = split_attachment(cell)
            if link is None:
                self.plan.skip("attachment without a link", "attachments without a link")
            else:
                row.card.links.append(link)

    def _move_discussion(self, row: IssueRow, parent: CardPlan) -> None:
        """A sub-task's comments and attachments, now on its parent card, say where from."""
        card = row.card
        parent.comments += [(a, at, f"On “{card.title}”: {text}") for a, at, text in card.comments]
        parent.links += [(f"{card.title}: {title}" if title else card.title, url, at)
                         for title, url, at in card.links]
        parent.watchers += card.watchers


def split_comment(cell: str, people: dict[str, str]) -> tuple[str, datetime | None, str]:
    """Read Jira's “05/Feb/26 11:00 AM;author;text” (the text may hold semicolons)."""
    parts = cell.split(";", 2)
    if len(parts) == 3 and (at := parse_time(parts[0])) is not None:
        author = parts[1].strip()
        return short_text(people.get(author, author)), at, parts[2].strip()
    return "", None, cell.strip()


def split_attachment(cell: str) -> tuple[str, str, datetime | None] | None:
    """Read Jira's “date;author;file name;url” as a link (title, url, when)."""
    parts = [p.strip() for p in cell.split(";", 3)]
    url = parts[-1]
    if "://" not in url:
        return None
    at = parse_time(parts[0]) if len(parts) > 1 else None
    name = parts[2] if len(parts) == 4 else ""
    return short_text(name), url, at


def history(row: IssueRow, column: int | None, first_doing: int | None
            ) -> list[tuple[datetime, int | None]]:
    """The card's dated path from Created, Status Category Changed and Resolved.

    Where the file does not say when work started, it counts from the card's creation (an
    issue resolved without a start would otherwise show a one-day cycle time).
    """
    created = row.card.created_at
    if created is None:
        return []
    kind = row.kind
    if kind == ColumnKind.TODO:
        return [(created, column)]
    started = row.started or (row.category_changed if kind == ColumnKind.DOING else None)
    path: list[tuple[datetime, int | None]] = [(created, None)]
    if kind == ColumnKind.DOING:
        return [*path, (started or created, column)]
    if first_doing is not None:
        path.append((started or created, first_doing))
    finished = row.resolved or row.category_changed
    if finished is not None:
        path.append((finished, column))
    return path


def read_time(number: int, header: str, value: str) -> datetime | None:
    """A date cell, or a refusal naming the row and column."""
    if not value:
        return None
    moment = parse_time(value)
    if moment is None:
        raise ImportFileError(f"Row {number}: “{value}” in {header} is not a date; {DATE_HINT}.")
    return moment
