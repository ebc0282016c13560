"""The board PDF: columns side by side with their cards, on landscape pages.

Each page has a fixed number of card slots across. Every column gets a slot on the first
page (so the board's shape shows), then the slots go to the columns that still have cards,
the longest first; a long column continues across several slots and pages.

``board_sheet`` draws the same page for an image: every column side by side on one sheet
as tall as its longest column, up to ``SHEET_CARDS`` cards each (the rest are counted).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmdesk.domain.enums import ColumnKind, Priority
from pmdesk.domain.models import Column, Task
from pmdesk.domain.snapshots import BoardSnapshot
from pmdesk.export.cells import Sink, day_text, dot, short_day, text, wrap
from pmdesk.export.fonts import split_lines
from pmdesk.export.paper import landscape
from pmdesk.export.shapes import Colour, Line, Rect, String
from pmdesk.export.sheet import Sheet
from pmdesk.export.style import (
    ACCENT,
    AMBER,
    BOLD,
    FONT,
    INK,
    MUTED,
    PANEL,
    RED,
    RULE,
    colour,
    elide,
    one_line,
    page_size,
    tint,
    width,
)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

MARGIN = 28.0
GAP = 8.0
MIN_SLOT = 122.0
CARD_H = 52.0
CARD_GAP = 4.0
TITLE = 7.8
# (font size, lines) tried in turn for a card title; all fit above the card's details.
TITLE_FITS = ((TITLE, 2), (6.8, 2), (6.0, 3))
META = 6.7
HEADER_H = 68.0  # from the page's top margin to the first card
SHEET_CARDS = 24
SHEET_SLOT = 150.0
KIND_COLOURS = {ColumnKind.TODO: "#8C939D", ColumnKind.DOING: "#1565C0",
                ColumnKind.DONE: "#2E7D32"}


def title_lines(title: str, room: float) -> tuple[float, list[str]]:
    """A card title in two lines, smaller or in three when long; elided only when even
    three small lines cannot hold it."""
    for size, count in TITLE_FITS:
        lines = split_lines(title, BOLD, size, room)
        if len(lines) <= count:
            return size, lines
    size, count = TITLE_FITS[-1]
    return size, wrap(title, BOLD, size, room, count)


@dataclass(frozen=True, slots=True)
class _Slot:
    column: Column
    tasks: tuple[Task, ...]
    first: int
    total: int


def build_board(snapshot: BoardSnapshot, pagesize: tuple[float, float] | None = None, *,
                product_name: str = "", workspace_name: str = "") -> bytes:
    """Render every active card of the board, column by column."""
    from reportlab.pdfgen.canvas import Canvas

    from pmdesk.export.pdf_fonts import register_fonts

    register_fonts()
    size = landscape(pagesize or page_size())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1)
    canvas.setTitle(f"{one_line(snapshot.board.name)} — board")
    canvas.setSubject(f"Board, data as of {snapshot.today.isoformat()}")
    canvas.setCreator("pmdesk")
    _BoardPages(snapshot, size, product_name, workspace_name).render(canvas)
    canvas.save()
    return buffer.getvalue()


def board_sheet(snapshot: BoardSnapshot, *, product_name: str = "",
                workspace_name: str = "") -> Sheet:
    """The board's first page grown to hold every column and up to ``SHEET_CARDS`` cards
    of each, sized to its content."""
    columns = snapshot.columns
    tasks_of = _tasks_by_column(snapshot)
    shown = min(SHEET_CARDS, max((len(tasks_of[c.id]) for c in columns), default=0))
    cut = any(len(tasks_of[c.id]) > shown for c in columns)
    page_w = max(landscape(page_size("a4"))[0],
                 2 * MARGIN + len(columns) * (SHEET_SLOT + GAP) - GAP)
    page_h = (2 * MARGIN + HEADER_H + 10 + max(1, shown) * (CARD_H + CARD_GAP)
              + (14 if cut else 0))
    pages = _BoardPages(snapshot, (page_w, page_h), product_name, workspace_name, sheet=True)
    slots = [_Slot(c, tuple(tasks_of[c.id][:shown]), 0, len(tasks_of[c.id])) for c in columns]
    return Sheet(page_w, page_h, lambda sink: pages.page(sink, slots, None))


def _tasks_by_column(snapshot: BoardSnapshot) -> dict[int, list[Task]]:
    tasks_of: dict[int, list[Task]] = {c.id: [] for c in snapshot.columns}
    for task in snapshot.tasks:
        tasks_of.setdefault(task.column_id, []).append(task)
    return tasks_of


def plan_pages(columns: Sequence[Column], tasks_of: dict[int, list[Task]], slots: int,
               per_slot: int) -> list[list[_Slot]]:
    """Share each page's slots among the columns, in board order."""
    pages: list[list[_Slot]] = []
    for start in range(0, len(columns), slots):
        group = list(columns[start:start + slots])
        taken = {c.id: 0 for c in group}

        def remaining(column: Column, taken: dict[int, int] = taken) -> int:
            return len(tasks_of[column.id]) - taken[column.id]

        first_page = True
        while first_page or any(remaining(c) > 0 for c in group):
            active = group if first_page else [c for c in group if remaining(c) > 0]
            count = {c.id: 1 for c in active}
            for _ in range(slots - len(active)):
                best = max(active, key=lambda c: (remaining(c) - count[c.id] * per_slot,
                                                  -active.index(c)))
                if remaining(best) - count[best.id] * per_slot <= 0:
                    break
                count[best.id] += 1
            page: list[_Slot] = []
            for column in active:
                cards = tasks_of[column.id]
                for _ in range(count[column.id]):
                    first = taken[column.id]
                    chunk = tuple(cards[first:first + per_slot])
                    page.append(_Slot(column, chunk, first, len(cards)))
                    taken[column.id] = first + len(chunk)
            pages.append(page)
            first_page = False
    return pages or [[]]


class _BoardPages:
    def __init__(self, snapshot: BoardSnapshot, size: tuple[float, float], product_name: str,
                 workspace_name: str, *, sheet: bool = False) -> None:
        self.snapshot = snapshot
        self.page_w, self.page_h = size
        self.x = MARGIN
        self.w = self.page_w - 2 * MARGIN
        self.product_name = product_name
        self.workspace_name = workspace_name
        self.done_columns = {c.id for c in snapshot.columns if c.kind is ColumnKind.DONE}
        self.overdue_count = sum(1 for t in snapshot.tasks if self._overdue(t))
        self.sheet = sheet  # one page showing every column, its hidden cards counted
        self.slots = (max(1, len(snapshot.columns)) if sheet
                      else max(1, int((self.w + GAP) // (MIN_SLOT + GAP))))
        self.cards_top = self.page_h - MARGIN - HEADER_H
        self.per_slot = max(1, int((self.cards_top - MARGIN - 10 + CARD_GAP)
                                   // (CARD_H + CARD_GAP)))

    def render(self, canvas: Canvas) -> None:
        from pmdesk.export.painter import CanvasGroup

        tasks_of = _tasks_by_column(self.snapshot)
        pages = plan_pages(self.snapshot.columns, tasks_of, self.slots, self.per_slot)
        for number, slots in enumerate(pages, start=1):
            self.page(CanvasGroup(canvas), slots, f"Page {number} of {len(pages)}")
            canvas.showPage()

    def page(self, group: Sink, slots: Sequence[_Slot], page_label: str | None) -> None:
        self.header(group, page_label)
        if slots:
            slot_w = (self.w - GAP * (len(slots) - 1)) / len(slots)
            slot_w = min(slot_w, (self.w - GAP * (self.slots - 1)) / self.slots * 1.6)
            for index, slot in enumerate(slots):
                self.slot(group, slot, self.x + index * (slot_w + GAP), slot_w)
        else:
            text(group, self.x, self.cards_top, self.w, "This board has no columns.",
                 size=9, color=MUTED)
        self.footer(group)

    def header(self, g: Sink, page_label: str | None) -> None:
        top = self.page_h - MARGIN
        g.add(Rect(0, self.page_h - 5, self.page_w, 5, fill=ACCENT, stroke=None,
                   stroke_width=0))
        right = 0.0
        if page_label:
            right = width(page_label, FONT, 7.5)
            text(g, self.x + self.w - right, top - 11, right, page_label, size=7.5,
                 color=MUTED)
        title = one_line(self.snapshot.board.name) + " — board"
        if self.product_name:
            title = f"{one_line(self.product_name)} · {title}"
        text(g, self.x, top - 13, self.w - right - 20, title, font=BOLD, size=14)
        tasks = self.snapshot.tasks
        overdue = self.overdue_count
        sub = (f"{len(tasks):,} cards in {len(self.snapshot.columns)} columns · "
               f"{overdue:,} overdue · data as of {day_text(self.snapshot.today)}")
        text(g, self.x, top - 25, self.w, sub, size=7.5, color=MUTED)
        y = top - 36
        g.add(Line(self.x, y, self.x + self.w, y, stroke=RULE, stroke_width=0.6))

    def _overdue(self, task: Task) -> bool:
        return (task.column_id not in self.done_columns and task.due_date is not None
                and task.due_date < self.snapshot.today)

    def slot(self, g: Sink, slot: _Slot, x: float, w: float) -> None:
        column = slot.column
        top = self.page_h - MARGIN - 42
        kind = KIND_COLOURS[column.kind]
        g.add(Rect(x, top - 22, w, 22, fill=PANEL, stroke=None, stroke_width=0))
        g.add(Rect(x, top - 2.5, w, 2.5, fill=colour(kind), stroke=None,
                   stroke_width=0))
        count = f"{slot.total:,}"
        over = column.wip_limit is not None and slot.total > column.wip_limit
        if column.wip_limit is not None:
            count += f" / WIP {column.wip_limit}"
        count_w = text(g, x + 4, top - 13, w - 8, count, font=BOLD if over else FONT,
                       size=7.2, color=RED if over else MUTED, align="right")
        name = one_line(column.name)
        text(g, x + 5, top - 13, w - count_w - 14, name, font=BOLD, size=8.4)
        if slot.first or (slot.tasks and slot.first + len(slot.tasks) < slot.total):
            span = (f"cards {slot.first + 1:,}–{slot.first + len(slot.tasks):,}"
                    + (" (continued)" if slot.first else ""))
            text(g, x + 5, top - 20.5, w - 10, span, size=6.2, color=MUTED)
        y = self.cards_top
        if not slot.tasks:
            text(g, x + 5, y - 12, w - 10, "No cards", size=7.2, color=MUTED)
        for task in slot.tasks:
            self.card(g, task, x, y, w)
            y -= CARD_H + CARD_GAP
        hidden = slot.total - slot.first - len(slot.tasks)
        if hidden and self.sheet:
            text(g, x + 5, y - 8, w - 10, f"+ {hidden:,} more card{'s' if hidden > 1 else ''}",
                 font=BOLD, size=7.2, color=MUTED)

    def card(self, g: Sink, task: Task, x: float, top: float, w: float) -> None:
        snap = self.snapshot
        tag = snap.initiatives.get(task.initiative_id) if task.initiative_id else None
        accent = tag.colour if tag else None
        g.add(Rect(x, top - CARD_H, w, CARD_H, rx=2.5, ry=2.5, fill=colour("#FFFFFF"),
                   stroke=RULE, stroke_width=0.7))
        g.add(Rect(x, top - CARD_H, 2.6, CARD_H, fill=colour(accent) if tag else RULE,
                   stroke=None, stroke_width=0))
        inner = x + 7
        room = w - 11
        size, lines = title_lines(one_line(task.title) or "Untitled", room)
        base = top - 4 - size
        for line in lines:
            g.add(String(inner, base, line, font=BOLD, size=size, fill=INK))
            base -= size * 1.18
        base = top - 4 - TITLE - 2 * TITLE * 1.18 - 1
        self.meta(g, task, inner, base, room)
        base -= META * 1.45
        self.labels(g, task, inner, base, room)
        base -= META * 1.45
        if tag:
            dot(g, inner + 2, base + META * 0.35, 2, tag.colour)
            text(g, inner + 7, base, room - 7, one_line(tag.title), size=META,
                 color=MUTED)
        else:
            text(g, inner, base, room, "No initiative", size=META, color=tint("#5A6270", 0.6))

    def meta(self, g: Sink, task: Task, x: float, base: float, room: float) -> None:
        """Assignee on the left, due date on the right."""
        parts: list[tuple[str, Colour, str]] = []
        if task.due_date:
            late = self._overdue(task)
            parts.append((f"due {short_day(task.due_date, self.snapshot.today)}",
                          RED if late else MUTED, BOLD if late else FONT))
        right = self.right_aligned(g, parts, x, base, room)
        person = self.snapshot.people.get(task.assignee_id) if task.assignee_id else None
        who = one_line(person.name) if person else "Unassigned"
        text(g, x, base, right - x - 2, who, size=META, color=INK if person else MUTED)

    def right_aligned(self, g: Sink, parts: list[tuple[str, Colour, str]], x: float,
                      base: float, room: float) -> float:
        """Draw ``parts`` from the right edge leftwards; return where they start."""
        cursor = x + room
        for value, tone, font in reversed(parts):
            w = width(value, font, META)
            if cursor - w < x + 30:
                break
            g.add(String(cursor, base, value, font=font, size=META, fill=tone,
                         anchor="end"))
            cursor -= w + 5
        return cursor

    def labels(self, g: Sink, task: Task, x: float, base: float, room: float) -> None:
        """Label chips on the left; priority (high and urgent) and checklist on the right."""
        parts: list[tuple[str, Colour, str]] = []
        if task.priority >= Priority.HIGH:
            parts.append((task.priority.label, RED if task.priority is Priority.URGENT
                          else AMBER, BOLD))
        if task.checklist_total:
            parts.append((f"☑ {task.checklist_done}/{task.checklist_total}", MUTED, FONT))
        end = self.right_aligned(g, parts, x, base, room) - 3
        cursor = x
        labels = [self.snapshot.labels[i] for i in task.label_ids if i in self.snapshot.labels]
        for index, label in enumerate(labels):
            name = one_line(label.name)
            remaining = len(labels) - index
            reserve = width(f"+{remaining - 1}", FONT, META) + 4 if remaining > 1 else 0
            shown = elide(name, FONT, META - 0.6, end - cursor - 6 - reserve)
            if not shown:
                text(g, cursor, base, end - cursor, f"+{remaining}", size=META, color=MUTED)
                return
            w = width(shown, FONT, META - 0.6) + 6
            g.add(Rect(cursor, base - 1.8, w, META + 1.8, rx=2, ry=2,
                       fill=tint(label.colour, 0.25), stroke=None, stroke_width=0))
            g.add(String(cursor + 3, base, shown, font=FONT, size=META - 0.6,
                         fill=INK))
            cursor += w + 3

    def footer(self, g: Sink) -> None:
        left = "Generated by pmdesk" + (
            f" from {one_line(self.workspace_name)}" if self.workspace_name else "")
        left += (" · left edge: the linked initiative's goal colour · red: overdue or over the"
                 " WIP limit · archived cards are not shown")
        text(g, self.x, MARGIN - 12, self.w, left, size=6.5, color=MUTED)
