"""What an import will write, read from a file before the workspace is touched.

Readers of each format turn a file into an ``ImportPlan`` (or refuse it with one sentence
naming the problem and its place); one writer then writes any plan in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pmdesk.domain.enums import ColumnKind, InitiativeStatus
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.rules import MAX_TITLE_LENGTH

UNTITLED_CARD = "(untitled card)"
UNTITLED_LIST = "(untitled list)"
MAX_FILE_BYTES = 512 * 1024 * 1024


class ImportFileError(ValidationError):
    """A file that cannot be imported; nothing was written.

    The message is one line even when it quotes a value of the file that holds line breaks.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


@dataclass(slots=True)
class ColumnPlan:
    name: str
    kind: ColumnKind
    archived: bool = False  # an archived Trello list: an archived column of archived cards


@dataclass(slots=True)
class LabelPlan:
    name: str
    colour: str | None = None  # None: keep an existing label's colour or pick one


@dataclass(slots=True)
class CardPlan:
    title: str
    column: int | None  # index into ImportPlan.columns; None = the board's first column
    description: str = ""
    assignee: str | None = None
    due: date | None = None
    estimate: float | None = None
    priority: int = 0
    labels: list[int] = field(default_factory=list)  # indexes into ImportPlan.labels
    initiative: str | None = None
    checklist: list[tuple[str, bool]] = field(default_factory=list)
    created_at: datetime | None = None
    last_activity: datetime | None = None
    archived: bool = False
    done: bool = False  # marked done in the other tool (Trello's “due complete”)
    watchers: list[str] = field(default_factory=list)  # people on the card besides the assignee
    comments: list[tuple[str, datetime | None, str]] = field(default_factory=list)  # author, at
    links: list[tuple[str, str, datetime | None]] = field(default_factory=list)  # title, url, at
    # Where the card was and when, from the file: (when, column index or None for the
    # board's first column); the first entry is its creation. Empty: the past is unknown.
    history: list[tuple[datetime, int | None]] = field(default_factory=list)


@dataclass(slots=True)
class InitiativePlan:
    """A roadmap initiative the file describes itself (a Jira epic), not only names."""

    title: str
    description: str = ""
    status: InitiativeStatus = InitiativeStatus.IDEA
    owner: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(slots=True)
class ImportPlan:
    """A board's worth of columns, cards, labels and people to write."""

    source: str  # how the summary names what was imported: “Trello board “X””, “tasks.csv”
    name: str  # the name of a new product and board
    columns: list[ColumnPlan] = field(default_factory=list)
    labels: list[LabelPlan] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # people to add even when unassigned
    cards: list[CardPlan] = field(default_factory=list)
    initiatives: list[InitiativePlan] = field(default_factory=list)  # besides cards' names
    skipped: dict[tuple[str, str], int] = field(default_factory=dict)  # (one, many): count

    def skip(self, one: str, many: str, number: int = 1) -> None:
        """Count something in the file that is not imported."""
        if number:
            self.skipped[one, many] = self.skipped.get((one, many), 0) + number


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import wrote, counted."""

    source: str
    product: str
    product_created: bool
    board: str
    board_created: bool
    columns: int = 0
    cards: int = 0
    archived: int = 0
    labels: int = 0
    people: int = 0
    initiatives: int = 0
    checklist_items: int = 0
    comments: int = 0
    links: int = 0
    watchers: int = 0  # people on cards besides their assignees
    archived_columns: int = 0
    moves: int = 0  # dated moves from the file's history (Trello actions, Jira dates)
    reused: tuple[tuple[str, int], ...] = ()  # existing rows the cards now use
    skipped: tuple[tuple[str, str, int], ...] = ()  # (one, many, count) not imported

    def skipped_count(self, many: str) -> int:
        """How many of ``many`` (“comments”, “archived lists”…) the import left out."""
        return sum(n for _, name, n in self.skipped if name == many)

    def line(self) -> str:
        """The summary as one sentence."""
        where = (f"new product “{self.product}”" if self.product_created
                 else f"product “{self.product}”")
        if not self.board_created:
            where += f", board “{self.board}”"
        elif self.board != self.product:
            where += f", new board “{self.board}”"
        cards = count(self.cards, "card")
        if self.archived:
            cards += f" ({self.archived:,} archived)"
        parts = [count(self.columns, "new column" if not self.board_created else "column"),
                 cards, count(self.labels, "label"), count(self.people, "person", "people")]
        if self.initiatives:
            parts.append(count(self.initiatives, "initiative"))
        parts.append(count(self.checklist_items, "checklist item"))
        for number, one, many in ((self.comments, "comment", None), (self.links, "link", None),
                                  (self.watchers, "watcher", None),
                                  (self.archived_columns, "archived column", None),
                                  (self.moves, "dated card move", None)):
            if number:
                parts.append(count(number, one, many))
        text = f"Imported {self.source} into {where}: {', '.join(parts)}"
        if self.reused:
            text += "; reused " + ", ".join(f"{n:,} existing {what}" for what, n in self.reused)
        if self.skipped:
            text += "; skipped " + ", ".join(count(n, one, many) for one, many, n in self.skipped)
        return text + "."


def count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


def card_title(text: object) -> tuple[str, str]:
    """Return a card title that pmdesk accepts and what did not fit in it.

    Whitespace runs become one space; an empty name becomes “(untitled card)”; a name longer
    than pmdesk's limit is cut at a word and given whole back for the description.
    """
    if not isinstance(text, str) or not text.strip():
        return UNTITLED_CARD, ""
    title = " ".join(text.split())
    if len(title) <= MAX_TITLE_LENGTH:
        return title, ""
    cut = title[: MAX_TITLE_LENGTH - 1]
    if " " in cut[MAX_TITLE_LENGTH // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut + "…", text.strip()


def short_text(text: str, limit: int = MAX_TITLE_LENGTH) -> str:
    """Fit a name (column, label, checklist item) into pmdesk's title limit."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_bytes(path: Path, what: str) -> bytes:
    """Read the file to import, refusing a missing, unreadable or enormous one."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"{path} does not exist.")
    if path.is_dir():
        raise ImportFileError(f"{path} is a folder, not a {what}.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                f"{path.name} is {size // (1024 * 1024):,} MB; pmdesk imports files up to "
                f"{MAX_FILE_BYTES // (1024 * 1024):,} MB."
            )
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path} cannot be read: {exc.strerror or exc}.") from None
