"""Read a CSV file of cards (pmdesk's own columns, or Jira's and Trello's) into a plan.

Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, datetime

from pmdesk.domain.enums import ColumnKind
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.rules import parse_number
from pmdesk.services.importing.jira import (
    IssueRow,
    IssueTree,
    history,
    jira_time,
    read_time,
)
from pmdesk.services.importing.plan import (
    CardPlan,
    ColumnPlan,
    ImportFileError,
    ImportPlan,
    LabelPlan,
    card_title,
    short_text,
)
from pmdesk.services.importing.vocabulary import (
    HEADER_SYNONYMS,
    header_field,
    is_late_stage,
    parse_priority,
    parse_yes_no,
    split_coloured_label,
)

DELIMITERS = (",", ";", "\t")
_KIND_ORDER = {ColumnKind.TODO: 0, ColumnKind.DOING: 1, ColumnKind.DONE: 2}
_LABEL_SEPARATORS = re.compile(r"[;,]")


def parse_csv(data: bytes, file_name: str) -> ImportPlan:
    """Turn the bytes of a CSV file into a plan, or refuse them in one sentence."""
    text = _decode(data, file_name)
    if not text.strip():
        raise ImportFileError(f"{file_name} is empty; it needs a header row and a row per card.")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    name = short_text(" ".join(stem.split())) or "Imported cards"
    return _CsvReader(file_name, name).read(reader)


def parse_due(value: str) -> date | None:
    """Read YYYY-MM-DD (an ISO time after it is ignored) or Jira's “12/Mar/26 4:00 PM”."""
    text = value.strip()
    for parse in (date.fromisoformat, lambda s: datetime.fromisoformat(s).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    moment = jira_time(text)
    return moment.date() if moment is not None else None


def _decode(data: bytes, file_name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{file_name} is not UTF-8 text (line {line} holds the byte "
            f"0x{data[exc.start]:02X}); save it as “CSV UTF-8” and import it again."
        ) from None


def _delimiter(text: str) -> str:
    """Pick the delimiter whose header row names the most fields pmdesk knows."""
    first = text.lstrip("\r\n").splitlines()[0]
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        fields = {header_field(c) for c in cells} - {None}
        score = ("title" in fields) + len(fields), len(cells)
        if score > best_score:
            best, best_score = delimiter, score
    return best


class _CsvReader:
    def __init__(self, file_name: str, name: str) -> None:
        self.file_name = file_name
        self.out = ImportPlan(source=file_name, name=name)
        self.columns: dict[str, int] = {}
        self.labels: dict[str, int] = {}

    def read(self, reader: Iterator[list[str]]) -> ImportPlan:
        rows: list[IssueRow] = []
        row_number = 0
        header: list[str] | None = None
        fields: dict[str, list[int]] = {}
        try:
            for row_number, cells in enumerate(reader, 1):
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header, fields = cells, self._fields(cells)
                    continue
                rows.append(self._row(row_number, cells, header, fields))
        except csv.Error as exc:
            raise ImportFileError(
                f"{self.file_name}, row {row_number + 1}: {str(exc).rstrip('.')}; check the "
                "quotes in that row."
            ) from None
        if header is None:
            raise ImportFileError(f"{self.file_name} has no header row.")
        cards = IssueTree(self.out, rows).cards()
        for row in cards:
            row.card.column = self._column(row.status, row.kind)
        self.out.cards = [row.card for row in cards]
        self._order_columns()
        first_doing = next((i for i, c in enumerate(self.out.columns)
                            if c.kind == ColumnKind.DOING), None)
        for row in cards:
            row.card.history = history(row, row.card.column, first_doing)
        return self.out

    def _fields(self, header: list[str]) -> dict[str, list[int]]:
        fields: dict[str, list[int]] = {}
        unknown = 0
        for index, cell in enumerate(header):
            field = header_field(cell)
            if field is None:
                unknown += bool(cell.strip())
            else:
                fields.setdefault(field, []).append(index)
        if "title" not in fields:
            names = ", ".join(f"“{w.title()}”" for w in HEADER_SYNONYMS["title"][:4])
            raise ImportFileError(
                f"{self.file_name} has no title column; the header row must name one, "
                f"such as {names}."
            )
        self.out.skip("unknown CSV column", "unknown CSV columns", unknown)
        return fields

    def _row(self, number: int, cells: list[str], header: list[str],
             fields: dict[str, list[int]]) -> IssueRow:
        width = len(header)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            raise ImportFileError(
                f"Row {number} has {len(cells)} cells but the header has {width}; check the "
                "quotes and the delimiter in that row."
            )

        def cell(field: str) -> str:
            for index in fields.get(field, ()):
                if index < len(cells) and cells[index].strip():
                    return cells[index].strip()
            return ""

        def every(field: str) -> list[str]:
            """Each non-empty cell of a header that may repeat (Jira's Labels, Comment…)."""
            return [cells[i].strip() for i in fields.get(field, ())
                    if i < len(cells) and cells[i].strip()]

        def when(field: str) -> datetime | None:
            index = next((i for i in fields.get(field, ()) if i < len(cells)
                          and cells[i].strip()), None)
            return None if index is None else read_time(number, header[index].strip(),
                                                        cells[index].strip())

        raw_title = cell("title")
        if not raw_title:
            raise ImportFileError(f"Row {number} has no title.")
        title, overflow = card_title(raw_title)
        members = [m.strip() for m in cell("members").split(",") if m.strip()]
        note = "Also on the card: " + ", ".join(members[1:]) + "." if members[1:] else ""
        description = "\n\n".join(p for p in (overflow, cell("description"), note) if p)
        card = CardPlan(title=title, column=None, description=description)
        if assignee := cell("assignee") or (members[0] if members else ""):
            card.assignee = short_text(assignee)
        if archived := cell("archived"):
            flag = parse_yes_no(archived)
            if flag is None:
                raise ImportFileError(
                    f"Row {number}: “{archived}” in the archived column is neither yes nor no."
                )
            card.archived = flag
        if due := cell("due"):
            card.due = parse_due(due)
            if card.due is None:
                raise ImportFileError(
                    f"Row {number}: “{due}” is not a valid due date; use YYYY-MM-DD."
                )
        if estimate := cell("estimate"):
            card.estimate = self._estimate(number, estimate)
        if priority := cell("priority"):
            value = parse_priority(priority)
            if value is None:
                raise ImportFileError(
                    f"Row {number}: “{priority}” is not a priority; use none, low, medium, "
                    "high, urgent or 0–4."
                )
            card.priority = int(value)
        card.labels = self._labels(every("labels"), split=True)
        card.labels += self._labels(every("components") + every("sprint"), split=False)
        card.labels = list(dict.fromkeys(card.labels))
        if initiative := cell("initiative"):
            card.initiative = short_text(initiative)
        card.watchers = list(dict.fromkeys(
            short_text(name) for text in every("watchers")
            for name in _LABEL_SEPARATORS.split(text) if name.strip()))
        card.created_at = when("created")
        card.last_activity = when("updated") or when("resolved")
        row = IssueRow(
            number, card, status=cell("column"), category=cell("category"), key=cell("key"),
            issue_id=cell("issue id"), type=cell("type"), parents=every("parent"),
            epic=cell("epic link"), started=when("started"), resolved=when("resolved"),
            category_changed=when("category changed"),
            comments=every("comments"), attachments=every("attachments"))
        start, end = when("start"), when("end")
        row.start, row.end = start and start.date(), end and end.date()
        for name_field in ("assignee", "reporter", "creator"):
            name, account = cell(name_field), cell(f"{name_field} id")
            if name and account:
                row.people[account] = name
        return row

    @staticmethod
    def _estimate(number: int, text: str) -> float:
        try:
            value = parse_number(text, "estimate")
        except ValidationError:
            raise ImportFileError(
                f"Row {number}: the estimate “{text}” is not a number."
            ) from None
        assert value is not None
        if value < 0:
            raise ImportFileError(f"Row {number}: the estimate “{text}” is negative.")
        return value

    def _column(self, name: str, kind: ColumnKind) -> int | None:
        if not name:
            return None
        name = short_text(" ".join(name.split()))
        key = name.casefold()
        if key not in self.columns:
            self.columns[key] = len(self.out.columns)
            self.out.columns.append(ColumnPlan(name, kind))
        return self.columns[key]

    def _labels(self, cells: list[str], *, split: bool) -> list[int]:
        """Label indexes for cells; a Labels cell may hold several (“ui; auth”)."""
        found: list[int] = []
        for text in cells:
            for part in _LABEL_SEPARATORS.split(text) if split else [text]:
                name, colour = split_coloured_label(" ".join(part.split()))
                name = short_text(name)
                if not name:
                    continue
                key = name.casefold()
                if key not in self.labels:
                    self.labels[key] = len(self.out.labels)
                    self.out.labels.append(LabelPlan(name, colour))
                found.append(self.labels[key])
        return list(dict.fromkeys(found))

    def _order_columns(self) -> None:
        """Order the columns to do, doing, done; reviews and tests after the work; else as seen."""
        columns = self.out.columns
        order = sorted(range(len(columns)), key=lambda i: (
            _KIND_ORDER[columns[i].kind], is_late_stage(columns[i].name), i))
        new_index = {old: new for new, old in enumerate(order)}
        self.out.columns = [self.out.columns[i] for i in order]
        for card in self.out.cards:
            if card.column is not None:
                card.column = new_index[card.column]
