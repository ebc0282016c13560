"""Words other tools use: list names, Trello colours, priorities and CSV headers."""

from __future__ import annotations

import re
import unicodedata

from pmdesk.domain.enums import ColumnKind, Priority

GREY = "#9E9E9E"

# Trello's label colours: the classic ten plus the lighter and darker variants of 2023.
TRELLO_COLOURS = {
    "green": "#61BD4F",
    "yellow": "#F2D600",
    "orange": "#FF9F1A",
    "red": "#EB5A46",
    "purple": "#C377E0",
    "blue": "#0079BF",
    "sky": "#00C2E0",
    "lime": "#51E898",
    "pink": "#FF78CB",
    "black": "#344563",
    "green_light": "#BAF3DB",
    "green_dark": "#1F845A",
    "yellow_light": "#F8E6A0",
    "yellow_dark": "#946F00",
    "orange_light": "#FEDEC8",
    "orange_dark": "#C25100",
    "red_light": "#FFD5D2",
    "red_dark": "#C9372C",
    "purple_light": "#DFD8FD",
    "purple_dark": "#6E5DC6",
    "blue_light": "#CCE0FF",
    "blue_dark": "#0C66E4",
    "sky_light": "#C6EDFB",
    "sky_dark": "#227D9B",
    "lime_light": "#D3F1A7",
    "lime_dark": "#5B7F24",
    "pink_light": "#FDD0EC",
    "pink_dark": "#AE4787",
    "black_light": "#DCDFE4",
    "black_dark": "#626F86",
}
# Colours handed to new labels that come without one (CSV), in this order.
LABEL_PALETTE = tuple(TRELLO_COLOURS[c] for c in (
    "blue", "green", "orange", "purple", "red", "sky", "lime", "pink", "yellow", "black"))

# Words in a list or status name that tell what kind of column it is. Latin-script words
# must match whole words; words in scripts without spaces match anywhere in the name.
_DONE_WORDS = (
    "done", "complete", "completed", "finished", "closed", "resolved", "shipped", "released",
    "delivered", "gotowe", "zrobione", "zakończone", "fertig", "erledigt", "abgeschlossen",
    "terminé", "terminée", "terminés", "fait", "hecho", "terminado", "terminada", "finalizado",
    "concluído", "feito", "fatto", "completato", "klaar", "gedaan", "klart", "valmis",
    "готово", "сделано", "完了", "済み", "クローズ", "終了", "已完成", "完成", "완료",
)
_DOING_WORDS = (
    "doing", "in progress", "in-progress", "inprogress", "wip", "started", "ongoing",
    "review", "in review", "code review", "testing", "in test", "qa", "w toku", "w trakcie",
    "in arbeit", "in bearbeitung", "en cours", "en progreso", "en curso", "haciendo",
    "em andamento", "in corso", "bezig", "pågår", "в работе", "作業中", "進行中", "対応中",
    "レビュー", "进行中", "진행중", "진행 중",
)
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s-]", " ", text).split())


def _mentions(name: str, words: tuple[str, ...]) -> bool:
    padded = f" {name} "
    for word in words:
        if _SPACELESS.search(word):
            if word in name:
                return True
        elif f" {word} " in padded:
            return True
    return False


# Words of a status that comes late among its kind: review and test follow the work itself.
_LATE_WORDS = ("review", "in review", "code review", "testing", "in test", "test", "qa",
               "verify", "verification", "approval", "staging", "acceptance", "uat")


def is_late_stage(name: str) -> bool:
    """Tell whether a status name is a checking step (review, test…) that follows the work."""
    return _mentions(_normal(name), _LATE_WORDS)


def guess_kind(name: str) -> ColumnKind:
    """Guess whether a list called ``name`` holds work to do, in progress or done."""
    normal = _normal(name)
    if _mentions(normal, _DONE_WORDS):
        return ColumnKind.DONE
    if _mentions(normal, _DOING_WORDS):
        return ColumnKind.DOING
    return ColumnKind.TODO


def trello_colour(name: object) -> str:
    """Return the hex colour of a Trello colour name (grey for none or an unknown one)."""
    if isinstance(name, str):
        return TRELLO_COLOURS.get(name.strip().lower(), GREY)
    return GREY


def colour_label_name(name: object) -> str:
    """Name an unnamed Trello label after its colour (“Sky dark”, “Grey”)."""
    if isinstance(name, str) and name.strip():
        return name.strip().replace("_", " ").capitalize()
    return "Grey"


_PRIORITY_WORDS = {
    "none": Priority.NONE, "no priority": Priority.NONE, "": Priority.NONE,
    "low": Priority.LOW, "lowest": Priority.LOW, "minor": Priority.LOW,
    "trivial": Priority.LOW,
    "medium": Priority.MEDIUM, "normal": Priority.MEDIUM, "moderate": Priority.MEDIUM,
    "high": Priority.HIGH, "major": Priority.HIGH, "important": Priority.HIGH,
    "urgent": Priority.URGENT, "highest": Priority.URGENT, "critical": Priority.URGENT,
    "blocker": Priority.URGENT,
    "p0": Priority.URGENT, "p1": Priority.HIGH, "p2": Priority.MEDIUM, "p3": Priority.LOW,
    "p4": Priority.NONE,
}


def parse_priority(value: str) -> Priority | None:
    """Read a priority word (pmdesk's, Jira's or P0–P4) or a number 0–4; None if unknown."""
    text = value.strip().casefold()
    if text in _PRIORITY_WORDS:
        return _PRIORITY_WORDS[text]
    if text.isdigit() and int(text) <= Priority.URGENT:
        return Priority(int(text))
    return None


# CSV header names (after normalising) for each field pmdesk reads.
HEADER_SYNONYMS = {
    "title": ("title", "summary", "name", "card name", "card", "task", "task name", "issue",
              "subject"),
    "column": ("column", "status", "list", "list name", "stage", "state", "section",
               "board column"),
    "description": ("description", "desc", "card description", "details", "body", "notes"),
    "assignee": ("assignee", "assigned to", "owner", "responsible"),
    "members": ("members", "member"),  # Trello: “Ann Lee, Bob Ray”; the first is the assignee
    "due": ("due", "due date", "duedate", "due on", "deadline"),
    "estimate": ("estimate", "estimation", "story points", "story point estimate", "points",
                 "story point", "sp", "size"),
    "priority": ("priority",),
    "labels": ("labels", "label", "tags", "tag"),
    "initiative": ("initiative", "epic", "epic name", "parent summary", "epic link summary"),
    "archived": ("archived", "is archived"),
    # Jira's export: what an issue is and what it belongs to (a key, an id or a name)
    "key": ("issue key", "key"),
    "issue id": ("issue id",),
    "type": ("issue type", "issuetype", "type", "work type"),
    "parent": ("parent", "parent id", "parent key"),
    "epic link": ("epic link",),
    "category": ("status category",),
    # when things happened
    "created": ("created", "created at", "created on", "created date", "date created",
                "creation date"),
    "started": ("started", "started at", "date started", "work started"),
    "resolved": ("resolved", "resolution date", "resolutiondate", "date resolved",
                 "completed at", "date completed", "done at", "finished at"),
    "category changed": ("status category changed",),
    "updated": ("updated", "last updated", "last activity date", "last activity"),
    "start": ("start date", "target start"),  # planned: an epic's roadmap start
    "end": ("end date", "target end"),  # planned: an epic's roadmap end (else its due date)
    # repeated cells, one value each
    "watchers": ("watchers", "watcher"),
    "comments": ("comment", "comments"),
    "attachments": ("attachment", "attachments"),
    "sprint": ("sprint", "sprints"),
    "components": ("component/s", "components", "component"),
    # names behind the ids in comments (Jira Cloud writes account ids there)
    "reporter": ("reporter",),
    "creator": ("creator",),
    "assignee id": ("assignee id",),
    "reporter id": ("reporter id",),
    "creator id": ("creator id",),
}
_YES = frozenset({"true", "yes", "y", "1", "x", "✓", "archived"})
_NO = frozenset({"false", "no", "n", "0", "", "-"})
_COLOURED_LABEL = re.compile(
    r"(.*?)\s*\(((?:" + "|".join(c for c in TRELLO_COLOURS if "_" not in c)
    + r")(?:_light|_dark)?)\)", re.IGNORECASE)


def parse_yes_no(value: str) -> bool | None:
    """Read a yes/no cell (true, yes, 1, x…); None if it is neither."""
    text = value.strip().casefold()
    return True if text in _YES else False if text in _NO else None


def split_coloured_label(text: str) -> tuple[str, str | None]:
    """Split Trello's CSV label “Bug (red)” into its name and hex colour."""
    match = _COLOURED_LABEL.fullmatch(text.strip())
    if match is None:
        return text.strip(), None
    colour = match.group(2).lower()
    return match.group(1).strip() or colour_label_name(colour), TRELLO_COLOURS[colour]
_FIELD_OF_HEADER = {word: field for field, words in HEADER_SYNONYMS.items() for word in words}


def header_field(header: str) -> str | None:
    """Map a CSV header (any case, Jira's “Custom field (…)” wrapper too) to a field name."""
    text = unicodedata.normalize("NFKC", header).strip().strip('"').casefold()
    wrapped = re.fullmatch(r"custom field \((.*)\)", text)
    if wrapped:
        text = wrapped.group(1)
    text = " ".join(re.sub(r"[_\s]+", " ", text).split())
    return _FIELD_OF_HEADER.get(text)
